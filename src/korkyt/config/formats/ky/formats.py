"""Kyrgyz (CLDR ky): 1 234 567,89, a decimal comma with a non-breaking space between thousands. Django's
Kyrgyz formats write a decimal point ("151 500 000.00"); the other formats are Django's."""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
