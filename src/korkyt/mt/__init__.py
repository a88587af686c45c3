"""Machine translation and translation memory for the network's languages (no Django).

Engines (``Engine`` protocol, adapters in ``korkyt.mt.engines``, ``Router`` for pair selection and pivot
routing, ``build_engines`` for configuration) and translation memory (``TranslationMemory``, TMX, TBX,
``Glossary``) in ``korkyt.mt.memory``.
"""

from korkyt.mt.base import Engine, Hop, Segment, SegmentContext, Translation
from korkyt.mt.engines import ApertiumEngine, CTranslate2Engine, LibreTranslateEngine, OpenAIChatEngine
from korkyt.mt.errors import (
    BadResponse,
    ConfigError,
    EngineUnavailable,
    MissingExtra,
    MTError,
    NoEngineConfigured,
    RateLimited,
    UnsupportedPair,
)
from korkyt.mt.http import RetryPolicy
from korkyt.mt.languages import canonical_tag
from korkyt.mt.registry import build_engine, build_engines
from korkyt.mt.router import Route, Router

__all__ = [
    "ApertiumEngine",
    "BadResponse",
    "CTranslate2Engine",
    "ConfigError",
    "Engine",
    "EngineUnavailable",
    "Hop",
    "LibreTranslateEngine",
    "MTError",
    "MissingExtra",
    "NoEngineConfigured",
    "OpenAIChatEngine",
    "RateLimited",
    "RetryPolicy",
    "Route",
    "Router",
    "Segment",
    "SegmentContext",
    "Translation",
    "UnsupportedPair",
    "build_engine",
    "build_engines",
    "canonical_tag",
]
