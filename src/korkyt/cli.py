"""The `korkyt` command.

Each pure package (translit, subtitles, dubbing, ...) contributes its commands through a module
``korkyt.<package>.cli`` exposing ``register(app)``; the platform commands (serve, demo, check,
manage) live in ``korkyt.config.commands`` and need Django.
"""

from __future__ import annotations

import importlib

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


def main() -> None:
    app()


if __name__ == "__main__":
    main()
