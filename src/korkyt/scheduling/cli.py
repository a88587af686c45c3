"""``korkyt schedule``: propose a screening grid from an instance file (the JSON contract)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, cast

import typer
from rich.console import Console
from rich.markup import escape

from korkyt.scheduling.errors import SchedulingError

if TYPE_CHECKING:
    from korkyt.scheduling.solve import Method

schedule_app = typer.Typer(
    name="schedule",
    help="Screening schedules: place films in rooms and days with CP-SAT (docs/scheduling.md).",
    no_args_is_help=True,
)
_err = Console(stderr=True, soft_wrap=True)
_out = Console(soft_wrap=True, highlight=False)

FORMATS = ("json", "text", "html")


def _fail(message: str, code: int = 2) -> NoReturn:
    _err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, markup=True)
    raise typer.Exit(code)


@schedule_app.command("solve")
def solve_command(
    instance: Annotated[Path, typer.Argument(help="Instance file (JSON, see docs/scheduling.md).")],
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds the solver may use (always bounded).")
    ] = 20.0,
    format: Annotated[str, typer.Option("--format", "-f", help="Output: json, text or html.")] = "json",
    method: Annotated[
        str, typer.Option("--method", help="cp-sat (default) or greedy (the fast baseline).")
    ] = "cp-sat",
    workers: Annotated[int, typer.Option("--workers", help="CP-SAT search threads.")] = 2,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the result here instead of stdout.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
) -> None:
    """Propose a schedule. Exit 0 with a schedule, 1 when there is none (infeasible: the explanation
    says why; or nothing found in time), 2 for a bad instance or option."""
    from korkyt.scheduling.io import load_instance, solution_to_dict
    from korkyt.scheduling.render import to_html, to_text
    from korkyt.scheduling.solve import METHODS, solve

    if format not in FORMATS:
        _fail(f"--format: use one of {', '.join(FORMATS)}, not {format!r}")
    if method not in METHODS:
        _fail(f"--method: use one of {', '.join(METHODS)}, not {method!r}")
    if not 0 < time_limit <= 86_400:
        _fail(f"--time-limit: a number of seconds between 0 and 86400, not {time_limit:g}")
    if not 1 <= workers <= 64:
        _fail(f"--workers: between 1 and 64, not {workers}")
    try:
        problem = load_instance(instance)
    except SchedulingError as exc:
        _fail(f"{instance}: {exc}")
    except OSError as exc:
        _fail(f"{instance}: {exc.strerror or exc}")

    def progress(elapsed: float, objective: int, bound: float, count: int) -> None:
        status.update(
            f"solving: {count} schedule(s), best objective {objective}, bound {bound:g}, {elapsed:.1f} s"
        )

    with _err.status(
        f"solving {instance.name} ({method}, at most {time_limit:g} s)", spinner="dots"
    ) as status:
        if quiet:
            status.stop()
        try:
            solution = solve(
                problem,
                method=cast("Method", method),
                time_limit=time_limit,
                workers=workers,
                progress=progress,
            )
        except SchedulingError as exc:
            _fail(str(exc))
    if format == "json":
        text = json.dumps(solution_to_dict(solution, problem), ensure_ascii=False, indent=1) + "\n"
    elif format == "text":
        text = to_text(solution, problem)
    else:
        text = to_html(solution, problem)
    if out is not None:
        from korkyt.core.files import OutputError, write_output  # Django-free

        try:
            write_output(out, text)
        except OutputError as exc:
            _fail(str(exc))
        _err.print(f"{out}: {solution.status}", highlight=False, markup=False)
    else:
        _out.file.write(text)
    if solution.status == "infeasible" and not quiet:
        for reason in solution.explanation:
            _err.print(f"  - {reason}", highlight=False, markup=False)
    raise typer.Exit(0 if solution.status in ("optimal", "feasible") else 1)


def register(app: typer.Typer) -> None:
    app.add_typer(schedule_app, name="schedule")
