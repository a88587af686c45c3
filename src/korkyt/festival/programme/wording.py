"""The scheduler's findings in the reader's language: the checker's violations (``korkyt.scheduling``
words them in English with ids, for its CLI and benchmark; its ``data`` carries the same facts) said with
the films' titles (each with its ``lang``), the rooms' names and the festival's local times, and the
proposal's outcome with its status in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from korkyt.core.dates import format_moment
from korkyt.festival.models import Edition
from korkyt.festival.programme.models import Room, ScreeningKind

#: The solver's status (docs/scheduling.md) in words.
STATUS_WORDS = {
    "optimal": lambda: _("optimal schedule"),
    "feasible": lambda: _("feasible schedule"),
    "partial": lambda: _("partial schedule"),
    "infeasible": lambda: _("no schedule"),
    "unknown": lambda: _("no answer in time"),
}


def status_text(status: str) -> str:
    word = STATUS_WORDS.get(status)
    return word() if word else status


def proposal_summary(result: Mapping[str, Any] | None) -> str:
    """The proposal job's outcome: "optimal schedule: 20 screenings placed." in the reader's language."""
    if not result or "status" not in result:
        return ""
    if result["status"] == "infeasible":
        return status_text("infeasible")
    placed = int(result.get("placed") or 0)
    text = ngettext("%(status)s: %(n)s screening placed.", "%(status)s: %(n)s screenings placed.", placed) % {
        "status": status_text(str(result["status"])),
        "n": placed,
    }
    unplaced = int(result.get("unplaced") or 0)
    if unplaced:
        text += " " + ngettext(
            "%(n)s screening could not be placed.", "%(n)s screenings could not be placed.", unplaced
        ) % {"n": unplaced}
    return text


class _Names:
    """Titles of the edition's films, names of its rooms and juries, local times."""

    def __init__(self, edition: Edition) -> None:
        from korkyt.festival.programme.services import selected
        from korkyt.festival.selectors import submission_title

        self.titles = {str(sub.pk): submission_title(sub) for sub in selected(edition)}
        self.rooms = {  # "venue · room" in the venue's language, as the grid's columns show them
            str(r.pk): format_html('<span lang="{}">{}</span>', r.venue.language, r)
            for r in Room.objects.filter(venue__edition=edition).select_related("venue")
        }
        self.juries = {s.kind: s.get_kind_display() for s in edition.sections.all()}
        self.kinds = dict(ScreeningKind.choices)

    def title(self, film: object) -> SafeString:
        found = self.titles.get(str(film))
        if found is None:
            return format_html("{}", _("film %(id)s") % {"id": film})
        return format_html('<span lang="{}">{}</span>', found.lang, found)

    def when(self, text: object) -> str:
        try:
            moment = dt.datetime.fromisoformat(str(text))
        except ValueError:
            return str(text)
        return format_moment(moment, "day")

    def screening(self, desc: object) -> SafeString:
        if not isinstance(desc, Mapping):
            return format_html("{}", "")
        if "event" in desc:
            return format_html("{}", _("a fixed event (%(id)s)") % {"id": desc["event"]})
        return format_html(
            _("{title} ({kind}, {when}, {room})"),
            title=self.title(desc.get("film")),
            kind=str(self.kinds.get(desc.get("kind", ""), desc.get("kind", ""))),
            when=self.when(desc.get("starts_at", "")),
            room=self.rooms.get(str(desc.get("room")), str(desc.get("room"))),
        )


