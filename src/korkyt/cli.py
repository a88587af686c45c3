"""The `korkyt` command.

Each pure package (translit, subtitles, dubbing, ...) contributes its commands through a module
``korkyt.<package>.cli`` exposing ``register(app)``; the platform commands (serve, demo, check,
manage) live in ``korkyt.config.commands`` and need Django.
"""

from __future__ import annotations

import importlib
import sys

import typer

app = typer.Typer(
    name="korkyt",
    help="Korkyt: the open platform of the Turkic film cooperation network.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Modules that add commands to the app; each exposes register(app).
COMMAND_MODULES = (
    "korkyt.config.commands",
    "korkyt.core.cli",
    "korkyt.core.backup.cli",
    "korkyt.catalogue.cli",
    "korkyt.localization.cli",
    "korkyt.festival.cli",
    "korkyt.translit.cli",
    "korkyt.subtitles.cli",
    "korkyt.dubbing.cli",
    "korkyt.localization.dubbing.cli",
    "korkyt.scheduling.cli",
    "korkyt.treaties.cli",
)


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            # A package that is not part of this installation adds no commands; any other
            # missing import is a real error and propagates.
            if exc.name is not None and name.startswith(exc.name):
                continue
            raise
        module.register(app)


_register_all()


def undecodable_argument(args: list[str]) -> str | None:
    """Why an argument cannot be used, or None: bytes that are not UTF-8 reach Python as lone surrogates
    (surrogateescape), which no file, database or terminal takes. Names the argument by its position
    (1 = the first after ``korkyt``) and the option it belongs to when there is one."""
    for n, arg in enumerate(args, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            option = ""
            if arg.startswith("--") and "=" in arg and arg.split("=", 1)[0].isascii():
                option = f" (the value of {arg.split('=', 1)[0]})"
            elif n > 1 and args[n - 2].startswith("-") and args[n - 2].isascii() and "=" not in args[n - 2]:
                option = f" (the value of {args[n - 2]})"
            return f"argument {n}{option} is not valid UTF-8 text"
    return None


def main() -> None:
    problem = undecodable_argument(sys.argv[1:])
    if problem is not None:
        sys.stderr.write(f"error: {problem}\n")
        raise SystemExit(2)
    try:
        app()
    except Exception as exc:
        # A database that is not there or not migrated (a command run before `korkyt setup`, a server that
        # does not answer): a message and exit code 2, not a traceback.
        db = sys.modules.get("django.db.utils")
        if db is None or not isinstance(exc, db.DatabaseError):
            raise
        detail = " ".join(str(exc).split())
        sys.stderr.write(
            f"Database error: {detail}\nIs the database set up and reachable? `korkyt setup` creates and "
            "migrates it (DATABASE_URL, or the SQLite file under KORKYT_HOME).\n"
        )
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
