"""``manage.py events_erase_answers [--days N] [--dry-run]``: erase the personal answers of events that
ended more than N days ago (default KORKYT_EVENT_DATA_DAYS). The same work runs daily as the periodic task
``events.erase_answers``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from korkyt.events import services


class Command(BaseCommand):
    help = "Erase participants' personal answers of events that ended more than N days ago."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="days after the event (default: setting)")
        parser.add_argument("--dry-run", action="store_true", help="only count what would be erased")

    def handle(self, *args: Any, days: int | None = None, dry_run: bool = False, **options: Any) -> None:
        if days is not None and days < 0:
            self.stderr.write("--days must be 0 or more")
            raise SystemExit(2)
        count = services.answers_erase(days=days, dry_run=dry_run)
        kept = services.retention_days() if days is None else days
        verb = "would erase" if dry_run else "erased"
        self.stdout.write(f"{verb} the answers of {count} registrations (events ended over {kept} days ago)")
