"""Azerbaijani (CLDR az): 1.234.567,89, a point between thousands and a decimal comma; Django's
Azerbaijani formats group with a non-breaking space. The other formats are Django's."""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
