from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField

from korkyt.festival.models import Flag, Premiere, SectionKind


class EntryForm(forms.Form):
    """A nomination or a direct submission: the section, the catalogue film and the screener."""

    section = forms.ChoiceField(label=_("Section"))
    film = forms.IntegerField(
        label=_("Catalogue film number"),
        min_value=1,
        help_text=_("The number in the film's address in the catalogue (/films/NUMBER/)."),
    )
    premiere = forms.ChoiceField(label=_("Premiere status"), choices=Premiere.choices, initial=Premiere.NONE)
    runtime = forms.IntegerField(
        label=_("Running time of the screening copy (minutes)"), min_value=1, max_value=1500, required=False
    )
    screener_url = forms.URLField(label=_("Screener link"), required=False, assume_scheme="https")
    screener_password = forms.CharField(label=_("Screener password"), required=False, max_length=200)
    stills = forms.FileField(
        label=_("Stills"), required=False, help_text=_("A JPEG, PNG or WebP image."), max_length=200
    )
    press_kit = forms.FileField(
        label=_("Press kit"), required=False, help_text=_("A PDF or office document."), max_length=200
    )

    def __init__(self, *args: Any, sections: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = sections  # type: ignore[attr-defined]

    def files_given(self) -> dict[str, Any]:
        """The stills and press kit uploaded with the entry (those left empty are not named)."""
        return {k: self.cleaned_data[k] for k in ("stills", "press_kit") if self.cleaned_data.get(k)}


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the programmers"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    note = forms.CharField(
        label=_("Private note (only you see it)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    flag = forms.ChoiceField(label=_("Flag"), choices=Flag.choices, required=False)

    def __init__(self, *args: Any, criteria: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for c in criteria:
            self.fields[f"score_{c.code}"] = forms.DecimalField(
                label=f"{c.label} (0–{c.max_score}, ×{c.weight:g})",
                min_value=0,
                max_value=c.max_score,
                decimal_places=1,
                required=False,
            )

    def scores(self) -> dict[str, Any]:
        return {
            c.code: self.cleaned_data.get(f"score_{c.code}")
            for c in self.criteria
            if self.cleaned_data.get(f"score_{c.code}") is not None
        }


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _codes(value: str) -> list[str]:
    return [part.strip() for part in (value or "").replace(";", ",").split(",") if part.strip()]


class EditionForm(forms.Form):
    """An edition's facts and its announcement time (in the interface's time zone)."""

    number = forms.IntegerField(label=_("Edition number"), min_value=1, max_value=999)
    city = forms.CharField(label=_("Host city"), max_length=120)
    country = CountryField(blank=False).formfield(label=_("Host country"))
    starts_on = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    venues = forms.CharField(
        label=_("Venues (one a line)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    results_at = forms.DateTimeField(
        label=_("Results announced at"),
        help_text=_("The awards stay sealed until then. Empty: public as soon as they are decided."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        required=False,
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    source_url = forms.URLField(label=_("Source"), required=False, assume_scheme="https", max_length=500)

    def __init__(self, *args: Any, creating: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["number"]

    def venue_list(self) -> list[str]:
        return _lines(self.cleaned_data.get("venues", ""))


class SectionForm(forms.Form):
    """A section's entry rules."""

    kind = forms.ChoiceField(label=_("Section"), choices=SectionKind.choices)
    year_from = forms.IntegerField(
        label=_("Produced from (year)"), min_value=1890, max_value=2100, required=False
    )
    year_to = forms.IntegerField(
        label=_("Produced until (year)"), min_value=1890, max_value=2100, required=False
    )
    runtime_min = forms.IntegerField(
        label=_("Shortest running time (minutes)"), min_value=1, max_value=1500, required=False
    )
    runtime_max = forms.IntegerField(
        label=_("Longest running time (minutes)"), min_value=1, max_value=1500, required=False
    )
    countries = forms.CharField(
        label=_("Eligible countries"),
        help_text=_("Two-letter codes separated by commas (KZ, KG, TR). Empty: every country."),
        required=False,
        max_length=1000,
    )
    premiere = forms.ChoiceField(label=_("Premiere required"), choices=Premiere.choices)
    jury_languages = forms.CharField(
        label=_("Language versions for the jury"),
        help_text=_(
            "Language tags separated by commas (en, ru): the film needs subtitles or dubbing in one."
        ),
        required=False,
        max_length=200,
    )
    max_per_country = forms.IntegerField(
        label=_("Entries per country"), min_value=1, max_value=100, required=False
    )
    direct_allowed = forms.BooleanField(label=_("Producers may submit directly"), required=False)
    reviews_per_entry = forms.IntegerField(label=_("Reviews per entry"), min_value=1, max_value=20, initial=3)

    def __init__(self, *args: Any, kinds: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kinds is None:
            del self.fields["kind"]
        else:
            self.fields["kind"].choices = kinds  # type: ignore[attr-defined]

    def rules(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("kind", None)
        data["countries_allowed"] = [c.upper() for c in _codes(data.pop("countries", ""))]
        data["jury_languages"] = _codes(data.get("jury_languages", ""))
        data["reviews_per_entry"] = data.get("reviews_per_entry") or 3
        return data


class CriterionForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    label = forms.CharField(label=_("Criterion"), max_length=200)
    weight = forms.DecimalField(label=_("Weight"), min_value=0.01, max_value=99, decimal_places=2, initial=1)
    max_score = forms.IntegerField(label=_("Highest score"), min_value=1, max_value=100, initial=10)


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, can_delete=True, max_num=30, absolute_max=30)


class JurorForm(forms.Form):
    email = forms.EmailField(label=_("Email of the juror's account"), max_length=254)
    section = forms.ChoiceField(label=_("Section"))
    president = forms.BooleanField(label=_("President of the jury"), required=False)

    def __init__(self, *args: Any, sections: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = sections  # type: ignore[attr-defined]


class CommitteeForm(forms.Form):
    email = forms.EmailField(label=_("Email of the reviewer's account"), max_length=254)
    sections = forms.MultipleChoiceField(label=_("Sections they review"), widget=forms.CheckboxSelectMultiple)
    countries = forms.CharField(
        label=_("Countries whose entries they review"),
        help_text=_("Two-letter codes separated by commas. Empty: any country."),
        required=False,
        max_length=1000,
    )
    capacity = forms.IntegerField(label=_("Most reviews"), min_value=1, max_value=2000, required=False)

    def __init__(self, *args: Any, sections: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = sections  # type: ignore[attr-defined]

    def clean_countries(self) -> list[str]:
        codes = [c.upper() for c in _codes(self.cleaned_data.get("countries", ""))]
        unknown = [c for c in codes if c not in countries]
        if unknown:
            raise forms.ValidationError(
                _("Unknown country “%(code)s”.") % {"code": unknown[0][:20]}, code="country"
            )
        return list(dict.fromkeys(codes))
