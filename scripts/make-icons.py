"""Draw the site's icons (the ◈ mark of the header: a diamond within a diamond) with Pillow.

Writes src/korkyt/web/static/web/icon.svg and the PNG and ICO fallbacks next to it; run it again after
changing the colours or the shape (``.venv/bin/python scripts/make-icons.py``). The files are committed.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "src/korkyt/web/static/web"
BACKGROUND = "#142a35"  # the header
OUTER = "#e9b949"  # gold
INNER_HOLE = "#142a35"

SVG = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="Korkyt">
  <rect width="64" height="64" rx="14" fill="{BACKGROUND}"/>
  <path d="M32 8 56 32 32 56 8 32Z" fill="{OUTER}"/>
  <path d="M32 17 47 32 32 47 17 32Z" fill="{INNER_HOLE}"/>
  <path d="M32 23 41 32 32 41 23 32Z" fill="{OUTER}"/>
</svg>
"""


def draw(size: int, *, maskable: bool = False) -> Image.Image:
    """The icon at ``size`` pixels (drawn 4× larger and reduced, for smooth edges)."""
    big = size * 4
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    scale = big / 64
    if maskable:  # full bleed; the mark inside the safe zone (80 %)
        pen.rectangle((0, 0, big, big), fill=BACKGROUND)
        shrink, offset = 0.72, big * 0.14
    else:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=14 * scale, fill=BACKGROUND)
        shrink, offset = 1.0, 0.0

    def diamond(half: float, colour: str) -> None:
        c = 32 * scale * shrink + offset
        h = half * scale * shrink
        pen.polygon([(c, c - h), (c + h, c), (c, c + h), (c - h, c)], fill=colour)

    diamond(24, OUTER)
    diamond(15, INNER_HOLE)
    diamond(9, OUTER)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "icon.svg").write_text(SVG, encoding="utf-8")
    for size in (32, 180, 192, 512):
        draw(size).save(OUT / f"icon-{size}.png", optimize=True)
    draw(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)
    draw(48).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
