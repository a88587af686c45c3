"""Where a TTML paragraph is shown, as a position tag number (numpad layout: 7 8 9 top, 1 2 3 bottom).

The row comes from the paragraph's region: its ``tts:origin`` and ``tts:extent`` (percentages, pixels of
the root ``tts:extent``, or cells of ``ttp:cellResolution``) and its ``tts:displayAlign`` give the height
where the text sits, and the top, middle or bottom third of the screen is the row. The column comes from
an explicit ``tts:textAlign`` (left/start, center, right/end). A paragraph outside any region, or in a
region whose geometry cannot be worked out, keeps the default place (bottom centre).
"""

from __future__ import annotations

import contextlib
import xml.etree.ElementTree as ET
from collections.abc import Callable

from ._xml import attr, local

_TOP, _MIDDLE, _BOTTOM = 0, 1, 2


class Layout:
    """The regions and styles of one TTML document."""

    def __init__(self, root: ET.Element) -> None:
        self.styles: dict[str, ET.Element] = {}
        self.regions: dict[str, ET.Element] = {}
        for el in root.iter():
            name = local(el.tag)
            ident = attr(el, "id")
            if ident and name == "style":
                self.styles[ident] = el
            elif ident and name == "region":
                self.regions[ident] = el
        self.size = _pixels(attr(root, "extent"))
        cells = (attr(root, "cellResolution") or "32 15").split()
        self.cells = (32.0, 15.0)
        if len(cells) == 2:
            with contextlib.suppress(ValueError):
                self.cells = (float(cells[0]) or 32.0, float(cells[1]) or 15.0)

    def styled(self, el: ET.Element, name: str) -> str | None:
        """A style attribute given on the element, by a style it references, or by a nested ``<style>``."""
        value = attr(el, name)
        if value is not None:
            return value
        for ref in (attr(el, "style") or "").split():
            style = self.styles.get(ref)
            if style is not None and (value := attr(style, name)) is not None:
                return value
        for child in el:
            if local(child.tag) == "style" and (value := attr(child, name)) is not None:
                return value
        return None

    def row(self, region_id: str | None) -> int | None:
        """Top, middle or bottom third for a region id, ``None`` when unknown."""
        region = self.regions.get(region_id or "")
        if region is None:
            return None
        origin = self._percent(self.styled(region, "origin") or "0% 0%", 1)
        extent = self._percent(self.styled(region, "extent") or "100% 100%", 1)
        if origin is None or extent is None:
            return None
        align = (self.styled(region, "displayAlign") or "before").strip()
        y = origin + (extent / 2 if align == "center" else extent if align == "after" else 0)
        return _TOP if y < 100 / 3 else _MIDDLE if y < 200 / 3 else _BOTTOM

    def _percent(self, value: str, axis: int) -> float | None:
        parts = value.split()
        if len(parts) != 2:
            return None
        part = parts[axis]
        try:
            if part.endswith("%"):
                return float(part[:-1])
            if part.endswith("px") and self.size:
                return float(part[:-2]) * 100 / self.size[axis]
            if part.endswith("c"):
                return float(part[:-1]) * 100 / self.cells[axis]
        except (ValueError, ZeroDivisionError):
            return None
        return None


def _pixels(value: str | None) -> tuple[float, float] | None:
    parts = (value or "").split()
    if len(parts) != 2 or not all(p.endswith("px") for p in parts):
        return None
    try:
        width, height = float(parts[0][:-2]), float(parts[1][:-2])
    except ValueError:
        return None
    return (width, height) if width > 0 and height > 0 else None


def column(text_align: str | None) -> int:
    """0 left, 1 centre, 2 right for a ``tts:textAlign`` value (centre when not given)."""
    value = (text_align or "").strip()
    return 0 if value in ("left", "start") else 2 if value in ("right", "end") else 1


def numpad(row: int | None, col: int) -> int | None:
    """Position tag number for a row and a column; ``None`` for the default bottom centre."""
    pos = (7, 4, 1)[_BOTTOM if row is None else row] + col
    return None if pos == 2 else pos


def inherited(
    layout: Layout,
) -> Callable[[ET.Element, tuple[str | None, str | None]], tuple[str | None, str | None]]:
    """The region and text alignment an element passes to its children: its own, else its parent's."""

    def step(el: ET.Element, parent: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
        region = attr(el, "region") or parent[0]
        align = layout.styled(el, "textAlign") or parent[1]
        return region, align

    return step


# --- writing ---------------------------------------------------------------------------------------

#: Regions the writer declares: the default one at the bottom, and the others when a cue needs them.
REGIONS = {
    _BOTTOM: '<region xml:id="bottom" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="after"/>',
    _TOP: '<region xml:id="top" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="before"/>',
    _MIDDLE: '<region xml:id="middle" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="center"/>',
}
REGION_IDS = {_TOP: "top", _MIDDLE: "middle", _BOTTOM: "bottom"}
_ALIGN = {0: "left", 2: "right"}


def placement(pos: int | None) -> tuple[int, int]:
    """(row, column) for a position tag number."""
    if not pos:
        return _BOTTOM, 1
    return 2 - (pos - 1) // 3, (pos - 1) % 3


def p_attributes(row: int, col: int, every_region: bool) -> str:
    """Extra ``<p>`` attributes for a place. When the document uses several regions each paragraph names
    its own (a region on ``<body>`` would keep paragraphs out of the other regions)."""
    attrs = f' region="{REGION_IDS[row]}"' if every_region else ""
    if col in _ALIGN:
        attrs += f' tts:textAlign="{_ALIGN[col]}"'
    return attrs
