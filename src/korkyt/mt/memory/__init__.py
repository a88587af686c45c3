"""Translation memory (exact and fuzzy lookup), TMX 1.4 and TBX files, glossary term hits."""

from korkyt.mt.memory.normalise import normalise
from korkyt.mt.memory.tm import Match, TMUnit, TranslationMemory

__all__ = ["Match", "TMUnit", "TranslationMemory", "normalise"]
