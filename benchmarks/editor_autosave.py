"""The editor's autosave request on a 1,500-cue job: server time of one htmx save of a cue; then the
editor page of that job.

Runs against a fresh SQLite database in a temporary directory (the embedded default). It uploads a
generated 1,500-cue Kazakh track (the cue texts of ``benchmarks/translation_memory.py``'s generator),
orders a kk-Cyrl → tr translation job, fills every cue with a Turkish draft, adds a glossary of
``--concepts`` concepts (Kazakh and Turkish terms drawn from the same pseudo-words, so that some occur
in the cues), then saves ``--saves`` cues through Django's test client the way the editor does (POST with
``HX-Request``: the answer is the cue's status cell with its findings and the state counts).

Each round saves the same sequence of cues; the figure is the median of the per-round medians, with the
spread (lowest and highest round median). Then the editor page of the job is requested ``--pages`` times
(best and median server time, size of the HTML); ``--cyrillic-every K`` writes every K-th draft in
Cyrillic (typed on the wrong keyboard: the script check's findings). Run it against two code versions to
compare them, e.g.

    PYTHONPATH=src python benchmarks/editor_autosave.py [--cues 1500] [--concepts 300] [--saves 40]
    PYTHONPATH=/path/to/other/checkout/src python benchmarks/editor_autosave.py
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

from translation_memory import cpu_model, generate


def _srt(texts: list[str]) -> bytes:
    def ts(ms: int) -> str:
        h, rest = divmod(ms, 3_600_000)
        m, rest = divmod(rest, 60_000)
        s, ms = divmod(rest, 1000)
        return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"

    return "\n".join(
        f"{i + 1}\n{ts(1000 + i * 4000)} --> {ts(4200 + i * 4000)}\n{text}\n" for i, text in enumerate(texts)
    ).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cues", type=int, default=1500)
    parser.add_argument("--concepts", type=int, default=300)
    parser.add_argument("--saves", type=int, default=40, help="saves per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pages", type=int, default=7, help="editor page requests after the saves")
    parser.add_argument(
        "--cyrillic-every", type=int, default=0, help="every K-th draft in Cyrillic (0: none)"
    )
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="korkyt-bench-")
    os.environ.update(KORKYT_HOME=home, DJANGO_SETTINGS_MODULE="korkyt.config.settings", DEBUG="false")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    import korkyt
    from korkyt.accounts.models import Role, RoleAssignment, User
    from korkyt.catalogue.models import Film
    from korkyt.core.permissions import SYSTEM
    from korkyt.institutions.models import Institution
    from korkyt.localization import services
    from korkyt.localization.models import CueState, GlossaryConcept, GlossaryTerm, TargetCue

    print(
        f"machine: {os.cpu_count()} CPU(s), {cpu_model()}, Python {platform.python_version()}, "
        f"{connection.vendor}; code: {Path(korkyt.__file__).resolve().parent}"
    )
    call_command("migrate", verbosity=0)
    units, job_texts, _kinds = generate(2000, args.cues)
    rng = random.Random(11)
    owner = Institution.objects.create(
        code="KZ-B", kind="national_agency", country="KZ", native_language="kk-Cyrl"
    )
    film = Film.objects.create(owner=owner, status="published", year=2024)
    translator = User.objects.create_user(username="t", password="x")
    reviewer = User.objects.create_user(username="r", password="x")
    RoleAssignment.objects.create(
        user=translator,
        role=Role.TRANSLATOR,
        content_type=ContentType.objects.get_for_model(owner),
        object_id=owner.pk,
    )
    RoleAssignment.objects.create(
        user=reviewer,
        role=Role.REVIEWER,
        content_type=ContentType.objects.get_for_model(owner),
        object_id=owner.pk,
    )
    track = services.track_upload(actor=SYSTEM, film=film, language="kk-Cyrl", data=_srt(job_texts))
    job = services.job_order(
        actor=SYSTEM,
        source=track,
        target_language="tr",
        assignee=translator,
        reviewer=reviewer,
        enqueue=False,
    )
    kk_tr = [u for u in units if u.source_lang == "kk" and u.target_lang == "tr"]
    cues = list(TargetCue.objects.filter(job=job).select_related("source").order_by("position"))
    for cue, unit in zip(cues, (kk_tr[i % len(kk_tr)] for i in range(len(cues))), strict=False):
        cue.text, cue.state = unit.target_text, CueState.DRAFT
        if args.cyrillic_every and cue.position % args.cyrillic_every == 0:
            cue.text = cue.source.text
    TargetCue.objects.bulk_update(cues, ["text", "state"], batch_size=500)
    kk_words = sorted({w for text in job_texts for w in text.split() if len(w) > 4 and w.isalpha()})
    tr_words = sorted({w for u in kk_tr for w in u.target_text.split() if len(w) > 4 and w.isalpha()})
    for i in range(args.concepts):
        concept = GlossaryConcept.objects.create(code=f"c{i}")
        GlossaryTerm.objects.create(concept=concept, language="kk-Cyrl", text=rng.choice(kk_words))
        GlossaryTerm.objects.create(concept=concept, language="tr", text=rng.choice(tr_words))
    print(f"job: {len(cues):,} cues (all drafted), glossary: {GlossaryConcept.objects.count():,} concepts")

    client = Client(HTTP_HOST="localhost")  # a host the settings allow (DEBUG is off)
    client.force_login(translator)
    sequence = [cues[rng.randrange(len(cues))] for _ in range(args.saves)]
    texts = [u.target_text for u in kk_tr[: args.saves]]

    def save(cue: TargetCue, text: str) -> float:
        started = time.perf_counter()
        response = client.post(f"/en/localization/cues/{cue.pk}/save", {"text": text}, HTTP_HX_REQUEST="true")
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200 and b"cue-status" in response.content, response.content[:300]
        return elapsed

    save(cues[0], cues[0].text + " .")  # warm-up (templates, translations, glossary)
    medians = []
    for round_ in range(args.rounds):
        times = [save(cue, f"{text} {round_}") for cue, text in zip(sequence, texts, strict=False)]
        medians.append(statistics.median(times))
    print(
        f"autosave of one cue, {len(cues):,}-cue job: median {statistics.median(medians):.1f} ms "
        f"(round medians {min(medians):.1f}–{max(medians):.1f} ms over {args.rounds} rounds of {args.saves})"
    )
    if args.pages:
        url = f"/en/localization/jobs/{job.pk}/"
        client.get(url)  # warm-up
        pages = []
        for _ in range(args.pages):
            started = time.perf_counter()
            response = client.get(url)
            pages.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        hinted = response.content.count(b'class="terms"')
        best, median = min(pages), statistics.median(pages)
        print(
            f"editor page, {len(cues):,} cues: best {best:.0f} ms, median {median:.0f} ms "
            f"({len(response.content) / 1024:,.0f} KiB HTML, {hinted} cues with their glossary terms "
            "written out)"
        )


if __name__ == "__main__":
    main()
