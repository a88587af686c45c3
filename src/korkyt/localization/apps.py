from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalizationConfig(AppConfig):
    name = "korkyt.localization"
    label = "localization"
    verbose_name = _("Localization")

    def ready(self) -> None:
        # Audited (korkyt.core.audit) and the translation job's workflow (korkyt.core.workflow). Cues and
        # memory units are not audited one by one (thousands per job): the job's transitions are.
        from korkyt.core.audit import register
        from korkyt.core.titles import register_title
        from korkyt.localization import models as m
        from korkyt.localization import workflows  # noqa: F401
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
        register_title(m.TranslationJob, _job_film, qualifier=_translation_qualifier)
        register_title(m.DubbingJob, _job_film, qualifier=_dubbing_qualifier)


def _job_film(job: Any, language: str) -> Any:
    from korkyt.localization.labels import _film_label

    return _film_label(job.film)


def _translation_qualifier(job: Any) -> str:
    from korkyt.core.templatetags.languages import language_name

    return f"{language_name(job.source_language)} → {language_name(job.target_language)}"


def _dubbing_qualifier(job: Any) -> str:
    from django.utils.translation import gettext

    from korkyt.core.templatetags.languages import language_name

    return f"{gettext('dubbing')} → {language_name(job.target_language)}"
