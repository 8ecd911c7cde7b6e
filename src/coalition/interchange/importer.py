"""`coalition import`: a whole record file in one transaction, or nothing at all."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from coalition.errors import CoalitionError
from coalition.interchange.reading import ImportFailed, Loc, Locator, read_document
from coalition.interchange.schema import ActorItem, Manual, RecordFile, SourceItem, Span
from coalition.interchange.sections import SECTIONS, Field, Section
from coalition.money.models import FundingTransaction, Pledge, TransactionType
from coalition.partners.models import Actor, ActorKind
from coalition.partners.services import add_actor, find_actor
from coalition.provenance.models import Evidence, Record, Source
from coalition.provenance.services import copy_evidence, find_source, manual, span


def import_path(session: Session, path: Path) -> Counter[str]:
    """Import the file (or CSV directory) at `path`; returns how many items of each section."""
    data, locate = read_document(path)
    return import_data(session, data, locate)


def import_data(session: Session, data: Any, locate: Locator) -> Counter[str]:
    try:
        document = RecordFile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise locate.fail(first["loc"], _message(first)) from None
    return Importer(session, document, locate).run()


def _message(error: Any) -> str:
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        return "unknown field (see docs/import-format.md)"
    if error["type"] == "missing":
        return "required field is missing"
    return message


def derived_key(section: str, item: BaseModel) -> str:
    """A key from the item's content, so that the same unkeyed item imported twice collides."""
    content = json.dumps(item.model_dump(mode="json", exclude={"key"}), sort_keys=True)
    return f"{section.removesuffix('s')}-{hashlib.sha256(content.encode()).hexdigest()[:12]}"


