"""Forms of the co-production pages; they only gather values, the services decide."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from korkyt.coproduction.models import (
    CURRENCY_CHOICES,
    MAX_AMOUNT,
    MAX_RATE,
    DocumentKind,
    ElementJob,
    Partner,
    PartnerRole,
    ProjectKind,
    ProjectStage,
    SourceKind,
    SourceStatus,
)
from korkyt.core.concurrency import VERSION_FIELD
from korkyt.core.countries import country_choices
from korkyt.core.forms import DayField, LiveSearchInput, ModelChoiceField
from korkyt.core.languages import content_language_choices
from korkyt.core.once import add_once_field
from korkyt.institutions.forms import MemorandumChoiceField
from korkyt.institutions.models import CooperationArea


def _below(limit: Decimal, message: Any) -> Callable[[Decimal | None], None]:
    def check(value: Decimal | None) -> None:
        if value is not None and value >= limit:
            raise ValidationError(message)

    return check


#: the services' limits (services.editing.check_amount, check_rate), said the same way on the forms
below_max_amount = _below(MAX_AMOUNT, _("Give an amount below 1,000,000,000,000,000."))
below_max_rate = _below(MAX_RATE, _("Give a rate below 1,000,000,000."))


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    language = forms.ChoiceField(label=_("Language of the title and texts"))
    logline = forms.CharField(label=_("Logline"), max_length=500, required=False)
    synopsis = forms.CharField(label=_("Synopsis"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProjectKind.choices)
    stage = forms.ChoiceField(label=_("Stage"), choices=ProjectStage.choices)
    runtime_min = forms.IntegerField(
        label=_("Running time (minutes)"), min_value=1, max_value=10000, required=False
    )
    budget = forms.DecimalField(
        label=_("Budget"),
        min_value=0,
        max_digits=18,
        decimal_places=2,
        required=False,
        validators=[below_max_amount],
    )
    currency = forms.ChoiceField(label=_("Currency of the project"), choices=CURRENCY_CHOICES, initial="USD")
    female_director = forms.NullBooleanField(
        label=_("A female director is attached"),
        required=False,
        widget=forms.Select(choices=[("unknown", _("Not said")), ("true", _("Yes")), ("false", _("No"))]),
        help_text=_("Eurimages gives up to 25 % of the cost of a fiction or animation film then, else 17 %."),
    )
    shooting_starts_on = DayField(label=_("Shooting starts"), required=False)
    shooting_ends_on = DayField(label=_("Shooting ends"), required=False)
    applied_on = DayField(label=_("Applied to the authorities"), required=False)
    memorandum = MemorandumChoiceField(label=_("Made under the memorandum"))
    area = ModelChoiceField(
        label=_("Area of cooperation"), queryset=CooperationArea.objects.all(), required=False
    )
    #: the project's version when the form was loaded (core.concurrency): a save refused once it changed
    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, memoranda: Any = None, new: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not new:  # the texts are those of the language chosen above the form: saved as that language
            self.fields["language"].widget = forms.HiddenInput()
        if new:
            del self.fields[VERSION_FIELD]
            add_once_field(self)  # sent twice (Back, then Save), it makes one project
        self.fields["language"].choices = content_language_choices()  # type: ignore[attr-defined]
        # The texts are in their own language, not the page's (screen readers, spelling, fonts).
        tag = self.data.get(self.add_prefix("language")) if self.is_bound else self.initial.get("language")
        if tag:
            for name in ("title", "logline", "synopsis"):
                self.fields[name].widget.attrs["lang"] = tag
        if new:  # a new project starts at a stage of its making (or made), not cancelled
            self.fields["stage"].choices = [  # type: ignore[attr-defined]
                (value, label) for value, label in ProjectStage.choices if value != ProjectStage.CANCELLED
            ]
        if memoranda is not None:
            self.fields["memorandum"].queryset = memoranda  # type: ignore[attr-defined]


def _picker(what: str, prefix: str) -> LiveSearchInput:
    """A text input that searches the catalogue as one types (htmx); the matches arrive as radio buttons
    (keyboard: Tab into the list, arrows to choose) in ``#<prefix>-pick``, right under the field."""
    return LiveSearchInput(
        url=reverse_lazy("coproduction:pick", args=[what]),
        results=f"{prefix}-pick",
        hx_vals=f'{{"field": "{prefix}-pick"}}',
    )


class PartnerForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=300,
        required=False,
        widget=_picker("partner", "partner"),
        help_text=_("Type two letters to search the catalogue's companies and institutions."),
    )
    country = forms.ChoiceField(
        label=_("Country"), required=False, help_text=_("A catalogue entry brings its own country.")
    )
    role = forms.ChoiceField(label=_("Role"), choices=PartnerRole.choices, initial=PartnerRole.MINORITY)
    finance_only = forms.BooleanField(label=_("Financial only"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()  # type: ignore[attr-defined]


class SourceForm(forms.Form):
    partner = ModelChoiceField(
        label=_("Counts toward partner"), queryset=Partner.objects.none(), required=False
    )
    kind = forms.ChoiceField(label=_("Source"), choices=SourceKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    amount = forms.DecimalField(
        label=_("Amount"), min_value=0, max_digits=18, decimal_places=2, validators=[below_max_amount]
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES)
    status = forms.ChoiceField(label=_("Status"), choices=SourceStatus.choices, initial=SourceStatus.PENDING)
    rate = forms.DecimalField(
        label=_("Rate"),
        min_value=0,
        max_digits=24,
        decimal_places=12,
        required=False,
        validators=[below_max_rate],
        help_text=_("Units of this currency per one unit of the project's currency."),
    )
    rate_on = DayField(label=_("Rate date"), required=False)

    def __init__(self, *args: Any, project: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if project is not None:
            self.fields["partner"].queryset = project.partners.all()  # type: ignore[attr-defined]


class ElementForm(forms.Form):
    job = forms.ChoiceField(label=_("Job"), choices=ElementJob.choices)
    name = forms.CharField(
        label=_("Name or place"),
        max_length=300,
        required=False,
        widget=_picker("person", "element"),
        help_text=_("Type two letters to search the catalogue's people."),
    )
    country = forms.ChoiceField(label=_("Country"))
    days = forms.IntegerField(label=_("Days worked"), min_value=1, max_value=1000, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("return", _("Return with comments"))]
    )
    comments = forms.CharField(label=_("Comments"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DocumentForm(forms.Form):
    """One document of the application file; its size and type are checked by the service, by content."""

    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word or OpenDocument text, a spreadsheet, or plain text."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.odt,.xlsx,.ods,.txt,application/pdf,text/plain"}
        ),
    )
