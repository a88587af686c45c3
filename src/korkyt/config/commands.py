"""Platform commands of the `korkyt` CLI: setup, serve, demo load, check, manage."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

console = Console()
err = Console(stderr=True)

demo_app = typer.Typer(help="The demo dataset.", no_args_is_help=True)
users_app = typer.Typer(help="Accounts.", no_args_is_help=True)


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "korkyt.config.settings")
    import django

    try:
        django.setup()
    except Exception as exc:  # configuration errors: a message, not a traceback
        err.print(f"[red]Configuration error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc


def _call(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


def setup(
    demo: Annotated[bool, typer.Option(help="Load the demo dataset and demo accounts.")] = True,
) -> None:
    """Prepare the database: migrate, collect static files, load the demo data, make the admin account."""
    _django()
    from django.conf import settings

    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
    console.print("[bold]Migrating the database…[/bold]")
    _call("migrate", "--no-input", "--verbosity", "0")
    _call("collectstatic", "--no-input", "--verbosity", "0")
    from korkyt.config import demo as demo_module
    from korkyt.config.env import env_str

    user, password = demo_module.ensure_admin(password=env_str("KORKYT_ADMIN_PASSWORD") or None)
    if demo:
        report = demo_module.load(users_password=password)
        console.print(
            f"Demo data: {report.institutions_created} institutions created, "
            f"{report.institutions_updated} refreshed; {report.memoranda_created} memoranda created, "
            f"{report.memoranda_unchanged} already there; {report.films_created} films created, "
            f"{report.films_unchanged} already there."
        )
    _print_sign_in(user.username, password, demo)


def _mail_destination() -> str:
    """Where the platform's mail goes, for the sign-in screen."""
    from django.conf import settings

    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        return f"written as files to {settings.EMAIL_FILE_PATH} (open the newest to follow a sign-up link)"
    if settings.EMAIL_BACKEND.endswith("smtp.EmailBackend"):
        return f"sent through {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    return f"handled by {settings.EMAIL_BACKEND}"


#: The demo's other accounts by what they do, printed after setup (all with the administrator's password).
DEMO_ACCOUNTS = (
    "institution editors (same password): editor-kz, editor-az, editor-kg, editor-tm, editor-tr, editor-uz, "
    "editor-turksoy",
    "agency heads, who sign off festival nominations: head-kz, head-az, head-kg, head-tm, head-tr, head-uz",
    "translators and reviewers: translator-tr, reviewer-tr, translator-az, reviewer-az",
    "festival: festival-staff (the 6th edition's grid and tickets), screener-1, screener-2 (reviews), "
    "juror-1, juror-2, juror-3",
    "producers: producer-kz (co-productions), producer-kg (a festival entry, event registrations), "
    "producer-uz",
)


def _print_sign_in(username: str, password: str | None, demo: bool) -> None:
    console.print("\n[bold green]Sign in[/bold green]")
    console.print(f"  mail (sign-up confirmations, password resets): {_mail_destination()}")
    if password:
        console.print(f"  administrator: [bold]{escape(username)}[/bold] / [bold]{escape(password)}[/bold]")
        if demo:
            for line in DEMO_ACCOUNTS:
                console.print(f"  {line}")
    else:
        console.print(
            f"  administrator: [bold]{escape(username)}[/bold] with the password you set "
            "(set KORKYT_ADMIN_PASSWORD and run again to reset it)"
        )


def _wait_http(url: str, timeout: float) -> bool:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own loopback server
                return bool(response.status == 200)
        except OSError:
            time.sleep(0.3)
    return False


def _port_free(host: str, port: int) -> None:
    """Refuse to start when another program listens on the address (it would answer in Korkyt's place)."""
    import socket

    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        err.print(
            f"[red]Cannot listen on {escape(host)}:{port}: {escape(exc.strerror or str(exc))}.[/red] Another "
            f"program may be using the port: stop it, or choose another one (`korkyt serve --port "
            f"{port + 1}`, `make run PORT={port + 1}`)."
        )
        raise typer.Exit(2) from None


