"""Staff forms. They collect input; the services validate and save it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from korkyt.core.countries import country_choices
from korkyt.core.forms import (
    DayField,
    LangCheckboxSelectMultiple,
    LangSelect,
    ModelChoiceField,
    PdfFileField,
    RowsChoiceField,
)
from korkyt.core.languages import content_language_choices, request_language
from korkyt.core.uploads import max_upload_mb
from korkyt.institutions.areas import area_name
from korkyt.institutions.models import (
    DESCRIPTION_MAX,
    NAME_MAX,
    CooperationArea,
    DatePrecision,
    Institution,
    InstitutionKind,
    Memorandum,
    MemorandumStatus,
)
from korkyt.institutions.selectors import (
    institution_texts,
    institution_visibility,
    memorandum_recordable,
    memorandum_title,
    memorandum_visible,
)


def _texts_language(form: Any, language_loaded: bool) -> None:
    """Mark the inputs of ``form.texts`` with the form's language; with ``language_loaded`` (chosen above
    the form) that language is kept as a hidden field, not offered again beside the texts."""
    if language_loaded:
        form.fields["language"].widget = forms.HiddenInput()
    tag = form.data.get("language") if form.is_bound else form.initial.get("language")
    if tag:
        for name in form.texts:
            form.fields[name].widget.attrs["lang"] = tag


class InstitutionEditForm(forms.Form):
    website = forms.URLField(label=_("Website"), required=False, max_length=500, assume_scheme="https")
    language = forms.ChoiceField(label=_("Language of the texts below"), choices=content_language_choices())
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    short_name = forms.CharField(label=_("Short name"), max_length=80, required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    #: the fields written in the form's ``language`` (their inputs carry its ``lang``)
    texts = ("name", "short_name", "description")

    def __init__(self, *args: Any, language_loaded: bool = False, **kwargs: Any) -> None:
        """``language_loaded``: the texts are those of a language chosen above the form (the edit page),
        so the language is kept as a hidden field, not offered again beside texts of another language."""
        super().__init__(*args, **kwargs)
        _texts_language(self, language_loaded)


class InstitutionCreateForm(InstitutionEditForm):
    """A platform administrator adds an institution: its code, kind and country, and its name (with a short
    name and a description) in one language; the other languages are added on its edit page."""

    code = forms.CharField(
        label=_("Code"),
        max_length=30,
        help_text=_("Use 2–30 capital Latin letters, digits and hyphens, such as KZ-SCSNC."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=InstitutionKind.choices)
    country = forms.ChoiceField(label=_("Country"))
    native_language = forms.ChoiceField(label=_("Its own language"), choices=content_language_choices())
    is_public = forms.BooleanField(label=_("Shown on the public site"), required=False, initial=True)
    field_order = ("code", "kind", "country", "native_language", "website", "language", "name")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()  # type: ignore[attr-defined]


class AreaChoiceField(RowsChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(area_name(obj.code))


class InstitutionChoiceField(RowsChoiceField):
    """Institutions ticked by their name in the reader's language, marked with its ``lang``, and their
    country: "<span lang="en">Cinema Agency of the Republic of Azerbaijan</span> (Azerbaijan)"."""

    def label_from_instance(self, obj: Any) -> Any:
        name = institution_texts(obj, request_language())[0]
        return format_html('<span lang="{}">{}</span> ({})', name.lang, name.text, obj.country.name)


class MemorandumChoiceField(ModelChoiceField):
    """The memorandum an activity (a film, an event, an edition, a co-production) is recorded under, chosen
    by its title in the reader's language (the option carries its ``lang``). :meth:`offer` lists the ones a
    person may record under."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Memorandum"))
        kwargs.setdefault("queryset", Memorandum.objects.none())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    #: the memorandum the activity is under that its editor may not see (another parties' draft): kept as
    #: it is, never named
    unseen: int | None = None

    def label_from_instance(self, obj: Any) -> Any:
        if obj.pk == self.unseen:
            return gettext("A memorandum you may not see")
        return memorandum_title(obj, request_language())

    def offer(self, user: Any, current: Any = None) -> None:
        """Offer the memoranda ``user`` may record an activity under (its parties' editors), and the one it
        is under (``current``: a memorandum or its id) kept as it is; named only to those who may see it."""
        memoranda = memorandum_recordable(user) if user is not None else Memorandum.objects.none()
        pk = getattr(current, "pk", current)
        if pk is not None:
            memoranda = memoranda | Memorandum.objects.filter(pk=pk)
            if not memorandum_visible(user).filter(pk=pk).exists():
                self.unseen = pk
        self.queryset = memoranda.distinct().order_by("pk")


