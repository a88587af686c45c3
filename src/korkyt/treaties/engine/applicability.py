"""Applicability: whether an instrument governs a project's co-producers, and why (text and messages)."""

from __future__ import annotations

from ..countries import adjective, country_name, names
from ..messages import Countries, Msg, msg
from ..rules import Instrument, RuleBook
from .context import Context


def _is_are(codes: tuple[str, ...] | list[str]) -> str:
    return "is" if len(codes) == 1 else "are"


def _word(inst: Instrument, codes: tuple[str, ...] | list[str]) -> str:
    word = inst.applicability.party_word
    if len(codes) == 1:
        return f"a {word}"
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def _bilateral_applies(book: RuleBook, ctx: Context) -> Instrument | None:
    for other in book.instruments:
        if other.kind == "bilateral" and other.in_force(ctx.on) and _applicability(other, ctx, book)[0]:
            return other
    return None


def _applicability(inst: Instrument, ctx: Context, book: RuleBook) -> tuple[bool, str, tuple[Msg, ...]]:
    a = inst.applicability
    countries = ctx.countries
    if a.type == "parties":
        parties = inst.parties_on(ctx.on)
        inside = [c for c in countries if c in parties]
        outside = [c for c in countries if c not in parties]
        kind = "members" if a.party_word == "member" else "parties"
        if len(inside) < a.min_party_coproducers and not outside:  # one party state alone
            need = a.min_party_coproducers
            texts = [msg(f"reason.too_few_{kind}", short=inst.short, needed=need)]
            why = f"{inst.short} does not apply: it needs co-producers from at least {need} {kind}"
            if inside:
                texts.append(msg(f"reason.only_{kind}", countries=Countries(tuple(inside))))
                why += f"; only {names(inside)} {_is_are(inside)} {_word(inst, inside)}"
            return False, why, tuple(texts)
        if len(inside) < a.min_party_coproducers:
            texts = [msg(f"reason.not_{kind}", short=inst.short, countries=Countries(tuple(outside)))]
            texts += [
                msg("reason.joins_later", country=Countries((p.country,)), since=p.joined)
                for p in inst.parties
                if p.country in outside and p.joined > ctx.on
            ]
            if inside:
                texts.append(msg(f"reason.only_{kind}", countries=Countries(tuple(inside))))
            later = [
                f"{country_name(p.country)} only from {p.joined.isoformat()}"
                for p in inst.parties
                if p.country in outside and p.joined > ctx.on
            ]
            why = f"{names(outside)} {_is_are(outside)} not {_word(inst, outside)}"
            if later:
                why += f" on {ctx.on.isoformat()} ({'; '.join(later)})"
            if inside:
                why += f"; only {names(inside)} {_is_are(inside)} {_word(inst, inside)}"
            return False, f"{inst.short} does not apply: {why}", tuple(texts)
        if inst.superseded_by:
            try:
                newer = book.get(inst.superseded_by)
            except KeyError:
                newer = None
            if newer is not None and newer.in_force(ctx.on) and set(inside) <= newer.parties_on(ctx.on):
                return (
                    False,
                    (
                        f"{inst.short} does not apply: {names(inside)} {_is_are(inside)} also "
                        f"{_word(newer, inside)} to {newer.short}, which replaces it between them"
                    ),
                    (
                        msg(
                            "reason.superseded",
                            short=inst.short,
                            countries=Countries(tuple(inside)),
                            newer=newer.short,
                        ),
                    ),
                )
        if inst.yields_to_bilateral and ctx.states == 2:
            treaty = _bilateral_applies(book, ctx)
            if treaty is not None:
                return (
                    False,
                    (
                        f"{inst.short} does not apply: it governs bilateral co-productions only where no "
                        f"bilateral agreement exists, and {treaty.short} applies"
                    ),
                    (msg("reason.yields_to_bilateral", short=inst.short, treaty=treaty.short),),
                )
        shape = "bilateral" if ctx.states == 2 else "multilateral"
        why = f"{inst.short} applies: {names(inside)} {_is_are(inside)} {_word(inst, inside)} ({shape})"
        texts = [
            msg(f"reason.applies_{kind}", short=inst.short, countries=Countries(tuple(inside)), shape=shape)
        ]
        if outside:
            why += f"; {names(outside)} {_is_are(outside)} not"
            texts.append(msg("reason.others_not", countries=Countries(tuple(outside))))
        return True, why, tuple(texts)
    if a.type == "country":
        assert a.country is not None
        ids = [p.id for p in ctx.project.partners if p.country == a.country]
        here = Countries((a.country,))
        if not ids:
            return (
                False,
                f"{inst.short} does not apply: no co-producer from {country_name(a.country)}",
                (msg("reason.no_coproducer_from", short=inst.short, countries=here),),
            )
        return (
            True,
            f"{inst.short} applies: a {adjective(a.country)} producer ({', '.join(ids)})",
            (msg("reason.applies_producer", short=inst.short, countries=here, partners=", ".join(ids)),),
        )
    if a.type == "country_with_foreign":
        assert a.country is not None
        foreign = [c for c in countries if c != a.country]
        if a.country not in countries:
            return (
                False,
                f"{inst.short} does not apply: no co-producer from {country_name(a.country)}",
                (msg("reason.no_coproducer_from", short=inst.short, countries=Countries((a.country,))),),
            )
        if not foreign:
            return (
                False,
                f"{inst.short} does not apply: no foreign co-producer",
                (msg("reason.no_foreign", short=inst.short),),
            )
        return (
            True,
            f"{inst.short} applies: a {adjective(a.country)} co-producer "
            f"with producers from {names(foreign)}",
            (
                msg(
                    "reason.applies_with_foreign",
                    short=inst.short,
                    country=Countries((a.country,)),
                    countries=Countries(tuple(foreign)),
                ),
            ),
        )
    if a.type == "pair":
        covered = set(a.countries)
        others = [c for c in countries if c not in covered]
        absent = [c for c in a.countries if c not in countries]
        pair = "–".join(country_name(c) for c in a.countries)  # "Italy–Türkiye"
        if others:
            return (
                False,
                (
                    f"{inst.short} does not apply: it covers {pair} co-productions, "
                    f"and {names(others)} {_is_are(others)} not covered"
                ),
                (
                    msg(
                        "reason.pair_not_covered",
                        short=inst.short,
                        pair=Countries(tuple(a.countries)),
                        countries=Countries(tuple(others)),
                    ),
                ),
            )
        if absent:
            return (
                False,
                f"{inst.short} does not apply: no co-producer from {names(absent)}",
                (msg("reason.no_coproducer_from", short=inst.short, countries=Countries(tuple(absent))),),
            )
        return (
            True,
            f"{inst.short} applies: a co-production between {names(a.countries)}",
            (msg("reason.applies_pair", short=inst.short, countries=Countries(tuple(a.countries))),),
        )
    if a.type == "memorandum":
        assert a.hub is not None
        parties = inst.parties_on(ctx.on)
        if a.hub not in countries:
            return (
                False,
                (
                    f"{inst.short} does not apply: no co-producer from {country_name(a.hub)}, "
                    "which signed each memorandum"
                ),
                (msg("reason.memo_no_hub", short=inst.short, country=Countries((a.hub,))),),
            )
        partners = [c for c in countries if c != a.hub and c in parties]
        if not partners:
            return (
                False,
                (
                    f"{inst.short} does not apply: no co-producer from a country that signed a memorandum "
                    f"with {country_name(a.hub)}"
                ),
                (msg("reason.memo_no_partner", short=inst.short, country=Countries((a.hub,))),),
            )
        return (
            True,
            (
                f"{inst.short} applies: memoranda of {country_name(a.hub)} with {names(partners)}; "
                "a memorandum confers no co-production status"
            ),
            (
                msg(
                    "reason.memo_applies",
                    short=inst.short,
                    country=Countries((a.hub,)),
                    countries=Countries(tuple(partners)),
                ),
            ),
        )
    raise AssertionError(a.type)
