"""An edition's time zone. The screenings planned before it were stored with the scheduler's local wall
times read as UTC (what the grid and the programme showed, and what staff typed in); they are read again as
wall times of the edition's zone, so pages keep their times and calendars get the right instants (the ICS
sequence goes up). Their bookables' closing and release times move with them."""

import datetime as dt
import zoneinfo

from django.db import migrations, models
from django.utils import timezone

import korkyt.events.models

ZONES = {
    "KZ": "Asia/Aqtau",
    "AZ": "Asia/Baku",
    "KG": "Asia/Bishkek",
    "TM": "Asia/Ashgabat",
    "TR": "Europe/Istanbul",
    "UZ": "Asia/Tashkent",
}


def _wall(moment: dt.datetime, tz: zoneinfo.ZoneInfo) -> dt.datetime:
    return timezone.make_aware(moment.astimezone(dt.UTC).replace(tzinfo=None), tz)


def forwards(apps, schema_editor):
    Edition = apps.get_model("festival", "Edition")
    Screening = apps.get_model("festival", "Screening")
    Bookable = apps.get_model("events", "Bookable")
    now = timezone.now()
    for edition in Edition.objects.all():
        edition.time_zone = ZONES.get(str(edition.country), "Asia/Aqtau")
        edition.save(update_fields=["time_zone"])
        tz = zoneinfo.ZoneInfo(edition.time_zone)
        for screening in Screening.objects.filter(edition=edition):
            starts = _wall(screening.starts_at, tz)
            shift = starts - screening.starts_at
            Screening.objects.filter(pk=screening.pk).update(
                starts_at=starts, ends_at=screening.ends_at + shift, updated_at=now
            )
            if screening.bookable_id:
                bookable = Bookable.objects.get(pk=screening.bookable_id)
                for name in ("closes_at", "held_release_at"):
                    if getattr(bookable, name) is not None:
                        setattr(bookable, name, getattr(bookable, name) + shift)
                bookable.save(update_fields=["closes_at", "held_release_at"])


def backwards(apps, schema_editor):
    Screening = apps.get_model("festival", "Screening")
    Bookable = apps.get_model("events", "Bookable")
    for screening in Screening.objects.select_related("edition"):
        tz = zoneinfo.ZoneInfo(screening.edition.time_zone)
        starts = screening.starts_at.astimezone(tz).replace(tzinfo=dt.UTC)
        shift = starts - screening.starts_at
        Screening.objects.filter(pk=screening.pk).update(starts_at=starts, ends_at=screening.ends_at + shift)
        if screening.bookable_id:
            bookable = Bookable.objects.get(pk=screening.bookable_id)
            for name in ("closes_at", "held_release_at"):
                if getattr(bookable, name) is not None:
                    setattr(bookable, name, getattr(bookable, name) + shift)
            bookable.save(update_fields=["closes_at", "held_release_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("festival", "0007_section_entries_close"),
        ("events", "0006_booking_seats_held_price"),
    ]

    operations = [
        migrations.AddField(
            model_name="edition",
            name="time_zone",
            field=models.CharField(
                default="Asia/Aqtau",
                max_length=64,
                validators=[korkyt.events.models.validate_time_zone],
                verbose_name="time zone",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
