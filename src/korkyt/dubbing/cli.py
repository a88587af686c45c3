"""``korkyt dub``: dubbing scripts, the isochrony check and temp voice tracks from the command line."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from korkyt.dubbing.errors import DubbingError

if TYPE_CHECKING:
    from korkyt.subtitles import Document

T = TypeVar("T")

dub_app = typer.Typer(
    name="dub",
    help="Dubbing scripts, isochrony check and temp voice tracks from subtitle files.",
    no_args_is_help=True,
)
_err = Console(stderr=True, soft_wrap=True)
_out = Console(soft_wrap=True, markup=False)  # file names and character names are text, not markup


def _fail(message: str, code: int = 2) -> NoReturn:
    _err.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    raise typer.Exit(code)


def _number(option: str, value: float, least: float, most: float) -> float:
    """``value`` when it is a finite number above ``least`` and at most ``most``; exit 2 naming the option
    otherwise (``nan``, ``inf`` and ``1e300`` are numbers to Python's float)."""
    if not math.isfinite(value) or not least < value <= most:
        _fail(f"{option} must be a number above {least:g} and at most {most:g}, not {value:g}")
    return value


def _load(path: Path, fps: float | None = None) -> Document:
    from korkyt.subtitles import SubtitleError, load

    try:
        return load(path, fps=fps)
    except SubtitleError as exc:
        _fail(f"{path}: {exc}")


def _run(action: Callable[[], T]) -> T:
    try:
        return action()
    except DubbingError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{exc.filename or ''} {exc.strerror or exc}".strip())


#: Bounds of the numeric options (a loop of an hour, a ratio of 100 and 64 speech processes are absurd
#: already).
MAX_LOOP_SECONDS = 3600.0
MAX_LOOP_LINES = 1000
MAX_RATIO = 100.0
MAX_WORKERS = 64

Lang = Annotated[
    str, typer.Option("--lang", "-l", help="Language of the subtitles: kk az ky tk tr uz ru en.")
]


@dub_app.command("script")
def script_command(
    subtitles: Annotated[Path, typer.Argument(help="Translated subtitle file (SRT, ASS, VTT ...).")],
    lang: Lang,
    out: Annotated[Path, typer.Option("--out", "-o", help="Script file: .pdf, .docx or .csv.")],
    source: Annotated[
        Path | None, typer.Option(help="Original-language subtitles shown beside each line.")
    ] = None,
    source_lang: Annotated[str | None, typer.Option(help="Language of --source.")] = None,
    fps: Annotated[
        str | None,
        typer.Option(help="Film frame rate: 23.976, 24, 25, 29.97 or 30 (default: the file's, or 24)."),
    ] = None,
    title: Annotated[str, typer.Option(help="Title printed on the script.")] = "",
    start_tc: Annotated[
        str | None, typer.Option(help="Timecode of the programme start, e.g. 01:00:00:00.")
    ] = None,
    loop_seconds: Annotated[float, typer.Option(help="Longest loop (take), in seconds.")] = 30.0,
    loop_lines: Annotated[int, typer.Option(help="Most lines in a loop.")] = 10,
) -> None:
    """Write a dubbing script with loops, timecodes and a per-character summary."""
    from korkyt.dubbing.script import LoopRules, build_script
    from korkyt.dubbing.writers import write_script

    _number("--loop-seconds", loop_seconds, 0, MAX_LOOP_SECONDS)
    if not 1 <= loop_lines <= MAX_LOOP_LINES:
        _fail(f"--loop-lines must be between 1 and {MAX_LOOP_LINES}, not {loop_lines}")
    doc = _load(subtitles)
    src_doc = _load(source) if source else None

    def action() -> None:
        rules = LoopRules(max_loop_ms=round(loop_seconds * 1000), max_lines=loop_lines)
        script = build_script(
            doc.cues,
            lang,
            fps=fps or (str(doc.fps) if doc.fps else "24"),
            source=src_doc.cues if src_doc else None,
            source_lang=source_lang,
            loops=rules,
            title=title or (doc.title or subtitles.stem),
            start_timecode=start_tc,
        )
        with _err.status(f"writing {escape(out.name)}"):
            write_script(script, out)
        _out.print(
            f"{out}: {len(script.lines)} lines in {len(script.loops)} loops, "
            f"{len(script.summary)} characters",
            highlight=False,
        )
        for item in script.summary:
            _out.print(
                f"  {item.character}: {item.lines} lines, {item.words} words, {item.loops} loops",
                highlight=False,
            )

    _run(action)


@dub_app.command("check")
def check_command(
    subtitles: Annotated[Path, typer.Argument(help="Subtitle file to check.")],
    lang: Lang,
    format: Annotated[
        str, typer.Option("--format", "-f", help="Report format: text, json or html.")
    ] = "text",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the report here instead.")] = None,
    tolerance: Annotated[float, typer.Option(help="Largest estimate/slot ratio that still fits.")] = 1.0,
    error_ratio: Annotated[float, typer.Option(help="Ratio above which a line is an error.")] = 1.3,
) -> None:
    """Estimate each line's spoken duration and flag lines that do not fit their slot (exit 1)."""
    from korkyt.core.files import OutputError, write_output  # Django-free
    from korkyt.dubbing.isochrony import check_isochrony
    from korkyt.dubbing.languages import get_language
    from korkyt.dubbing.script import validate_slots
    from korkyt.dubbing.speakers import extract_lines

    _number("--tolerance", tolerance, 0, MAX_RATIO)
    _number("--error-ratio", error_ratio, 0, MAX_RATIO)
    doc = _load(subtitles)

    def action() -> bool:
        # A cue without a slot is refused, as `dub script` and `dub voice` refuse it (exit 2).
        validate_slots(extract_lines(doc.cues, get_language(lang)))
        report = check_isochrony(doc.cues, lang, tolerance=tolerance, error_ratio=error_ratio)
        text = report.render(format)
        if out:
            try:
                write_output(out, text)
            except OutputError as exc:
                raise DubbingError(str(exc)) from None
            _out.print(f"{out}: {len(report.findings)} finding(s)", highlight=False)
        else:
            typer.echo(text, nl=False)
        return report.ok

    if not _run(action):
        raise typer.Exit(1)


@dub_app.command("voice")
def voice_command(
    subtitles: Annotated[Path, typer.Argument(help="Subtitle file to speak.")],
    lang: Lang,
    out: Annotated[Path, typer.Option("--out", "-o", help="Temp voice track: .wav or .flac.")],
    video: Annotated[
        Path | None, typer.Option(help="The film: sets the track length; needed for --mux.")
    ] = None,
    length: Annotated[
        str | None,
        typer.Option(
            help="The film's length without --video, as H:MM:SS or seconds: the track is padded (or cut) "
            "to it, else it ends with its last line."
        ),
    ] = None,
    mux: Annotated[
        Path | None, typer.Option(help="Also write the film with the track added (.mkv/.mp4).")
    ] = None,
    mix: Annotated[
        bool, typer.Option(help="Mix the voice over the ducked original sound when muxing.")
    ] = True,
    engine: Annotated[str, typer.Option(help="Speech engine: espeak, piper or command.")] = "espeak",
    engine_command: Annotated[
        str | None, typer.Option(help="Command template for --engine command, e.g. 'tts -o {out} {text}'.")
    ] = None,
    piper_model: Annotated[Path | None, typer.Option(help="Local Piper voice model (.onnx).")] = None,
    workers: Annotated[
        int | None, typer.Option(help="Parallel speech processes (default: one per core).")
    ] = None,
    channels: Annotated[int, typer.Option(help="1 (mono) or 2 (stereo).")] = 1,
    stretch: Annotated[
        bool, typer.Option(help="Slow short lines down towards their slot (to 0.8×).")
    ] = False,
    script: Annotated[
        str | None,
        typer.Option(
            help="Letters the engine reads the lines in: Latn or Cyrl (default: the engine's own for the "
            "language; the lines are transliterated to it)."
        ),
    ] = None,
) -> None:
    """Speak every line with a speech engine, fit it to its slot and write a temp voice track."""
    from korkyt.dubbing.engines import make_engine
    from korkyt.dubbing.mux import media_info, mux_track
    from korkyt.dubbing.voice import synthesize_track

    if workers is not None and not 1 <= workers <= MAX_WORKERS:
        _fail(f"--workers must be between 1 and {MAX_WORKERS}, not {workers}")
    if mux and not video:
        _fail("--mux needs --video (the film to add the track to)")
    if length is not None and video is not None:
        _fail("give --video or --length, not both (the film's own length is read from --video)")
    length_ms = _length_ms(length) if length is not None else None
    scripts = {"latn": "Latn", "latin": "Latn", "cyrl": "Cyrl", "cyrillic": "Cyrl"}
    if script is not None and script.strip().lower() not in scripts:
        _fail(f"--script must be Latn or Cyrl, not {script!r}")
    engine_script = scripts[script.strip().lower()] if script is not None else None
    doc = _load(subtitles)

    def action() -> None:
        tts = make_engine(engine, command=engine_command, model=piper_model)
        tts.check()
        if channels not in (1, 2):
            raise DubbingError("--channels must be 1 (mono) or 2 (stereo)")
        duration_ms = media_info(video)[0] if video else length_ms
        with Progress(
            TextColumn("[bold]speaking"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=_err,
            transient=False,
        ) as bar:
            task = bar.add_task("lines", total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            track = synthesize_track(
                doc.cues,
                lang,
                out,
                engine=tts,
                workers=workers,
                channels=channels,
                duration_ms=duration_ms,
                stretch=stretch,
                script=engine_script,
                progress=progress,
            )
        sped = sum(1 for c in track.clips if c.status == "sped up")
        _out.print(
            f"{out}: {track.duration_ms / 1000:.1f} s, {len(track.clips)} lines, {sped} sped up, "
            f"{len(track.overruns)} overrun",
            highlight=False,
        )
        for clip in track.overruns:
            _out.print(
                f"  line {clip.line} (cue {clip.cue_index + 1}) runs {clip.overrun_ms} ms past its slot "
                f"even at {clip.tempo}×",
                highlight=False,
            )
        if mux and video:
            mux_track(video, out, mux, lang, mix=mix)
            _out.print(f"{mux}: written with the {lang} track added", highlight=False)

    _run(action)


_LENGTH = re.compile(r"^(?:(\d{1,2}):)?(\d{1,2}):(\d{2}(?:\.\d{1,3})?)$|^(\d{1,6}(?:\.\d{1,3})?)$")
#: The longest film length --length takes: a day.
MAX_LENGTH_MS = 24 * 3600 * 1000


def _length_ms(text: str) -> int:
    """``1:32:05``, ``92:05``, ``5525`` or ``5525.5`` as milliseconds; exit 2 on anything else."""
    m = _LENGTH.match(text.strip())
    if m is None:
        _fail(f"--length must be H:MM:SS or seconds (such as 1:32:05 or 5525), not {text!r}")
    if m.group(4) is not None:
        seconds = float(m.group(4))
    else:
        if float(m.group(3)) >= 60 or (m.group(1) is not None and int(m.group(2)) >= 60):
            _fail(f"--length {text!r}: minutes and seconds must be below 60")
        seconds = int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    ms = round(seconds * 1000)
    if not 0 < ms <= MAX_LENGTH_MS:
        _fail(f"--length must be more than 0 and at most 24 hours, not {text!r}")
    return ms


def register(app: typer.Typer) -> None:
    """Add the ``dub`` command group to the ``korkyt`` app."""
    app.add_typer(dub_app, name="dub")
