"""Films' posters and stills move to core's one table of images (korkyt.core.images); files stay where they are."""

from django.db import migrations


def forward(apps, schema_editor):
    FilmImage = apps.get_model("catalogue", "FilmImage")
    if not FilmImage.objects.exists():
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    Image = apps.get_model("core", "Image")
    film_type, _ = ContentType.objects.get_or_create(app_label="catalogue", model="film")
    Image.objects.bulk_create(
        Image(
            owner_type=film_type,
            owner_id=row.film_id,
            kind=row.kind,
            file=row.file.name,
            width=row.width,
            height=row.height,
            position=row.position,
            created=row.created,
        )
        for row in FilmImage.objects.all()
    )


def backward(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Image = apps.get_model("core", "Image")
    FilmImage = apps.get_model("catalogue", "FilmImage")
    film_type = ContentType.objects.filter(app_label="catalogue", model="film").first()
    if film_type is None:
        return
    for row in Image.objects.filter(owner_type=film_type):
        FilmImage.objects.create(
            film_id=row.owner_id,
            kind=row.kind,
            file=row.file.name,
            width=row.width,
            height=row.height,
            position=row.position,
        )
    Image.objects.filter(owner_type=film_type).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0003_film_image"),
        ("core", "0004_images"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="FilmImage"),
    ]
