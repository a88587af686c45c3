"""Strings of django-allauth and Django shown on Korkyt's account pages, listed here so that the UI
catalogues translate them in every interface language (allauth ships no Kazakh or Turkmen catalogue, and
Django's Kazakh, Kyrgyz, Uzbek and Turkmen ones lack some of these). Korkyt's catalogue takes precedence
over the libraries' own. ``tests/accounts/test_account_pages_translated.py`` renders the pages in every
language and fails on English left over."""

from django.utils.translation import gettext_noop, ngettext_lazy

LIBRARY_MESSAGES = (
    gettext_noop("Username"),
    gettext_noop("Email"),
    gettext_noop("Email address"),
    gettext_noop("Enter a valid email address."),
    gettext_noop("You must type the same password each time."),
    gettext_noop("This username is already taken. Please choose another."),
    gettext_noop("A user with that username already exists."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("This field is required."),
    # allauth: password change and set, email addresses, confirming access again
    gettext_noop("Change Password"),
    gettext_noop("Set Password"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("Password (again)"),  # the sign-up form's second password field
    gettext_noop("Please type your current password."),
    gettext_noop("Email Addresses"),
    gettext_noop("The following email addresses are associated with your account:"),
    gettext_noop("Verified"),
    gettext_noop("Unverified"),
    gettext_noop("Primary"),
    gettext_noop("Make Primary"),
    gettext_noop("Re-send Verification"),
    gettext_noop("Remove"),
    gettext_noop("Add Email Address"),
    gettext_noop("Add Email"),
    gettext_noop("Do you really want to remove the selected email address?"),
    gettext_noop("This email address is already associated with this account."),
    gettext_noop("Confirm Access"),
    gettext_noop("Please reauthenticate to safeguard your account."),
    gettext_noop("Enter your password:"),
    gettext_noop("Confirm"),
    gettext_noop("Alternative options"),
    gettext_noop("Send me a sign-in code"),
    # allauth's messages after an action (account/messages/*.txt)
    gettext_noop("Removed email address %(email)s."),
    gettext_noop("Primary email address set."),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("You cannot remove your primary email address (%(email)s)."),
    gettext_noop("Unable to confirm %(email)s because it is already confirmed by a different account."),
    # Django's password validators (AUTH_PASSWORD_VALIDATORS: at least 10 characters)
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        10,
    ),
    gettext_noop("Email address"),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
)
