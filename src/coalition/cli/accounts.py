"""`coalition user ...` and `coalition audit ...`: accounts and the audit log from the shell.

Whoever runs these commands can open the database file, so they act as the deployment's operator;
each change is still written to the audit log, attributed to `cli:<login name>`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from coalition.accounts.permissions import Role
from coalition.cli.common import (
    DbOption,
    JsonOption,
    console,
    opened,
    operator,
    print_json,
    reports_errors,
)
from coalition.errors import InvalidInput

if TYPE_CHECKING:
    from coalition.accounts.services import NewUser

users = typer.Typer(help="Manage the people who sign in.", no_args_is_help=True)
audit = typer.Typer(help="Read and check the audit log.", no_args_is_help=True)

RoleOption = Annotated[
    Role,
    typer.Option(help="secretariat_admin, partner_admin, partner_officer or analyst."),
]
PartnerOption = Annotated[
    str | None,
    typer.Option(
        help="The partner (actor key or code) the user works for; none for the secretariat."
    ),
]
NameOption = Annotated[str | None, typer.Option("--name", help="Display name.")]
ClearanceOption = Annotated[
    str | None,
    typer.Option(help="Highest classification the user may read. Default: the policy's lowest."),
]
CaveatOption = Annotated[
    list[str] | None, typer.Option("--caveat", help="A caveat the user holds (repeatable).")
]
PasswordStdin = Annotated[
    bool,
    typer.Option("--password-stdin", help="Read the password from the first line of stdin."),
]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = typer.prompt("Password", hide_input=True)
    if typer.prompt("Repeat the password", hide_input=True) != first:
        raise InvalidInput("the two passwords differ")
    return str(first)


def _new_user(
    username: str,
    role: Role,
    partner: str | None,
    name: str | None,
    clearance: str | None,
    caveats: list[str] | None,
) -> NewUser:
    from coalition.accounts.services import NewUser

    return NewUser(
        username=username,
        display_name=name or username,
        role=role,
        partner=partner,
        clearance=clearance,
        caveats=tuple(caveats or ()),
    )


@users.command("add")
@reports_errors
def add(
    username: str,
    role: RoleOption,
    partner: PartnerOption = None,
    name: NameOption = None,
    clearance: ClearanceOption = None,
    caveat: CaveatOption = None,
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Add a user. The first user of a deployment must be a secretariat admin (the bootstrap)."""
    from coalition.accounts.services import add_user, bootstrap_admin, user_count

    new = _new_user(username, role, partner, name, clearance, caveat)
    password = _password(password_stdin)
    with opened(db) as session:
        first = user_count(session) == 0
        create = bootstrap_admin if first else add_user
        user = create(session, new, password, operator())
        where = user.partner.key if user.partner else "the secretariat"
    note = " (the first admin)" if first else ""
    console.print(f"Added {user.username}, {user.role.value} for {where}{note}.", highlight=False)


def _set_disabled(username: str, disabled: bool, db: Path | None) -> None:
    from coalition.accounts.services import set_disabled

    with opened(db) as session:
        name = set_disabled(session, username, disabled, operator()).username
    console.print(f"{'Disabled' if disabled else 'Enabled'} {name}.", highlight=False)


@users.command("disable")
@reports_errors
def disable(username: str, db: DbOption = None) -> None:
    """Disable a user: sign-in and their API tokens stop working; nothing they did is removed."""
    _set_disabled(username, True, db)


@users.command("enable")
@reports_errors
def enable(username: str, db: DbOption = None) -> None:
    """Enable a disabled user again."""
    _set_disabled(username, False, db)


@users.command("list")
@reports_errors
def list_(db: DbOption = None, json: JsonOption = False) -> None:
    """List users with their role, partner, clearance and state."""
    from rich.table import Table

    from coalition.accounts.services import list_users, partner_key

    with opened(db) as session:
        rows: list[dict[str, Any]] = [
            {
                "username": u.username,
                "name": u.display_name,
                "role": u.role.value,
                "partner": partner_key(u),
                "clearance": u.clearance,
                "caveats": list(u.caveats),
                "disabled": u.disabled,
            }
            for u in list_users(session)
        ]
    if json:
        print_json(rows)
        return
    if not rows:
        console.print(
            "No users yet. Add the first admin: coalition user add NAME --role secretariat_admin"
        )
        return
    table = Table("user", "name", "role", "partner", "clearance", "caveats", "state")
    for row in rows:
        table.add_row(
            row["username"],
            row["name"],
            row["role"],
            row["partner"],
            row["clearance"],
            ", ".join(row["caveats"]),
            "disabled" if row["disabled"] else "active",
        )
    console.print(table)


@audit.command("verify")
@reports_errors
def verify(
    head: Annotated[
        str | None,
        typer.Option(help="The head hash noted earlier: also catches events cut from the end."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Check the audit log's hash chain; exit 1 naming the first changed, deleted or reordered
    event."""
    from coalition.audit.services import head as current_head
    from coalition.audit.services import verify_log

    with opened(db) as session:
        count, broken = verify_log(session, expect_head=head)
        latest = current_head(session)
    if broken is not None:
        console.print(f"[red]The audit log is broken at {broken}.[/red]", highlight=False)
        raise typer.Exit(1)
    console.print(f"The audit log holds: {count} events, head {latest}.", highlight=False)