class FrameworkChoiceField(ModelChoiceField):
    """An institution chosen from a list by its name in the reader's language (the option carries its
    ``lang``: ``LangSelect``)."""

    widget = LangSelect

    def label_from_instance(self, obj: Any) -> Any:
        return institution_texts(obj, request_language())[0]


class MemorandumForm(forms.Form):
    parties = InstitutionChoiceField(
        label=_("Parties"),
        queryset=Institution.objects.prefetch_related("translations").order_by("code"),
        widget=LangCheckboxSelectMultiple,
    )
    areas = AreaChoiceField(
        label=_("Areas of cooperation"),
        queryset=CooperationArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    status = forms.ChoiceField(label=_("Status"), choices=MemorandumStatus.choices)
    signed_on = DayField(label=_("Signed on"), required=False)
    signed_on_precision = forms.ChoiceField(
        label=_("Precision of the date"), choices=DatePrecision.choices, initial=DatePrecision.DAY
    )
    framework = FrameworkChoiceField(
        label=_("Framework"),
        queryset=Institution.objects.prefetch_related("translations").order_by("code"),
        required=False,
    )
    valid_until = DayField(label=_("Valid until"), required=False)
    source_url = forms.URLField(label=_("Source"), required=False, max_length=500, assume_scheme="https")
    document = PdfFileField(label=_("Signed document (PDF)"), required=False)
    language = forms.ChoiceField(
        label=_("Language of the title, summary and place"), choices=content_language_choices(), initial="en"
    )
    title = forms.CharField(label=_("Title"), max_length=NAME_MAX, required=False)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    place = forms.CharField(label=_("Place of signing"), max_length=200, required=False)
    #: the fields written in the form's ``language`` (their inputs carry its ``lang``)
    texts = ("title", "summary", "place")

    def __init__(
        self,
        *args: Any,
        user: Any = None,
        memorandum: Any = None,
        language_loaded: bool = False,
        **kwargs: Any,
    ) -> None:
        """``language_loaded``: the texts are those of a language chosen above the form (the edit page), so
        the language is kept as a hidden field: chosen again beside the texts of another language, saving
        them (empty) would remove the texts of the language chosen."""
        super().__init__(*args, **kwargs)
        _texts_language(self, language_loaded)
        # only the institutions the user may see are offered, and those already on the memorandum
        parties = [link.institution_id for link in memorandum.party_links.all()] if memorandum else []
        framework = [memorandum.framework_id] if memorandum and memorandum.framework_id else []
        visible = Q(pk__in=Institution.objects.filter(institution_visibility(user)).values("pk"))
        base = Institution.objects.prefetch_related("translations").order_by("code")
        self.fields["parties"].queryset = base.filter(visible | Q(pk__in=parties))  # type: ignore[attr-defined]
        self.fields["framework"].queryset = base.filter(visible | Q(pk__in=framework))  # type: ignore[attr-defined]
        self.fields["document"].label = gettext("Signed document (PDF, at most %(limit)d MB)") % {
            "limit": max_upload_mb()
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        signed_on, valid_until = data.get("signed_on"), data.get("valid_until")
        if signed_on and valid_until and valid_until < signed_on:
            self.add_error("valid_until", _("The end of validity comes before the signing date."))
        return data
