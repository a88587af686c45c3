from django.apps import AppConfig


class FakeAppConfig(AppConfig):
    name = "tests.fakeapp"
    label = "fakeapp"
    default_auto_field = "django.db.models.BigAutoField"
