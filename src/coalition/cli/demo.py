"""`coalition demo`: build the demo database and show what it holds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coalition.cli.common import DbOption, console, reports_errors
from coalition.cli.web import HostOption, PortOption, run_server
from coalition.demo.build import build_demo, default_demo_path
from coalition.demo.summary import print_summary
from coalition.storage.database import sqlite_url


@reports_errors
def demo(
    db: DbOption = None,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Print the summary and exit.")
    ] = False,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    seeds: Annotated[
        Path | None,
        typer.Option(help="Folder of the seed reports, to attach their text to the sources."),
    ] = None,
    replace: Annotated[
        bool, typer.Option(help="Replace an existing file given with --db.")
    ] = False,
) -> None:
    """Build the demo database from examples/, summarise it, and serve it on the web."""
    path = db or default_demo_path()
    result = build_demo(path, seeds=seeds, replace=replace or db is None)
    print_summary(result)
    console.print(
        "The record is open to read. To sign in (review queue, shared items), add the first "
        f"admin: coalition user add NAME --role secretariat_admin --db {result.path}",
        highlight=False,
    )
    if not no_serve:
        run_server(sqlite_url(result.path), host, port)
