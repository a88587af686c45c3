"""Every write about dubbing jobs: ordering, characters and casting, approval, outputs.

Keyword-only, inside ``transaction.atomic``; bad input raises ``ValidationError`` naming the field, a
missing right ``PermissionDenied``. The adapted text is edited with the workbench's own cue services
(``cue_save``, ``cue_review``): the adaptation is a translation job of kind ``adaptation``.

``orders`` (order, detect characters and loops, approve), ``characters`` (rename, merge, cast),
``outputs`` (outputs rendered in the background, the film's video)."""

from korkyt.localization.dubbing.services._common import NAME_MAX
from korkyt.localization.dubbing.services.characters import (
    character_cast,
    character_create,
    character_merge,
    character_rename,
    line_set_character,
)
from korkyt.localization.dubbing.services.orders import dubbing_approve, dubbing_order
from korkyt.localization.dubbing.services.outputs import (
    OUTPUT_KIND,
    VIDEO_EXTENSIONS,
    VIDEO_MAX_BYTES,
    default_timecode_rate,
    film_video,
    output_render,
    output_request,
    video_attach,
)

__all__ = [
    "NAME_MAX",
    "OUTPUT_KIND",
    "VIDEO_EXTENSIONS",
    "VIDEO_MAX_BYTES",
    "character_cast",
    "character_create",
    "character_merge",
    "character_rename",
    "default_timecode_rate",
    "dubbing_approve",
    "dubbing_order",
    "film_video",
    "line_set_character",
    "output_render",
    "output_request",
    "video_attach",
]
