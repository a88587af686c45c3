from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstitutionsConfig(AppConfig):
    name = "korkyt.institutions"
    label = "institutions"
    verbose_name = _("Institutions and memoranda")

    def ready(self) -> None:
        # Audited (korkyt.core.audit): history pages for the editors who may change the record. The parties
        # of a memorandum are rewritten in bulk: memorandum_update records their change as one event.
        from korkyt.accounts.models import Role
        from korkyt.accounts.scopes import register_role_scope
        from korkyt.core.audit import register
        from korkyt.core.translations import Text
        from korkyt.institutions import models as m
        from korkyt.institutions import selectors, services  # noqa: F401  (services: its event's label)

        register(
            m.Institution,
            history_permission="institutions.change_institution",
            title=lambda institution, language: selectors.institution_texts(institution, language)[0],
            prefetch=("translations",),
        )
        register_role_scope(m.Institution, roles=(Role.EDITOR, Role.TRANSLATOR, Role.REVIEWER))
        register(m.InstitutionTranslation, parent="institution")
        register(m.CooperationArea)
        register(
            m.Memorandum,
            history_permission="institutions.change_memorandum",
            m2m=("areas",),
            title=selectors.memorandum_title,
            prefetch=("translations", "party_links__institution"),
        )
        register(m.MemorandumTranslation, parent="memorandum")
        register(
            m.MemorandumActivity,
            parent="memorandum",
            # which activity is not said: the reader of the memorandum's history may not see it (an
            # unpublished co-production); its kind and area are (``__str__``, the title below)
            exclude=("object_id",),
            title=lambda activity, language: Text(str(activity), language),
            prefetch=("area", "content_type"),
        )
