"""Turkmen: Django's formats write the year with the Russian "г." ("4 Mart 2027 г."); Turkmen writes
"ý." (ýyl): "4 mart 2027 ý." (the month's lower case comes from the project's catalogue, see
korkyt.config.formats). Other formats are Django's."""

DATE_FORMAT = "j E Y ý."
DATETIME_FORMAT = "j E Y ý. G:i"
YEAR_MONTH_FORMAT = "F Y ý."
