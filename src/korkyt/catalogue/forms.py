"""Staff forms for films. They collect input; the services validate and save it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from korkyt.catalogue.models import (
    SYNOPSIS_MAX,
    TITLE_MAX,
    CompanyKind,
    CreditRole,
    FilmKind,
    FilmStatus,
    TitleKind,
    TrackKind,
    TrackStatus,
    VersionKind,
)
from korkyt.core.countries import country_choices
from korkyt.core.forms import CountriesField, LangSelect, ModelChoiceField
from korkyt.core.languages import content_language_choices
from korkyt.institutions.forms import MemorandumChoiceField
from korkyt.institutions.models import CooperationArea


class FilmForm(forms.Form):
    """A film's main facts, its original title and a synopsis in one language. Credits, other titles, and
    versions and tracks have pages of their own."""

    owner = forms.ChoiceField(label=_("Owning institution"), widget=LangSelect)
    title = forms.CharField(label=_("Original title"), max_length=TITLE_MAX)
    title_language = forms.ChoiceField(label=_("Language of the title"), choices=content_language_choices())
    kind = forms.ChoiceField(label=_("Kind"), choices=FilmKind.choices)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=FilmStatus.choices,
        help_text=_("A draft is seen only by your institution's members."),
    )
    year = forms.IntegerField(label=_("Production year"), required=False)
    runtime = forms.IntegerField(
        label=_("Running time (minutes)"), required=False, min_value=1, max_value=1500
    )
    majority_country = forms.ChoiceField(label=_("Majority producing country"), required=False)
    other_countries = CountriesField(
        label=_("Other producing countries"),
        help_text=_("Names or two-letter codes separated by commas (Kyrgyzstan, TR)."),
        required=False,
        max_length=1000,
    )
    original_languages = forms.MultipleChoiceField(
        label=_("Original languages"),
        choices=content_language_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    memorandum = MemorandumChoiceField(
        help_text=_("The film is counted in this memorandum's report of activities."),
    )
    area = ModelChoiceField(
        label=_("Area of cooperation"), queryset=CooperationArea.objects.all(), required=False
    )
    synopsis_language = forms.ChoiceField(
        label=_("Language of the synopsis"), choices=content_language_choices()
    )
    synopsis = forms.CharField(
        label=_("Synopsis"),
        max_length=SYNOPSIS_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(
        self, *args: Any, owners: list[tuple[str, Any]], user: Any, memorandum: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        countries = country_choices()
        self.fields["owner"].choices = owners  # type: ignore[attr-defined]
        # the memoranda the user may record the film under, and the one it is under kept as it is
        memoranda = self.fields["memorandum"]
        assert isinstance(memoranda, MemorandumChoiceField)
        memoranda.offer(user, memorandum)
        self.fields["majority_country"].choices = countries  # type: ignore[attr-defined]
        # The texts are in their own language, not the page's (screen readers, hyphenation, fonts).
        for field, language in (("title", "title_language"), ("synopsis", "synopsis_language")):
            tag = self.data.get(language) if self.is_bound else self.initial.get(language)
            if tag:
                self.fields[field].widget.attrs["lang"] = tag

    def facts(self) -> dict[str, Any]:
        """What both ``film_create`` and ``film_update`` take from the form (not the title)."""
        data = self.cleaned_data
        return {
            "owner": data["owner"],
            "kind": data["kind"],
            "status": data["status"],
            "year": data["year"],
            "runtime": data["runtime"],
            "countries": self.countries(),
            "original_languages": data["original_languages"],
            "memorandum": data["memorandum"],
            "area": data["area"],
        }

    def countries(self) -> list[dict[str, str]]:
        """The producing countries for the services: the majority one first."""
        data = self.cleaned_data
        rows = [{"country": data["majority_country"], "role": "majority"}] if data["majority_country"] else []
        rows += [
            {"country": c, "role": "minority"}
            for c in data.get("other_countries") or []
            if c != data["majority_country"]
        ]
        return rows


class _InOwnLanguage(forms.Form):
    """A form whose ``text`` field is written in the language chosen in its ``language`` field: the input
    carries that ``lang`` (screen readers, fonts)."""

    text_field = "text"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tag = self.data.get(self.add_prefix("language")) if self.is_bound else self.initial.get("language")
        if tag and self.text_field in self.fields:
            self.fields[self.text_field].widget.attrs["lang"] = tag


class CreditAddForm(forms.Form):
    """A credit named as a person types it: a name as in the catalogue or its number there."""

    role = forms.ChoiceField(label=_("Role"), choices=CreditRole.choices)
    name = forms.CharField(
        label=pgettext_lazy("person", "Name"),
        max_length=200,
        help_text=_("As in the catalogue, or its number there (#12); someone new is added to the catalogue."),
    )
    language = forms.ChoiceField(
        label=_("Language of the name"),
        choices=[("", _("Guess from the script")), *content_language_choices()],
        required=False,
    )
    character = forms.CharField(label=_("Character"), max_length=200, required=False)
    billing_order = forms.IntegerField(label=_("Billing order"), min_value=1, max_value=999, required=False)


class PersonForm(forms.Form):
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False)
    death_year = forms.IntegerField(label=_("Year of death"), required=False)
    wikidata_id = forms.CharField(label=_("Wikidata id"), max_length=20, required=False)
    imdb_id = forms.CharField(label=_("IMDb id"), max_length=12, required=False)


class NameForm(_InOwnLanguage):
    """One of a person's names, as written in one language and script (transliterations are generated)."""

    text = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=200)
    language = forms.ChoiceField(
        label=_("Language of the name"),
        choices=[("", _("Guess from the script")), *content_language_choices()],
        required=False,
    )


