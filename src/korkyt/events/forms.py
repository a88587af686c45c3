"""Forms: the registration form built from an event's questions, and the organisers' event editor (the
event's fields, its texts per language, sessions, country quotas and registration questions)."""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterator
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids
from korkyt.catalogue.selectors import person_name
from korkyt.core.concurrency import VERSION_FIELD, version_of
from korkyt.core.countries import country_choices
from korkyt.core.forms import (
    LangCheckboxSelectMultiple,
    LanguageFold,
    ModelChoiceField,
    MomentField,
    add_language_fields,
    interface_tags,
    language_initial,
    language_texts,
    texts_off_the_form,
)
from korkyt.core.languages import content_language_choices, request_language
from korkyt.core.once import add_once_field
from korkyt.core.permissions import is_platform_admin
from korkyt.core.timezones import country_time_zone
from korkyt.core.uploads import max_upload_mb
from korkyt.events.booking import MAX_SEATS
from korkyt.events.models import Audience, BookingMode, Event, EventKind, FormKind, QuestionKind
from korkyt.events.services import (
    EventSpec,
    QuestionData,
    SessionData,
    SpeakerData,
    event_spec,
    quota_rows,
)
from korkyt.institutions.forms import InstitutionChoiceField, MemorandumChoiceField
from korkyt.institutions.models import CooperationArea, Institution
from korkyt.institutions.selectors import institution_editable


class RegistrationForm(forms.Form):
    """The answers to one of the event's forms (registration by default, follow-up or feedback)."""

    def __init__(
        self, *args: Any, event: Event, form: str = FormKind.REGISTRATION, country: str = "", **kwargs: Any
    ) -> None:
        """``country``: the person's country (their profile's), the first answer to a country question."""
        super().__init__(*args, **kwargs)
        self.questions = [q for q in event.questions.prefetch_related("translations") if q.form == form]
        language = request_language()
        for q in self.questions:
            name = f"q{q.pk}"
            label, options = q.shown_in(language)
            common: dict[str, Any] = {"label": label.text, "required": q.required}
            if q.kind == QuestionKind.TEXT:
                self.fields[name] = forms.CharField(max_length=500, **common)
            elif q.kind == QuestionKind.LONG_TEXT:
                self.fields[name] = forms.CharField(widget=forms.Textarea, max_length=10_000, **common)
            elif q.kind == QuestionKind.SINGLE:
                self.fields[name] = forms.ChoiceField(choices=options, **common)
            elif q.kind == QuestionKind.MULTIPLE:
                self.fields[name] = forms.MultipleChoiceField(
                    choices=options, widget=forms.CheckboxSelectMultiple, **common
                )
            elif q.kind == QuestionKind.COUNTRY:
                self.fields[name] = forms.ChoiceField(
                    choices=country_choices, initial=country or None, **common
                )
            elif q.kind == QuestionKind.FILE:
                self.fields[name] = forms.FileField(
                    **common, help_text=_("At most %(limit)s MB.") % {"limit": max_upload_mb()}
                )
            elif q.kind == QuestionKind.CONSENT:
                self.fields[name] = forms.BooleanField(**common)
            if name in self.fields:
                self.fields[name].label_lang = label.lang  # type: ignore[attr-defined]  # core/_field.html

    def files_given(self) -> dict[str, Any]:
        """The uploaded files by question id."""
        return {
            str(q.pk): self.cleaned_data[f"q{q.pk}"]
            for q in self.questions
            if q.kind == QuestionKind.FILE and self.cleaned_data.get(f"q{q.pk}")
        }

    def answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for q in self.questions:
            value = self.cleaned_data.get(f"q{q.pk}")
            if q.kind == QuestionKind.FILE:
                value = getattr(value, "name", "") if value else ""
            out[str(q.pk)] = value
        return out


# ---- the event editor -----------------------------------------------------------------------------------

