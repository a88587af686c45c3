"""`korkyt backup`, `korkyt restore` and `korkyt db copy`.

    korkyt backup OUT.tar                  database + media + manifest in one archive
    korkyt restore IN.tar [--yes]          check the archive completely, then replace database and media
    korkyt restore IN.tar --check          only check it (checksums, engine, versions, the database's rows)
    korkyt db copy --to postgres://…       move the site's database into an empty PostgreSQL database

Errors (a damaged or mismatched archive, an unreachable or non-empty target) print a message and exit
with code 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit, urlunsplit

import typer
from rich.console import Console
from rich.markup import escape

from korkyt.core.cli import _django

console = Console()
err = Console(stderr=True)
db_app = typer.Typer(help="The site's database: move it to PostgreSQL.", no_args_is_help=True)


def backup(out: Annotated[Path, typer.Argument(help="The archive to write (a .tar file).")]) -> None:
    """Write the database, the media files and a manifest with checksums into one archive."""
    _django()
    from korkyt.core.backup.archive import ArchiveError, backup_create

    try:
        report = backup_create(out=out)
    except ArchiveError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]", soft_wrap=True)
        raise typer.Exit(2) from None
    console.print(
        f"Backup written to {report.path}: {report.tables} tables, {report.rows} rows, "
        f"{report.files} media files ({report.bytes} bytes).",
        soft_wrap=True,
    )


def restore(
    archive: Annotated[Path, typer.Argument(help="An archive written by `korkyt backup`.")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Replace the database and media without asking.")
    ] = False,
    check_only: Annotated[
        bool, typer.Option("--check", help="Only check the archive; change nothing.")
    ] = False,
) -> None:
    """Replace the site's database and media by an archive's, after checking every part of it."""
    _django()
    from korkyt.core.backup.archive import ArchiveError, backup_check, backup_restore

    try:
        if check_only:
            manifest, untried = backup_check(archive=archive)
            console.print(
                f"{archive}: complete and intact, written {manifest.get('created_at')} by Korkyt "
                f"{manifest.get('versions', {}).get('korkyt')} ({manifest['database']['vendor']}).",
                soft_wrap=True,
            )
            if untried:
                err.print(
                    "[yellow]![/yellow] The database was not test-restored (a scratch database could not be "
                    f"created: {escape(untried)}); `korkyt restore` checks its rows before it commits.",
                    soft_wrap=True,
                )
            else:
                console.print("Its database restores and has the manifest's rows in every table.")
            return
        if not yes and not typer.confirm(f"Replace this site's database and media by {archive}?"):
            raise typer.Exit(1)
        report = backup_restore(archive=archive)
    except ArchiveError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]", soft_wrap=True)
        raise typer.Exit(2) from None
    console.print(
        f"Restored the backup of {report.created_at}: {report.tables} tables, {report.rows} rows, "
        f"{report.files} media files.",
        soft_wrap=True,
    )
    if report.pending_migrations:
        console.print(
            f"The archive predates {len(report.pending_migrations)} migrations of this version: "
            "run `korkyt setup --no-demo` to apply them."
        )


def _masked(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":…@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


@db_app.command("copy")
def copy(
    to: Annotated[
        str, typer.Option("--to", help="An empty PostgreSQL database: postgres://user:pass@host/name")
    ],
) -> None:
    """Copy every row into an empty PostgreSQL database, verify the counts, rebuild the search index there."""
    _django()
    from django.conf import settings

    from korkyt.core.backup.dbcopy import CopyError, database_copy, korkyt_subprocess

    def progress(table: str, rows: int) -> None:
        if rows:
            console.print(f"  {table}: {rows} row{'' if rows == 1 else 's'}")

    console.print(f"Copying into {escape(_masked(to))} …")
    try:
        report = database_copy(to_url=to, progress=progress)
    except CopyError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]", soft_wrap=True)
        raise typer.Exit(2) from None
    reindexed = korkyt_subprocess(["catalogue", "reindex"], database_url=to)
    if reindexed.returncode != 0:
        failure = escape(reindexed.stderr.strip())
        err.print(f"[red]Rebuilding the search index on the target failed:[/red] {failure}")
        raise typer.Exit(2)
    console.print(
        f"[green]✓[/green] {len(report.tables)} tables, {sum(report.tables.values())} rows; "
        "counts equal on both sides.",
        soft_wrap=True,
    )
    console.print(f"[green]✓[/green] {escape(reindexed.stdout.strip())}")
    if report.missing_files:
        err.print(
            f"[yellow]![/yellow] {len(report.missing_files)} of {report.files} files named by records are "
            f"missing under {escape(str(settings.MEDIA_ROOT))}, e.g. {escape(str(report.missing_files[0]))}",
            soft_wrap=True,
        )
    else:
        console.print(
            f"[green]✓[/green] {report.files} media files named by records are in "
            f"{escape(str(settings.MEDIA_ROOT))}"
        )
    console.print(
        "\nNext, run the site on PostgreSQL with these variables (the media folder stays where it is):"
    )
    console.print(f"  export DATABASE_URL='{_masked(to)}'", soft_wrap=True, markup=False)
    console.print(f"  export KORKYT_HOME='{settings.BASE_DIR}'", soft_wrap=True, markup=False)
    console.print(
        "  export REDIS_URL=redis://127.0.0.1:6379/0   # when several processes or machines share the work",
        soft_wrap=True,  # a line broken in two would run its second half as a command when pasted
    )
    console.print(
        "Then the production ones (KORKYT_ENV=production, SECRET_KEY, ALLOWED_HOSTS: docs/deployment.md, "
        "without them `korkyt check` reports the deployment checks), `korkyt check`, and start the site. "
        "The SQLite file is left untouched.",
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    app.command()(backup)
    app.command()(restore)
    app.add_typer(db_app, name="db")
