"""The objective evaluated on a finished schedule (the same parts the CP-SAT model minimises)."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict

from korkyt.scheduling.model import Objective
from korkyt.scheduling.prep import Prepared, seat_cost, window_of


def evaluate(prepared: Prepared, placed: dict[int, tuple[int, int]]) -> Objective:
    """``placed`` maps job index → (room index, start). Unplaced jobs cost nothing here."""
    instance = prepared.instance
    w = instance.weights
    seats = 0
    days: dict[int, Counter[int]] = defaultdict(Counter)
    buckets: dict[int, Counter[int]] = defaultdict(Counter)
    by_section: dict[str, list[tuple[int, int]]] = defaultdict(list)
    country_total: Counter[str] = Counter()
    country_prime: Counter[str] = Counter()
    by_jury: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for index, (room, start) in placed.items():
        job = prepared.jobs[index]
        film = prepared.film(job)
        seats += seat_cost(film, prepared.room(room), job.kind)
        if job.kind == "public":
            window = window_of(prepared, start)
            assert window is not None
            days[job.film][window.day] += 1
            buckets[job.film][window.bucket] += 1
            by_section[film.section].append((start, start + job.duration))
            if film.country is not None:
                country_total[film.country] += 1
                country_prime[film.country] += window.bucket == 2
        elif job.kind == "jury" and film.jury is not None:
            by_jury[film.jury].append((start, prepared.room_venue[room]))
    same_day = sum(max(0, n - 1) for counts in days.values() for n in counts.values())
    same_time = sum(max(0, n - 1) for counts in buckets.values() for n in counts.values())
    overlap = sum(_excused(spans) for spans in by_section.values())
    prime = 0
    if len(country_total) > 1:
        total = sum(country_total.values())
        prime_total = sum(country_prime.values())
        for country, n in country_total.items():
            diff = abs(total * country_prime[country] - n * prime_total)
            prime += -(-diff // total)
    changes = 0
    for visits in by_jury.values():
        visits.sort()
        changes += sum(a[1] != b[1] for a, b in itertools.pairwise(visits))
    total_cost = (
        w.same_day * same_day
        + w.same_time_of_day * same_time
        + w.seats * seats
        + w.section_overlap * overlap
        + w.prime_balance * prime
        + w.jury_venue_change * changes
    )
    return Objective(same_day, same_time, seats, overlap, prime, changes, total_cost)


def _excused(spans: list[tuple[int, int]]) -> int:
    """Fewest screenings to take out so that the rest never run at the same time (interval scheduling)."""
    kept = 0
    last_end = None
    for start, end in sorted(spans, key=lambda s: s[1]):
        if last_end is None or start >= last_end:
            kept += 1
            last_end = end
    return len(spans) - kept
