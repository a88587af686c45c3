"""Form helpers shared by apps."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from korkyt.core.countries import country_code, country_name
from korkyt.core.http import id_from
from korkyt.core.languages import normalize_tag, request_language
from korkyt.core.uploads import file_too_large_message, max_upload_bytes


def validate_pdf_upload(upload: UploadedFile | None) -> None:
    """Refuse a document that is not a PDF or is larger than KORKYT_MAX_UPLOAD_MB."""
    if upload is None:
        return
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(file_too_large_message(upload.size), code="file_too_large")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError(_("The document must be a PDF file."), code="not_pdf")


#: The years a date typed into a form may fall in. Outside them a date is a typing slip ("0027"), and near
#: the ends of Python's calendar a time zone's offset carries a moment past year 1 or 9999, which neither
#: Python nor the database can hold (a server error instead of a message).
YEARS = (1900, 2199)


def _check_year(value: Any) -> None:
    if value is not None and not YEARS[0] <= value.year <= YEARS[1]:
        raise ValidationError(
            _("Give a year between %(first)s and %(last)s."),
            code="year",
            params={"first": YEARS[0], "last": YEARS[1]},
        )


class MomentField(forms.DateTimeField):
    """A date and time typed into a ``datetime-local`` input, read as a wall time of the active time zone
    (a view that wants another zone wraps the form in ``timezone.override``); a year outside ``YEARS`` is
    refused on the field."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def validate(self, value: Any) -> None:
        super().validate(value)
        _check_year(value)


class DayField(forms.DateField):
    """A day typed into a ``date`` input; a year outside ``YEARS`` is refused on the field."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # the input reads ISO days only

    def validate(self, value: Any) -> None:
        super().validate(value)
        _check_year(value)


class _LangOptions:
    """Choices that may be labelled with ``Text`` (a name in the language it is written in) carry that
    ``lang``, so that a screen reader reads "Әлия Нұрова" as Kazakh: an ``option`` takes the attribute, and a
    checkbox's or radio button's label becomes a ``span`` marked with it."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option: dict[str, Any] = super().create_option(*args, **kwargs)  # type: ignore[misc]
        label = option["label"]
        lang = getattr(label, "lang", "")
        if not lang:
            return option
        if getattr(self, "input_type", None) in ("checkbox", "radio"):
            option["label"] = format_html('<span lang="{}">{}</span>', lang, str(label))
        else:
            option["attrs"]["lang"] = lang
        return option


class LangSelect(_LangOptions, forms.Select):
    """A select whose options carry the language of their ``Text`` labels."""


class LangSelectMultiple(_LangOptions, forms.SelectMultiple):
    """A multiple select whose options carry the language of their ``Text`` labels."""


class LangCheckboxSelectMultiple(_LangOptions, forms.CheckboxSelectMultiple):
    """Checkboxes whose labels carry the language of their ``Text`` labels."""


class LangRadioSelect(_LangOptions, forms.RadioSelect):
    """Radio buttons whose labels carry the language of their ``Text`` labels."""


#: The empty choice of every list on the site ("—"; Django's own "---------" reads as a rule).
EMPTY_CHOICE = "—"


class LiveSearchInput(forms.TextInput):
    """A text input whose matches an htmx request puts, as one types, in a region right under it
    (``core/_field.html`` draws ``<div id="<results>" aria-live="polite">`` after the field's help), so that
    by keyboard the matches come next, before the form's other fields. ``url``: the view answering with the
    matches (it gets the input's value, and ``hx_vals``)."""

    def __init__(
        self, *, url: Any, results: str, hx_vals: str = "", attrs: dict[str, Any] | None = None
    ) -> None:
        self.results_region = results
        super().__init__(
            attrs={
                "hx-get": url,
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": f"#{results}",
                **({"hx-vals": hx_vals} if hx_vals else {}),
                "autocomplete": "off",
                "aria-controls": results,
                **(attrs or {}),
            }
        )


class ModelChoiceField(forms.ModelChoiceField):
    """A row chosen from a list whose empty choice reads :data:`EMPTY_CHOICE`, like the site's other lists."""

    widget = LangSelect  # a label given as ``Text`` marks its option with its language

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", EMPTY_CHOICE)
        super().__init__(*args, **kwargs)


class RowsChoiceField(forms.ModelMultipleChoiceField):
    """Several rows chosen by id. A value that no row can have as its id (past 64 bits, zero, negative,
    digits other than ASCII) is refused as an unknown choice before the database sees it: Django passes
    the values to ``pk__in`` as they are, and a number past 64 bits there fails in the database driver
    (a server error) instead of the form."""

    widget = LangSelectMultiple  # a label given as ``Text`` marks its option with its language

    def clean(self, value: Any) -> QuerySet[Any]:
        if self.to_field_name is None and isinstance(value, list | tuple):
            for raw in self.prepare_value(value):  # rows given as rows (in code) become their ids
                if id_from(str(raw)) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": raw}
                    )
        return super().clean(value)


