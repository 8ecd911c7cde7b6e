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
from sqlalchemy.orm import Session, aliased, selectinload

from coalition.figures.models import Figure
from coalition.partners.models import Actor
from coalition.provenance.models import Evidence, Source
from coalition.provenance.queries import Related, count_rows
from coalition.statements.queries import evidence_link
from coalition.storage.matching import contains

Other = aliased(Figure, flat=True)
# The figures table alone (without `records`): enough to filter, sort and page figures by id.
FIGURES = Figure.__table__.c
# The place is joined as plain tables (see `Related`).
Place = Related.of(Actor, "name", "place")

# A chart of more points than this is unreadable; narrow the dates to see the rest.
MAX_POINTS = 1000
# Up to this many figures a chart draws (and its table lists) each one; with more, it draws the
# latest figure of each month, unless every figure is asked for. Each point is still a figure
# as a source gave it, linked to its evidence; the list of figures holds all of them.
DETAILED_POINTS = 200


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
        conditions.append(FIGURES.subject == f.subject)
    if f.words:
        conditions.append(contains(FIGURES.subject, f.words))
    if f.since:
        conditions.append(FIGURES.as_of >= f.since)
    if f.until:
        conditions.append(FIGURES.as_of <= f.until)
    return conditions


ORDER = (FIGURES.subject, FIGURES.as_of.asc().nulls_last(), FIGURES.id)


def figure_ids(filters: FigureFilters) -> Select[*tuple[Any, ...]]:
    """The ids of the figures that pass the filters, by subject then date, from the figures
    table alone: pages are cut here, and conflicts are looked for on a page's rows only."""
    return select(FIGURES.id).where(*_conditions(filters)).order_by(*ORDER)


def figures_by_id(ids: Any) -> Select[*tuple[Any, ...]]:
    """Figures by id (a list or a subquery), each with its place and whether it is in conflict;
    evidence comes with only the key of each source (lists link to it, they do not show it)."""
    return (
        Place.joined(
            select(Figure, Place.key, Place.name, conflict_expression().label("conflict")),
            Figure.place_id,
        )
        .where(Figure.id.in_(ids))
        .options(selectinload(Figure.evidence).joinedload(Evidence.source).load_only(Source.key))
    )


def figures_query(filters: FigureFilters) -> Select[*tuple[Any, ...]]:
    """Every figure that passes the filters, whole and in order (for exports and charts)."""
    return figures_by_id(figure_ids(filters).order_by(None)).order_by(*ORDER)


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


def subject_names(words: str | None = None) -> Select[*tuple[Any, ...]]:
    """The subjects (with words of them, if given), in order, read from the index on subjects."""
    statement = select(FIGURES.subject).distinct()
    if words:
        statement = statement.where(*_conditions(FigureFilters(words=words)))
    return statement.order_by(FIGURES.subject)


def subjects_by_name(names: Any) -> Select[*tuple[Any, ...]]:
    """Each subject of `names` with how many figures it has and the dates they span."""
    return (
        select(
            FIGURES.subject,
            func.count().label("figures"),
            func.min(FIGURES.as_of).label("first"),
            func.max(FIGURES.as_of).label("last"),
        )
        .where(FIGURES.subject.in_(names))
        .group_by(FIGURES.subject)
    )


def subject_row(row: Sequence[Any]) -> dict[str, Any]:
    return {"subject": row[0], "figures": row[1], "first": row[2], "last": row[3]}


@dataclass
class ChartFigures:
    """The figures a subject's chart draws, and how they were chosen."""

    rows: list[Sequence[Any]]  # as `figures_by_id` selects them, in date order
    total: int  # every figure of the subject in the dates asked for
    monthly: bool  # the latest of each month only, there being more than DETAILED_POINTS


def _month(dialect: str) -> ColumnElement[str]:
    if dialect == "sqlite":
        return func.strftime("%Y-%m", FIGURES.as_of)
    return func.to_char(FIGURES.as_of, "YYYY-MM")


def monthly_ids(filters: FigureFilters, dialect: str) -> Select[*tuple[Any, ...]]:
    """The ids of the latest dated figure of each month, in date order (undated figures have no
    month: the list shows them)."""
    latest = func.row_number().over(
        partition_by=_month(dialect), order_by=(FIGURES.as_of.desc(), FIGURES.id.desc())
    )
    ranked = (
        select(FIGURES.id, FIGURES.as_of, latest.label("rank"))
        .where(*_conditions(filters), FIGURES.as_of.is_not(None))
        .subquery()
    )
    return select(ranked.c.id).where(ranked.c.rank == 1).order_by(ranked.c.as_of, ranked.c.id)


def subject_points(session: Session, filters: FigureFilters, every: bool = False) -> ChartFigures:
    """The figures of one subject for its chart, in date order: each of them (at most
    MAX_POINTS) when there are few or `every` is asked for, else the latest of each month.

    The ids are cut first, so conflicts are looked for on the figures drawn only.
    """
    total = count_rows(session, figure_ids(filters))
    monthly = total > DETAILED_POINTS and not every
    dialect = session.get_bind().dialect.name
    chosen = monthly_ids(filters, dialect) if monthly else figure_ids(filters)
    ids = list(session.scalars(chosen.limit(MAX_POINTS)))
    found = {row[0].id: row for row in session.execute(figures_by_id(ids))} if ids else {}
    return ChartFigures([found[ident] for ident in ids], total, monthly)
