"""Django's own form messages that every form of Korkyt may show (a date that is no date, a text too long,
a choice not offered, an empty file), listed here so that the UI catalogues translate them in every
interface language: Django's Kyrgyz catalogue writes several of them without a capital, a space or a full
stop ("туура күн киргиз."), its Kazakh one lacks some, and its Uzbek one spells ʻ and ʼ with an apostrophe.
Korkyt's catalogue takes precedence over Django's (``LOCALE_PATHS``). The account pages' own list is
``korkyt.accounts.library_messages``. ``tests/core/test_library_messages.py`` checks each translation."""

from django.utils.translation import gettext_noop, ngettext_lazy

FORM_MESSAGES = (
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid time."),
    gettext_noop("Enter a valid date/time."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a valid value."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("The submitted file is empty."),
    gettext_noop("No file was submitted. Check the encoding type on the form."),
    gettext_noop("No file was submitted."),
    gettext_noop("Null characters are not allowed."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Upload a valid image. The file you uploaded was either not an image or a corrupted image."),
)

FORM_PLURAL_MESSAGES = (
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
)
