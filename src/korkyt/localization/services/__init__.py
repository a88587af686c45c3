"""Every write of the localization workbench.

Keyword-only, inside ``transaction.atomic``; bad input raises ``ValidationError`` naming the field, a
missing right raises ``PermissionDenied``. Background work (pre-translation, deliveries, checks, memory and
glossary imports) is queued by task name on commit (korkyt.core.jobs); :func:`job_prepare` is idempotent:
it fills only cues that are still empty."""

from korkyt.localization.services._common import (  # noqa: F401
    AREA,
    TRANSLITERATIONS,
)
from korkyt.localization.services.background import (  # noqa: F401
    check_request,
    check_run,
    delivery_render,
    delivery_request,
)
from korkyt.localization.services.cues import (  # noqa: F401
    WaitingApproval,
    _editable,
    _feed_memory,
    cue_current,
    cue_review,
    cue_save,
    job_approve,
    job_approve_waiting,
)
from korkyt.localization.services.engines import (  # noqa: F401
    engine_config,
    engine_router,
)
from korkyt.localization.services.jobs import (  # noqa: F401
    Progress,
    _engine_router,
    _holds,
    _machine_translate,
    _save_prepared,
    job_order,
    job_prepare,
)
from korkyt.localization.services.memory import (  # noqa: F401
    GLOSSARY_IMPORT,
    MEMORY_IMPORT,
    concept_create,
    concepts_for_export,
    glossary_import,
    glossary_import_counts,
    glossary_import_run,
    memory_import,
    memory_import_request,
    memory_import_run,
    skipped_text,
)
from korkyt.localization.services.tracks import (  # noqa: F401
    _catalogue_track,
    track_make_current,
    track_update,
    track_upload,
    track_withdraw,
)
