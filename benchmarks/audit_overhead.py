"""What the audit log costs a write: a service update of a memorandum (one changed field) with the audit log
on, against the same update with django-auditlog switched off (``auditlog.context.disable_auditlog``) in the
same process. Fresh SQLite database in a temporary directory (the embedded default), or DATABASE_URL.
Rounds alternate the two (on, off, on, off, …); each round times ``--updates`` updates; the figures are the
median time per update over the rounds and the spread (min–max), and the ratio on/off of the medians.

    PYTHONPATH=src python benchmarks/audit_overhead.py [--updates 300] [--rounds 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--updates", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="korkyt-bench-")
    os.environ.update(KORKYT_HOME=home, DJANGO_SETTINGS_MODULE="korkyt.config.settings", DEBUG="false")
    import django

    django.setup()
    from auditlog.context import disable_auditlog
    from django.core.management import call_command
    from django.db import connection
    from translation_memory import cpu_model

    from korkyt.config.demo import SYSTEM
    from korkyt.core.models import AuditEntry
    from korkyt.institutions import services
    from korkyt.institutions.models import Institution, Memorandum, MemorandumParty

    python = platform.python_version()
    print(f"machine: {os.cpu_count()} CPU(s), {cpu_model()}, Python {python}, {connection.vendor}")
    call_command("migrate", verbosity=0)
    kind = "national_agency"
    a = Institution.objects.create(code="BA-A", kind=kind, country="KZ", native_language="kk-Cyrl")
    b = Institution.objects.create(code="BA-B", kind=kind, country="TR", native_language="tr")
    memo = Memorandum.objects.create(status="signed", signed_on=dt.date(2025, 10, 1))
    for position, party in enumerate((a, b)):
        MemorandumParty.objects.create(memorandum=memo, institution=party, position=position)

    counter = 0

    def run() -> float:
        nonlocal counter
        start = time.perf_counter()
        for _ in range(args.updates):
            counter += 1
            services.memorandum_update(actor=SYSTEM, memorandum=memo, signed_at=f"Aktau {counter}")
        return (time.perf_counter() - start) / args.updates

    run()  # warm-up (both paths share it)
    with disable_auditlog():
        run()
    on, off = [], []
    for _ in range(args.rounds):
        on.append(run())
        with disable_auditlog():
            off.append(run())
    med_on, med_off = statistics.median(on), statistics.median(off)
    print(f"memorandum_update, {args.updates} updates × {args.rounds} rounds (alternating)")
    print(f"  audit log on : {med_on * 1e3:.3f} ms/update (spread {min(on) * 1e3:.3f}–{max(on) * 1e3:.3f})")
    print(
        f"  audit log off: {med_off * 1e3:.3f} ms/update (spread {min(off) * 1e3:.3f}–{max(off) * 1e3:.3f})"
    )
    print(f"  ratio on/off : {med_on / med_off:.2f} (+{(med_on - med_off) * 1e3:.3f} ms per update)")
    print(f"  entries written: {AuditEntry.objects.count()}")


if __name__ == "__main__":
    main()