class CountriesField(forms.CharField):
    """Countries typed by name in any of the interface languages or by two-letter code, separated by commas
    ("Kyrgyzstan, kz", "Қазақстан; TR"): cleaned to their codes in the order typed, each once. A part that
    names no country is refused, naming it. A list of codes given as the value (a form's initial) is shown
    by the countries' names in the reader's language, so that a saved form reads as it was typed."""

    # lazy: the class is made once, when no language is active; the message is read in the reader's
    default_error_messages = {"country": gettext_lazy("Unknown country “%(code)s”.")}

    def clean(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().clean(value)
        codes: list[str] = []
        for part in (text or "").replace(";", ",").split(","):
            if not part.strip():
                continue
            code = country_code(part)
            if code is None:
                raise ValidationError(
                    self.error_messages["country"], code="country", params={"code": part.strip()[:20]}
                )
            codes.append(code)
        return list(dict.fromkeys(codes))

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            names = [country_name(str(code)) for code in value]
            # a name with a comma in it would read as two countries: its code then
            return ", ".join(n if "," not in n else str(c) for n, c in zip(names, value, strict=True))
        return value


def interface_tags() -> dict[str, str]:
    """The interface's languages ("kk") → the content tag a text in that language is kept under
    ("kk-Cyrl")."""
    return {code: normalize_tag(code) for code, _label in settings.LANGUAGES}


def add_language_fields(
    form: forms.BaseForm, prefix: str, *, label: Any = None, max_length: int, rows: int = 0
) -> None:
    """One optional text field ``<prefix>_<code>`` per interface language, marked with its ``lang``: the
    way a form takes a name or a statement written in several languages. ``label``: a text with
    ``%(language)s`` (the language's name alone when None); ``rows``: a text area of that many rows."""
    for code, name in settings.LANGUAGES:
        attrs: dict[str, Any] = {"lang": code}
        form.fields[f"{prefix}_{code}"] = forms.CharField(
            label=label % {"language": name} if label is not None else name,
            max_length=max_length,
            required=False,
            widget=forms.Textarea(attrs={**attrs, "rows": rows}) if rows else forms.TextInput(attrs=attrs),
        )


def language_texts(form: forms.BaseForm, prefix: str) -> dict[str, str]:
    """The texts of a form's ``<prefix>_<code>`` fields (``add_language_fields``) by interface language; the
    blank ones left out."""
    return {
        code: text
        for code, _label in settings.LANGUAGES
        if (text := form.cleaned_data.get(f"{prefix}_{code}") or "").strip()
    }


def language_initial(kept: Mapping[str, str], prefix: str) -> dict[str, str]:
    """A form's initial ``<prefix>_<code>`` values from texts kept by content tag: "kk" shows the text kept
    as "kk-Cyrl"."""
    return {f"{prefix}_{code}": kept[tag] for code, tag in interface_tags().items() if tag in kept}


def texts_off_the_form(kept: Mapping[str, str]) -> dict[str, str]:
    """Texts kept in languages the form has no field for (a Kazakh Latin name given through the API): a
    save from the form keeps them, since the texts given replace all the others."""
    tags = set(interface_tags().values())
    return {tag: text for tag, text in kept.items() if tag not in tags}


class LanguageFold:
    """A form mixin that shows the ``add_language_fields`` fields of the reader's language and folds the
    other languages' under "In other languages" (core/form.html, core/rows.html): ``folded`` names the
    folded fields, ``folded_open`` says whether the fold opens: one of its fields is refused, or the
    reader's own fields are blank while a folded one holds a text (so what is written is seen), or, with
    ``fold_on_row_errors``, the form as a whole is refused (a service's error about its other languages)."""

    folded: list[str]
    folded_own: list[str]
    fold_on_row_errors = False

    def fold_languages(self, *prefixes: str, keep_own: bool = True) -> None:
        """Fold the fields ``<prefix>_<code>`` of ``prefixes``, each language's in turn; with ``keep_own``,
        the reader's language stays out of the fold. The folded fields go last, in that order."""
        own = request_language()
        fields: dict[str, Any] = self.fields  # type: ignore[attr-defined]
        self.folded_own = [f"{p}_{own}" for p in prefixes if keep_own and f"{p}_{own}" in fields]
        self.folded = [
            name
            for code, _name in settings.LANGUAGES
            for p in prefixes
            if (name := f"{p}_{code}") in fields and name not in self.folded_own
        ]
        self.order_fields([*(n for n in fields if n not in self.folded), *self.folded])  # type: ignore[attr-defined]

    @property
    def folded_open(self) -> bool:
        form: Any = self
        folded = [form[name] for name in self.folded]
        if any(field.errors for field in folded):
            return True
        if self.fold_on_row_errors and form.is_bound and form.non_field_errors():
            return True
        own = [form[name] for name in self.folded_own]
        return bool(own) and not any(f.value() for f in own) and any(f.value() for f in folded)


class PdfFileField(forms.FileField):
    def validate(self, value: object) -> None:
        super().validate(value)
        if isinstance(value, UploadedFile):
            validate_pdf_upload(value)


def add_service_errors(
    form: forms.Form, exc: ValidationError, field_map: dict[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form: on the named field (``field_map`` renames a service's
    key; a dotted key such as ``translations[0].name`` lands on its last part, ``name``, when the form
    has that field), else above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for key, errors in exc.message_dict.items():
        name = (field_map or {}).get(key, key if key in form.fields else key.rsplit(".", 1)[-1])
        form.add_error(name if name in form.fields else None, errors)
