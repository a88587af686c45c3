from django.db import migrations

AREAS = [
    ("joint_feature", "production"),
    ("joint_documentary", "production"),
    ("joint_animation", "production"),
    ("workshops", "training"),
    ("seminars", "training"),
    ("master_classes", "training"),
    ("translation_dubbing", "localization"),
    ("festival_participation", "festival"),
    ("film_tourism", "other"),
    ("intercultural_dialogue", "other"),
]


def create_areas(apps, schema_editor):
    CooperationArea = apps.get_model("institutions", "CooperationArea")
    for position, (code, group) in enumerate(AREAS):
        CooperationArea.objects.update_or_create(code=code, defaults={"group": group, "position": position})


class Migration(migrations.Migration):
    dependencies = [("institutions", "0001_initial")]
    operations = [migrations.RunPython(create_areas, migrations.RunPython.noop)]
