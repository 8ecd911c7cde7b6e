"""Figures by subject, with conflicting values for the same subject and date kept side by side."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from coalition.figures.models import Figure


def list_figures(session: Session, subject: str | None = None) -> list[Figure]:
    query = select(Figure)
    if subject:
        query = query.where(Figure.subject.ilike(f"%{subject}%"))
    figures = session.scalars(query).all()
    return sorted(figures, key=lambda f: (f.subject.casefold(), f.as_of or date.max, f.key))


def conflicts(figures: list[Figure]) -> set[int]:
    """Ids of figures whose subject and date are shared with a figure of a different value."""
    groups: dict[tuple[str, date | None], list[Figure]] = defaultdict(list)
    for figure in figures:
        groups[(figure.subject.casefold(), figure.as_of)].append(figure)
    return {
        figure.id
        for group in groups.values()
        if len({(f.value, f.qualifier, f.unit) for f in group}) > 1
        for figure in group
    }
