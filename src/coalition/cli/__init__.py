"""The `coalition` command line: thin commands over the services of each domain package."""

from __future__ import annotations

import typer

from coalition.cli import accounts, demo, intake, queries, records, search, web

app = typer.Typer(
    name="coalition",
    help="A sourced record of a multinational coalition: members, meetings, money, statements.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command()(records.init)
app.command("import")(records.import_)
app.command()(records.export)
app.command()(records.show)
app.command()(records.sources)
app.command()(records.actors)
app.command()(queries.members)
app.command()(queries.meetings)
app.command()(queries.pledges)
app.command()(queries.figures)
app.command()(queries.statements)
app.command()(demo.demo)
app.command()(intake.ingest)
app.command()(intake.source)
app.command()(intake.review)
app.command()(intake.evaluate)
app.command()(web.serve)
app.command()(search.reindex)
app.add_typer(accounts.users, name="user")
app.add_typer(accounts.audit, name="audit")


def main() -> None:
    app()
