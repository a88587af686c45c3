"""Writing dubbing scripts as CSV, DOCX (python-docx) and PDF (WeasyPrint).

CSV cells a spreadsheet would run as formulas get a leading ``'`` (korkyt.core.spreadsheet).

Every writer writes to a temporary file beside the target and renames it, so a failure leaves no
half-written script.
"""

from __future__ import annotations

import html
import io
import os
from collections.abc import Callable, Iterator
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


#: Script lines laid out per WeasyPrint document when writing a PDF: the chunks are rendered one after
#: another and joined (pypdf), so a long script's memory is bounded by one chunk's layout, not the script's.
PDF_CHUNK_LINES = 400

_STYLE = """
body { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.5pt solid #888; padding: 2pt 4pt; vertical-align: top; text-align: left; }
th { background: #eee; }
tr { page-break-inside: avoid; }
"""
_PAGE = "@page {{ size: A4 landscape; margin: 12mm; {footer}}}\n"
_NUMBERED = '@bottom-right { content: counter(page) " / " counter(pages); } '


def _document(words: ScriptWords, title: str, style: str, body: str) -> str:
    esc = html.escape
    return f"""<!doctype html>
<html lang="{esc(words.lang)}"><head><meta charset="utf-8"><title>{esc(title)}</title>
<style>
{style}</style></head><body>
{body}</body></html>
"""


def _line_rows(script: DubbingScript, rows: list[dict[str, str]], with_original: bool) -> str:
    esc = html.escape
    body = []
    text_lang, original_lang = script.lang, script.source_lang or script.lang
    for row in rows:
        cells = [row["loop"], row["line"], row["tc_in"], row["tc_out"], row["character"]]
        marked = [(row["text"], text_lang)] + ([(row["original"], original_lang)] if with_original else [])
        tds = [f"<td>{esc(c).replace(chr(10), '<br>')}</td>" for c in cells]
        tds += [f'<td lang="{esc(tag)}">{esc(c).replace(chr(10), "<br>")}</td>' for c, tag in marked]
        tds.append(f"<td>{esc(row['notes']).replace(chr(10), '<br>')}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    return "".join(body)


def _script_parts(script: DubbingScript, words: ScriptWords, size: int | None) -> Iterator[str]:
    """The body of the script page: the heading, the counts, the characters and the script table — the
    table in parts of at most ``size`` lines (each part a table of its own, its head repeated), or whole."""
    esc = html.escape
    with_original = any(line.original for line in script.lines)
    head = (
        "<thead><tr>"
        + "".join(f"<th>{esc(c)}</th>" for c in _columns(words, with_original))
        + "</tr></thead>"
    )
    summary_head = "".join(
        f"<th>{esc(c)}</th>" for c in (words.character, words.lines, words.words, words.loops, words.seconds)
    )
    counts = words.counts(len(script.lines), len(script.loops), named_characters(script))
    summary = "".join(
        f"<tr><td>{esc(s.character)}</td><td>{s.lines}</td><td>{s.words}</td><td>{s.loops}</td>"
        f"<td>{s.speaking_ms / 1000:.1f}</td></tr>"
        for s in script.summary
    )
    first = (
        f"<h1>{esc(_heading(script, words))}</h1>\n<p>{esc(counts)}</p>\n<h2>{esc(words.characters)}</h2>\n"
        f"<table><thead><tr>{summary_head}</tr></thead>{summary}</table>\n<h2>{esc(words.script)}</h2>\n"
    )
    rows = _rows(script)
    size = size or len(rows)
    for index in range(0, len(rows), size):
        table = f"<table>{head}{_line_rows(script, rows[index : index + size], with_original)}</table>\n"
        yield (first if index == 0 else "") + table


def script_html(script: DubbingScript, words: ScriptWords | None = None) -> str:
    """The script as a printable HTML page (what the PDF is rendered from, in parts)."""
    words = words or ScriptWords()
    style = _PAGE.format(footer=_NUMBERED) + _STYLE
    return _document(words, _heading(script, words), style, "".join(_script_parts(script, words, None)))


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
    """Write the script as an A4 landscape PDF with WeasyPrint, numbered "page / pages" at the foot.

    The script is laid out in parts of :data:`PDF_CHUNK_LINES` lines, each a WeasyPrint document of its own
    (each part starts a page), joined with pypdf; the page numbers are laid out last, once the number of
    pages is known, and stamped on the joined pages."""
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML

    words = words or ScriptWords()
    title = _heading(script, words)
    unnumbered = _PAGE.format(footer="") + _STYLE

    def produce(tmp: Path) -> None:
        joined = PdfWriter()
        for part in _script_parts(script, words, PDF_CHUNK_LINES):
            joined.append(
                PdfReader(io.BytesIO(HTML(string=_document(words, title, unnumbered, part)).write_pdf()))
            )
        total = len(joined.pages)
        numbers = PdfReader(io.BytesIO(HTML(string=_numbers_html(words, title, total)).write_pdf()))
        if len(numbers.pages) != total:  # pragma: no cover - a layout change would show here
            raise DubbingError(f"numbered {len(numbers.pages)} pages of {total}")
        for page, number in zip(joined.pages, numbers.pages, strict=True):
            page.merge_page(number)
            page.compress_content_streams()  # merging leaves the page's content uncompressed
        joined.add_metadata({"/Title": title})
        with open(tmp, "wb") as handle:
            joined.write(handle)

    _atomic_write(Path(path), produce)


def _numbers_html(words: ScriptWords, title: str, pages: int) -> str:
    """``pages`` empty pages of the script's size with only their numbers, stamped on the script's pages."""
    style = (
        _PAGE.format(footer=_NUMBERED)
        + ".page { height: 1pt; break-after: page; } .page:last-child { break-after: auto; }"
    )
    return _document(words, title, style, '<div class="page"></div>' * pages)


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
