"""Automatic eligibility of an entry against its section's rules. Each reason is a code with its figures,
stored on the submission and said in the reader's language by :func:`reason_text` ("running time 38 min:
the section asks 60–240"). A missing language version links to the localization workbench, where the
translation is ordered."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from korkyt.core.labels import languages_or
from korkyt.core.languages import language_of
from korkyt.festival.models import PREMIERE_RANK, Premiere, Section, SubmissionStatus

Reason = dict[str, Any]

# Reasons that make an entry incomplete (the entrant can add what is missing) rather than ineligible.
INCOMPLETE = frozenset({"screener_missing", "year_unknown", "runtime_unknown"})

#: The states in which the eligibility reasons are what keeps the entry out; past them (admitted by the
#: programmers, or further on) they are what the entry still lacks.
KEPT_OUT = frozenset(
    {
        SubmissionStatus.DRAFT,
        SubmissionStatus.SUBMITTED,
        SubmissionStatus.INCOMPLETE,
        SubmissionStatus.INELIGIBLE,
    }
)


@dataclass(frozen=True)
class Entry:
    """What the check reads of an entry: the film's facts, the declared premiere and the versions."""

    year: int | None
    runtime: int | None
    country: str
    premiere: str
    languages: tuple[str, ...]  # language tags of available subtitle or dub tracks
    has_screener: bool
    film_id: int | None = None


