"""A reviewer's comment kept once the cue's text changed is shown as a comment on an earlier text. A comment
already on a draft (or emptied) cue was written before its text changed: only a change of text makes a
returned cue a draft, so it is marked as such; the others are taken to be about the text they have."""

from django.db import migrations, models


def mark_earlier(apps, schema_editor):  # type: ignore[no-untyped-def]
    TargetCue = apps.get_model("localization", "TargetCue")
    cues = TargetCue.objects.exclude(comment="").filter(state__in=("draft", "untranslated"))
    cues.update(comment_outdated=True)


class Migration(migrations.Migration):
    dependencies = [
        ("localization", "0015_track_fps_and_cue_speaker"),
    ]

    operations = [
        migrations.AddField(
            model_name="targetcue",
            name="comment_outdated",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_earlier, migrations.RunPython.noop),
    ]
