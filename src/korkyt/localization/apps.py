from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalizationConfig(AppConfig):
    name = "korkyt.localization"
    label = "localization"
    verbose_name = _("Localization")

    def ready(self) -> None:
        # Audited (korkyt.core.audit) and the translation job's workflow (korkyt.core.workflow). Cues and
        # memory units are not audited one by one (thousands per job): the job's transitions are.
        from korkyt.core.audit import register, value_format
        from korkyt.core.titles import register_title
        from korkyt.localization import (
            labels,
            workflows,  # noqa: F401
        )
        from korkyt.localization import models as m
        from korkyt.localization.dubbing import workflows as dubbing_workflows  # noqa: F401

        register(
            m.TranslationJob,
            history_permission="localization.manage_job",
            exclude=("background", "catalogue_track"),  # internal links, set by the platform
        )
        register(m.SubtitleTrack, parent="film", exclude=("findings", "summary"))
        register(m.GlossaryConcept)
        register(m.GlossaryTerm, parent="concept")
        register(m.MachineTranslationEngine, mask=("api_key",))
        register(m.DubbingJob, history_permission="localization.view_dubbing", exclude=("catalogue_track",))
        register(m.DubbingCharacter, parent="job")
        # A job's pages (its history) call it by its film's title and what it makes of it.
        register_title(
            m.TranslationJob,
            labels.job_title,
            qualifier=labels.translation_qualifier,
            prefetch=("film__titles",),
        )
        register_title(
            m.DubbingJob, labels.job_title, qualifier=labels.dubbing_qualifier, prefetch=("film__titles",)
        )
        register_title(m.SubtitleTrack, labels.subtitle_track_title)
        value_format(m.TranslationJob, "mt_note", labels.mt_note_shown)  # stored as its English message
