from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from korkyt.festival.models import Flag, Premiere


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

    def __init__(self, *args: Any, sections: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = sections  # type: ignore[attr-defined]


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
