from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Min
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from korkyt.accounts.models import Script
from korkyt.core.countries import country_choices
from korkyt.core.forms import DayField, ModelChoiceField
from korkyt.core.languages import content_language_choices
from korkyt.core.translations import Text


class SignInForm(AuthenticationForm):
    # Django's own sentence names the field by a word Django's Kazakh, Kyrgyz and Uzbek catalogues get
    # wrong or leave in English; this one is Korkyt's, translated with the rest of the site.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The username or email and the password do not match an account. The password is case-sensitive."
        ),
    }
    username = forms.CharField(
        label=_("Username or email"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        # A person who signed up themselves signs in once the address is confirmed (accounts made by an
        # administrator have no address to confirm).
        if getattr(settings, "ACCOUNT_EMAIL_VERIFICATION", "") == "mandatory":
            from allauth.account.models import EmailAddress

            addresses = EmailAddress.objects.filter(user=user)
            if addresses.exists() and not addresses.filter(verified=True).exists():
                raise forms.ValidationError(
                    _("Confirm your email address first: open the link in the message we sent you."),
                    code="unverified",
                )


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What the token is for."))
    expires_in_days = forms.IntegerField(
        label=_("Expires after (days)"), min_value=1, max_value=3650, required=False
    )


class ProfileForm(forms.Form):
    language = forms.ChoiceField(label=_("Interface language"), choices=settings.LANGUAGES)
    script = forms.ChoiceField(
        label=_("Preferred script"),
        choices=[("", _("As the text is written")), *Script.choices],
        required=False,
        help_text=_("For Kazakh and Uzbek, which have texts in both scripts."),
    )
    country = forms.ChoiceField(label=_("Country"), choices=country_choices, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    organisation_company = ModelChoiceField(
        label=_("Organisation in the catalogue"),
        queryset=apps.get_model("catalogue", "Company").objects.none(),
        required=False,
        help_text=_("If your company is in the catalogue, choose it; otherwise write its name above."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        company = apps.get_model("catalogue", "Company")
        field = self.fields["organisation_company"]
        # by name (the first in the alphabet of its names), so the list reads as a list
        field.queryset = (  # type: ignore[attr-defined]
            company.objects.prefetch_related("names")
            .annotate(first_name=Min(Lower("names__name")))
            .order_by("first_name", "pk")
        )
        field.label_from_instance = _company_label  # type: ignore[attr-defined]


def _company_label(company: Any) -> Text | str:
    names = sorted(company.names.all(), key=lambda n: n.language)
    return Text(names[0].name, names[0].language) if names else str(company)


class NameForm(forms.Form):
    language = forms.ChoiceField(label=_("Language and script"), choices=content_language_choices())
    full_name = forms.CharField(
        label=_("Full name"), max_length=200, required=False, help_text=_("Leave empty to remove.")
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Your password, to confirm that you want to delete the account."),
    )


class RoleGrantForm(forms.Form):
    """Grant a role on one object to the person with this address, optionally between two dates (both
    days included)."""

    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"))
    valid_from = DayField(label=_("Valid from"), required=False)
    valid_until = DayField(
        label=_("Valid until"),
        required=False,
        help_text=_("Leave both dates empty for a role without an end. The last day is included."),
    )

    def __init__(self, *args: Any, roles: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end must come after the start."))
        elif end and end < timezone.localdate():  # else "… now holds the role" of a role already over
            self.add_error("valid_until", _("The last day has already passed."))
        return data
