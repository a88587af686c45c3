"""Dubbing forms: they collect input; the services validate and save it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Min
from django.db.models.functions import Lower
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from korkyt.accounts.models import Role, User
from korkyt.catalogue.models import Company, Person
from korkyt.catalogue.selectors import company_name, person_name
from korkyt.core.collation import sort_by_name
from korkyt.core.forms import EMPTY_CHOICE, DayField, LangSelect, ModelChoiceField
from korkyt.core.languages import (
    LANGUAGE_NAMES,
    content_language_choices,
    request_language,
)
from korkyt.core.once import add_once_field
from korkyt.institutions.models import Institution, Memorandum
from korkyt.institutions.selectors import institution_texts
from korkyt.localization.dubbing.casting import AGE_MAX
from korkyt.localization.dubbing.models import VoiceKind, VoiceRange, VoiceScript
from korkyt.localization.dubbing.services._common import voice_scripts
from korkyt.localization.forms import _memorandum_label, _people


class DubbingOrderForm(forms.Form):
    """``sources`` are the film's approved translations and uploaded tracks as ("job:ID" | "track:ID",
    label) pairs; the chosen one is checked against them."""

    source = forms.ChoiceField(label=_("Text to adapt"))
    target_language = forms.ChoiceField(label=_("Language of the dub"), choices=content_language_choices())
    voice_script = forms.ChoiceField(
        label=_("Script the voice reads"),
        required=False,
        choices=[("", _("The voice engine's own script")), *list(VoiceScript.choices)],
    )
    studio_institution = ModelChoiceField(
        label=_("Studio (institution)"), queryset=Institution.objects.none(), required=False
    )
    studio_company = ModelChoiceField(
        label=_("Studio (company)"), queryset=Company.objects.none(), required=False
    )
    adapter = ModelChoiceField(label=_("Adapter"), queryset=User.objects.none())
    director = ModelChoiceField(label=_("Dubbing director"), queryset=User.objects.none())
    deadline = DayField(label=_("Deadline"), required=False)
    memorandum = ModelChoiceField(label=_("Memorandum"), queryset=Memorandum.objects.none(), required=False)

    def __init__(
        self, *args: Any, sources: list[tuple[str, str]], memoranda: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        add_once_field(self)  # sent twice (Back, then Order), it orders one job
        languages = [code for code, _label in self.fields["target_language"].choices if code]  # type: ignore[attr-defined]
        if all(len(voice_scripts(code)) < 2 for code in languages):
            # the voice engine reads each language in one script (espeak-ng): there is nothing to choose,
            # and a script it cannot read is not offered
            del self.fields["voice_script"]
        self.fields["source"].choices = [("", EMPTY_CHOICE), *sources]  # type: ignore[attr-defined]
        self.fields["adapter"].queryset = _people(Role.TRANSLATOR)  # type: ignore[attr-defined]
        self.fields["director"].queryset = _people(Role.REVIEWER)  # type: ignore[attr-defined]
        language = request_language()
        institutions = self.fields["studio_institution"]
        institutions.queryset = Institution.objects.prefetch_related("translations").order_by("code")  # type: ignore[attr-defined]
        institutions.label_from_instance = lambda i: institution_texts(i, language)[1]  # type: ignore[attr-defined]
        companies = self.fields["studio_company"]
        companies.queryset = (  # type: ignore[attr-defined]
            Company.objects.prefetch_related("names")
            .annotate(first_name=Min(Lower("names__name")))
            .order_by("first_name", "pk")
        )
        companies.label_from_instance = lambda c: company_name(c, language)  # type: ignore[attr-defined]
        if memoranda is not None:
            self.fields["memorandum"].queryset = memoranda  # type: ignore[attr-defined]
        self.fields["memorandum"].label_from_instance = _memorandum_label  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("studio_institution") and data.get("studio_company"):
            self.add_error(
                "studio_company", gettext("Choose the studio either as an institution or as a company.")
            )
        return data


class CharacterForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)


class VoiceProfileForm(forms.Form):
    """A catalogue person described as a voice actor. The choices are offered here; the ages, the languages
    and the note are checked by ``casting.voice_profile_save``, which names every problem at once."""

    person = forms.ChoiceField(
        label=_("Person"),
        widget=LangSelect,
        error_messages={
            "required": _("Choose a person of the catalogue."),
            "invalid_choice": _("Choose a person of the catalogue."),
        },
    )
    languages = forms.MultipleChoiceField(
        label=_("Dubs in"), required=False, widget=forms.CheckboxSelectMultiple
    )
    voice = forms.ChoiceField(label=_("Voice"), choices=VoiceKind.choices)
    range = forms.ChoiceField(label=_("Range"), required=False, choices=[("", "—"), *VoiceRange.choices])
    age_min = forms.CharField(
        label=_("Youngest age played"),
        required=False,
        max_length=3,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 3}),
    )
    age_max = forms.CharField(
        label=_("Oldest age played"),
        required=False,
        max_length=3,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 3}),
    )
    notes = forms.CharField(label=_("Notes (accents, singing…)"), required=False, max_length=300)

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = request_language()
        named = sort_by_name(
            ((str(p.pk), person_name(p, language)) for p in people), name=lambda pair: pair[1].text
        )
        self.fields["person"].choices = [("", "—"), *named]  # type: ignore[attr-defined]
        self.fields["languages"].choices = list(LANGUAGE_NAMES.items())  # type: ignore[attr-defined]
        for name in ("age_min", "age_max"):
            self.fields[name].help_text = gettext("A whole number from 0 to %(max)s.") % {"max": AGE_MAX}
