"""``korkyt subs``: check, convert, transliterate, shift, retime and fix subtitle files."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress

from . import ops
from .checks import Report, check
from .checks.report import html_page
from .checks.source import Glossary
from .checks.turkic import LINT_LANGUAGES
from .errors import SubtitleError
from .fixes import FIXABLE, fix
from .formats import FORMATS, canonical, from_extension
from .io import dump, load
from .model import Document
from .profiles import PROFILES

subs_app = typer.Typer(
    name="subs",
    help="Subtitle files: check quality, convert formats, transliterate, shift, retime, fix.",
    no_args_is_help=True,
)

# Output is plain text: file names and messages may hold brackets, which rich would read as markup.
err = Console(stderr=True, soft_wrap=True, highlight=False, markup=False)
out = Console(soft_wrap=True, highlight=False, markup=False)

FpsOpt = Annotated[
    float | None,
    typer.Option(
        "--fps",
        help="Frame rate of the video: for MicroDVD input/output, and the frames that check and fix count "
        "durations and gaps in (default: the file's, else the profile's).",
    ),
]
EncOpt = Annotated[str | None, typer.Option("--encoding", help="Input encoding (default: detected).")]


def register(app: typer.Typer) -> None:
    """Add the ``subs`` command group to the main ``korkyt`` app."""
    app.add_typer(subs_app, name="subs")


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, markup=True)
    return typer.Exit(code)


def _load(
    path: Path, encoding: str | None = None, fps: float | None = None, fmt: str | None = None
) -> Document:
    try:
        return load(path, format=fmt, encoding=encoding, fps=fps)
    except SubtitleError as exc:
        raise _fail(_with_path(path, exc)) from None


def _with_path(path: Path, exc: Exception) -> str:
    message = str(exc)
    return message if str(path) in message else f"{path}: {message}"


def _save(doc: Document, path: Path, fmt: str | None = None, **options: Any) -> None:
    try:
        fmt = canonical(fmt) if fmt else (from_extension(path.name) or doc.format)
        dump(doc, path, fmt, **options)
    except SubtitleError as exc:
        raise _fail(f"{path}: {exc}") from None
    err.print(f"wrote {path} ({fmt}, {len(doc.cues)} cues)", highlight=False)


#: The languages ``check`` and ``fix`` know: the Turkic checks' and the profiles'.
LANGUAGES = tuple(sorted(LINT_LANGUAGES | {p.lang for p in PROFILES.values() if p.lang}))


def _language(lang: str | None) -> None:
    """Exit 2 naming the known languages when ``lang`` (``kk``, ``kk-Cyrl``, ``uz_Latn``) is not one."""
    if lang is not None and lang.strip().replace("_", "-").split("-")[0].lower() not in LANGUAGES:
        raise _fail(f"unknown language {lang!r}; known languages: {', '.join(LANGUAGES)}")


def _glossary(path: Path | None) -> Glossary | None:
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"cannot read glossary {path}: {exc}") from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _fail(f"glossary {path} line {exc.lineno}: invalid JSON ({exc.msg})") from None
        if not isinstance(data, dict) or not all(
            isinstance(v, str) or (isinstance(v, list) and all(isinstance(x, str) for x in v))
            for v in data.values()
        ):
            raise _fail(
                f"glossary {path}: expected an object mapping each term to a string or a list of strings"
            )
        return data
    entries: dict[str, list[str]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 2 or not cells[0] or not all(cells[1:]):
            raise _fail(f"glossary {path} line {n}: expected 'term<TAB>rendering[<TAB>rendering...]'")
        entries[cells[0]] = cells[1:]
    return entries


@subs_app.command("check")
def check_cmd(
    files: Annotated[list[Path], typer.Argument(help="Subtitle files to check.")],
    profile: Annotated[str, typer.Option(help=f"Profile: {', '.join(PROFILES)}.")] = "netflix-adult",
    lang: Annotated[
        str | None, typer.Option(help="Language of the text (kk, az, ky, tk, tr, uz, ru, en).")
    ] = None,
    script: Annotated[
        str | None, typer.Option(help="Script of the text: Cyrl or Latn (default: guessed).")
    ] = None,
    source: Annotated[
        Path | None, typer.Option(help="Source-language file to compare a translation with.")
    ] = None,
    glossary: Annotated[
        Path | None, typer.Option(help="Glossary: JSON {term: rendering(s)} or TSV term<TAB>rendering.")
    ] = None,
    format: Annotated[str, typer.Option("--format", help="Report format: text, json or html.")] = "text",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report here (several HTML reports: one page to a FILE.html, or one page per "
            "file into a DIR).",
        ),
    ] = None,
    encoding: EncOpt = None,
    fps: FpsOpt = None,
) -> None:
    """Check subtitle files; exit 1 when errors are found, 2 when a file cannot be read."""
    if format not in ("text", "json", "html"):
        raise _fail(f"--format must be text, json or html, not {format!r}")
    if profile.lower() not in PROFILES:
        raise _fail(f"unknown profile {profile!r}; known: {', '.join(PROFILES)}")
    _language(lang)
    if script is not None and script not in ("Cyrl", "Latn"):
        raise _fail(f"--script must be Cyrl or Latn, not {script!r}")
    if glossary is not None and source is None:
        raise _fail("--glossary compares each cue with its source: give --source too")
    src = _load(source, fps=fps) if source else None
    terms = _glossary(glossary)
    reports: list[Report] = []
    unreadable = 0
    with Progress(console=err, transient=True, disable=len(files) < 2) as progress:
        task = progress.add_task("checking", total=len(files))
        for path in files:
            progress.update(task, description=f"checking {path.name}")
            try:
                doc = load(path, encoding=encoding, fps=fps)
                report = check(
                    doc, profile=profile, lang=lang, script=script, source=src, glossary=terms, fps=fps
                )
            except SubtitleError as exc:
                problem = escape(_with_path(path, exc))
                err.print(f"[bold red]error:[/] {problem}", highlight=False, markup=True)
                unreadable += 1
            else:
                report.name = str(path)
                reports.append(report)
            progress.advance(task)
    _emit(reports, format, output, several=len(files) > 1)
    if unreadable:
        raise typer.Exit(2)
    if any(r.has_errors for r in reports):
        raise typer.Exit(1)


def _emit(reports: list[Report], format: str, output: Path | None, *, several: bool = False) -> None:
    from korkyt.core.files import OutputError, write_output  # Django-free: complete files or none

    to_dir = output is not None and (output.is_dir() or not output.suffix)
    if format == "html" and output is not None and len(reports) > 1 and to_dir:
        try:
            output.mkdir(parents=True, exist_ok=True)
            for r in reports:
                write_output(output / (Path(r.name or "report").name + ".html"), r.to_html())
        except OutputError as exc:
            raise _fail(str(exc)) from None
        except OSError as exc:
            raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None
        err.print(f"wrote {len(reports)} HTML reports to {output}", highlight=False)
        return
    if format == "json":
        data = [r.to_dict() for r in reports]
        # One FILE: its report (an object); several: a list of the readable ones, however many there are.
        text = json.dumps(data if several or len(data) != 1 else data[0], ensure_ascii=False, indent=2)
    elif format == "html":
        text = html_page(reports) if reports else ""
    else:
        text = "\n\n".join(r.to_text() for r in reports)
    if output is not None:
        try:
            write_output(output, text + "\n")
        except OutputError as exc:
            raise _fail(str(exc)) from None
        err.print(f"wrote {output}", highlight=False)
    elif text:
        out.print(text, markup=False)


@subs_app.command("convert")
def convert_cmd(
    src: Annotated[Path, typer.Argument(help="Input subtitle file.")],
    dst: Annotated[Path, typer.Argument(help="Output file.")],
    to: Annotated[str | None, typer.Option("--to", help=f"Output format: {', '.join(FORMATS)}.")] = None,
    fps: FpsOpt = None,
    encoding: EncOpt = None,
    title: Annotated[str | None, typer.Option(help="Title (DCP output).")] = None,
    language: Annotated[str | None, typer.Option(help="Language tag written into TTML/DCP.")] = None,
) -> None:
    """Convert a subtitle file to another format (and to UTF-8)."""
    doc = _load(src, encoding, fps)
    if language:
        doc.language = language
    options: dict[str, object] = {"fps": fps}
    if title:
        options["title"] = title
    if to is None and from_extension(dst.name) is None:
        raise _fail(f"cannot tell the output format from {dst.name!r}; give --to ({', '.join(FORMATS)})")
    _save(doc, dst, to, **options)


@subs_app.command("translit")
def translit_cmd(
    src: Annotated[Path, typer.Argument(help="Input subtitle file.")],
    dst: Annotated[Path, typer.Argument(help="Output file.")],
    lang: Annotated[str, typer.Option(help="Language: kk, uz, az, tk, ky, tr, ru.")],
    to: Annotated[str, typer.Option("--to", help="Target script: Latn or Cyrl.")],
    scheme: Annotated[str | None, typer.Option(help="Transliteration scheme (default: official).")] = None,
    encoding: EncOpt = None,
    fps: FpsOpt = None,
) -> None:
    """Transliterate every cue of a file (markup kept)."""
    doc = _load(src, encoding, fps)
    try:
        result = ops.transliterate(doc, lang, to, scheme=scheme)
    except (SubtitleError, ValueError) as exc:
        raise _fail(str(exc)) from None
    _save(result, dst, fps=fps)


_SHIFT_RE = re.compile(r"^([+-]?)(?:([0-9]+):)?(?:([0-9]+):)?([0-9]+(?:[.,][0-9]+)?)(ms|s)?$")  # ASCII digits


#: The largest shift: a day (a longer one is a typing slip, and past a float's range it cannot be counted).
MAX_OFFSET_MS = 24 * 3600 * 1000


def parse_offset(text: str) -> int:
    """``"+1.5s"``, ``"-500ms"``, ``"-00:00:01,200"``, ``"250"`` (ms) → milliseconds."""
    m = _SHIFT_RE.match(text.strip())
    if not m:
        raise SubtitleError(f"offset {text!r} not understood; use e.g. +1.5s, -500ms or -00:00:01,200")
    sign, a, b, last, unit = m.groups()
    try:  # thousands of digits: int() refuses them, float() runs out of range
        value = float(last.replace(",", "."))
        if a is not None or b is not None:
            hours, minutes = (int(a), int(b)) if b is not None else (0, int(a))
            if value >= 60 or (b is not None and minutes >= 60):
                raise SubtitleError(f"offset {text!r}: minutes and seconds must be below 60")
            ms = (hours * 3600 + minutes * 60 + value) * 1000
        else:
            ms = value * 1000 if unit == "s" else value
    except (ValueError, OverflowError):
        ms = math.inf
    if not math.isfinite(ms) or abs(ms) > MAX_OFFSET_MS:
        raise SubtitleError(f"offset {text!r} is too large; a shift is at most 24 hours")
    return -round(ms) if sign == "-" else round(ms)


@subs_app.command("shift")
def shift_cmd(
    src: Annotated[Path, typer.Argument(help="Input subtitle file.")],
    dst: Annotated[Path, typer.Argument(help="Output file.")],
    by: Annotated[str, typer.Option("--by", help="Offset: +1.5s, -500ms, -00:00:01,200.")],
    encoding: EncOpt = None,
    fps: FpsOpt = None,
) -> None:
    """Move every cue earlier or later."""
    doc = _load(src, encoding, fps)
    try:
        result = ops.shift(doc, parse_offset(by))
    except SubtitleError as exc:
        raise _fail(str(exc)) from None
    _save(result, dst, fps=fps)


@subs_app.command("fps")
def fps_cmd(
    src: Annotated[Path, typer.Argument(help="Input subtitle file.")],
    dst: Annotated[Path, typer.Argument(help="Output file.")],
    from_fps: Annotated[str, typer.Option("--from", help="Frame rate the timing was made for (e.g. 25).")],
    to_fps: Annotated[str, typer.Option("--to", help="Frame rate of the new video (e.g. 23.976).")],
    encoding: EncOpt = None,
) -> None:
    """Retime for a framerate change (23.976, 24, 25, 29.97 ...)."""
    try:
        source_rate = ops.fps_value(from_fps)
    except SubtitleError as exc:
        raise _fail(str(exc)) from None
    doc = _load(src, encoding, source_rate)
    try:
        result = ops.convert_fps(doc, from_fps, to_fps)
    except SubtitleError as exc:
        raise _fail(str(exc)) from None
    _save(result, dst, fps=result.fps)


@subs_app.command("fix")
def fix_cmd(
    src: Annotated[Path, typer.Argument(help="Input subtitle file.")],
    dst: Annotated[Path, typer.Argument(help="Output file.")],
    codes: Annotated[
        str | None,
        typer.Option(help=f"Comma-separated codes or prefixes to fix (default all: {', '.join(FIXABLE)})."),
    ] = None,
    profile: Annotated[
        str, typer.Option(help="Profile whose gaps and durations the timing fixes use.")
    ] = "netflix-adult",
    lang: Annotated[str | None, typer.Option(help="Language, for the Turkic fixes.")] = None,
    script: Annotated[str | None, typer.Option(help="Script, for the Turkic fixes.")] = None,
    width: Annotated[int | None, typer.Option(help="Also re-break lines to this width.")] = None,
    encoding: EncOpt = None,
    fps: FpsOpt = None,
) -> None:
    """Apply the safe automatic fixes (whitespace, tags, empty cues, order, overlaps, gaps, Turkic)."""
    _language(lang)
    if script is not None and script not in ("Cyrl", "Latn"):  # as subs check
        raise _fail(f"--script must be Cyrl or Latn, not {script!r}")
    if width is not None and width < 5:  # 0 too: "also re-break" is not "do not re-break"
        raise _fail(f"--width must be at least 5, not {width}")
    doc = _load(src, encoding, fps)
    try:
        wanted = [c.strip() for c in codes.split(",") if c.strip()] if codes else None
        fixed = fix(doc, wanted, profile=profile, lang=lang, script=script, fps=fps)
        if width:
            fixed = ops.rebreak(fixed, width)
        before = len(check(doc, profile=profile, lang=lang, script=script, fps=fps).findings)
        after = len(check(fixed, profile=profile, lang=lang, script=script, fps=fps).findings)
    except SubtitleError as exc:
        raise _fail(str(exc)) from None
    err.print(f"findings: {before} before, {after} after", highlight=False)
    _save(fixed, dst, fps=fps)