def _range(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{low}–{high}"
    if low is not None:
        return f"≥ {low}"
    return f"≤ {high}"


def check(section: Section, entry: Entry, *, country_count: int = 0) -> list[Reason]:
    """The reasons ``entry`` may not enter ``section`` ([] when it may). ``country_count``: the entries
    its country already has in the section (besides this one)."""
    reasons: list[Reason] = []
    if not entry.has_screener:
        reasons.append({"code": "screener_missing"})
    if section.year_from is not None or section.year_to is not None:
        if entry.year is None:
            reasons.append({"code": "year_unknown", "film": entry.film_id})
        elif (section.year_from is not None and entry.year < section.year_from) or (
            section.year_to is not None and entry.year > section.year_to
        ):
            reasons.append(
                {"code": "year", "year": entry.year, "range": _range(section.year_from, section.year_to)}
            )
    if section.runtime_min is not None or section.runtime_max is not None:
        if entry.runtime is None:
            reasons.append({"code": "runtime_unknown", "film": entry.film_id})
        elif (section.runtime_min is not None and entry.runtime < section.runtime_min) or (
            section.runtime_max is not None and entry.runtime > section.runtime_max
        ):
            reasons.append(
                {
                    "code": "runtime",
                    "minutes": entry.runtime,
                    "range": _range(section.runtime_min, section.runtime_max),
                }
            )
    if section.countries and entry.country not in section.countries:
        reasons.append({"code": "country", "country": entry.country})
    if PREMIERE_RANK.get(entry.premiere, 0) < PREMIERE_RANK[section.premiere]:
        reasons.append({"code": "premiere", "required": section.premiere, "given": entry.premiere})
    if section.jury_languages:
        have = {language_of(tag) for tag in entry.languages}
        if not have & {language_of(tag) for tag in section.jury_languages}:
            reasons.append(
                {"code": "languages", "languages": list(section.jury_languages), "film": entry.film_id}
            )
    if section.max_per_country is not None and country_count >= section.max_per_country:
        reasons.append(
            {
                "code": "quota",
                "country": entry.country,
                "count": country_count,
                "max": section.max_per_country,
            }
        )
    return reasons


def outcome(reasons: Iterable[Reason]) -> str:
    """The transition the reasons lead to: find_eligible, find_incomplete or find_ineligible."""
    codes = {r["code"] for r in reasons}
    if not codes:
        return "find_eligible"
    if codes <= INCOMPLETE:
        return "find_incomplete"
    return "find_ineligible"


def _premiere_label(value: str) -> str:
    return str(dict(Premiere.choices).get(value, value))


def _languages(tags: Iterable[str]) -> str:
    return languages_or(tags, starts_sentence=False)


def reason_text(reason: Reason) -> str:
    """One reason in the current language."""
    code = reason.get("code")
    if code == "screener_missing":
        return _("no screener link yet: add one so that the committee can watch the film")
    if code == "year_unknown":
        return _("the production year is not known: add it to the film in the catalogue")
    if code == "runtime_unknown":
        return _("the running time is not known: add it to the film in the catalogue")
    if code == "year":
        return _("production year %(year)s: the section asks %(range)s") % reason
    if code == "runtime":
        return _("running time %(minutes)s min: the section asks %(range)s") % reason
    if code == "country":
        return _("%(country)s may not enter this section") % {"country": countries.name(reason["country"])}
    if code == "premiere":
        return _("the section asks for a %(required)s; the entry declares “%(given)s”") % {
            "required": _premiere_label(reason["required"]).lower(),
            "given": _premiere_label(reason["given"]).lower(),
        }
    if code == "languages":
        return _("no %(languages)s subtitles or dubbing yet: order them in the localization workbench") % {
            "languages": _languages(reason["languages"])
        }
    if code == "quota":
        return ngettext(
            "%(country)s already has %(count)s entry in this section, the most it may send",
            "%(country)s already has %(count)s entries in this section, the most it may send",
            reason["count"],
        ) % {
            "country": countries.name(reason["country"]),
            "count": reason["count"],
        }
    if code == "direct_not_allowed":
        return _("this section takes national nominations only")
    return str(code)


#: The reasons fixed on the film (they name it): linked to the film for those who may change it.
FILM_CODES = frozenset({"year_unknown", "runtime_unknown", "languages"})


class ReasonLinks:
    """Where one reader fixes the reasons of a list of entries. The film is the entry's own, read with the
    list (``select_related("film")``), and each permission (to change an entry, to order a film's
    translation, to change a film) is decided once per entry or film for the whole list, so that a page of
    entries costs the same queries however many reasons it says."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self._decided: dict[tuple[str, int], bool] = {}

    def _may(self, perm: str, obj: Any) -> bool:
        key = (perm, obj.pk)
        if key not in self._decided:
            self._decided[key] = bool(self.user.has_perm(perm, obj))
        return self._decided[key]

    def link(self, reason: Reason, submission: Any = None) -> str | None:
        """Where the reader fixes ``reason`` of ``submission``; None when they cannot (see reason_link)."""
        code = reason.get("code")
        if code == "screener_missing" and submission is not None:
            from korkyt.festival.services.submissions import EDITABLE

            if submission.status in EDITABLE and self._may("festival.change_submission", submission):
                return reverse("festival:submission", args=[submission.pk]) + "#screener"
            return None
        if code not in FILM_CODES or not reason.get("film"):
            return None  # a reason the film does not fix (running time, country, premiere, quota…)
        film = self._film(reason["film"], submission)
        if film is None:
            return None
        if code == "languages" and self._may("localization.order_job", film):
            return (
                reverse("localization:film_tracks", args=[film.pk]) + "?target=" + str(reason["languages"][0])
            )
        if code in ("year_unknown", "runtime_unknown") and self._may("catalogue.change_film", film):
            return reverse("catalogue:film_detail", args=[film.pk])
        return None

    @staticmethod
    def _film(film_id: int, submission: Any) -> Any:
        if submission is not None and submission.film_id == film_id:
            return submission.film
        from korkyt.catalogue.models import Film

        return Film.objects.filter(pk=film_id).first()

    def reasons(self, submission: Any) -> list[dict[str, Any]]:
        """The entry's reasons, each said in the current language with its link (or None); none for a
        withdrawn entry, out by its entrant's choice or set aside, whatever it lacked."""
        if getattr(submission, "status", "") == SubmissionStatus.WITHDRAWN:
            return []
        said = []
        for reason in submission.eligibility:
            link = self.link(reason, submission)
            said.append({"text": self.text(reason, link), "link": link})
        return said

    @staticmethod
    def text(reason: Reason, link: str | None) -> str:
        """The reason as this reader is told it, given where they fix it (``link``, None: nowhere)."""
        if reason.get("code") == "languages" and link is None:
            # the reader may not order them (a producer whose film the catalogue's editors keep)
            return _(
                "no %(languages)s subtitles or dubbing yet: the film's editors in the catalogue order "
                "them; the programmers may admit the entry meanwhile"
            ) % {"languages": _languages(reason["languages"])}
        return reason_text(reason)


def reason_link(reason: Reason, user: Any, submission: Any = None) -> str | None:
    """Where ``user`` fixes the reason, None when they cannot: the film's page in the localization
    workbench to order the translation (the film's editors: ``localization.order_job``), the film in the
    catalogue for a missing year or running time (``catalogue.change_film``), the screener form on the
    entry's page (the entrant, while the entry may change). For a list of entries, one
    :class:`ReasonLinks` decides each permission once."""
    return ReasonLinks(user).link(reason, submission)
