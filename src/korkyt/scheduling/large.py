"""The search for editions past ``LNS_FROM_JOBS`` screenings with a complete greedy schedule.

Simulated annealing (``korkyt.scheduling.anneal``) improves the greedy schedule. With
two or more workers a second run, with another seed, anneals the same greedy schedule in a process of its
own on the second core (the annealer is plain Python: a thread would share the first), after proving the
relaxation's lower bound (``korkyt.scheduling.bound``, a linear programme of a second or two); the better
of the two goes on, and the two compare again after each of ``ROUNDS`` rounds. With one worker the
bound comes first and one run anneals. Then the rooms
are re-assigned with the times fixed (``korkyt.scheduling.rooms``) and CP-SAT neighbourhoods
(``korkyt.scheduling.lns``) polish the rest with every worker.

The full CP-SAT model is not solved here: on these editions its bound is the relaxation's or lower
(Aktau-sized seeds 1–3: 1903 / 2275 / 2200 against 1922 / 2294 / 2235; large: the same), it never
improved on the annealed schedule, and it took a core for the whole run."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import time
from multiprocessing.connection import Connection

from korkyt.scheduling.anneal import T_END, T_START, anneal, anneal_prime_free_first
from korkyt.scheduling.bound import lower_bound
from korkyt.scheduling.costs import evaluate
from korkyt.scheduling.cpsat import CpResult, Progress
from korkyt.scheduling.prep import Prepared

log = logging.getLogger(__name__)

Placement = dict[int, tuple[int, int]]
POLISH_SHARE = 0.12  # of the time limit, at the end: rooms re-assigned, then CP-SAT neighbourhoods
POLISH_MIN_S = 1.5
BOUND_SHARE = 0.3  # at most this share of the time limit for the relaxation's bound
BOUND_MAX_S = 3.0  # ... and at most this long when it takes the annealer's only core
SECOND_SEED = 7919  # the second run's seed, apart from the first's
ANSWER_WAIT_S = 1.0  # the second run ends when the first does: an answer later than this is dropped
SECOND_MIN_S = 4.0  # the second run only when the annealing has at least this long
ROUNDS = 4  # with a second run: rounds after each of which both go on from the better schedule


def _temperature(fraction: float) -> float:
    """The annealer's temperature at ``fraction`` of one run from ``T_START`` to ``T_END``."""
    return T_START * (T_END / T_START) ** fraction


def _second_worker(conn: Connection) -> None:
    """The second process: answers ``("first", prepared, placed, until, bound_s, seed)`` with an annealed
    schedule, its objective and the relaxation's bound, and ``("more", placed, until, seed, t_start, t_end)``
    with an annealed schedule and its objective, until ``None``. ``until`` is a ``time.monotonic`` time
    (the same clock in every process)."""
    prepared: Prepared | None = None
    while True:
        message = conn.recv()
        if message is None:
            break
        if message[0] == "first":
            _, prepared, placed, until, bound_s, seed = message
            assert prepared is not None
            bound = lower_bound(prepared, time_limit=bound_s) or 0
            deadline = time.perf_counter() + (until - time.monotonic())
            out, value = anneal_prime_free_first(prepared, placed, deadline=deadline, seed=seed)
            answer: tuple[object, ...] = (out, value, bound)
        else:
            _, placed, until, seed, t_start, t_end = message
            assert prepared is not None
            deadline = time.perf_counter() + (until - time.monotonic())
            out, value = anneal(prepared, placed, deadline=deadline, seed=seed, t_start=t_start, t_end=t_end)
            answer = (out, value)
        try:
            conn.send(answer)
        except OSError:  # the first run ended without waiting for this answer (a broken pipe): stop quietly
            break
    conn.close()


