"""Turkish (CLDR tr): a day without a leading zero, "5 Mart 2027", "1 Mar 2026", "6 Ara 2026 10:23" (CLDR's
long and medium dates). Django's Turkish formats write "05 Mart 2027" and "01 Mar 2026"; its separators
(1.234,5), input formats and first day of the week stay."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
