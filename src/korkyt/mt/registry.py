"""Build engines from a plain configuration: a list of dicts, as Django settings or the admin keep them.

Each entry::

    {"kind": "libretranslate", "url": "http://localhost:5000", "api_key": None,
     "pairs": [["kk", "tr"], "tr>az"], "timeout": 30, "retries": 3, "name": "lt"}

Kinds: ``libretranslate`` (url, api_key), ``apertium`` (url), ``openai`` (url, model, api_key),
``ctranslate2`` (model = path of the model directory). ``pairs`` is optional everywhere except for an
OPUS-MT model whose directory name does not say its pair; ``enabled: false`` leaves an entry out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from korkyt.mt.base import Engine
from korkyt.mt.engines._base import normalise_pairs
from korkyt.mt.errors import ConfigError
from korkyt.mt.http import RetryPolicy

KINDS = ("libretranslate", "apertium", "openai", "ctranslate2")
_COMMON = {"kind", "name", "pairs", "enabled"}
_FIELDS: dict[str, set[str]] = {
    "libretranslate": _COMMON | {"url", "api_key", "timeout", "retries", "batch_size"},
    "apertium": _COMMON | {"url", "timeout", "retries"},
    "openai": _COMMON | {"url", "model", "api_key", "timeout", "retries", "batch_size", "temperature"},
    "ctranslate2": _COMMON | {"model", "path", "device", "beam_size", "threads"},
}
_PAIR_SEPARATORS = (">", "→", "|")


def parse_pairs(value: object) -> list[tuple[str, str]]:
    """Pairs from ``[["kk", "tr"], "tr>az", "kk→ky"]``; ValueError naming the item that is wrong."""
    if not isinstance(value, list | tuple):
        raise ValueError("a list of pairs is expected, e.g. [['kk', 'tr'], 'tr>az']")
    pairs = []
    for item in value:
        if isinstance(item, str):
            for separator in _PAIR_SEPARATORS:
                if separator in item:
                    source, _, target = item.partition(separator)
                    pairs.append((source.strip(), target.strip()))
                    break
            else:
                raise ValueError(f"{item!r} is not a pair; write 'kk>tr' or ['kk', 'tr']")
        elif isinstance(item, list | tuple) and len(item) == 2 and all(isinstance(x, str) for x in item):
            pairs.append((item[0], item[1]))
        else:
            raise ValueError(f"{item!r} is not a pair; write 'kk>tr' or ['kk', 'tr']")
    normalise_pairs(pairs)  # validates tags
    return pairs


def build_engine(entry: Mapping[str, Any], *, position: int = 1) -> Engine:
    """One engine from one configuration entry; ConfigError names the entry and the field at fault."""
    if not isinstance(entry, Mapping):
        raise ConfigError(f"engine {position}: an entry must be a mapping with a 'kind'")
    kind = entry.get("kind")
    where = f"engine {position} ({kind})" if isinstance(kind, str) else f"engine {position}"
    if kind not in KINDS:
        raise ConfigError(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    unknown = sorted(set(entry) - _FIELDS[kind])
    if unknown:
        raise ConfigError(f"{where}: unknown field(s) {', '.join(unknown)} for kind {kind}")
    try:
        return _build(kind, entry)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from exc
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"{where}: {exc}") from exc


def _build(kind: str, entry: Mapping[str, Any]) -> Engine:
    pairs = parse_pairs(entry["pairs"]) if entry.get("pairs") is not None else None
    name = entry.get("name")
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise ValueError("name: must be a non-empty string")
    common: dict[str, Any] = {"name": name, "pairs": pairs}
    http: dict[str, Any] = {}
    if "timeout" in entry:
        http["timeout"] = _positive(entry["timeout"], "timeout")
    if "retries" in entry:
        http["retry"] = RetryPolicy(attempts=int(_positive(entry["retries"], "retries")))
    if kind == "libretranslate":
        from korkyt.mt.engines.libretranslate import LibreTranslateEngine

        return LibreTranslateEngine(
            _required(entry, "url"),
            api_key=entry.get("api_key") or None,
            batch_size=_optional_int(entry, "batch_size"),
            **common,
            **http,
        )
    if kind == "apertium":
        from korkyt.mt.engines.apertium import ApertiumEngine

        return ApertiumEngine(_required(entry, "url"), **common, **http)
    if kind == "openai":
        from korkyt.mt.engines.openai_chat import OpenAIChatEngine

        extra: dict[str, Any] = {}
        if "temperature" in entry:
            extra["temperature"] = float(entry["temperature"])
        return OpenAIChatEngine(
            _required(entry, "url"),
            model=_required(entry, "model"),
            api_key=entry.get("api_key") or None,
            batch_size=_optional_int(entry, "batch_size"),
            **common,
            **http,
            **extra,
        )
    from korkyt.mt.engines.ctranslate2 import CTranslate2Engine

    path = entry.get("model") or entry.get("path")
    if not isinstance(path, str) or not path.strip():
        raise ValueError("model: the path of the CTranslate2 model directory is required")
    options: dict[str, Any] = {}
    for key in ("device",):
        if key in entry:
            options[key] = str(entry[key])
    for key in ("beam_size", "threads"):
        if key in entry:
            options[key] = int(entry[key])
    return CTranslate2Engine(path, **common, **options)


def build_engines(config: Iterable[Mapping[str, Any]]) -> list[Engine]:
    """Every enabled engine of a configuration, in order (the order is the router's preference)."""
    if isinstance(config, Mapping | str | bytes):
        raise ConfigError("the engine configuration must be a list of entries")
    engines: list[Engine] = []
    for position, entry in enumerate(config, start=1):
        if isinstance(entry, Mapping) and entry.get("enabled", True) is False:
            continue
        engine = build_engine(entry, position=position)
        if any(existing.name == engine.name for existing in engines):
            raise ConfigError(
                f"engine {position}: another engine is already named {engine.name!r}; give each a 'name'"
            )
        engines.append(engine)
    return engines


def _required(entry: Mapping[str, Any], field: str) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{field}: required")
    return value


def _positive(value: object, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ValueError(f"{field}: must be a positive number, not {value!r}")
    return float(value)


def _optional_int(entry: Mapping[str, Any], field: str) -> int | None:
    if field not in entry or entry[field] is None:
        return None
    value = entry[field]
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{field}: must be a positive whole number, not {value!r}")
    return value