def violation_text(names: _Names, rule: str, data: Mapping[str, Any]) -> SafeString:
    s = names.screening(data.get("screening"))
    other = names.screening(data.get("other"))
    if rule == "room overlap":
        return format_html(
            _("{screening} overlaps {other}, or leaves less than the {n}-minute changeover between them."),
            screening=s,
            other=other,
            n=data.get("changeover", 0),
        )
    if rule == "runtime":
        return format_html(
            _("{screening} lasts {minutes} min; the film runs {runtime} min."),
            screening=s,
            minutes=formats.number_format(data.get("minutes", 0)),
            runtime=data.get("runtime", 0),
        )
    if rule == "opening hours":
        return format_html(_("{screening} is outside the festival's opening hours."), screening=s)
    if rule == "slot":
        return format_html(
            _("{screening} does not start on the {n}-minute grid."), screening=s, n=data.get("slot", 0)
        )
    if rule == "format":
        return format_html(
            _("{screening}: the room cannot project {formats}."),
            screening=s,
            formats=", ".join(data.get("formats") or []),
        )
    if rule == "subtitles":
        return format_html(
            _("{screening}: the film is subtitled and the room shows no subtitles."), screening=s
        )
    if rule == "count":
        return format_html(
            _("{title}: {kind} — {have} in the grid, {want} needed."),
            title=names.title(data.get("film")),
            kind=str(names.kinds.get(data.get("kind", ""), data.get("kind", ""))),
            have=int(data.get("have", 0)) + int(data.get("unplaced", 0)),
            want=data.get("want", 0),
        )
    if rule == "press/jury first":
        return format_html(
            _("{screening} ends after the first public screening starts: {other}."), screening=s, other=other
        )
    if rule == "qa":
        return format_html(
            _("{title}: Q&A screenings — {have} in the grid, {want} needed."),
            title=names.title(data.get("film")),
            have=data.get("have", 0),
            want=data.get("want", 0),
        )
    if rule == "guests":
        away = [*(data.get("away") or []), "", ""]
        return format_html(
            _("{screening} has a Q&A while the guests are away ({start} – {end})."),
            screening=s,
            start=names.when(away[0]),
            end=names.when(away[1]),
        )
    if rule == "deliberation":
        return format_html(
            _("{screening} ends after the jury of the {jury} deliberates."),
            screening=s,
            jury=names.juries.get(str(data.get("jury")), str(data.get("jury"))),
        )
    if rule == "jury":
        return format_html(
            _("The jury of the {jury} cannot be at {screening} in time after {other}."),
            jury=names.juries.get(str(data.get("jury")), str(data.get("jury"))),
            screening=s,
            other=other,
        )
    if rule == "lock":
        return format_html(_("The locked screening {screening} has moved."), screening=s)
    return format_html("{}", _("The grid breaks a scheduling rule (%(rule)s).") % {"rule": rule})


def conflict_texts(edition: Edition, violations: Iterable[Any]) -> list[SafeString]:
    """Each violation of the checker in the reader's language (HTML: titles carry their ``lang``)."""
    found = list(violations)
    if not found:
        return []
    names = _Names(edition)
    return [violation_text(names, v.rule, getattr(v, "data", None) or {}) for v in found]


def duration_text(minutes: object) -> str:
    """``860`` → "14 h 20 min" in the reader's language."""
    try:
        h, m = divmod(max(0, int(str(minutes))), 60)
    except ValueError:
        return str(minutes)
    if h and m:
        return _("%(h)s h %(m)s min") % {"h": h, "m": m}
    return _("%(h)s h") % {"h": h} if h else _("%(m)s min") % {"m": m}


def _jury(names: _Names, data: Mapping[str, Any]) -> str:
    return names.juries.get(str(data.get("jury")), str(data.get("jury")))


