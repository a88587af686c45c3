"""Text no field may hold, found anywhere in decoded JSON: a NUL character, or a lone UTF-16 surrogate
(U+D800 to U+DFFF, which only a JSON escape such as ``"\\ud800"`` without its pair can carry; a pair is
one character once read). The API's door (``core.middleware``) and the pure packages' instance readers
(``korkyt.scheduling.io``, ``korkyt.treaties.parse``) walk their input with :func:`find_bad_text`.

This module imports nothing from Django.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

NUL, SURROGATE = "nul", "surrogate"
_SURROGATES = re.compile("[\ud800-\udfff]")


class BadText(NamedTuple):
    """What was found (``NUL`` or ``SURROGATE``), where (``films[0].id``; "" for the whole value) and
    whether it was in a key of that object rather than in a value."""

    problem: str
    where: str
    in_key: bool


ALL = frozenset({NUL, SURROGATE})


def _problem(text: str, kinds: frozenset[str]) -> str | None:
    if NUL in kinds and "\x00" in text:
        return NUL
    if SURROGATE in kinds and _SURROGATES.search(text):
        return SURROGATE
    return None


def find_bad_text(data: Any, kinds: frozenset[str] = ALL) -> BadText | None:
    """The first string or key of ``data`` (in reading order) holding one of ``kinds`` (a NUL, a lone
    surrogate), or None. A loop, not recursion: any depth the JSON reader accepts is walked."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            found = _problem(value, kinds)
            if found:
                return BadText(found, where, False)
        elif isinstance(value, Mapping):
            for key, item in reversed(list(value.items())):
                found = _problem(key, kinds) if isinstance(key, str) else None
                if found:
                    return BadText(found, where, True)
                stack.append((f"{where}.{key}" if where else str(key), item))
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", item) for i, item in reversed(list(enumerate(value))))
    return None


__all__ = ["ALL", "NUL", "SURROGATE", "BadText", "find_bad_text"]