def _link_host(host: str) -> str:
    """The host a link to a server listening on ``host`` names (every address: this machine)."""
    if host in ("0.0.0.0", "::", ""):  # noqa: S104 - read, not bound
        return "localhost"
    return f"[{host}]" if ":" in host else host


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=32, help="Web worker processes.")] = 2,
    worker: Annotated[
        bool, typer.Option(help="Also start the background (Celery) worker and its scheduler (beat).")
    ] = True,
) -> None:
    """Start the web server (gunicorn), the background worker and beat (periodic work); Ctrl-C stops them."""
    _port_free(host, port)
    _django()
    from django.conf import settings

    env = dict(
        os.environ, DJANGO_SETTINGS_MODULE="korkyt.config.settings", KORKYT_HOME=str(settings.BASE_DIR)
    )
    # Links written without a request (mail, PDFs) lead to this server unless the site's public address
    # is set: a sign-up confirmed or a festival decision read from a server on port 8101 opens port 8101.
    if not env.get("KORKYT_BASE_URL", "").strip():  # unset or blank
        env["KORKYT_BASE_URL"] = f"http://{_link_host(host)}:{port}"
    python = sys.executable
    procs: list[subprocess.Popen[bytes]] = []
    web_cmd = [
        python,
        "-m",
        "gunicorn",
        "korkyt.config.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--threads",
        "4",
        "--timeout",
        "60",
        "--access-logfile",
        "-",
        "--graceful-timeout",
        "10",
        "--limit-request-line",  # the most gunicorn allows: longer API URLs get the JSON 414 from Django
        "8190",
    ]
    procs.append(subprocess.Popen(web_cmd, env=env))
    if worker:
        from korkyt.config.celery import ensure_broker_folders

        ensure_broker_folders()
        celery = [python, "-m", "celery", "-A", "korkyt.config.celery"]
        worker_cmd = [
            *celery,
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            "2",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
        procs.append(subprocess.Popen(worker_cmd, env=env))
        # Periodic work (stale jobs swept, old jobs purged, the apps' registered jobs): one beat process;
        # its schedule file is var/celerybeat-schedule (settings).
        procs.append(subprocess.Popen([*celery, "beat", "--loglevel", "INFO"], env=env))
    url = f"http://{host}:{port}/"
    if _wait_http(url + "healthz", 30) and procs[0].poll() is None:  # ours answered, not another server
        console.print(f"\n[bold green]Korkyt is running at {url}[/bold green]  (Ctrl-C to stop)")
        console.print(f"  mail: {_mail_destination()}")
    else:
        err.print(f"[yellow]The web server did not answer on {url} yet; see the log above.[/yellow]")

    def stop(*_args: object) -> None:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        while all(proc.poll() is None for proc in procs):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop()
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
    codes = [proc.returncode for proc in procs]
    if any(code not in (0, -signal.SIGTERM, None) for code in codes):
        raise typer.Exit(1)


@demo_app.command("load")
def demo_load(
    users: Annotated[bool, typer.Option(help="Also create the demo editor accounts.")] = False,
    data_dir: Annotated[Path | None, typer.Option(help="Folder with the demo CSV files.")] = None,
) -> None:
    """Load or refresh the demo dataset (idempotent)."""
    _django()
    from korkyt.config import demo as demo_module

    if data_dir is not None and not data_dir.is_dir():
        err.print(f"[red]No such folder:[/red] {escape(str(data_dir))}")
        raise typer.Exit(2)
    password = None
    if users:
        _user, password = demo_module.ensure_admin()
        if password is None:
            err.print("[red]The admin password is unknown; set KORKYT_ADMIN_PASSWORD.[/red]")
            raise typer.Exit(2)
    try:
        report = demo_module.load(data_dir=data_dir, users_password=password)
    except (OSError, KeyError, ValueError) as exc:
        err.print(f"[red]Could not load the demo data:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    console.print(
        f"Institutions: {report.institutions_created} created, {report.institutions_updated} refreshed. "
        f"Memoranda: {report.memoranda_created} created, {report.memoranda_unchanged} already there. "
        f"Films: {report.films_created} created ({report.people_created} people), "
        f"{report.films_unchanged} already there."
    )


def check() -> None:
    """Deployment checks: Django's --deploy checks, database, pending migrations, broker."""
    _django()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    problems = 0
    try:
        call_command("check", "--deploy", "--fail-level", "WARNING")
        console.print("[green]✓[/green] Django deployment checks")
    except SystemCheckError as exc:
        err.print(str(exc), markup=False)
        problems += 1
    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            err.print(f"[red]✗[/red] {len(pending)} migrations not applied (run `korkyt setup`)")
            problems += 1
        else:
            console.print(f"[green]✓[/green] database ({connection.vendor}) reachable and migrated")
    except Exception as exc:
        err.print(f"[red]✗[/red] database: {escape(str(exc))}")
        problems += 1
    if settings.REDIS_URL:
        try:
            import redis

            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=3).ping()
            console.print("[green]✓[/green] Redis reachable")
        except Exception as exc:
            err.print(f"[red]✗[/red] Redis: {escape(str(exc))}")
            problems += 1
    else:
        console.print(
            "[yellow]![/yellow] no REDIS_URL: embedded filesystem broker and per-process cache "
            "(fine for one machine, not for several)"
        )
    if problems:
        raise typer.Exit(1)


