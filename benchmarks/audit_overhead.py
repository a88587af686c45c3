"""What the audit log costs a write: a service update of a memorandum (one changed field) with the audit log
on, against the same update with django-auditlog switched off (``auditlog.context.disable_auditlog``) in the
same process, and against the log on with django-auditlog's own read of the stored row (a queryset built,
ordered and compiled on every save) instead of Korkyt's (korkyt.core.audit.oldrow: SQL compiled once per
model). Fresh SQLite database in a temporary directory (the embedded default), or DATABASE_URL.
Rounds alternate the three (on, library read, off, on, …); each round times ``--updates`` updates; the
figures are the median time per update over the rounds and the spread (min–max), and the ratios.

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
    from auditlog.receivers import log_update as library_log_update
    from django.core.management import call_command
    from django.db import connection
    from django.db.models.signals import pre_save
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

    from korkyt.core.audit import oldrow

    uid = f"korkyt.audit.update.{Memorandum._meta.label}"

    def library_read() -> float:
        """The same, with django-auditlog's receiver (its queryset read of the stored row)."""
        pre_save.disconnect(sender=Memorandum, dispatch_uid=uid)
        pre_save.connect(library_log_update, sender=Memorandum, weak=False, dispatch_uid="bench")
        try:
            return run()
        finally:
            pre_save.disconnect(sender=Memorandum, dispatch_uid="bench")
            pre_save.connect(oldrow.log_update, sender=Memorandum, weak=False, dispatch_uid=uid)

    run()  # warm-up (every path shares it)
    library_read()
    with disable_auditlog():
        run()
    on, library, off = [], [], []
    for _ in range(args.rounds):
        on.append(run())
        library.append(library_read())
        with disable_auditlog():
            off.append(run())
    med_on, med_lib, med_off = statistics.median(on), statistics.median(library), statistics.median(off)

    def line(label: str, times: list[float]) -> str:
        med = statistics.median(times)
        return f"  {label}: {med * 1e3:.3f} ms/update (spread {min(times) * 1e3:.3f}–{max(times) * 1e3:.3f})"

    print(f"memorandum_update, {args.updates} updates × {args.rounds} rounds (alternating)")
    print(line("audit log on               ", on))
    print(line("on, django-auditlog's read ", library))
    print(line("audit log off              ", off))
    print(f"  ratio on/off : {med_on / med_off:.2f} (+{(med_on - med_off) * 1e3:.3f} ms per update)")
    print(
        f"  ratio library read/off : {med_lib / med_off:.2f} (+{(med_lib - med_off) * 1e3:.3f} ms per update)"
    )
    print(f"  entries written: {AuditEntry.objects.count()}")


if __name__ == "__main__":
    main()
