"""English: times in 24 hours, as festival times are written everywhere else on the site and in every other
language ("March 1, 2027, 23:59", "03/01/2027 15:29"); Django's English formats write "11:59 p.m.". A date
with its month is CLDR's long date, as pages write it (``core/dates.py``: "March 1, 2027", not Django's
"Mar. 1, 2027"); the other formats are Django's."""

DATE_FORMAT = "F j, Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "F j, Y, H:i"
SHORT_DATETIME_FORMAT = "m/d/Y H:i"
