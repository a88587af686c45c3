"""Writing dubbing scripts as CSV, DOCX (python-docx) and PDF (WeasyPrint).

CSV cells a spreadsheet would run as formulas get a leading ``'`` (korkyt.core.spreadsheet).

Every writer writes to a temporary file beside the target and renames it, so a failure leaves no
half-written script.
"""

from __future__ import annotations

import html
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from korkyt.core.files import temporary_beside  # Django-free
from korkyt.core.spreadsheet import SafeDictWriter, SafeWriter  # Django-free
from korkyt.dubbing.errors import DubbingError
from korkyt.dubbing.languages import get_language
from korkyt.dubbing.script import UNKNOWN_CHARACTER, DubbingScript

CSV_COLUMNS = ("loop", "line", "tc_in", "tc_out", "character", "text", "original", "notes")


def _counts(lines: int, loops: int, characters: int) -> str:
    return (
        f"{lines} line{'s' * (lines != 1)}, {loops} loop{'s' * (loops != 1)}, "
        f"{characters} character{'s' * (characters != 1)}."
    )


@dataclass(frozen=True)
class ScriptWords:
    """The words of a written script (PDF, DOCX), English by default; a caller with translations passes its
    own (``korkyt.localization.dubbing`` gives them in the language of the page the script was ordered
    from). ``counts(lines, loops, characters)`` is the sentence under the heading; ``language`` the name of
    the script's language (the package's English name when empty); ``lang`` the tag of the words' own
    language (the HTML page's ``lang``: each line is marked with the script's language, each original with
    its own)."""

    lang: str = "en"
    title: str = "Dubbing script"
    fps: str = "fps"
    characters: str = "Characters"
    script: str = "Script"
    character: str = "Character"
    lines: str = "Lines"
    words: str = "Words"
    loops: str = "Loops"
    seconds: str = "Seconds"
    loop: str = "Loop"
    tc_in: str = "In"
    tc_out: str = "Out"
    line: str = "Line"
    original: str = "Original"
    notes: str = "Notes"
    language: str = ""
    counts: Callable[[int, int, int], str] = _counts


def named_characters(script: DubbingScript) -> int:
    """How many characters speak in the script: the lines of no known character ("?") are not one."""
    return sum(1 for item in script.summary if item.character != UNKNOWN_CHARACTER)


def _rows(script: DubbingScript) -> list[dict[str, str]]:
    rows = []
    for loop in script.loops:
        for line in loop.lines:
            rows.append(
                {
                    "loop": str(loop.number),
                    "line": str(line.number),
                    "tc_in": script.timecode(line.start_ms),
                    "tc_out": script.timecode(line.end_ms),
                    "character": line.character or UNKNOWN_CHARACTER,
                    "text": line.text,
                    "original": line.original or "",
                    "notes": "; ".join(line.notes),
                }
            )
    return rows


def script_csv(script: DubbingScript) -> str:
    """The script as CSV text (one row per line, in loop order)."""
    buffer = io.StringIO()
    writer = SafeDictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_rows(script))
    return buffer.getvalue()


def summary_csv(script: DubbingScript) -> str:
    """The per-character casting summary as CSV text."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\n")
    writer.writerow(["character", "lines", "words", "loops", "speaking_seconds"])
    for item in script.summary:
        writer.writerow(
            [item.character, item.lines, item.words, item.loops, f"{item.speaking_ms / 1000:.1f}"]
        )
    return buffer.getvalue()


def _heading(script: DubbingScript, words: ScriptWords) -> str:
    language = words.language or get_language(script.lang).name
    title = script.title or words.title
    return f"{title} — {language}, {script.rate} {words.fps}"


def _columns(words: ScriptWords, with_original: bool) -> list[str]:
    return [
        words.loop,
        "#",
        words.tc_in,
        words.tc_out,
        words.character,
        words.line,
        *([words.original] if with_original else []),
        words.notes,
    ]


def script_html(script: DubbingScript, words: ScriptWords | None = None) -> str:
    """The script as a printable HTML page (what the PDF is rendered from)."""
    esc = html.escape
    words = words or ScriptWords()
    with_original = any(line.original for line in script.lines)
    head = "<tr>" + "".join(f"<th>{esc(c)}</th>" for c in _columns(words, with_original)) + "</tr>"
    summary_head = "".join(
        f"<th>{esc(c)}</th>" for c in (words.character, words.lines, words.words, words.loops, words.seconds)
    )
    counts = words.counts(len(script.lines), len(script.loops), named_characters(script))
    body = []
    text_lang, original_lang = script.lang, script.source_lang or script.lang
    for row in _rows(script):
        cells = [row["loop"], row["line"], row["tc_in"], row["tc_out"], row["character"]]
        marked = [(row["text"], text_lang)] + ([(row["original"], original_lang)] if with_original else [])
        tds = [f"<td>{esc(c).replace(chr(10), '<br>')}</td>" for c in cells]
        tds += [f'<td lang="{esc(tag)}">{esc(c).replace(chr(10), "<br>")}</td>' for c, tag in marked]
        tds.append(f"<td>{esc(row['notes']).replace(chr(10), '<br>')}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    summary = "".join(
        f"<tr><td>{esc(s.character)}</td><td>{s.lines}</td><td>{s.words}</td><td>{s.loops}</td>"
        f"<td>{s.speaking_ms / 1000:.1f}</td></tr>"
        for s in script.summary
    )
    return f"""<!doctype html>
