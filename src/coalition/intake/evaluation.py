"""`coalition evaluate GOLD`: how well intake finds what a careful reader finds.

The gold file (see tests/gold/) lists, for each document of a corpus, its true publication date
and the facts in it. Each document runs through the same pipeline as `ingest` (no database), and
its candidates are matched one-to-one with the gold facts of the same type.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from coalition.errors import InvalidInput
from coalition.intake.document import CandidateFact
from coalition.intake.pipeline import Document, Processed, process
from coalition.intake.reading import Failure, JsonFields, read

TYPES = {  # gold section -> candidate type
    "meetings": "meeting",
    "reported_sizes": "reported_size",
    "money": "money",
    "statements": "statement",
    "figures": "figure",
    "offices": "office",
}


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=dict)
    speakers_right: int = 0
    speakers_total: int = 0
    dating: list[tuple[str, date | None, date, int | None]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.speakers_total if self.speakers_total else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "types": {
                t: {
                    "gold": s.gold,
                    "found": s.found,
                    "matched": s.matched,
                    "precision": round(s.precision, 3),
                    "recall": round(s.recall, 3),
                    "f1": round(s.f1, 3),
                }
                for t, s in self.scores.items()
            },
            "speaker_accuracy": round(self.speaker_accuracy, 3),
            "dating": [
                {"document": d, "inferred": str(i) if i else None, "true": str(t), "error_days": e}
                for d, i, t, e in self.dating
            ],
        }


def _gold(gold_path: Path) -> dict[str, Any]:
    """The gold file's contents, or a clear error naming what is wrong with it."""
    try:
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidInput(f"cannot read the gold file {gold_path}: {error.strerror}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise InvalidInput(f"the gold file {gold_path} is not valid YAML: {error}") from None
    if not isinstance(gold, dict) or "corpus" not in gold or "documents" not in gold:
        raise InvalidInput(f"the gold file {gold_path} needs a 'corpus' and a 'documents' list")
    return gold


def load_documents(gold_path: Path) -> list[tuple[dict[str, Any], Document]]:
    gold = _gold(gold_path)
    corpus = (gold_path.parent / gold["corpus"]).resolve()
    if not corpus.is_dir():
        raise InvalidInput(f"the corpus of {gold_path} is not at {corpus}")
    loaded = []
    for entry in gold["documents"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise InvalidInput(f"every document in {gold_path} needs a 'file': {entry!r}")
        path = corpus / entry["file"]
        if not path.is_file():
            raise InvalidInput(f"{gold_path} annotates {entry['file']}, which is not in {corpus}")
        # Read as `coalition ingest` reads it (encoding, a JSON item's date and title): a gold
        # file must measure what ingest does. `item` is the 0-based item of a JSON file.
        found = list(read(path, JsonFields(), None))
        number = entry.get("item", 0)
        if not isinstance(number, int) or not 0 <= number < len(found):
            raise InvalidInput(f"{gold_path} annotates item {number!r} of {entry['file']}")
        document = found[number]
        if isinstance(document, Failure):
            raise InvalidInput(f"{gold_path} annotates {document.origin}: {document.reason}")
        loaded.append((entry, document))
    return loaded


def evaluate(gold_path: Path) -> Report:
    report = Report()
    for entry, document in load_documents(gold_path):
        result = process(document)
        _date(report, entry, result)
        for section, kind in TYPES.items():
            found = [c for c in result.candidates if c.type == kind]
            _match(report, section, entry.get(section) or [], found, result, entry["file"])
        for section, kind in (("members", "member"), ("non_members", "non_member")):
            wanted = set(entry.get(section) or [])
            got = {c.fields["actor"] for c in result.candidates if c.type == kind}
            score = report.scores.setdefault(section, Score())
            score.gold, score.found = score.gold + len(wanted), score.found + len(got)
            score.matched += len(wanted & got)
            label, name = section[:-1].replace("_", "-"), entry["file"]
            report.misses.extend(f"{name}: missed {label} {k}" for k in sorted(wanted - got))
            report.misses.extend(f"{name}: extra {label} {k}" for k in sorted(got - wanted))
    return report


def _date(report: Report, entry: dict[str, Any], result: Processed) -> None:
    true = entry.get("published")
    if true is None:
        return
    true = true if isinstance(true, date) else date.fromisoformat(str(true))
    best = result.dated.best
    report.dating.append((entry["file"], best, true, abs((best - true).days) if best else None))


def _match(
    report: Report,
    section: str,
    gold: list[dict[str, Any]],
    found: list[CandidateFact],
    result: Processed,
    name: str,
) -> None:
    score = report.scores.setdefault(section, Score())
    score.gold += len(gold)
    score.found += len(found)
    same = SAME[section]
    free = list(found)
    for fact in gold:
        partner = next((c for c in free if same(fact, c, result)), None)
        if partner is None:
            report.misses.append(f"{name}: missed {section[:-1]} {_brief(fact)}")
            continue
        free.remove(partner)
        score.matched += 1
        if section == "statements":
            report.speakers_total += 1
            right = _same_speaker(fact, partner)
            report.speakers_right += right
            if not right:
                got = partner.fields.get("speaker") or partner.fields.get("anonymous")
                want = fact.get("speaker") or fact.get("anonymous")
                report.misses.append(
                    f"{name}: speaker of {partner.spans[0].text[:40]!r} is "
                    f"{want} ({fact.get('affiliation')}), found {got} "
                    f"({partner.fields.get('affiliation')})"
                )
    report.misses.extend(f"{name}: extra {section[:-1]} {_brief(c.fields)}" for c in free)


def _brief(fields: dict[str, Any]) -> str:
    return ", ".join(
        f"{k}={v}" for k, v in fields.items() if v not in (None, "", []) and k not in ("quote",)
    )[:140]


def _raw_span(candidate: CandidateFact, result: Processed) -> tuple[int, int] | None:
    span = candidate.spans[0]
    start, end = result.cleaned.raw_offset(span.start), result.cleaned.raw_offset(span.end)
    return (start, end) if start is not None and end is not None else None


def _overlaps(gold: dict[str, Any], candidate: CandidateFact, result: Processed) -> bool:
    if "span" in gold:
        raw = _raw_span(candidate, result)
        if raw is None:
            return False
        start, end = gold["span"]
        shared = min(end, raw[1]) - max(start, raw[0])
        return bool(shared > 0 and shared >= 0.5 * min(end - start, raw[1] - raw[0]))
    wanted = " ".join(str(gold.get("text", "")).split())
    got = " ".join(candidate.spans[0].text.split())
    return (
        bool(wanted)
        and (wanted in got or got in wanted)
        and min(len(wanted), len(got)) >= 0.5 * max(len(wanted), len(got))
    )


def _number(value: Any) -> Decimal | None:
    return Decimal(str(value)) if value is not None else None


def _same_speaker(gold: dict[str, Any], candidate: CandidateFact) -> bool:
    if gold.get("speaker"):
        return bool(gold["speaker"] == candidate.fields.get("speaker"))
    return candidate.fields.get("speaker") is None and (
        not gold.get("affiliation") or gold["affiliation"] == candidate.fields.get("affiliation")
    )


def _same_meeting(gold: dict[str, Any], c: CandidateFact, result: Processed) -> bool:
    """The same day, give or take one, and the same city where both name one. A meeting announced
    without a day is matched by where the report tells of it instead."""
    start = gold.get("start")
    got = c.fields.get("start")
    if not start or not got:
        return not start and not got and _overlaps(gold, c, result) and _same_city(gold, c)
    close = abs((date.fromisoformat(str(start)) - date.fromisoformat(got)).days) <= 1
    return close and _same_city(gold, c)


def _same_city(gold: dict[str, Any], c: CandidateFact) -> bool:
    return not gold.get("city") or not c.fields.get("city") or gold["city"] == c.fields["city"]


SAME: dict[str, Callable[[dict[str, Any], CandidateFact, Processed], bool]] = {
    "meetings": _same_meeting,
    "reported_sizes": lambda g, c, r: g["count"] == c.fields.get("count"),
    "money": lambda g, c, r: (
        _number(g["amount"]) == _number(c.fields.get("amount"))
        and g.get("kind") == c.fields.get("kind")
    ),
    "statements": _overlaps,
    "figures": lambda g, c, r: (
        _number(g["value"]) == _number(c.fields.get("value"))
        and (g.get("category") == c.fields.get("category") or g.get("unit") == c.fields.get("unit"))
    ),
    "offices": lambda g, c, r: g.get("person") == c.fields.get("person"),
}
