"""`coalition demo`: build the demo database and show what it holds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coalition.cli.common import DbOption, console, reports_errors
from coalition.demo.build import build_demo, default_demo_path
from coalition.demo.summary import print_summary


@reports_errors
def demo(
    db: DbOption = None,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Print the summary and exit.")
    ] = False,
    seeds: Annotated[
        Path | None,
        typer.Option(help="Folder of the seed reports, to attach their text to the sources."),
    ] = None,
    replace: Annotated[
        bool, typer.Option(help="Replace an existing file given with --db.")
    ] = False,
) -> None:
    """Build a database from the demo record under examples/ and summarise it."""
    path = db or default_demo_path()
    result = build_demo(path, seeds=seeds, replace=replace or db is None)
    print_summary(result)
    if not no_serve:
        # The web interface comes with a later release; until then the summary is the demo.
        console.print("(No web interface yet: the summary above is the demo.)")