def manage(ctx: typer.Context) -> None:
    """Run a Django management command: korkyt manage migrate, korkyt manage createsuperuser …"""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "korkyt.config.settings")
    from django.core.management import execute_from_command_line

    name = ctx.args[0] if ctx.args else ""
    if name and not name.startswith("-") and name not in ("help", "version"):
        _django()
        import difflib

        from django.core.management import get_commands

        known = get_commands()
        if name not in known:  # Django's answer is exit code 1; a misspelt command is bad input
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" Did you mean {close[0]}?" if close else ""
            err.print(
                f"Unknown command: {name!r}.{hint} Type 'korkyt manage help' for usage.",
                soft_wrap=True,
                markup=False,
            )
            raise typer.Exit(2)
    execute_from_command_line(["korkyt manage", *ctx.args])


def openapi(
    write: Annotated[
        bool, typer.Option("--write", help="Write docs/openapi.json instead of printing.")
    ] = False,
) -> None:
    """Print the API's OpenAPI schema (or write docs/openapi.json)."""
    _django()
    from korkyt.config.openapi import schema_json

    text = schema_json()
    if write:
        Path("docs").mkdir(exist_ok=True)
        Path("docs/openapi.json").write_text(text, encoding="utf-8")
        console.print("Wrote docs/openapi.json")
    else:
        sys.stdout.write(text)


@users_app.command("import")
def users_import(
    path: Annotated[Path, typer.Argument(help="CSV: username,email,full_name,institution,role")],
    tokens: Annotated[
        Path | None, typer.Option("--tokens", help="Write username,token with a new API token per user.")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Save nothing when any row has an error.")] = False,
) -> None:
    """Create or update accounts from a CSV (institution by code such as KZ-SCSNC; role optional)."""
    _django()
    from django.db import transaction

    from korkyt.accounts.imports import StrictFailure, read_csv
    from korkyt.accounts.imports import users_import as run
    from korkyt.core.files import OutputError, atomic_output, output_problem
    from korkyt.core.spreadsheet import SafeWriter

    problem = output_problem(tokens) if tokens is not None else None
    if problem:  # before anything is saved: the new tokens are shown only in this file
        err.print(problem, soft_wrap=True, markup=False)
        raise typer.Exit(2)
    try:
        rows, missing = read_csv(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        err.print(f"[red]Cannot read {escape(str(path))}:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    if missing:
        err.print(f"[red]{escape(str(path))}: missing columns {escape(', '.join(missing))}[/red]")
        raise typer.Exit(2)
    written = False
    try:
        # The token file is written (mode 600 from the start) before the accounts are committed: when it
        # cannot be, nothing is saved, and no token exists that nobody was shown.
        with transaction.atomic():
            report = run(rows=rows, strict=strict, tokens=tokens is not None)
            if tokens is not None:
                with atomic_output(tokens, mode=0o600, newline="") as fh:
                    writer = SafeWriter(fh)  # a username a spreadsheet would run as a formula stays text
                    writer.writerow(["username", "token"])
                    writer.writerows(report.tokens)
                written = True
    except StrictFailure as exc:
        for line, message in exc.report.errors:
            err.print(f"{path}:{line}: {message}", soft_wrap=True, markup=False)
        err.print(f"[red]{len(exc.report.errors)} rows have errors; nothing was saved (--strict).[/red]")
        raise typer.Exit(2) from exc
    except OutputError as exc:
        err.print(f"{exc}; nothing was saved.", soft_wrap=True, markup=False)
        raise typer.Exit(2) from exc
    except BaseException:
        if written and tokens is not None:  # the commit failed: no file of tokens that do not exist
            tokens.unlink(missing_ok=True)
        raise
    for line, message in report.errors:
        err.print(f"{path}:{line}: {message}", soft_wrap=True, markup=False)
    console.print(
        f"{len(report.created)} created, {len(report.updated)} updated, {len(report.errors)} rows with errors"
    )
    if report.errors:
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.command()(setup)
    app.command()(serve)
    app.command()(check)
    app.command()(openapi)
    app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})(manage)
    app.add_typer(demo_app, name="demo")
    app.add_typer(users_app, name="users")
