# One way of writing a date, a time and a number in Arabic, for the public site and the admin
# alike: Django's Arabic locale sets only some of these, and the admin's lists and revision pages
# then fell back to the US DATETIME_FORMAT ("ديسمبر 3, 2026").
DATE_FORMAT = "j F، Y"  # 22 نوفمبر، 2026
# The 24-hour clock the admin's date and time fields are typed in, so a scheduled time reads the
# same in the list as in the form.
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F، Y، H:i"  # 22 نوفمبر، 2026، 14:05
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"

# The site writes Western digits in Arabic too, so it groups and separates them as Arabic news
# writing does with those digits ("5,000", "2.5"), not as Django's Arabic formats do ("5.000").
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
