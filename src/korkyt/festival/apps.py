from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FestivalConfig(AppConfig):
    name = "korkyt.festival"
    label = "festival"
    verbose_name = _("Festival")

    def ready(self) -> None:
        from korkyt.accounts.models import Role
        from korkyt.accounts.personal_data import register_personal_data
        from korkyt.accounts.scopes import register_role_scope
        from korkyt.core.audit import action_label, register, user_data_keys
        from korkyt.events.managers import (
            register_begun_bookables,
            register_bookable_manager,
            register_ended_bookables,
        )
        from korkyt.festival import models as m
        from korkyt.festival import personal_data, rules, workflows  # noqa: F401  (permissions, workflow)
        from korkyt.festival.programme import selectors as programme_selectors
        from korkyt.festival.programme import tickets
        from korkyt.festival.selectors import (
            award_name,
            call_title,
            juror_name,
            section_title,
            submission_title,
        )

        register_personal_data("screening_tickets", export=programme_selectors.tickets_export)
        register_personal_data("starred_screenings", export=programme_selectors.stars_export)
        register_personal_data("festival_juries", leave=personal_data.juries_leave)

        register(
            m.Edition,
            history_permission="festival.manage_edition",
            m2m=["organisers"],
            title=lambda edition, language: edition.activity_title(language),
        )
        register(m.Section, parent="edition", title=section_title)
        register(m.Call, parent="edition", title=call_title, prefetch=("edition",))

        register(
            m.Submission,
            history_permission="festival.manage_edition",
            mask=["screener_password"],
            title=submission_title,
            prefetch=("film__titles",),
        )
        register(m.Award, parent="edition", title=award_name, prefetch=("translations",))
        register(m.JuryMember, parent="edition", title=juror_name, prefetch=("person__names", "user__names"))
        from korkyt.festival.audit import EVENT_LABELS

        for action_type, label in EVENT_LABELS.items():
            action_label(action_type, label)
        # the committee's and the jury's events name the people by their accounts' ids, never by user name
        user_data_keys("reviewer_user_id", "juror_user_id", "juror_user_ids")
        # Staff of an edition hold their role on it (granted in the app by its managers); jurors and the
        # selection committee are festival records of their own (JuryMember, reviewer assignments).
        register_role_scope(m.Edition, roles=(Role.EDITION_MANAGER, Role.FESTIVAL_STAFF))
        # Staff of an edition manage its screenings' tickets through the events engine and API.
        register_bookable_manager(tickets.bookables_managed)
        register_ended_bookables(tickets.bookables_ended)
        register_begun_bookables(tickets.bookables_begun)
