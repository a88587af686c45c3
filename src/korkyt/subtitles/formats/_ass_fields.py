"""ASS/SSA ``Format:`` lines: files whose fields come in another order are rewritten in the standard order.

The ``[V4+ Styles]``/``[V4 Styles]`` and ``[Events]`` sections start with a ``Format:`` line naming the
fields of the lines that follow. Most files use the standard order, and pysubs2 reads every line in that
order whatever the ``Format:`` line says; a file in another order (``Format: Start, End, Layer, ...``) is
rewritten here first: each ``Style:``, ``Dialogue:`` and ``Comment:`` line is split by its own ``Format:``
line (the ``Text`` field, which may hold commas, wherever it stands) and written again in the standard
order, fields it lacks taking their usual defaults. A ``Format:`` line without ``Start``, ``End`` or
``Text`` (events) or ``Name`` (styles) cannot be read and is a ParseError naming its line.
"""

from __future__ import annotations

from ..errors import ParseError

#: The standard fields of each section, by format (the lines pysubs2 and renderers expect).
_STANDARD = {
    ("events", "ass"): "Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
    ("events", "ssa"): "Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
    ("styles", "ass"): (
        "Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, "
        "Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, "
        "MarginL, MarginR, MarginV, Encoding"
    ),
    ("styles", "ssa"): (
        "Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, TertiaryColour, BackColour, Bold, Italic, "
        "BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, AlphaLevel, Encoding"
    ),
}
#: Values for fields a file leaves out (those of pysubs2's default style and event).
_DEFAULTS = {
    "layer": "0",
    "marked": "Marked=0",
    "style": "Default",
    "name": "",
    "marginl": "0",
    "marginr": "0",
    "marginv": "0",
    "effect": "",
    "fontname": "Arial",
    "fontsize": "20",
    "primarycolour": "&H00FFFFFF",
    "secondarycolour": "&H000000FF",
    "outlinecolour": "&H00000000",
    "tertiarycolour": "&H00000000",
    "backcolour": "&H00000000",
    "bold": "0",
    "italic": "0",
    "underline": "0",
    "strikeout": "0",
    "scalex": "100",
    "scaley": "100",
    "spacing": "0",
    "angle": "0",
    "borderstyle": "1",
    "outline": "2",
    "shadow": "2",
    "alignment": "2",
    "encoding": "1",
    "alphalevel": "0",
}
#: Other names some tools write for a standard field.
_SYNONYMS = {
    "actor": "name",
    "margint": "marginv",
    "primarycolor": "primarycolour",
    "backcolor": "backcolour",
}
_REQUIRED = {"events": ("start", "end", "text"), "styles": ("name",)}
_LINE_KINDS = {"events": ("Dialogue:", "Comment:"), "styles": ("Style:",)}


def _names(fields: str) -> list[str]:
    names = [f.strip().lower().replace(" ", "") for f in fields.split(",")]
    return [_SYNONYMS.get(n, n) for n in names]


def standard_order(text: str, fmt: str) -> str:
    """``text`` with every styles and events section in the standard field order of ``fmt``."""
    if "Format:" not in text:
        return text
    lines = text.split("\n")
    section: str | None = None
    header = ""  # the section's line as the file writes it ("[Events]", "[V4+ Styles]")
    layout: tuple[list[str], list[str]] | None = None  # (fields in the file, standard fields)
    changed = False
    for n, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            name = stripped.lower()
            section = "events" if name == "[events]" else "styles" if "styles" in name else None
            header = stripped
            layout = None
        elif section and stripped.startswith("Format:"):
            standard = _STANDARD[(section, fmt)]
            ours, theirs = _names(stripped[7:]), _names(standard)
            layout = None
            if ours != theirs:
                missing = [f for f in _REQUIRED[section] if f not in ours]
                if missing:
                    names = ", ".join(m.capitalize() for m in missing)
                    raise ParseError(
                        f"the {section} Format line has no {names} field, so its lines cannot be read",
                        line=n + 1,
                        format=fmt,
                        code="ass.format_line",
                        params={"section": header[:40], "fields": names},
                    )
                layout = (ours, theirs)
                lines[n] = f"Format: {standard}"
                changed = True
        elif layout and section and stripped.startswith(_LINE_KINDS[section]):
            kind, rest = stripped.split(":", 1)
            lines[n] = f"{kind}: {_reorder(rest.strip(), *layout)}"
    return "\n".join(lines) if changed else text


def _reorder(values: str, ours: list[str], theirs: list[str]) -> str:
    """One line's values, given in the file's field order, in the standard order."""
    if "text" in ours:  # the text may hold commas: the fields after it are counted from the end
        at = ours.index("text")
        head = values.split(",", at)
        before, rest = head[:at], head[at] if len(head) > at else ""
        after_count = len(ours) - at - 1
        tail = rest.rsplit(",", after_count) if after_count else [rest]
        if len(tail) <= after_count:  # fewer fields than announced: the text is what there is
            tail = [rest] + [""] * after_count
        parts = [*before, *tail]
    else:
        parts = values.split(",")
    parts += [""] * (len(ours) - len(parts))
    given = dict(zip(ours, parts, strict=False))
    out = []
    for field in theirs:
        value = given.get(field)
        if value is None or (value.strip() == "" and field not in ("name", "effect", "text")):
            value = _DEFAULTS.get(field, "")
        out.append(value)
    return ",".join(out)