class _Second:
    """The second annealing run, in a process of its own."""

    def __init__(self, process: multiprocessing.process.BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn

    @classmethod
    def start(cls) -> _Second | None:
        ctx = multiprocessing.get_context("spawn")  # no fork: the caller may hold threads and connections
        ours, theirs = ctx.Pipe()
        process = ctx.Process(
            target=_second_worker, args=(theirs,), name="korkyt-scheduling-anneal", daemon=True
        )
        try:
            process.start()
        except (AssertionError, OSError) as exc:  # e.g. inside a daemonic worker, which may not have children
            log.info("one annealing run only: the second process did not start (%s)", exc)
            return None
        theirs.close()
        return cls(process, ours)

    def ask(self, message: tuple[object, ...]) -> bool:
        try:
            self.conn.send(message)
        except (OSError, ValueError):  # pragma: no cover - the process died
            return False
        return True

    def answer(self, wait_s: float) -> tuple[object, ...] | None:
        """Its answer, waiting at most ``wait_s`` seconds; None when there is none."""
        try:
            if self.conn.poll(max(0.0, wait_s)):
                got: tuple[object, ...] = self.conn.recv()
                return got
        except (EOFError, OSError):  # the process died
            pass
        return None

    def close(self) -> None:
        with contextlib.suppress(OSError, ValueError):  # it may have died already
            self.conn.send(None)
        self.conn.close()
        self.process.join(timeout=0.5)
        if self.process.is_alive():  # still annealing on a busy machine: stopped, and reaped
            self.process.terminate()
            self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _wait(end: float) -> float:
    """How long to wait for the second run's answer: ``ANSWER_WAIT_S``, never past the run's ``end``."""
    return max(0.0, min(ANSWER_WAIT_S, end - time.perf_counter()))


def solve_large(
    prepared: Prepared,
    greedy_placed: Placement,
    *,
    t0: float,
    time_limit: float,
    workers: int,
    seed: int,
    progress: Progress | None = None,
) -> CpResult:
    """The best schedule found from the complete ``greedy_placed`` by ``t0 + time_limit``, with a bound."""
    from korkyt.scheduling.lns import improve
    from korkyt.scheduling.rooms import reassign_rooms

    end = t0 + time_limit
    start = time.perf_counter()
    polish_at = end - max(POLISH_MIN_S, POLISH_SHARE * time_limit)
    placed, objective = dict(greedy_placed), evaluate(prepared, greedy_placed).total
    count = 0
    bound = 0.0

    def keep(candidate: Placement | None, value: int | None) -> None:
        nonlocal placed, objective, count
        if candidate is not None and value is not None and value < objective:
            placed, objective = candidate, evaluate(prepared, candidate).total
            count += 1
            if progress is not None:
                progress(time.perf_counter() - t0, objective, bound, count)

    def until(at: float) -> float:  # a perf_counter time as a time.monotonic one, for the other process
        return time.monotonic() + (at - time.perf_counter())

    # A second process takes a second or two to start: not worth it when the annealing has less than that.
    second = _Second.start() if workers >= 2 and polish_at - start >= SECOND_MIN_S else None
    if second is None:
        bound = float(lower_bound(prepared, time_limit=min(BOUND_MAX_S, BOUND_SHARE * time_limit)) or 0)
        keep(*anneal_prime_free_first(prepared, greedy_placed, deadline=polish_at, seed=seed))
    else:
        # ROUNDS rounds: both runs from the greedy schedule to the end of the first, then in each of the
        # others both from the better schedule of the round before, a little cooler each time.
        # The first round takes half the time: it has to find out whether prime time can stay empty.
        fractions = [0.5 + 0.5 * k / (ROUNDS - 1) for k in range(ROUNDS)] if ROUNDS > 1 else [1.0]
        ends = [start + (polish_at - start) * f for f in fractions]
        bound_s = min(BOUND_SHARE * time_limit, (ends[0] - start) / 2)
        asked = second.ask(("first", prepared, greedy_placed, until(ends[0]), bound_s, seed + SECOND_SEED))
        keep(*anneal_prime_free_first(prepared, greedy_placed, deadline=ends[0], seed=seed))
        got = second.answer(_wait(end)) if asked else None
        if got is not None:
            other, other_value, bound_got = got
            bound = float(bound_got)  # type: ignore[arg-type]
            keep(other, other_value)  # type: ignore[arg-type]
        else:
            bound = float(lower_bound(prepared, time_limit=min(BOUND_MAX_S, BOUND_SHARE * time_limit)) or 0)
        for k in range(1, ROUNDS):
            hot, cold = _temperature(fractions[k - 1]), _temperature(fractions[k])
            their_seed = seed + SECOND_SEED + k
            asked = got is not None and second.ask(("more", placed, until(ends[k]), their_seed, hot, cold))
            keep(*anneal(prepared, placed, deadline=ends[k], seed=seed + k, t_start=hot, t_end=cold))
            got = second.answer(_wait(end)) if asked else None
            if got is not None:
                keep(*got)  # type: ignore[arg-type]
        second.close()
    if progress is not None:
        progress(time.perf_counter() - t0, objective, bound, count)
    rooms_s = min(1.0, end - time.perf_counter())
    if rooms_s > 0.05:  # the rooms again with the times fixed: an exact assignment for the seats
        placed, gain = reassign_rooms(prepared, placed, time_limit=rooms_s, workers=workers, seed=seed)
        objective -= gain
        count += bool(gain)

    def better(value: int) -> None:
        nonlocal count
        count += 1
        if progress is not None:
            progress(time.perf_counter() - t0, value, bound, count)

    placed, objective, _found = improve(
        prepared, placed, objective, deadline=end, seed=seed, workers=workers, on_better=better
    )
    status = "optimal" if objective <= bound else "feasible"
    return CpResult(status, placed, objective, bound, None, count)
