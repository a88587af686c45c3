"""A jury's award decisions checked against the edition's award rules.

``check_awards`` lists every rule the decisions break as ``Violation(code, params)``: a stable code the app
maps to a translated sentence, and the values to put in it (award codes, film ids, counts). Codes:

=======================  ====================================================  =============================
code                     when                                                  params
=======================  ====================================================  =============================
``unknown-award``        a decision names an award with no rule                ``award``, ``film``
``duplicate-decision``   the same film twice for the same award                ``award``, ``film``
``ex-aequo-not-allowed`` a one-prize award without ex aequo goes to 2+ films   ``award``, ``films``, ``count``
``too-many-winners``     an award without ex aequo goes to more films than     ``award``, ``films``,
                         its ``max_winners`` prizes                            ``count``, ``max``
``two-main-awards``      a film gets two or more main awards (unless allowed)  ``film``, ``awards``
``mention-and-award``    a film gets a special mention and an award (only      ``film``, ``mentions``,
                         when ``mention_with_award=False``)                    ``awards``
=======================  ====================================================  =============================

``max_winners`` is the number of prizes an award has (three special mentions: 3). Without ex aequo each
prize goes to one film, so at most ``max_winners`` films; with ex aequo a prize may be shared, so any
number of films may share the award's prizes (the jury's statement says how).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from korkyt.judging.errors import JudgingError

__all__ = ["AwardRule", "Violation", "check_awards"]

ParamValue = str | int | list[str] | list[int]


@dataclass
class AwardRule:
    """An award of the edition. ``main``: a main award (at most one per film, usually). ``mention``: a
    special mention rather than a prize (never main). ``ex_aequo_allowed``: a prize may be shared by
    several films. ``max_winners``: the number of prizes (1 or more)."""

    code: str
    main: bool
    ex_aequo_allowed: bool
    max_winners: int = 1
    mention: bool = False


@dataclass(frozen=True)
class Violation:
    """A broken rule: ``code`` (see the module's table) and ``params`` for the sentence."""

    code: str
    params: dict[str, ParamValue] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The rule in plain English (for logs and tests; the app translates ``code``)."""
        p = self.params
        if self.code == "unknown-award":
            return f"film {p['film']} is given {p['award']!r}, an award the rules do not have"
        if self.code == "duplicate-decision":
            return f"film {p['film']} is given {p['award']!r} twice"
        if self.code == "ex-aequo-not-allowed":
            return f"{p['award']!r} cannot be given ex aequo, but goes to {p['count']} films"
        if self.code == "too-many-winners":
            return f"{p['award']!r} has {p['max']} prizes, but goes to {p['count']} films"
        if self.code == "two-main-awards":
            return f"film {p['film']} gets more than one main award: {_joined(p['awards'])}"
        if self.code == "mention-and-award":
            return f"film {p['film']} gets a special mention and an award"
        return self.code


def _joined(value: ParamValue) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _validate(rules: Sequence[AwardRule]) -> dict[str, AwardRule]:
    by_code: dict[str, AwardRule] = {}
    for rule in rules:
        if rule.code in by_code:
            raise JudgingError(f"the award {rule.code!r} has two rules")
        if rule.max_winners < 1:
            raise JudgingError(
                f"the award {rule.code!r}: max_winners must be 1 or more, got {rule.max_winners}"
            )
        if rule.main and rule.mention:
            raise JudgingError(f"the award {rule.code!r} cannot be both a main award and a mention")
        by_code[rule.code] = rule
    return by_code


def check_awards(
    decisions: Sequence[tuple[str, int]],
    rules: Sequence[AwardRule],
    one_main_award_per_film: bool = True,
    *,
    mention_with_award: bool = True,
) -> list[Violation]:
    """Every rule the ``decisions`` (award code, film id) break; an empty list when they are valid.

    ``one_main_award_per_film``: a film may get at most one main award (the usual festival rule).
    ``mention_with_award``: whether a film given an award may also get a special mention.
    Violations come in a fixed order: per decision (unknown award, duplicate), then per award in the order
    of ``rules``, then per film by id. Raises ``JudgingError`` for inconsistent rules (two rules with one
    code, ``max_winners`` below 1, an award both main and a mention)."""
    by_code = _validate(rules)
    out: list[Violation] = []
    winners: dict[str, list[int]] = defaultdict(list)
    seen: set[tuple[str, int]] = set()
    for award, film in decisions:
        if award not in by_code:
            out.append(Violation("unknown-award", {"award": award, "film": film}))
            continue
        if (award, film) in seen:
            out.append(Violation("duplicate-decision", {"award": award, "film": film}))
            continue
        seen.add((award, film))
        winners[award].append(film)

    for rule in rules:
        films = sorted(winners.get(rule.code, []))
        if len(films) <= rule.max_winners or rule.ex_aequo_allowed:
            continue
        if rule.max_winners == 1:
            out.append(
                Violation("ex-aequo-not-allowed", {"award": rule.code, "films": films, "count": len(films)})
            )
        else:
            out.append(
                Violation(
                    "too-many-winners",
                    {"award": rule.code, "films": films, "count": len(films), "max": rule.max_winners},
                )
            )

    order = {rule.code: i for i, rule in enumerate(rules)}
    by_film: dict[int, list[str]] = defaultdict(list)
    for award, film in sorted(seen, key=lambda x: (x[1], order[x[0]])):
        by_film[film].append(award)
    for film, awards in sorted(by_film.items()):
        main = [a for a in awards if by_code[a].main]
        if one_main_award_per_film and len(main) > 1:
            out.append(Violation("two-main-awards", {"film": film, "awards": main}))
        mentions = [a for a in awards if by_code[a].mention]
        prizes = [a for a in awards if not by_code[a].mention]
        if not mention_with_award and mentions and prizes:
            out.append(Violation("mention-and-award", {"film": film, "mentions": mentions, "awards": prizes}))
    return out