<html lang="{esc(words.lang)}"><head><meta charset="utf-8"><title>{esc(_heading(script, words))}</title>
<style>
@page {{ size: A4 landscape; margin: 12mm; @bottom-right {{ content: counter(page) " / " counter(pages); }} }}
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 9pt; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 0.5pt solid #888; padding: 2pt 4pt; vertical-align: top; text-align: left; }}
th {{ background: #eee; }}
tr {{ page-break-inside: avoid; }}
</style></head><body>
<h1>{esc(_heading(script, words))}</h1>
<p>{esc(counts)}</p>
<h2>{esc(words.characters)}</h2>
<table><tr>{summary_head}</tr>{summary}</table>
<h2>{esc(words.script)}</h2>
<table>{head}{"".join(body)}</table>
</body></html>
"""


def _atomic_write(path: Path, produce: Callable[[Path], None]) -> None:
    path = Path(path)
    if not path.parent.exists():
        raise DubbingError(f"folder {path.parent} does not exist")
    fd, tmp = temporary_beside(path, suffix="")
    os.close(fd)
    try:
        produce(tmp)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_csv(script: DubbingScript, path: str | Path, words: ScriptWords | None = None) -> None:
    """Write the script as CSV (UTF-8 with BOM so spreadsheet programs read the Cyrillic right); its column
    names are fixed (``CSV_COLUMNS``), for programs to read."""
    text = script_csv(script)

    def produce(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8-sig")

    _atomic_write(Path(path), produce)


def write_pdf(script: DubbingScript, path: str | Path, words: ScriptWords | None = None) -> None:
    """Write the script as an A4 landscape PDF with WeasyPrint."""
    from weasyprint import HTML

    page = script_html(script, words)
    _atomic_write(Path(path), lambda tmp: HTML(string=page).write_pdf(str(tmp)))


def write_docx(script: DubbingScript, path: str | Path, words: ScriptWords | None = None) -> None:
    """Write the script as a DOCX document: heading, character summary table and the script table."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    style = document.styles["Normal"]
    style.font.size = Pt(9)  # type: ignore[attr-defined]
    words = words or ScriptWords()
    document.add_heading(_heading(script, words), level=1)
    document.add_paragraph(words.counts(len(script.lines), len(script.loops), named_characters(script)))
    document.add_heading(words.characters, level=2)
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    names = (words.character, words.lines, words.words, words.loops, words.seconds)
    for cell, text in zip(table.rows[0].cells, names, strict=True):
        cell.text = text
    for item in script.summary:
        cells = table.add_row().cells
        summary_values = (
            item.character,
            item.lines,
            item.words,
            item.loops,
            f"{item.speaking_ms / 1000:.1f}",
        )
        for cell, value in zip(cells, summary_values, strict=True):
            cell.text = str(value)
    document.add_heading(words.script, level=2)
    with_original = any(line.original for line in script.lines)
    columns = _columns(words, with_original)
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, columns, strict=True):
        cell.text = text
    for row in _rows(script):
        values = [row["loop"], row["line"], row["tc_in"], row["tc_out"], row["character"], row["text"]]
        values += [row["original"]] if with_original else []
        values.append(row["notes"])
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    _atomic_write(Path(path), lambda tmp: document.save(str(tmp)))


WRITERS: dict[str, Callable[[DubbingScript, str | Path, ScriptWords | None], None]] = {
    ".csv": write_csv,
    ".pdf": write_pdf,
    ".docx": write_docx,
}


def write_script(script: DubbingScript, path: str | Path, words: ScriptWords | None = None) -> None:
    """Write the script in the format named by the file's extension (.pdf, .docx or .csv), the PDF and DOCX
    with ``words`` (English by default)."""
    suffix = Path(path).suffix.lower()
    writer = WRITERS.get(suffix)
    if writer is None:
        raise DubbingError(
            f"cannot write a script as {suffix or 'a file without extension'!r}; use .pdf, .docx or .csv"
        )
    writer(script, path, words)
