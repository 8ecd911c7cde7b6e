"""Finding statements by speaker."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from coalition.errors import CoalitionError
from coalition.partners.names import normalize
from coalition.partners.services import find_actor
from coalition.statements.models import Statement


def list_statements(session: Session, speaker: str | None = None) -> list[Statement]:
    """All statements, or those of one speaker: a person's key or alias, or words of the name
    or of an anonymous speaker's description ("senior U.S. official")."""
    statements = session.scalars(select(Statement)).all()
    if speaker:
        try:
            person = find_actor(session, speaker)
        except CoalitionError:
            person = None
        wanted = normalize(speaker)
        statements = [
            s
            for s in statements
            if (person is not None and s.speaker_id == person.id)
            or wanted in normalize(s.speaker_name())
        ]
    return sorted(statements, key=lambda s: (s.said_on or date.max, s.key))
