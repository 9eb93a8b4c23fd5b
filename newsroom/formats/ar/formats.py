# The site writes Western digits in Arabic too, so it groups and separates them as Arabic news
# writing does with those digits ("5,000", "2.5"), not as Django's Arabic formats do ("5.000").
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
