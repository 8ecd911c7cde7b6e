"""Figures as the web shows them: lists, subjects, and the points of one subject over time.

Whether a figure conflicts with another is decided in SQL (`conflict_expression`) by the rule of
`figures.services.conflicts`, so that a page of a list knows about conflicts with rows on other
pages; the tests hold the two to the same answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import aliased, selectinload

from coalition.figures.models import Figure
from coalition.partners.models import Actor
from coalition.provenance.models import Evidence, Source
from coalition.statements.queries import evidence_link

Other = aliased(Figure, flat=True)
Place = aliased(Actor, flat=True)

# A chart of more points than this is unreadable; narrow the dates to see the rest.
MAX_POINTS = 1000


def conflict_expression() -> ColumnElement[bool]:
    """True when another figure has the same subject (case-blind) and date but a different value,
    qualifier or unit."""
    same_day = or_(Other.as_of == Figure.as_of, and_(Other.as_of.is_(None), Figure.as_of.is_(None)))
    different = or_(
        Other.value != Figure.value,
        Other.qualifier.is_distinct_from(Figure.qualifier),
        Other.unit.is_distinct_from(Figure.unit),
    )
    return exists().where(
        same_day,
        func.lower(Other.subject) == func.lower(Figure.subject),
        Other.id != Figure.id,
        different,
    )


@dataclass(frozen=True)
class FigureFilters:
    subject: str | None = None
    words: str | None = None
    since: date | None = None
    until: date | None = None


def _conditions(f: FigureFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.subject:
        conditions.append(Figure.subject == f.subject)
    if f.words:
        escaped = f.words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(Figure.subject.ilike(f"%{escaped}%", escape="\\"))
    if f.since:
        conditions.append(Figure.as_of >= f.since)
    if f.until:
        conditions.append(Figure.as_of <= f.until)
    return conditions


def figures_query(filters: FigureFilters) -> Select[*tuple[Any, ...]]:
    """Figures by subject then date, each with its place and whether it is in conflict; evidence
    comes with only the key of each source (the list links to it, it does not show it)."""
    return (
        select(Figure, Place.key, Place.name, conflict_expression().label("conflict"))
        .outerjoin(Place, Figure.place_id == Place.id)
        .where(*_conditions(filters))
        .options(selectinload(Figure.evidence).joinedload(Evidence.source).load_only(Source.key))
        .order_by(Figure.subject, Figure.as_of.asc().nulls_last(), Figure.id)
    )


def figure_row(row: Sequence[Any]) -> dict[str, Any]:
    figure: Figure = row[0]
    return {
        "key": figure.key,
        "subject": figure.subject,
        "as_of": figure.as_of,
        "value": figure.value,
        "qualifier": figure.qualifier.value if figure.qualifier else None,
        "unit": figure.unit,
        "text": figure.amount_text(),
        "place_key": row[1],
        "place": row[2],
        "conflict": bool(row[3]),
        "evidence": [link for e in figure.evidence if (link := evidence_link(e))],
    }


def subjects_query(words: str | None = None) -> Select[*tuple[Any, ...]]:
    """Each subject with how many figures it has and the dates they span."""
    statement = select(
        Figure.subject,
        func.count().label("figures"),
        func.min(Figure.as_of).label("first"),
        func.max(Figure.as_of).label("last"),
    )
    if words:
        statement = statement.where(*_conditions(FigureFilters(words=words)))
    return statement.group_by(Figure.subject).order_by(Figure.subject)


def subject_row(row: Sequence[Any]) -> dict[str, Any]:
    return {"subject": row[0], "figures": row[1], "first": row[2], "last": row[3]}


def subject_points(filters: FigureFilters) -> Select[*tuple[Any, ...]]:
    """The figures of one subject for its chart, at most MAX_POINTS of them."""
    return figures_query(filters).limit(MAX_POINTS)
