"""Festival pages at the size of a large edition: 2,000 submissions, 40 reviewers, 3 reviews per entry.

Times the reviewer's queue and the programmer's overview (page 1 of 100 rows, and filtered by section and
status), server time through Django's test client (no network), on a fresh SQLite database under a
temporary KORKYT_HOME (or the database in DATABASE_URL). The peer, in the same rounds, is the overview
written the naive way: the same 100 rows, each reading its reviews and titles with its own queries (N+1).
Goal: each page ≤ 300 ms.

    PYTHONPATH=src python benchmarks/festival_pages.py [--entries 2000] [--rounds 5] [--renders 10]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from typing import Any


def setup(entries: int, reviewers: int, per_entry: int) -> dict[str, Any]:
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    from korkyt.accounts.models import Role
    from korkyt.accounts.services import role_grant, user_create
    from korkyt.catalogue.models import Film, FilmCountry, FilmTitle
    from korkyt.core.permissions import SYSTEM
    from korkyt.festival import services
    from korkyt.festival.models import Assignment, Review, Submission
    from korkyt.institutions.models import Institution

    call_command("migrate", verbosity=0)
    owner = Institution.objects.create(code="BENCH", kind="national_agency", country="KZ")
    edition = services.edition_create(
        actor=SYSTEM,
        number=90,
        city="Aktau",
        country="KZ",
        starts_on=dt.date.today() + dt.timedelta(days=60),
        ends_on=dt.date.today() + dt.timedelta(days=64),
    )
    sections = [
        services.section_create(
            actor=SYSTEM,
            edition=edition,
            kind=kind,
            criteria=[
                services.CriterionData("story", {"en": "Story"}, 2),
                services.CriterionData("craft", {"en": "Craft"}, 1),
            ],
        )
        for kind in ("feature", "documentary", "animation", "shorts")
    ]
    staff = user_create(username="bench-staff", password="bench-password-1", validate=False)
    role_grant(actor=SYSTEM, user=staff, role=Role.FESTIVAL_STAFF, scope=edition)
    users = [user_create(username=f"bench-rev-{i}", password="x", validate=False) for i in range(reviewers)]
    countries = ["KZ", "AZ", "KG", "TM", "TR", "UZ"]
    films = Film.objects.bulk_create(
        [Film(year=2024, runtime=90, owner=owner, status="published") for _ in range(entries)]
    )
    FilmTitle.objects.bulk_create(
        [
            FilmTitle(film=f, text=f"Bench film {i}", language="en", kind="original")
            for i, f in enumerate(films)
        ]
    )
    FilmCountry.objects.bulk_create(
        [FilmCountry(film=f, country=countries[i % 6]) for i, f in enumerate(films)]
    )
    subs = Submission.objects.bulk_create(
        [
            Submission(
                section=sections[i % 4],
                film=f,
                country=countries[i % 6],
                route="direct",
                submitted_by=staff,
                status="in_review",
                screener_url="https://v.example/",
            )
            for i, f in enumerate(films)
        ]
    )
    assignments = Assignment.objects.bulk_create(
        [
            Assignment(submission=s, reviewer=users[(i * per_entry + k) % reviewers])
            for i, s in enumerate(subs)
            for k in range(per_entry)
        ]
    )
    now = timezone.now()
    Review.objects.bulk_create(
        [
            Review(assignment=a, scores={"story": 7, "craft": 6}, total=6.667, submitted_at=now)
            for a in assignments[::2]
        ]
    )
    return {"edition": edition, "staff": staff, "reviewer": users[0]}


def naive_overview(edition: Any) -> list[tuple[Any, ...]]:
    """The peer: one page of the overview, each row reading its reviews and titles by itself (N+1)."""
    from korkyt.festival.models import Submission
    from korkyt.festival.selectors import submission_title

    rows = []
    for sub in Submission.objects.filter(section__edition=edition).order_by("section__position", "pk")[:100]:
        assignments = list(sub.assignments.all())
        reviews = [getattr(a, "review", None) for a in assignments]
        done = [r.total for r in reviews if r is not None and r.submitted_at is not None]
        rows.append(
            (
                submission_title(sub).text,
                sub.section.kind,
                len(assignments),
                len(done),
                sum(done) / len(done) if done else None,
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--reviewers", type=int, default=40)
    parser.add_argument("--per-entry", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--renders", type=int, default=10)
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        os.environ["KORKYT_HOME"] = tempfile.mkdtemp(prefix="korkyt-bench-")
    os.environ.update(DJANGO_SETTINGS_MODULE="korkyt.config.settings", DEBUG="false")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    t0 = time.perf_counter()
    world = setup(args.entries, args.reviewers, args.per_entry)
    print(
        f"{args.entries:,} submissions, {args.reviewers} reviewers, {args.per_entry} per entry: "
        f"{time.perf_counter() - t0:.1f} s"
    )
    number = world["edition"].number
    staff, reviewer = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
    staff.force_login(world["staff"])
    reviewer.force_login(world["reviewer"])
    pages = {
        "queue": (reviewer, "/en/festival/reviews/"),
        "overview": (staff, f"/en/festival/{number}/programme/"),
        "filtered": (staff, f"/en/festival/{number}/programme/?section=feature&status=in_review"),
    }
    for name, (client, url) in pages.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        print(f"{name}: {len(queries)} queries")
    with CaptureQueriesContext(connection) as queries:
        naive_overview(world["edition"])
    print(f"naive overview rows: {len(queries)} queries")
    times: dict[str, list[float]] = {name: [] for name in [*pages, "naive"]}
    for r in range(args.rounds):
        order = [*pages, "naive"] if r % 2 == 0 else ["naive", *reversed(pages)]
        for name in order:
            start = time.perf_counter()
            for _ in range(args.renders):
                if name == "naive":
                    naive_overview(world["edition"])
                else:
                    client, url = pages[name]
                    client.get(url)
            times[name].append((time.perf_counter() - start) / args.renders * 1000)
        print(f"round {r + 1}: " + ", ".join(f"{n} {times[n][-1]:.1f} ms" for n in times))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {connection.vendor}"
    )
    for name, xs in times.items():
        med = statistics.median(xs)
        goal = "" if name == "naive" else f"; goal ≤ 300 ms: {'met' if med <= 300 else 'not met'}"
        print(f"{name}: median {med:.1f} ms (best {min(xs):.1f}, worst {max(xs):.1f}){goal}")
    ratio = statistics.median(times["naive"]) / statistics.median(times["overview"])
    print(f"naive rows only / whole overview page (medians): {ratio:.2f}x")


if __name__ == "__main__":
    main()