#: The venues' time zones first (Aktau UTC+5, Baku UTC+4, Istanbul UTC+3 …); any IANA zone is accepted.
TIME_ZONES = (
    "Asia/Aqtau",
    "Asia/Almaty",
    "Asia/Baku",
    "Asia/Bishkek",
    "Asia/Ashgabat",
    "Europe/Istanbul",
    "Asia/Tashkent",
    "Europe/Moscow",
    "UTC",
)


def valid_time_zone(name: str | None) -> str | None:
    return name if name and name in zoneinfo.available_timezones() else None


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    audience = forms.ChoiceField(label=_("Who may register"), choices=Audience.choices)
    organisers = InstitutionChoiceField(
        label=_("Organising institutions"),
        queryset=Institution.objects.none(),
        required=False,
        widget=LangCheckboxSelectMultiple,
    )
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    venue_language = forms.ChoiceField(
        label=_("Language of the venue and address"),
        choices=content_language_choices,
        required=False,
        help_text=_("Also the language of the sessions' rooms."),
    )
    map_url = forms.URLField(label=_("Map link"), max_length=500, required=False, assume_scheme="https")
    online_url = forms.URLField(label=_("Online link"), max_length=500, required=False, assume_scheme="https")
    time_zone = forms.ChoiceField(
        label=_("Time zone of the venue"),
        help_text=_("Session times below are in this time zone."),
        choices=[(z, z) for z in TIME_ZONES],
    )
    instruction_languages = forms.MultipleChoiceField(
        label=_("Languages of instruction"),
        choices=content_language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interpretation_languages = forms.MultipleChoiceField(
        label=_("Interpretation into"),
        choices=content_language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    memorandum = MemorandumChoiceField(
        help_text=_("Once published, the event is counted in this memorandum's report of activities."),
    )
    area = ModelChoiceField(
        label=_("Area of cooperation"), queryset=CooperationArea.objects.all(), required=False
    )
    capacity = forms.IntegerField(
        label=_("Seats"),
        min_value=1,
        max_value=MAX_SEATS,
        required=False,
        help_text=_("Empty: no seat limit."),
    )
    per_country_limit = forms.IntegerField(
        label=_("Seats per country"),
        min_value=1,
        max_value=MAX_SEATS,
        required=False,
        help_text=_("At most this many seats for each country; the quotas below override it."),
    )
    mode = forms.ChoiceField(label=_("Confirmation"), choices=BookingMode.choices)
    waitlist = forms.BooleanField(label=_("Waiting list when full"), required=False)
    offer_hours = forms.IntegerField(
        label=_("Hours to accept a freed seat"),
        min_value=1,
        required=False,
        help_text=_("Empty: a freed seat goes to the next person on the waiting list at once."),
    )
    opens_at = MomentField(label=_("Registration opens"), required=False)
    closes_at = MomentField(label=_("Registration closes"), required=False)
    #: the event's version when the form was loaded (core.concurrency): a save refused once it changed
    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, user: Any, event: Event | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if event is None:
            add_once_field(self)  # sent twice (Back, then Save), it makes one event
        self._venue_language = event.venue_language if event is not None else "en"
        mine = Institution.objects.all()
        if not is_platform_admin(user):
            current = list(event.organisers.values_list("pk", flat=True)) if event else []
            mine = Institution.objects.filter(pk__in=[*institution_ids(user, Role.EDITOR), *current])
        field = self.fields["organisers"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = mine.prefetch_related("translations").order_by("code")
        memorandum = self.fields["memorandum"]
        assert isinstance(memorandum, MemorandumChoiceField)
        memorandum.offer(user, event.memorandum_id if event is not None else None)
        zone = (self.initial.get("time_zone") or "") if event else ""
        if zone and zone not in TIME_ZONES:
            self.fields["time_zone"].choices = [(zone, zone), *[(z, z) for z in TIME_ZONES]]  # type: ignore[attr-defined]

    def clean_venue_language(self) -> str:
        # None chosen (an older form): the event's own, English for a new one.
        return str(self.cleaned_data.get("venue_language") or self._venue_language)


class TextForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=[("", "—"), *content_language_choices()])
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("language") and not data.get("title"):
            self.add_error("title", _("Give the title in this language."))
        return data


class SessionForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Session title"), max_length=300, required=False)
    starts_at = MomentField(label=_("Starts"))
    ends_at = MomentField(label=_("Ends"))
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=MAX_SEATS, required=False)
    room = forms.CharField(label=_("Room"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("A session ends after it starts."))
        return data


class QuotaForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), choices=country_choices)
    limit = forms.IntegerField(label=_("Seats"), min_value=0, max_value=MAX_SEATS)


