"""Pick an engine per language pair, pivoting through tr, ru or en when no engine offers the pair."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from korkyt.mt.base import Engine, Hop, Segment, Translation, as_segments
from korkyt.mt.errors import (
    BadResponse,
    EngineUnavailable,
    MTError,
    NoEngineConfigured,
    RateLimited,
    UnsupportedPair,
)
from korkyt.mt.languages import canonical_tag

DEFAULT_PIVOTS = ("tr", "ru", "en")


@dataclass(frozen=True)
class Leg:
    """One step of a route: an engine and the pair it translates."""

    engine: Engine
    source: str
    target: str


@dataclass(frozen=True)
class Route:
    """A direct route (one leg) or a pivot route (two legs through a third language)."""

    legs: tuple[Leg, ...]

    @property
    def pivot(self) -> str | None:
        """The language passed through, or None for a direct route."""
        return self.legs[0].target if len(self.legs) > 1 else None

    def describe(self) -> str:
        """E.g. ``"apertium kk→tr, libretranslate tr→az"``."""
        return ", ".join(f"{leg.engine.name} {leg.source}→{leg.target}" for leg in self.legs)


class Router:
    """Routes translation requests to the configured engines, in their configured order of preference.

    A direct engine is preferred; otherwise the pair is translated through each pivot language in turn
    (``tr``, ``ru``, ``en`` by default). When a route fails (engine down, rate limited, bad answer) the
    next candidate route is tried. Every Translation records its route. The router is itself an Engine.
    """

    name = "router"

    def __init__(self, engines: Sequence[Engine] = (), *, pivots: Iterable[str] = DEFAULT_PIVOTS) -> None:
        self.engines = list(engines)
        self.pivots = tuple(canonical_tag(p) for p in pivots)

    @classmethod
    def from_config(cls, config: Iterable[Mapping[str, Any]] | None, **kwargs: Any) -> Router:
        """A router over the engines described by a plain configuration (see ``build_engines``)."""
        from korkyt.mt.registry import build_engines

        return cls(build_engines(config or []), **kwargs)

    @property
    def configured(self) -> bool:
        """Whether any engine is configured (False means the MT step is to be skipped)."""
        return bool(self.engines)

    def status(self) -> str:
        """A one-line description for a UI: which engines are configured, or that none is."""
        if not self.engines:
            return "no machine-translation engine is configured"
        return "engines: " + ", ".join(engine.name for engine in self.engines)

    # -- routing -----------------------------------------------------------------------------------
    def _engine_pairs(self, errors: dict[str, str]) -> list[tuple[Engine, set[tuple[str, str]]]]:
        result = []
        for engine in self.engines:
            try:
                result.append((engine, engine.pairs()))
            except MTError as exc:
                errors[engine.name] = str(exc)
                result.append((engine, set()))
        return result

    def routes(self, source: str, target: str) -> list[Route]:
        """Candidate routes for a pair in order of preference (empty when none exists)."""
        return self._routes(canonical_tag(source), canonical_tag(target), {})

    def _routes(self, source: str, target: str, errors: dict[str, str]) -> list[Route]:
        if not self.engines:
            raise NoEngineConfigured()
        table = self._engine_pairs(errors)
        routes = [Route((Leg(e, source, target),)) for e, pairs in table if (source, target) in pairs]
        for pivot in self.pivots:
            if pivot in (source, target):
                continue
            firsts = [e for e, pairs in table if (source, pivot) in pairs]
            seconds = [e for e, pairs in table if (pivot, target) in pairs]
            routes.extend(
                Route((Leg(a, source, pivot), Leg(b, pivot, target))) for a in firsts for b in seconds
            )
        return routes

    def route(self, source: str, target: str) -> Route | None:
        """The preferred route for a pair, or None."""
        routes = self.routes(source, target)
        return routes[0] if routes else None

    # -- Engine protocol -----------------------------------------------------------------------------
    def pairs(self) -> set[tuple[str, str]]:
        """Every pair reachable directly or through one pivot language."""
        table = self._engine_pairs({})
        direct = set().union(*(pairs for _, pairs in table)) if table else set()
        reachable = set(direct)
        for pivot in self.pivots:
            into = {s for s, t in direct if t == pivot}
            out = {t for s, t in direct if s == pivot}
            reachable.update((s, t) for s in into for t in out if s != t)
        return reachable

    def supports(self, source: str, target: str) -> bool:
        """Whether some route exists for the pair (False when no engine is configured)."""
        try:
            return bool(self.routes(source, target))
        except (ValueError, NoEngineConfigured):
            return False

    def translate(self, segments: Sequence[Segment | str], source: str, target: str) -> list[Translation]:
        """Translate along the first route that works; raises NoEngineConfigured, UnsupportedPair or the
        error of the failed route(s)."""
        try:
            src, tgt = canonical_tag(source), canonical_tag(target)
        except ValueError as exc:
            raise UnsupportedPair(source, target, str(exc)) from exc
        if src == tgt:
            raise UnsupportedPair(src, tgt, "source and target are the same language")
        items = as_segments(segments)
        errors: dict[str, str] = {}
        routes = self._routes(src, tgt, errors)
        if not routes:
            if errors:
                listed = "; ".join(f"{name}: {message}" for name, message in errors.items())
                message = f"no route for {src} → {tgt}; engines that could not be asked: {listed}"
                raise EngineUnavailable(message)
            pivots = ", ".join(p for p in self.pivots if p not in (src, tgt))
            raise UnsupportedPair(src, tgt, f"no configured engine offers it directly or through {pivots}")
        failures: list[tuple[Route, MTError]] = []
        for route in routes:
            try:
                return self._run(route, items)
            except (EngineUnavailable, RateLimited, BadResponse, UnsupportedPair) as exc:
                failures.append((route, exc))
        if len(failures) == 1:
            raise failures[0][1]
        summary = "; ".join(f"[{route.describe()}] {exc}" for route, exc in failures)
        if all(isinstance(exc, RateLimited) for _, exc in failures):
            waits = [e.retry_after for _, e in failures if isinstance(e, RateLimited) and e.retry_after]
            raise RateLimited(f"every route is rate limited: {summary}", min(waits) if waits else None)
        raise EngineUnavailable(f"every route for {src} → {tgt} failed: {summary}") from failures[-1][1]

    def _run(self, route: Route, segments: list[Segment]) -> list[Translation]:
        current = segments
        results: list[Translation] | None = None
        for leg in route.legs:
            step = leg.engine.translate(current, leg.source, leg.target)
            if len(step) != len(current):
                raise BadResponse(f"{leg.engine.name} returned {len(step)} translations for {len(current)}")
            hop = (Hop(leg.engine.name, leg.source, leg.target),)
            step = [t if t.route else replace(t, route=hop) for t in step]
            if results is None:
                results = step
            else:
                results = [_chain(before, after) for before, after in zip(results, step, strict=True)]
            current = [Segment(t.text, s.context) for t, s in zip(step, current, strict=True)]
        return results or []


def _chain(before: Translation, after: Translation) -> Translation:
    score = before.score * after.score if before.score is not None and after.score is not None else None
    return Translation(after.text, f"{before.engine}+{after.engine}", score, before.route + after.route)
