"""A stand-in for the activities of later apps (a co-production, a workshop, a translation job)."""

from django.db import models

from korkyt.institutions.models import ActivityRelation


class FakeActivity(models.Model):
    name = models.CharField(max_length=100)
    name_ru = models.CharField(max_length=100, blank=True)
    memorandum_activities = ActivityRelation()

    class Meta:
        app_label = "fakeapp"
        verbose_name = "fake activity"

    def __str__(self) -> str:
        return self.name

    def activity_title(self, language: str) -> str:
        return self.name_ru if language == "ru" and self.name_ru else self.name


class FakeParent(models.Model):
    """Deleting a parent deletes its children by cascade: their records must go too."""

    name = models.CharField(max_length=100)

    class Meta:
        app_label = "fakeapp"

    def __str__(self) -> str:
        return self.name


class FakeMovable(models.Model):
    """An activity placed under a memorandum by its own field, and moved with it."""

    parent = models.ForeignKey(FakeParent, on_delete=models.CASCADE, null=True, blank=True)
    # no database constraint: this app has no migrations, so its tables are made before the migrated ones
    memorandum = models.ForeignKey(
        "institutions.Memorandum", on_delete=models.SET_NULL, null=True, blank=True, db_constraint=False
    )
    memorandum_activities = ActivityRelation()
    activity_fields = ("memorandum",)

    class Meta:
        app_label = "fakeapp"

    def __str__(self) -> str:
        return f"movable {self.pk}"

    def activity_memoranda(self) -> list:
        return [(self.memorandum, "workshops")] if self.memorandum_id else []


class FakeUndeclared(models.Model):
    """A model that does not declare ActivityRelation: it cannot be recorded (its records would be orphans)."""

    class Meta:
        app_label = "fakeapp"

    def __str__(self) -> str:
        return f"undeclared {self.pk}"