class QuestionForm(LanguageFold, forms.Form):
    fold_on_row_errors = True  # a service's refusal of the row's other languages opens them

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    form = forms.ChoiceField(
        label=_("Form"), choices=FormKind.choices, initial=FormKind.REGISTRATION, required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", "—"), *QuestionKind.choices]
    )  # "—": an unused row
    label = forms.CharField(label=_("Question"), max_length=500)
    choices = forms.CharField(
        label=_("Options"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("One per line, for choice questions."),
    )
    required = forms.BooleanField(label=_("Required"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_language_fields(self, "label", label=_("Question in %(language)s"), max_length=500)
        add_language_fields(
            self, "options", label=_("Options in %(language)s (one per line)"), max_length=10_000, rows=2
        )
        # every language folded: the question as written is the row's own text
        self.fold_languages("label", "options", keep_own=False)

    def other_languages(self) -> tuple[dict[str, str], dict[str, list[str]]]:
        """The question and its options in other languages, by interface language. When the options as
        written changed and another language's options, left as they were, no longer match their number,
        those are dropped (they were written for the old options) and named in ``stale_options``."""
        options = {code: _lines(text) for code, text in language_texts(self, "options").items()}
        options = {code: lines for code, lines in options.items() if lines}
        self.stale_options: list[str] = []
        if "choices" in self.changed_data:
            written = len(_lines(self.cleaned_data.get("choices")))
            for code, lines in list(options.items()):
                if len(lines) != written and f"options_{code}" not in self.changed_data:
                    self.stale_options.append(code)
                    del options[code]
        return language_texts(self, "label"), options

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and not _lines(
            data.get("choices")
        ):
            self.add_error("choices", _("A choice question needs options."))
        return data


class SpeakerForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(
        label=pgettext_lazy("person", "Name"),
        max_length=300,
        help_text=_("As in the catalogue, or its number there (#12); someone new is added to the catalogue."),
    )
    language = forms.ChoiceField(
        label=_("Language of the name"),
        choices=[("", _("Guess from the script")), *content_language_choices()],
        required=False,
    )


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


TextFormSet = formset_factory(TextForm, extra=3, max_num=24, absolute_max=24)
SessionFormSet = formset_factory(SessionForm, extra=2, can_delete=True, max_num=50, absolute_max=50)
QuotaFormSet = formset_factory(QuotaForm, extra=3, max_num=60, absolute_max=60)
QuestionFormSet = formset_factory(QuestionForm, extra=2, can_delete=True, max_num=50, absolute_max=50)
SpeakerFormSet = formset_factory(SpeakerForm, extra=2, can_delete=True, max_num=40, absolute_max=40)


def new_event_place(user: Any) -> dict[str, str]:
    """Where a new event starts: the time zone of the country of the institutions the user edits
    (``core.timezones.DEFAULT_TIME_ZONE`` when they edit in several countries, or none) and the venue
    written in the interface language, the one the organiser is typing in."""
    countries = set(institution_editable(user=user, own=True).values_list("country", flat=True))
    return {
        "time_zone": country_time_zone(countries.pop() if len(countries) == 1 else ""),
        "venue_language": interface_tags().get(request_language(), "en"),
    }


class EventEditor:
    """The event form with its four row sets, valid together or not at all. Times are read and shown in
    the time zone active when it is built (the venue's: the caller overrides the current time zone)."""

    def __init__(self, data: Any = None, *, user: Any, event: Event | None) -> None:
        initial: dict[str, Any] = {}
        if event is None:
            initial = {"kind": EventKind.WORKSHOP, "waitlist": True, **new_event_place(user)}
        texts: list[dict[str, Any]] = []
        sessions: list[dict[str, Any]] = []
        quotas: list[dict[str, Any]] = []
        questions: list[dict[str, Any]] = []
        speakers: list[dict[str, Any]] = []
        self.off_the_form: dict[int, tuple[dict[str, str], dict[str, list[str]]]] = {}
        #: (question, language tags) whose options were written for the options before and are dropped
        self.stale_options: list[tuple[str, list[str]]] = []
        if event is not None:
            spec = event_spec(event)
            initial = {name: getattr(spec, name) for name in EventForm.base_fields if hasattr(spec, name)}
            initial[VERSION_FIELD] = version_of(event)
            descriptions = spec.descriptions or {}
            texts = [
                {"language": k, "title": v, "description": descriptions.get(k, "")}
                for k, v in spec.titles.items()
            ]
            sessions = [vars(s) for s in spec.sessions]
            quotas = [{"country": k, "limit": v} for k, v in quota_rows(spec.quotas)]
            questions = [
                {
                    **vars(q),
                    "choices": "\n".join(q.choices),
                    **language_initial(q.labels, "label"),
                    **language_initial({tag: "\n".join(o) for tag, o in q.options.items()}, "options"),
                }
                for q in spec.questions
            ]
            # a question's texts in languages the form has no field for (Latin Kazakh, given to the
            # services) stay through a save
            self.off_the_form = {
                q.id: (texts_off_the_form(q.labels), {t: list(o) for t, o in q.options.items()})
                for q in spec.questions
                if q.id
            }
            language, offered = request_language(), {c for c, _label in content_language_choices()}
            for person in spec.speakers:
                name = person_name(person, language)
                tag = name.lang if name.lang in offered else ""
                speakers.append({"id": person.pk, "name": name.text, "language": tag})
        self.form = EventForm(data, user=user, event=event, initial=initial)
        self.texts = TextFormSet(data, initial=texts, prefix="texts")
        if event is None and self.texts.forms:  # a new event's first title in the interface language (a
            # row left blank is no row); a posted form may hold no row at all
            self.texts.forms[0].fields["language"].initial = interface_tags().get(request_language(), "en")
        self.sessions = SessionFormSet(data, initial=sessions, prefix="sessions")
        self.quotas = QuotaFormSet(data, initial=quotas, prefix="quotas")
        self.questions = QuestionFormSet(data, initial=questions, prefix="questions")
        self.speakers = SpeakerFormSet(data, initial=speakers, prefix="speakers")
        # A post without the speaker rows (an older form) leaves the speakers as they are.
        self.speakers_given = data is None or "speakers-TOTAL_FORMS" in data
        self.current_speakers = list(event.speakers.all()) if event is not None else []
        self.errors: list[str] = []
        self.refused = False  # set when a submitted form was not saved

    def parts(self) -> Iterator[Any]:
        yield from (self.form, self.texts, self.sessions, self.quotas, self.questions)
        if self.speakers_given:
            yield self.speakers

    def is_valid(self) -> bool:
        valid = all([part.is_valid() for part in self.parts()])  # every part, to show every error
        if valid and not self._rows(self.texts):
            self.errors.append(str(_("Give the event a title in at least one language.")))
            valid = False
        self.refused = not valid
        return valid

    @staticmethod
    def _rows(formset: Any) -> list[dict[str, Any]]:
        return [
            f.cleaned_data
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")  # unchanged extra rows have none
        ]

    def spec(self) -> dict[str, Any]:
        """The keywords of the event services (the fields of EventSpec)."""
        self.stale_options = []
        data = dict(self.form.cleaned_data)
        texts = [r for r in self._rows(self.texts) if r.get("language")]
        spec: dict[str, Any] = {
            **{k: v for k, v in data.items() if k in EventSpec.__dataclass_fields__},
            "organisers": list(data["organisers"]),
            "titles": {r["language"]: r["title"] for r in texts},
            "descriptions": {r["language"]: r["description"] for r in texts},
            "sessions": [
                SessionData(
                    starts_at=r["starts_at"],
                    ends_at=r["ends_at"],
                    title=r["title"],
                    capacity=r["capacity"],
                    room=r["room"],
                    id=r.get("id"),
                )
                for r in self._rows(self.sessions)
            ],
            "quotas": [(r["country"], r["limit"]) for r in self._rows(self.quotas) if r.get("country")],
            "questions": [self._question(f) for f in self._kept("questions")],
            "speakers": [
                SpeakerData(name=r["name"], language=r.get("language") or "", id=r.get("id"))
                for r in self._rows(self.speakers)
            ]
            if self.speakers_given
            else self.current_speakers,
        }
        return spec

    def version(self) -> str:
        """The event's version the form was loaded with (empty from an older form: not checked)."""
        return str(self.form.cleaned_data.get(VERSION_FIELD) or "")

    def _question(self, row: Any) -> QuestionData:
        r = row.cleaned_data
        labels, options = row.other_languages()
        kept_labels, kept_options = self.off_the_form.get(r.get("id"), ({}, {}))
        choices = _lines(r["choices"])
        kept = {t: o for t, o in kept_options.items() if t in kept_labels}
        stale = [*row.stale_options, *(t for t, o in kept.items() if len(o) != len(choices))]
        if stale:
            self.stale_options.append((r["label"], stale))
        return QuestionData(
            kind=r["kind"],
            label=r["label"],
            choices=choices,
            required=r["required"],
            id=r.get("id"),
            form=r.get("form") or FormKind.REGISTRATION,
            labels={**kept_labels, **labels},
            options={**{t: o for t, o in kept.items() if t not in stale}, **options},
        )

    def _kept(self, rows: str) -> list[forms.Form]:
        """The rows of a row set that :meth:`spec` passes on, in its order (so ``quotas[1]`` of a service's
        error is the second of these)."""
        if rows == "speakers" and not self.speakers_given:
            return []
        formset = getattr(self, rows)
        kept = [
            f for f in formset.forms if getattr(f, "cleaned_data", None) and not f.cleaned_data.get("DELETE")
        ]
        return [f for f in kept if f.cleaned_data.get("country")] if rows == "quotas" else kept

    def add_service_errors(self, exc: ValidationError) -> None:
        """A service's refusal: on the event form's field it names, on the row of a session, quota,
        question or speaker it names (``quotas[1].limit``), else in the list above the form."""
        self.refused = True
        if not hasattr(exc, "error_dict"):
            self.errors.extend(exc.messages)
            return
        for name, messages in exc.message_dict.items():
            if name == VERSION_FIELD:  # someone else saved the event meanwhile: above the form
                self.errors.extend(messages)
                continue
            row = ROW_KEY.match(name)
            kept = self._kept(row["rows"]) if row else []
            target = kept[int(row["i"])] if row and int(row["i"]) < len(kept) else None
            if name in self.form.fields:
                self.form.add_error(name, messages)
            elif target is not None and row is not None and row["field"] in target.fields:
                target.add_error(row["field"], messages)
            elif target is not None and row is not None and (not row["field"] or row["field"] in ROW_WIDE):
                target.add_error(None, messages)
            else:
                self.errors.extend(messages)


#: A service's error keys about a row as a whole, shown above the row (a question's other languages).
ROW_WIDE = ("labels", "options")
#: A service's error key naming a row of the editor: ``quotas[1].limit``, ``sessions[0]``.
ROW_KEY = re.compile(r"^(?P<rows>sessions|quotas|questions|speakers)\[(?P<i>\d+)\](?:\.(?P<field>\w+))?$")


class BoxOfficeForm(forms.Form):
    """Staff sell seats at the door (an event's or a screening's) to someone without an account."""

    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=10, initial=1)
    paid = forms.BooleanField(label=_("Paid now"), required=False, initial=True)
    name = forms.CharField(label=_("Name (optional)"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("E-mail for the ticket (optional)"),
        required=False,
        help_text=_("The ticket with its QR code is sent there; nothing is sent without one."),
    )