NameFormSet = forms.formset_factory(NameForm, extra=2, can_delete=True, max_num=30, absolute_max=30)


class TitleForm(_InOwnLanguage):
    """Another title of a film: translated, alternative, festival or working (transliterations follow)."""

    text = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    language = forms.ChoiceField(label=_("Language of the title"), choices=content_language_choices())
    kind = forms.ChoiceField(label=_("Kind"), choices=TitleKind.choices, initial=TitleKind.TRANSLATED)


class VersionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=VersionKind.choices)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", "—"), *content_language_choices()], required=False
    )
    runtime = forms.IntegerField(
        label=_("Running time (minutes)"), required=False, min_value=1, max_value=1500
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class TrackForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=TrackKind.choices)
    language = forms.ChoiceField(label=_("Language"), choices=content_language_choices())
    status = forms.ChoiceField(label=_("Status"), choices=TrackStatus.choices, initial=TrackStatus.AVAILABLE)
    version = forms.ChoiceField(label=_("Version"), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, versions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [("", _("The film as a whole")), *versions]  # type: ignore[attr-defined]


class CompanyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CompanyKind.choices)
    country = forms.ChoiceField(label=_("Country"), required=False)
    website = forms.URLField(label=_("Website"), max_length=500, required=False, assume_scheme="https")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()  # type: ignore[attr-defined]


class CompanyNameForm(_InOwnLanguage):
    """A company's name in one language (one name per language)."""

    text_field = "name"
    name = forms.CharField(label=_("Name"), max_length=200)
    # "—" first: an empty extra row is left unchanged, so it is not validated
    language = forms.ChoiceField(
        label=_("Language of the name"), choices=[("", "—"), *content_language_choices()]
    )


class _OneNamePerLanguage(forms.BaseFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        seen: set[str] = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data.get("name") or not data.get("language"):
                continue
            tag = data["language"]
            if tag in seen:  # (add_error takes the field out of cleaned_data)
                form.add_error("language", _("The company has another name in this language."))
            seen.add(tag)


CompanyNameFormSet = forms.formset_factory(
    CompanyNameForm,
    formset=_OneNamePerLanguage,
    extra=2,
    can_delete=True,
    max_num=30,
    absolute_max=30,
)
