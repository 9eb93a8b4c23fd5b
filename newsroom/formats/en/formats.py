# English dates as the coalition writes them, day first like the Arabic ones ("22 November 2026",
# the confirmation emails' "3 May 2025"), never Django's US default ("Nov. 22, 2026"), in the
# public site and the admin alike.
DATE_FORMAT = "j F Y"
# The 24-hour clock the admin's date and time fields are typed in.
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"  # 22 November 2026, 14:05
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
