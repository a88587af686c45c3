"""Strings of django-allauth and Django shown on Korkyt's account pages, listed here so that the UI
catalogues translate them in every interface language (allauth ships no Kazakh or Turkmen catalogue and
Django's Kazakh one lacks these). Korkyt's catalogue takes precedence over the libraries' own."""

from django.utils.translation import gettext_noop, ngettext_lazy

LIBRARY_MESSAGES = (
    gettext_noop("Username"),
    gettext_noop("Email"),
    gettext_noop("Enter a valid email address."),
    gettext_noop("You must type the same password each time."),
    gettext_noop("This username is already taken. Please choose another."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("This field is required."),
    gettext_noop("Email address"),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
)
