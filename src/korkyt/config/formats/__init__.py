"""Number and date formats for UI languages Django has none for, or whose formats are wrong
(FORMAT_MODULE_PATH), and the month names dates are written with.

``MONTHS_IN_DATES`` marks Django's own "alt. month" messages (the month after a day: the ``E`` of a date
format) for the project's catalogue, which takes precedence over Django's: Django's Kazakh, Kyrgyz,
Azerbaijani, Turkmen and Uzbek catalogues capitalise them ("4 Наурыз", "4 Mart"), which those languages
write in lower case in a date ("4 наурыз 2027", "4 mart 2027"); Russian keeps its genitive ("4 марта"),
Turkish its capitals ("4 Mart"). Nothing imports the tuple: it is here for ``makemessages``."""

from django.utils.translation import pgettext_lazy

MONTHS_IN_DATES = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
