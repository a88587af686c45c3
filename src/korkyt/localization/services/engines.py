"""The workbench's machine-translation engines: those of the KORKYT_MT_ENGINES setting, then those an
administrator enabled in the admin (in their order)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from korkyt.mt import MTError, Router, build_engine, build_engines

logger = logging.getLogger(__name__)


def setting_config() -> list[Any]:
    """The entries of the KORKYT_MT_ENGINES setting, as configured."""
    return list(getattr(settings, "KORKYT_MT_ENGINES", None) or [])


def admin_config() -> list[dict[str, Any]]:
    """The entries of the engines an administrator enabled in the admin, in their order."""
    from korkyt.localization.models import MachineTranslationEngine

    return [e.as_config() for e in MachineTranslationEngine.objects.filter(enabled=True)]


def engine_config() -> list[Any]:
    """The engines of the KORKYT_MT_ENGINES setting, then those an administrator enabled in the admin."""
    return setting_config() + admin_config()


def setting_engine_names() -> set[str]:
    """The names of the setting's engines (an entry korkyt.mt cannot build has none)."""
    names = set()
    for position, entry in enumerate(setting_config(), start=1):
        if isinstance(entry, Mapping) and entry.get("enabled", True) is False:
            continue
        try:
            names.add(build_engine(entry, position=position).name)
        except MTError:
            continue
    return names


def engine_router() -> tuple[Router, list[str]]:
    """The router over the setting's engines and the admin's, and a note for each admin entry left out.

    A bad setting raises (``ConfigError``: the whole configuration is at fault). An entry of the admin that
    korkyt.mt cannot build, or whose name an earlier engine already has, is skipped and logged rather than
    switching machine translation off: the others still translate."""
    configured = setting_config()
    engines = build_engines(configured)
    names = {engine.name for engine in engines}
    skipped: list[str] = []
    for position, entry in enumerate(admin_config(), start=len(configured) + 1):
        try:
            engine = build_engine(entry, position=position)
        except MTError as exc:
            reason = str(exc)
        else:
            if engine.name not in names:
                engines.append(engine)
                names.add(engine.name)
                continue
            reason = f"another engine is already named {engine.name!r}"
        logger.warning("machine-translation engine %r of the admin skipped: %s", entry.get("name"), reason)
        skipped.append(
            _("The machine-translation engine “%(name)s” set in the admin was skipped: %(reason)s.")
            % {"name": entry.get("name"), "reason": reason}
        )
    return Router(engines), skipped
