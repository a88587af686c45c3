"""The areas of cooperation named in the memoranda, with their translatable names."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# (code, group, name) in display order. Loaded into CooperationArea by a data migration.
AREAS: list[tuple[str, str, Promise]] = [
    ("joint_feature", "production", _("Joint feature film production")),
    ("joint_documentary", "production", _("Joint documentary production")),
    ("joint_animation", "production", _("Joint animation production")),
    ("workshops", "training", _("Workshops")),
    ("seminars", "training", _("Seminars")),
    ("master_classes", "training", _("Master classes")),
    ("translation_dubbing", "localization", _("Translation and dubbing")),
    ("festival_participation", "festival", _("Festival participation")),
    ("film_tourism", "other", _("Film tourism")),
    ("intercultural_dialogue", "other", _("Intercultural dialogue")),
]

_NAMES = {code: name for code, _group, name in AREAS}


def area_name(code: str) -> str | Promise:
    return _NAMES.get(code, code)
