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
        from korkyt.coproduction import rules, selectors, workflows  # noqa: F401
        from korkyt.core.audit import register

        register(
            m.Project,
            history_permission="coproduction.view_history",
            title=selectors.project_title,
            prefetch=("translations",),
        )
        register_role_scope(m.Project, roles=(Role.PRODUCER,))
        register(m.ProjectText, parent="project")
        register(m.Partner, parent="project", title=selectors.partner_title)
        register(m.FinancingSource, parent="project")
        register(m.Element, parent="project", title=selectors.element_title)
        register(m.Review, parent="project")
