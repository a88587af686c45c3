"""Translation memory (exact and fuzzy lookup), TMX 1.4 and TBX files, glossary term hits."""

from korkyt.mt.memory.glossary import Glossary, TermHit, fold
from korkyt.mt.memory.normalise import normalise
from korkyt.mt.memory.tbx import Concept, Term, read_tbx, tbx_bytes, tbx_chunks, write_tbx
from korkyt.mt.memory.tm import Match, TMUnit, TranslationMemory
from korkyt.mt.memory.tmx import read_tmx, tmx_bytes, write_tmx
from korkyt.mt.memory.xmlfiles import FileFormatError

__all__ = [
    "Concept",
    "FileFormatError",
    "Glossary",
    "Match",
    "TMUnit",
    "Term",
    "TermHit",
    "TranslationMemory",
    "fold",
    "normalise",
    "read_tbx",
    "read_tmx",
    "tbx_bytes",
    "tbx_chunks",
    "tmx_bytes",
    "write_tbx",
    "write_tmx",
]
