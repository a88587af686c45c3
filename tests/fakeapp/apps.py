from django.apps import AppConfig


class FakeAppConfig(AppConfig):
    name = "tests.fakeapp"
    label = "fakeapp"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from korkyt.accounts.models import Role
        from korkyt.accounts.scopes import register_role_scope
        from tests.fakeapp.models import FakeActivity

        # A stand-in for a festival edition: its managers grant its jurors and staff.
        register_role_scope(FakeActivity, roles=(Role.EDITION_MANAGER, Role.JUROR, Role.FESTIVAL_STAFF))
