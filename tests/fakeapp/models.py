"""A stand-in for the activities of later apps (a co-production, a workshop, a translation job)."""

from django.db import models


class FakeActivity(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        app_label = "fakeapp"
        verbose_name = "fake activity"

    def __str__(self) -> str:
        return self.name
