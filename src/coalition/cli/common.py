"""What every command shares: the --db option, opening the database, errors, and output."""

from __future__ import annotations

import functools
import getpass
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from coalition.errors import CoalitionError
from coalition.interchange.exporter import plain
from coalition.settings import Settings
from coalition.storage.database import database_url, transaction

console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="SQLite database file. Default: $COALITION_DATABASE_URL, else a file in the user "
        "data directory.",
        dir_okay=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]

P = ParamSpec("P")
R = TypeVar("R")


def reports_errors(function: Callable[P, R]) -> Callable[P, R]:
    """Turn our errors into one line on stderr and exit code 1, never a traceback."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except CoalitionError as error:
            _print_error(str(error))
            raise typer.Exit(1) from None
        except OperationalError as error:
            # The database is locked, gone, or refused us: say so in one line, like our own
            # errors; the transaction has been rolled back, so nothing was half written.
            _print_error(f"the database could not be used: {_first_line(error.orig)}")
            raise typer.Exit(1) from None

    return wrapper


def _print_error(message: str) -> None:
    errors.print(f"[red]error:[/red] {message}", markup=True, highlight=False, soft_wrap=True)


def _first_line(error: BaseException | None) -> str:
    text = str(error or "unknown error").strip()
    return text.splitlines()[0] if text else "unknown error"


def operator() -> str:
    """Who runs this command, for the audit log: whoever can open the database file acts as the
    deployment's operator, and is named as `cli:<login name>`."""
    try:
        return f"cli:{getpass.getuser()}"
    except OSError:  # no login name (some containers): still attributed, never blank
        return "cli:unknown"


def audited(
    session: Session, action: str, subject: str, details: dict[str, Any] | None = None
) -> None:
    from coalition.audit.services import record_event

    record_event(session, operator(), action, subject, details)


def resolve_url(db: Path | None) -> str:
    settings = Settings()
    return database_url(db, settings.database_url, settings.default_database)


@contextmanager
def opened(db: Path | None, *, create: bool = False) -> Iterator[Session]:
    """One session on the chosen database, committed if the command succeeds."""
    with transaction(resolve_url(db), create=create) as session:
        yield session


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date (write YYYY-MM-DD)", param_hint=option
        ) from None


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=plain) + "\n")