class Importer:
    def __init__(self, session: Session, document: RecordFile, locate: Locator):
        self.session = session
        self.document = document
        self.locate = locate
        self.sources: dict[str, Source] = {}
        self.created: dict[str, Record] = {}
        # References found in the database (by whether aliases count, and the name used).
        self.looked_up: dict[tuple[bool, str], Record] = {}
        self.counts: Counter[str] = Counter()

    def run(self) -> Counter[str]:
        try:
            # Lookups must not flush the half-built record on every query: it is written once.
            with self.session.no_autoflush:
                self._check_keys()
                for index, item in enumerate(self.document.sources):
                    self._add_source(index, item)
                for section in SECTIONS:
                    self._import_section(section)
                self._open_ledgers()
            self.session.flush()
        except ImportFailed:
            raise
        except CoalitionError as error:
            raise ImportFailed(f"{self.locate(())}: {error}") from None
        return self.counts

    def _items(self, section: Section) -> list[Any]:
        return list(getattr(self.document, section.name))

    def _check_keys(self) -> None:
        seen: dict[str, Loc] = {}
        for section in SECTIONS:
            for index, item in enumerate(self._items(section)):
                if item.key is None:
                    item.key = derived_key(section.name, item)
                loc = (section.name, index, "key")
                if item.key in seen:
                    raise self.locate.fail(loc, f"duplicate key {item.key!r} in this file")
                seen[item.key] = loc
        existing = _existing(self.session, Record.key, list(seen))
        if existing:
            key = next(k for k in seen if k in existing)  # the first one in file order
            raise self.locate.fail(
                seen[key], f"an item with key {key!r} is already in the database (imported before?)"
            )
        source_keys = {
            item.key: ("sources", i, "key") for i, item in enumerate(self.document.sources)
        }
        if len(source_keys) != len(self.document.sources):
            raise self.locate.fail(("sources",), "two sources share a key")
        for key in _existing(self.session, Source.key, list(source_keys)):
            raise self.locate.fail(source_keys[key], f"source {key!r} is already in the database")

    def _add_source(self, index: int, item: SourceItem) -> None:
        source = Source(**item.model_dump())
        self.session.add(source)
        self.sources[item.key] = source
        self.counts["sources"] += 1

    def _import_section(self, section: Section) -> None:
        # References to the same section (a meeting's parent) may point forward in the file, so
        # they are resolved once every item of the section exists.
        deferred: list[tuple[Record, Field, str, Loc]] = []
        for index, item in enumerate(self._items(section)):
            loc: tuple[str | int, ...] = (section.name, index)
            values: dict[str, Any] = {}
            later: list[tuple[Field, str, Loc]] = []
            for field in section.fields:
                value = getattr(item, field.name)
                if field.ref is None:
                    values[field.attr] = value
                elif value is not None and field.ref is section.model:
                    later.append((field, value, (*loc, field.name)))
                elif value is not None:
                    values[field.attr] = self._resolve(field, value, (*loc, field.name))
            record = self._create(section, item, values, loc)
            deferred.extend((record, field, value, where) for field, value, where in later)
            self.created[record.key] = record
            self.counts[section.name] += 1
        for record, field, value, where in deferred:
            setattr(record, field.attr, self._resolve(field, value, where))

    def _create(self, section: Section, item: Any, values: dict[str, Any], loc: Loc) -> Record:
        evidence = [self._evidence(e, (*loc, "evidence", i)) for i, e in enumerate(item.evidence)]
        if isinstance(item, ActorItem):
            values.pop("actor_kind")
            return add_actor(
                self.session,
                kind=ActorKind(item.kind),
                key=item.key,
                aliases=item.aliases,
                evidence=evidence,
                **values,
            )
        record = section.model(evidence=evidence, key=item.key, **values)
        self.session.add(record)
        return record

    def _evidence(self, item: Span | Manual, loc: Loc) -> Evidence:
        try:
            if isinstance(item, Manual):
                return manual(item.entered_by, at=item.entered_at, note=item.note)
            source = self.sources.get(item.source) or find_source(self.session, item.source)
            if source is None:
                raise self.locate.fail((*loc, "source"), f"unknown source {item.source!r}")
            return span(source, item.start, item.end, item.text)
        except ImportFailed:
            raise
        except CoalitionError as error:
            raise self.locate.fail(loc, str(error)) from None

    def _resolve(self, field: Field, value: str, loc: Loc) -> Record:
        assert field.ref is not None
        cache_key = (field.ref is Actor, value)
        found: Record | None = self.created.get(value) or self.looked_up.get(cache_key)
        if field.ref is Actor:
            try:
                found = found or find_actor(self.session, value)
            except CoalitionError as error:
                raise self.locate.fail(loc, str(error)) from None
        elif found is None:
            found = self.session.scalar(select(Record).where(Record.key == value))
        what = field.ref.kind_name().replace("_", " ")
        if field.actor_kind is ActorKind.COUNTRY and found is None:
            raise self.locate.fail(loc, f"unknown country code {value!r} (use ISO 3166 alpha-3)")
        if found is None:
            raise self.locate.fail(loc, f"unknown {what} {value!r}")
        if not isinstance(found, field.ref):
            raise self.locate.fail(loc, f"{value!r} is a {found.kind_name()}, not a {what}")
        self.looked_up[cache_key] = found
        if (
            field.actor_kind
            and isinstance(found, Actor)
            and found.actor_kind is not field.actor_kind
        ):
            raise self.locate.fail(
                loc, f"{value!r} is a {found.actor_kind.value}, not a {field.actor_kind.value}"
            )
        return found

    def _open_ledgers(self) -> None:
        """A pledge that arrives without a ledger gets its first entry: the pledge itself."""
        for record in list(self.created.values()):
            if isinstance(record, Pledge) and not record.transactions:
                entry = FundingTransaction(
                    evidence=[copy_evidence(e) for e in record.evidence],
                    key=f"{record.key}/pledged",
                    pledge=record,
                    type=TransactionType.PLEDGED,
                    amount=record.amount,
                    currency=record.currency,
                    transaction_date=record.pledged_on,
                )
                self.session.add(entry)
                self.counts["transactions"] += 1


def _existing(session: Session, column: Any, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        found.update(session.scalars(select(column).where(column.in_(keys[start : start + 500]))))
    return found
