from __future__ import annotations

from typing import Any

from django import forms
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from korkyt.core.countries import country_choices
from korkyt.core.forms import (
    CountriesField,
    DayField,
    LangCheckboxSelectMultiple,
    LangSelect,
    LanguageFold,
    ModelChoiceField,
    MomentField,
    RowsChoiceField,
    add_language_fields,
    language_texts,
)
from korkyt.core.labels import language_label
from korkyt.core.languages import LANGUAGE_NAMES, UI_LANGUAGES, content_language_choices, request_language
from korkyt.core.once import add_once_field
from korkyt.events.forms import TIME_ZONES, valid_time_zone
from korkyt.festival.models import AwardKind, DeadlineTier, Flag, Premiere, SectionKind
from korkyt.festival.services.jury import STATEMENT_MAX
from korkyt.festival.services.texts import EDITION_NOTES_MAX, NOTE_MAX, REVIEW_TEXT_MAX
from korkyt.institutions.forms import MemorandumChoiceField
from korkyt.institutions.models import CooperationArea, Institution
from korkyt.institutions.selectors import institution_texts


class EntryForm(forms.Form):
    """A nomination or a direct submission: the section, the catalogue film and the screener."""

    section = forms.ChoiceField(label=_("Section"))
    film = forms.CharField(
        label=_("Film in the catalogue"),
        max_length=300,
        required=False,
        help_text=_(
            "Its title as the catalogue writes it, in any script, or its number (#12, or the address of its "
            "page)."
        ),
    )
    new_title = forms.CharField(
        label=_("Not in the catalogue yet? Original title"),
        max_length=300,
        required=False,
        help_text=_(
            "Leave the number empty: the film is catalogued as a draft with this title and its directors."
        ),
    )
    new_language = forms.ChoiceField(label=_("Language of the title"), required=False)
    new_year = forms.IntegerField(
        label=_("Year of production"), min_value=1890, max_value=2100, required=False
    )
    new_countries = CountriesField(
        label=_("Production countries"),
        help_text=_(
            "Names or two-letter codes separated by commas, the majority producer's first (Kyrgyzstan, KZ)."
        ),
        max_length=200,
        required=False,
    )
    new_directors = forms.CharField(
        label=_("Directors"), help_text=_("Names separated by commas."), max_length=500, required=False
    )
    premiere = forms.ChoiceField(label=_("Premiere status"), choices=Premiere.choices, initial=Premiere.NONE)
    runtime = forms.IntegerField(
        label=_("Running time of the screening copy (minutes)"), min_value=1, max_value=1500, required=False
    )
    screener_url = forms.URLField(
        label=_("Screener link"), required=False, max_length=500, assume_scheme="https"
    )
    screener_password = forms.CharField(label=_("Screener password"), required=False, max_length=200)
    stills = forms.FileField(
        label=_("Stills"), required=False, help_text=_("A JPEG, PNG or WebP image."), max_length=200
    )
    press_kit = forms.FileField(
        label=_("Press kit"), required=False, help_text=_("A PDF or office document."), max_length=200
    )

    waiver_code = forms.CharField(
        label=_("Waiver code"),
        required=False,
        max_length=40,
        help_text=_(
            "From the festival, if you were given one: it waives the fee (some also admit late entries)."
        ),
    )

    def __init__(
        self, *args: Any, sections: list[tuple[str, str]], waiver: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = sections  # type: ignore[attr-defined]
        self.fields["new_language"].choices = [("", "—"), *content_language_choices()]  # type: ignore[attr-defined]
        if not waiver:
            del self.fields["waiver_code"]
        add_once_field(self)  # sent twice (Back, then Send), it makes one entry

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("film") and not (data.get("new_title") or "").strip():
            self.add_error("film", _("Name the film in the catalogue, or give its title to catalogue it."))
        if data.get("film") and (data.get("new_title") or "").strip():
            self.add_error("new_title", _("Give either a film of the catalogue or a new film, not both."))
        if (data.get("new_title") or "").strip() and not data.get("new_language"):
            self.add_error("new_language", _("Name the language of the title."))
        return data

    def new_film(self) -> dict[str, Any] | None:
        """The film to catalogue with the entry (None when the entry names a catalogue number)."""
        data = self.cleaned_data
        if data.get("film"):
            return None
        return {
            "title": data["new_title"],
            "language": data["new_language"],
            "year": data.get("new_year"),
            "runtime": data.get("runtime"),
            "countries": data.get("new_countries") or [],
            "directors": _codes(data.get("new_directors", "")),
        }

    def files_given(self) -> dict[str, Any]:
        """The stills and press kit uploaded with the entry (those left empty are not named)."""
        return MaterialsForm.files_of(self.cleaned_data)


class ScreenerForm(forms.Form):
    """The entrant sets or changes the screener while the entry may change (``services.EDITABLE``)."""

    screener_url = EntryForm.base_fields["screener_url"]
    screener_password = EntryForm.base_fields["screener_password"]


class MaterialsForm(forms.Form):
    """The entrant replaces the stills or the press kit while the entry may change (as the screener)."""

    stills = EntryForm.base_fields["stills"]
    press_kit = EntryForm.base_fields["press_kit"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not self.files_of(data):
            raise forms.ValidationError(_("Choose the stills or the press kit to send."))
        return data

    @staticmethod
    def files_of(data: dict[str, Any]) -> dict[str, Any]:
        """The files chosen (those left empty are not named: they stay as they are)."""
        return {k: data[k] for k in ("stills", "press_kit") if data.get(k)}


class DraftSendForm(forms.Form):
    """The entrant sends their draft from its page, with the waiver code they may have been given."""

    waiver_code = EntryForm.base_fields["waiver_code"]


class NoteForm(forms.Form):
    """A programmer's note on a decision, or with ``withdraw`` an entrant's reason to withdraw (each with its
    own ids: both forms are on the entry's page). Its length is the service's to check
    (``services.texts.NOTE_MAX``), so that the page and the API refuse the same text alike; the page shows
    the refusal under the field with the text as typed. The browser's ``maxlength`` only helps."""

    note = forms.CharField(required=False, widget=forms.TextInput(attrs={"maxlength": NOTE_MAX}))

    def __init__(self, data: Any = None, *, withdraw: bool = False) -> None:
        super().__init__(data, auto_id="withdraw-%s" if withdraw else "decision-%s")
        self.fields["note"].label = _("Reason (optional)") if withdraw else _("Note for the record")


class ConflictForm(forms.Form):
    """A juror's declared conflict with the film ``submission_id`` (one form a row of the jury page, each
    with its own ids): the reason, checked by the service like a note."""

    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": NOTE_MAX, "placeholder": _("Reason")}),
    )

    def __init__(self, data: Any = None, *, submission_id: int) -> None:
        super().__init__(data, auto_id=f"conflict-{submission_id}-%s")


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the programmers"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=REVIEW_TEXT_MAX,
    )
    note = forms.CharField(
        label=_("Private note (only you see it)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=REVIEW_TEXT_MAX,
    )
    flag = forms.ChoiceField(label=_("Flag"), choices=Flag.choices, required=False)

    def __init__(self, *args: Any, criteria: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        language = request_language()
        for c in criteria:
            label = c.label_in(language)
            self.fields[f"score_{c.code}"] = forms.DecimalField(
                label=format_html(
                    '<span lang="{}">{}</span> (0–{}, ×{})',
                    label.lang,
                    label.text,
                    c.max_score,
                    _weight(c.weight),
                ),
                min_value=0,
                max_value=c.max_score,
                decimal_places=1,
                required=False,
            )
        self.order_fields([f"score_{c.code}" for c in criteria])  # the scores first, the comments after

    def scores(self) -> dict[str, Any]:
        return {
            c.code: self.cleaned_data.get(f"score_{c.code}")
            for c in self.criteria
            if self.cleaned_data.get(f"score_{c.code}") is not None
        }


def _weight(weight: Any) -> str:
    """A criterion's weight as few digits as it needs, with the reader's decimal mark: "2", "1,5"."""
    return f"{float(weight):g}".replace(".", str(get_format("DECIMAL_SEPARATOR")))


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _codes(value: str) -> list[str]:
    return [part.strip() for part in (value or "").replace(";", ",").split(",") if part.strip()]


class EditionForm(forms.Form):
    """An edition's facts and its announcement time (in the edition's time zone)."""

    number = forms.IntegerField(label=_("Edition number"), min_value=1, max_value=999)
    city = forms.CharField(label=_("Host city"), max_length=120)
    country = forms.ChoiceField(label=_("Host country"), choices=country_choices)
    starts_on = DayField(label=_("First day"))
    ends_on = DayField(label=_("Last day"))
    venues = forms.CharField(
        label=_("Venues (one a line)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone of the festival"),
        help_text=_(
            "Screening times and the announcement time are in this time zone. Empty: the host country's."
        ),
        choices=[("", "—"), *[(z, z) for z in TIME_ZONES]],
        required=False,
    )
    results_at = MomentField(
        label=_("Results announced at"),
        help_text=_("The awards stay sealed until then. Empty: public as soon as they are decided."),
        required=False,
    )
    notes = forms.CharField(
        label=_("Notes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=EDITION_NOTES_MAX,
    )
    language = forms.ChoiceField(
        label=_("Language of the venues and notes"),
        choices=content_language_choices,
        initial="en",
        required=False,
    )
    source_url = forms.URLField(label=_("Source"), required=False, assume_scheme="https", max_length=500)
    organisers = RowsChoiceField(
        label=_("Organising institutions"),
        queryset=Institution.objects.none(),
        required=False,
        widget=LangCheckboxSelectMultiple,
    )
    memorandum = MemorandumChoiceField(
        help_text=_("The edition is counted in this memorandum's report of activities."),
    )
    area = ModelChoiceField(
        label=_("Area of cooperation"), queryset=CooperationArea.objects.all(), required=False
    )

    def __init__(self, *args: Any, creating: bool = False, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["number"]
        else:
            add_once_field(self)  # sent twice (Back, then Create), it makes one edition
        zone = str(self.initial.get("time_zone") or "")
        if zone and zone not in TIME_ZONES:  # any IANA zone stays choosable once set
            field = self.fields["time_zone"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", "—"), (zone, zone), *[(z, z) for z in TIME_ZONES]]
        language = request_language()
        organisers = self.fields["organisers"]
        assert isinstance(organisers, forms.ModelMultipleChoiceField)
        organisers.queryset = Institution.objects.prefetch_related("translations").order_by("code")
        organisers.label_from_instance = lambda i: institution_texts(i, language)[0]  # type: ignore[method-assign,assignment,return-value]
        memorandum = self.fields["memorandum"]
        assert isinstance(memorandum, MemorandumChoiceField)
        memorandum.offer(user, self.initial.get("memorandum"))

    def clean_time_zone(self) -> str:
        zone = str(self.cleaned_data.get("time_zone") or "")
        if zone and valid_time_zone(zone) is None:
            raise forms.ValidationError(
                _("Unknown time zone “%(tz)s” (e.g. Asia/Aqtau)."), params={"tz": zone}
            )
        return zone

    def memorandum_facts(self) -> dict[str, Any]:
        """The organisers, memorandum and area as the services take them."""
        data = self.cleaned_data
        return {
            "organisers": list(data.get("organisers") or []),
            "memorandum": data.get("memorandum"),
            "area": data.get("area"),
        }

    def venue_list(self) -> list[str]:
        return _lines(self.cleaned_data.get("venues", ""))


def zone_note(time_zone: str) -> str:
    """The note under a form's times: they are wall times of the festival's time zone (named)."""
    return _("Times are in the festival's time zone (%(tz)s).") % {"tz": time_zone}


def _jury_language_choices() -> list[tuple[str, Any]]:
    return [(code, LANGUAGE_NAMES[code]) for code in UI_LANGUAGES]


class SectionForm(forms.Form):
    """A section's entry rules; its own deadline is a wall time of the edition's time zone ``time_zone``."""

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
    countries = CountriesField(
        label=_("Eligible countries"),
        help_text=_(
            "Names or two-letter codes separated by commas (Kazakhstan, KG, TR). Empty: every country."
        ),
        required=False,
        max_length=1000,
    )
    premiere = forms.ChoiceField(label=_("Premiere required"), choices=Premiere.choices)
    jury_languages = forms.MultipleChoiceField(
        label=_("Language versions for the jury"),
        help_text=_("The film needs subtitles or dubbing in one of them. None ticked: any version."),
        choices=_jury_language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    max_per_country = forms.IntegerField(
        label=_("Entries per country"), min_value=1, max_value=100, required=False
    )
    direct_allowed = forms.BooleanField(label=_("Producers may submit directly"), required=False)
    reviews_per_entry = forms.IntegerField(label=_("Reviews per entry"), min_value=1, max_value=20, initial=3)
    entries_close_at = MomentField(
        label=_("Entries to this section close"),
        help_text=_("Empty: at the call's last deadline. The earlier of the two applies."),
        required=False,
    )

    def __init__(
        self, *args: Any, time_zone: str, kinds: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        closes = self.fields["entries_close_at"]
        closes.help_text = f"{closes.help_text} {zone_note(time_zone)}"
        # A language a section was given some other way (the API takes any tag) stays a choice, ticked.
        languages = self.fields["jury_languages"]
        offered = {code for code, _label in _jury_language_choices()}
        extra = [t for t in self.initial.get("jury_languages") or () if t not in offered]
        languages.choices = [*_jury_language_choices(), *((t, language_label(t)) for t in extra)]  # type: ignore[attr-defined]
        if kinds is None:
            del self.fields["kind"]
        else:
            self.fields["kind"].choices = kinds  # type: ignore[attr-defined]

    def rules(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("kind", None)
        data["countries_allowed"] = data.pop("countries", None) or []
        data["jury_languages"] = list(data.get("jury_languages") or ())
        data["reviews_per_entry"] = data.get("reviews_per_entry") or 3
        return data


class CriterionForm(LanguageFold, forms.Form):
    """A line of a review form: its code, its label in one or more of the interface's languages
    (``label_<code>``), weight and highest score."""

    code = forms.SlugField(label=_("Code"), max_length=40)
    weight = forms.DecimalField(label=_("Weight"), min_value=0.01, max_value=99, decimal_places=2, initial=1)
    max_score = forms.IntegerField(label=_("Highest score"), min_value=1, max_value=100, initial=10)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_language_fields(self, "label", label=_("Criterion in %(language)s"), max_length=200)
        self.fold_languages("label")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("code") and not data.get("DELETE") and not language_texts(self, "label"):
            self.add_error(self.own_label_name(), _("Give the criterion a label."))
        return data

    def own_label_name(self) -> str:
        """The label field in the reader's language (the one the row shows; the others are folded)."""
        return self.folded_own[0]

    def own_label(self) -> Any:
        return self[self.own_label_name()]

    def other_labels(self) -> list[Any]:
        return [self[name] for name in self.folded]

    def labels(self) -> dict[str, str]:
        return language_texts(self, "label")


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, can_delete=True, max_num=30, absolute_max=30)


class JurorForm(forms.Form):
    email = forms.EmailField(label=_("Email of the juror's account"), max_length=254)
    section = forms.ChoiceField(label=_("Section"))
    president = forms.BooleanField(label=_("President of the jury"), required=False)
    person = forms.CharField(
        label=_("Catalogue person"),
        max_length=300,
        required=False,
        help_text=_(
            "Their name as the catalogue writes it, in any script, or their number (#12, or the address of "
            "their page): conflicts of interest come from their credits."
        ),
    )

    def __init__(self, *args: Any, sections: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = sections  # type: ignore[attr-defined]


class JurorPersonForm(forms.Form):
    person = JurorForm.base_fields["person"]


class CommitteeForm(forms.Form):
    email = forms.EmailField(label=_("Email of the reviewer's account"), max_length=254)
    sections = forms.MultipleChoiceField(label=_("Sections they review"), widget=forms.CheckboxSelectMultiple)
    countries = CountriesField(
        label=_("Countries whose entries they review"),
        help_text=_("Names or two-letter codes separated by commas. Empty: any country."),
        required=False,
        max_length=1000,
    )
    capacity = forms.IntegerField(label=_("Most reviews"), min_value=1, max_value=2000, required=False)

    def __init__(self, *args: Any, sections: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = sections  # type: ignore[attr-defined]


class CallForm(forms.Form):
    """The call's opening time and its deadline tiers, each with its fee; a tier left without a date is
    not offered. The times are wall times of the edition's time zone ``time_zone`` (the view reads and
    shows them in it)."""

    opens_at = MomentField(label=_("The call opens"))

    def __init__(self, *args: Any, time_zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opens_at"].help_text = zone_note(time_zone)
        for tier, label in DeadlineTier.choices:
            self.fields[f"{tier}_closes"] = MomentField(
                label=_("%(tier)s deadline") % {"tier": label}, required=False
            )
            self.fields[f"{tier}_fee"] = forms.IntegerField(
                label=_("%(tier)s fee (EUR)") % {"tier": label},
                min_value=0,
                max_value=100_000,
                required=False,
            )

    def tiers(self) -> list[tuple[str, Any, Any, Any]]:
        """(tier, label, closes field, fee field) for the template's table."""
        return [(t, label, self[f"{t}_closes"], self[f"{t}_fee"]) for t, label in DeadlineTier.choices]

    def deadlines(self) -> list[tuple[str, Any, int]]:
        data = self.cleaned_data
        return [
            (t, data[f"{t}_closes"], data.get(f"{t}_fee") or 0)
            for t in DeadlineTier.values
            if data.get(f"{t}_closes") is not None
        ]


class WaiverForm(forms.Form):
    code = forms.CharField(label=_("Waiver code"), max_length=40)
    max_uses = forms.IntegerField(label=_("Uses"), min_value=1, max_value=100_000, initial=1)
    late_entry = forms.BooleanField(label=_("Admits late entries"), required=False)


WaiverFormSet = forms.formset_factory(WaiverForm, extra=2, can_delete=True, max_num=200, absolute_max=200)


class AwardForm(LanguageFold, forms.Form):
    """An award's definition: its code (fixed once created), kind, section, ex aequo and its name in the
    interface's languages (at least one)."""

    code = forms.SlugField(
        label=_("Code"), max_length=60, help_text=_("Letters, digits, - or _; it does not change later.")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=AwardKind.choices)
    section = forms.ChoiceField(label=_("Section"), required=False)
    ex_aequo = forms.BooleanField(
        label=_("Ex aequo allowed"), required=False, help_text=_("Up to three films may share it.")
    )

    def __init__(
        self, *args: Any, sections: list[tuple[str, str]], creating: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["code"]
        self.fields["section"].choices = [("", _("The whole festival")), *sections]  # type: ignore[attr-defined]
        add_language_fields(self, "name", label=_("Name in %(language)s"), max_length=200)
        self.fold_languages("name")

    def names(self) -> dict[str, str]:
        return language_texts(self, "name")


class AwardDecisionForm(LanguageFold, forms.Form):
    """The award given to a selected film, with the jury's statement in as many of the interface's languages
    as the staff have (``statements()``). ``awards`` and ``entries`` are (id, name) pairs, each name a
    ``Text`` marked with its language."""

    award = forms.ChoiceField(label=_("Award"), widget=LangSelect)
    submission = forms.ChoiceField(label=_("Film"), widget=LangSelect)

    def __init__(
        self, *args: Any, awards: list[tuple[str, Any]], entries: list[tuple[str, Any]], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.fields["award"].choices = awards  # type: ignore[attr-defined]
        self.fields["submission"].choices = entries  # type: ignore[attr-defined]
        add_language_fields(self, "statement", max_length=STATEMENT_MAX, rows=3)
        self.fold_languages("statement")

    def statements(self) -> dict[str, str]:
        return language_texts(self, "statement")