def reason_text(names: _Names, code: str, data: Mapping[str, Any]) -> SafeString | None:
    """One sentence of the scheduler's explanation (``korkyt.scheduling.Reason``: its ``code`` and ``data``,
    docs/scheduling.md "Explanations") in the reader's language; None for a code it does not know."""
    title = names.title(data.get("film"))
    n = int(data.get("films") or data.get("screenings") or 0)
    if code == "conflict":
        return format_html(
            "{}",
            _(
                "These rules cannot all hold together (each room showing one screening at a time, "
                "within the opening hours):"
            ),
        )
    if code == "too-long":
        return format_html(
            _("{title} runs {runtime}, but the longest festival day is open {longest}."),
            title=title,
            runtime=duration_text(data.get("runtime", 0)),
            longest=duration_text(data.get("longest", 0)),
        )
    if code == "lock-count":
        return format_html(
            _("{title}: {kind} — {locked} locked, {wanted} needed."),
            title=title,
            kind=str(names.kinds.get(data.get("kind", ""), data.get("kind", ""))),
            locked=data.get("locked", 0),
            wanted=data.get("wanted", 0),
        )
    screening = names.screening(data.get("screening"))
    if code == "lock-room":
        return format_html(
            _("The locked screening {screening} is in a room that cannot show it."), screening=screening
        )
    if code == "lock-grid":
        return format_html(
            _("The locked screening {screening} does not start on the {n}-minute grid."),
            screening=screening,
            n=data.get("slot", 0),
        )
    if code == "lock-hours":
        return format_html(
            _("The locked screening {screening} is outside the festival's opening hours."),
            screening=screening,
        )
    if code == "lock":
        return format_html(_("The screening {screening} is locked."), screening=screening)
    if code == "jury-time":
        return format_html(
            ngettext(
                "The jury of the {jury} needs {need} of screenings ({films} film) before it deliberates "
                "({when}), but has {have}.",
                "The jury of the {jury} needs {need} of screenings ({films} films) before it deliberates "
                "({when}), but has {have}.",
                n,
            ),
            jury=_jury(names, data),
            need=duration_text(data.get("need", 0)),
            films=n,
            when=names.when(data.get("deliberation_at", "")),
            have=duration_text(data.get("have", 0)),
        )
    if code == "screen-time":
        rooms = [names.rooms.get(str(r), str(r)) for r in data.get("rooms") or []]
        need = duration_text(data.get("need", 0))
        have = duration_text(data.get("have", 0))
        if not rooms:
            return format_html(
                ngettext(
                    "{n} screening needs {need} of screen time (changeovers included), but all rooms "
                    "together have {have}.",
                    "{n} screenings need {need} of screen time (changeovers included), but all rooms "
                    "together have {have}.",
                    n,
                ),
                n=n,
                need=need,
                have=have,
            )
        return format_html(
            ngettext(
                "{n} screening needs {need} of screen time (changeovers included), but the only rooms "
                "that can show it ({rooms}) have {have}.",
                "{n} screenings need {need} of screen time (changeovers included), but the only rooms "
                "that can show them ({rooms}) have {have}.",
                n,
            ),
            n=n,
            need=need,
            rooms=format_html_join(", ", "{}", ((r,) for r in rooms)),
            have=have,
        )
    if code == "guests-away":
        return format_html(
            _("The guests of {title} are away whenever a {runtime} Q&A screening could take place."),
            title=title,
            runtime=duration_text(data.get("runtime", 0)),
        )
    if code == "count":
        count = int(data.get("screenings") or 0)
        if data.get("press"):
            text = ngettext(
                "{title} has {n} public screening and a press screening, each of {runtime}.",
                "{title} has {n} public screenings and a press screening, each of {runtime}.",
                count,
            )
        else:
            text = ngettext(
                "{title} has {n} public screening of {runtime}.",
                "{title} has {n} public screenings, each of {runtime}.",
                count,
            )
        return format_html(text, title=title, n=count, runtime=duration_text(data.get("runtime", 0)))
    if code == "jury-films":
        return format_html(
            ngettext(
                "The jury of the {jury} must see its {n} film ({minutes}).",
                "The jury of the {jury} must see its {n} films ({minutes}).",
                n,
            ),
            jury=_jury(names, data),
            n=n,
            minutes=duration_text(data.get("minutes", 0)),
        )
    if code == "deadline":
        return format_html(
            _("The jury of the {jury} deliberates on {when}."),
            jury=_jury(names, data),
            when=names.when(data.get("at", "")),
        )
    if code == "travel":
        return format_html(
            _("The jury of the {jury} sees one film at a time and needs time to travel between venues."),
            jury=_jury(names, data),
        )
    if code == "order":
        return format_html(
            _("The press and jury screenings of {title} come before its first public one."), title=title
        )
    if code == "qa":
        away = [(names.when(a), names.when(b)) for a, b, *_rest in data.get("away") or []]
        return format_html(
            _("The guests of {title}, who attend its Q&A screenings, are away: {times}."),
            title=title,
            times="; ".join(f"{a} – {b}" for a, b in away),
        )
    if code == "fixed":
        return format_html(
            _("{event} holds {room} from {start} to {end}."),
            event=data.get("title") or data.get("event") or "",
            room=names.rooms.get(str(data.get("room")), str(data.get("room"))),
            start=names.when(data.get("starts_at", "")),
            end=names.when(data.get("ends_at", "")),
        )
    if code == "unproven":
        return format_html(
            "{}", _("No schedule was found in the time given, and no set of rules was shown to conflict.")
        )
    if code == "no-core":
        return format_html(
            "{}",
            _("No schedule is possible, but the rules that conflict were not found within %(n)s seconds.")
            % {"n": formats.number_format(data.get("seconds", 0))},
        )
    if code == "timeout":
        return format_html(
            "{}",
            _("No schedule was found within %(n)s seconds, and none was proven impossible.")
            % {"n": formats.number_format(data.get("seconds", 0))},
        )
    if code == "greedy-fallback":
        return format_html(
            "{}",
            _("The optimiser found no schedule within %(n)s seconds; this is the quick first schedule.")
            % {"n": formats.number_format(data.get("seconds", 0))},
        )
    return None


def explanation_texts(edition: Edition, result: Mapping[str, Any] | None) -> list[SafeString]:
    """The proposal's explanation (why no schedule, or a note on the one found) in the reader's language;
    a sentence the app cannot word (a job stored before ``reasons`` existed) keeps the scheduler's
    English."""
    if not result:
        return []
    english = [str(text) for text in result.get("explanation") or []]
    reasons = result.get("reasons") or []
    if not english and not reasons:
        return []
    names = _Names(edition)
    out: list[SafeString] = []
    for i, text in enumerate(english):
        reason = reasons[i] if i < len(reasons) and isinstance(reasons[i], Mapping) else {}
        worded = reason_text(names, str(reason.get("code") or ""), reason.get("data") or {})
        out.append(worded if worded is not None else format_html("{}", text))
    return out
