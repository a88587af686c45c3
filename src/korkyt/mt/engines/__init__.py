"""Engine adapters: LibreTranslate, Apertium APy, OpenAI-compatible chat servers, CTranslate2 models."""

from korkyt.mt.engines.apertium import ApertiumEngine
from korkyt.mt.engines.ctranslate2 import CTranslate2Engine
from korkyt.mt.engines.libretranslate import LibreTranslateEngine
from korkyt.mt.engines.openai_chat import OpenAIChatEngine

__all__ = ["ApertiumEngine", "CTranslate2Engine", "LibreTranslateEngine", "OpenAIChatEngine"]
