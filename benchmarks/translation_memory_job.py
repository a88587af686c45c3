"""Pre-translating a job from the database-backed translation memory, and the editor page of that job.

Runs against a fresh SQLite database in a temporary directory (the embedded default). It loads the
memory of ``benchmarks/translation_memory.py``'s generator (200,000 units in five pairs, 100,000 of them
kk→tr) into ``localization.MemoryUnit`` rows, uploads the generated 1,500-cue Kazakh job as an SRT track,
orders a kk-Cyrl → tr translation job and times ``services.job_prepare``:

* cold: the memory of the pair is read from the database and indexed (first job after a start or after
  the memory changed), then every cue is looked up;
* warm: the same with the pair's memory already built in the process (the worker keeps it while the
  memory does not change).

Cold, warm and the peer alternate for ``--repeat`` rounds (5), the cues emptied and, for cold, the kept
memory dropped first; medians and min–max are printed.

The peer is the naive full scan of the same run: rapidfuzz ``process.cdist`` with ``fuzz.ratio`` and
``workers=-1`` (every core) of every cue against the normalised source text of every kk→tr unit;
normalising those texts is its one-off preparation, counted once. Its best scores are compared with the
scores stored on the cues. Then the editor page of the 1,500-cue job (source and
target side by side, per-cue checks, glossary) is requested through Django's test client: server time.

    PYTHONPATH=src python benchmarks/translation_memory_job.py [--units 200000] [--cues 1500] [--sample 0]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from translation_memory import cpu_model, generate, naive_scan, pair_keys

from korkyt.mt.memory import normalise

TAGS = {"kk": "kk-Cyrl", "tr": "tr", "az": "az-Latn", "ru": "ru", "uz": "uz-Latn", "en": "en"}


def _srt(texts: list[str]) -> bytes:
    def ts(ms: int) -> str:
        h, rest = divmod(ms, 3_600_000)
        m, rest = divmod(rest, 60_000)
        s, ms = divmod(rest, 1000)
        return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"

    blocks = []
    for i, text in enumerate(texts):
        start = 1000 + i * 4000
        blocks.append(f"{i + 1}\n{ts(start)} --> {ts(start + 3200)}\n{text}\n")
    return "\n".join(blocks).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units", type=int, default=200_000)
    parser.add_argument("--cues", type=int, default=1500)
    parser.add_argument("--sample", type=int, default=0, help="cues the peer scans (0: every cue)")
    parser.add_argument("--pages", type=int, default=7, help="editor page requests (best and median)")
    parser.add_argument("--repeat", type=int, default=5, help="alternating rounds of cold, warm and the peer")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one editor page request")
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="korkyt-bench-")
    os.environ.update(KORKYT_HOME=home, DJANGO_SETTINGS_MODULE="korkyt.config.settings", DEBUG="false")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from korkyt.accounts.models import Role, User
    from korkyt.accounts.services import role_grant
    from korkyt.catalogue.models import Film, FilmTitle
    from korkyt.config.demo import SYSTEM
    from korkyt.institutions.models import Institution
    from korkyt.localization import selectors, services
    from korkyt.localization.models import CueOrigin, CueState, MemoryUnit, TargetCue

    python = platform.python_version()
    print(f"machine: {os.cpu_count()} CPU(s), {cpu_model()}, Python {python}, {connection.vendor}")
    call_command("migrate", verbosity=0)
    units, job_texts, kinds = generate(args.units, args.cues)
    owner = Institution.objects.create(
        code="KZ-B", kind="national_agency", country="KZ", native_language="kk-Cyrl"
    )
    film = Film.objects.create(owner=owner, status="published", year=2024)
    FilmTitle.objects.create(film=film, text="Бенчмарк", language="kk-Cyrl")
    started = time.perf_counter()
    MemoryUnit.objects.bulk_create(
        (
            MemoryUnit(
                source_language=TAGS[u.source_lang],
                target_language=TAGS[u.target_lang],
                source_text=u.source_text,
                source_key=normalise(u.source_text),
                target_text=u.target_text,
                film=film if u.film_id == "film-7" else None,
                context=u.context or "",
            )
            for u in units
        ),
        batch_size=5000,
    )
    pair_units = MemoryUnit.objects.filter(source_language="kk-Cyrl", target_language="tr").count()
    stored = time.perf_counter() - started
    print(f"stored {len(units):,} memory units ({pair_units:,} kk-Cyrl→tr) in {stored:.1f} s")

    translator = User.objects.create_user(username="t", password="x")
    reviewer = User.objects.create_user(username="r", password="x")
    admin = User.objects.create_user(username="admin", password="x", is_superuser=True)
    role_grant(actor=SYSTEM, user=translator, role=Role.TRANSLATOR, scope=owner)
    role_grant(actor=SYSTEM, user=reviewer, role=Role.REVIEWER, scope=owner)

    started = time.perf_counter()
    track = services.track_upload(actor=SYSTEM, film=film, language="kk-Cyrl", data=_srt(job_texts))
    uploaded = time.perf_counter() - started
    print(f"track upload + check + cue rows ({track.cues.count():,} cues): {uploaded:.2f} s")
    job = services.job_order(
        actor=SYSTEM,
        source=track,
        target_language="tr",
        assignee=translator,
        reviewer=reviewer,
        enqueue=False,
    )

    def reset() -> None:
        TargetCue.objects.filter(job=job).update(text="", state=CueState.UNTRANSLATED, origin="", score=None)

    cues = list(TargetCue.objects.filter(job=job).order_by("position"))
    size = len(cues) if args.sample <= 0 else min(args.sample, len(cues))
    sample = sorted(random.Random(7).sample(range(len(cues)), size))
    started = time.perf_counter()
    choices = pair_keys(units)
    prepare = time.perf_counter() - started
    colds: list[float] = []
    loads: list[float] = []
    warms: list[float] = []
    peers: list[float] = []
    stats: dict[str, int] = {}
    naive: list[float | None] = []
    for run in range(args.repeat):
        for step in ("cold", "warm", "peer") if run % 2 == 0 else ("peer", "cold", "warm"):
            if step == "peer":
                started = time.perf_counter()
                naive = naive_scan(choices, [job_texts[i] for i in sample], 75)
                peers.append((time.perf_counter() - started) * len(cues) / size)
                continue
            reset()
            if step == "cold":
                selectors._MEMORY_CACHE.clear()
            started = time.perf_counter()
            if step == "cold":
                profiler = None
                if args.profile and run == 0:
                    import cProfile

                    profiler = cProfile.Profile()
                    profiler.enable()
                selectors.memory_for("kk-Cyrl", "tr")
                if profiler is not None:
                    import pstats

                    profiler.disable()
                    pstats.Stats(profiler).sort_stats("tottime").print_stats(12)
                loads.append(time.perf_counter() - started)
            stats = services.job_prepare(job_id=job.pk)
            (colds if step == "cold" else warms).append(time.perf_counter() - started)
        print(f"round {run + 1}: cold {colds[-1]:.2f} s, warm {warms[-1]:.2f} s, peer {peers[-1]:.2f} s")
    reset()
    services.job_prepare(job_id=job.pk)  # leave the job pre-translated for the checks below
    hits = stats["exact"] + stats["fuzzy"]

    def spread(values: list[float]) -> str:
        return f"median {statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f})"

    print(f"pre-translation, cold (read {pair_units:,} units from the database, index, look up):")
    print(f"  {spread(colds)}")
    print(f"  of which reading the pair's units from the database and indexing them: {spread(loads)}")
    print(f"pre-translation, warm (memory kept by the worker): {spread(warms)}")
    print(
        f"hit rate: {hits / len(job_texts):.1%} ({stats['exact']:,} exact, {stats['fuzzy']:,} fuzzy ≥ 75); "
        f"MT step: {job.__class__.objects.get(pk=job.pk).mt_note or 'ran'}"
    )
    cues = list(TargetCue.objects.filter(job=job).order_by("position"))
    agree = 0
    for i, best in zip(sample, naive, strict=True):
        cue = cues[i]
        found = cue.origin in (CueOrigin.MEMORY_EXACT, CueOrigin.MEMORY_FUZZY)
        if (best is None and not found) or (
            best is not None and found and abs((cue.score or 0) - best) < 0.06
        ):
            agree += 1
    scope = "every cue" if size == len(cues) else f"{size} sampled cues, scaled to {len(cues):,}"
    print(
        f"peer: rapidfuzz process.cdist(workers=-1) over {pair_units:,} units, {scope}: {spread(peers)}"
        f" + {prepare:.2f} s normalising the units once"
    )
    print(f"best-match agreement: {agree}/{len(sample)}")
    peer = statistics.median(peers) + prepare
    print(
        f"ratio (peer incl. normalising / ours, medians): cold {peer / statistics.median(colds):.1f}×, "
        f"warm {peer / statistics.median(warms):.1f}×"
    )
    del kinds

    client = Client()
    client.force_login(admin)
    url = f"/en/localization/jobs/{job.pk}/"
    client.get(url)  # warm-up (templates, translations)
    times = []
    for _ in range(args.pages):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        client.get(url)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
    size = len(response.content) / 1024
    best, median = min(times), statistics.median(times)
    print(
        f"editor page, {len(cues):,} cues: best {best:.0f} ms, median {median:.0f} ms ({size:,.0f} KiB HTML)"
    )


if __name__ == "__main__":
    main()
