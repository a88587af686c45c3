from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoproductionConfig(AppConfig):
    name = "korkyt.coproduction"
    label = "coproduction"
    verbose_name = _("Co-productions")

    def ready(self) -> None:
        from korkyt.accounts.models import Role
        from korkyt.accounts.scopes import register_role_scope
        from korkyt.coproduction import models as m
        from korkyt.coproduction import rules, workflows  # noqa: F401
        from korkyt.coproduction.selectors import project_title
        from korkyt.core.audit import register

        register(m.Project, history_permission="coproduction.change_project", title=project_title)
        register_role_scope(m.Project, roles=(Role.PRODUCER,))
        register(m.ProjectText, parent="project")
        register(m.Partner, parent="project")
        register(m.FinancingSource, parent="project")
        register(m.Element, parent="project")
        register(m.Review, parent="project")
