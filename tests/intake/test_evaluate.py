"""The quality targets, measured on the seed reports with our own gold annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coalition.errors import InvalidInput
from coalition.intake.evaluation import Report, evaluate

GOLD = Path(__file__).resolve().parents[1] / "gold"


@pytest.fixture(scope="module")
def seeds_report(seeds: Path) -> Report:
    return evaluate(GOLD / "seeds.yaml")


@pytest.fixture(scope="module")
def seeds() -> Path:  # module-scoped twin of the conftest fixture
    path = Path(__file__).resolve().parents[3] / "shared" / "seeds"
    if not path.is_dir():
        pytest.skip(f"seed reports not found at {path}: the seed evaluation cannot run")
    return path


def test_seed_dates_within_three_days_for_four_of_five(seeds_report: Report) -> None:
    close = [d for d in seeds_report.dating if d[3] is not None and d[3] <= 3]
    assert len(close) >= 4, seeds_report.dating


def test_seed_meetings_f1(seeds_report: Report) -> None:
    assert seeds_report.scores["meetings"].f1 >= 0.8


def test_seed_statements_and_speakers(seeds_report: Report) -> None:
    score = seeds_report.scores["statements"]
    assert score.precision >= 0.9 and score.recall >= 0.8
    assert seeds_report.speaker_accuracy >= 0.9


def test_seed_figures_precision(seeds_report: Report) -> None:
    assert seeds_report.scores["figures"].precision >= 0.9


def test_every_reported_size_is_found(seeds_report: Report) -> None:
    assert seeds_report.scores["reported_sizes"].recall == 1.0


def test_the_demo_corpus_evaluates() -> None:
    report = evaluate(GOLD / "corpus.yaml")
    assert report.scores["statements"].gold > 10
    assert report.scores["statements"].f1 >= 0.6
    assert report.speaker_accuracy >= 0.7


def test_the_held_out_reports_evaluate() -> None:
    """The reports written blind to the rules (tests/heldout/README.md): a floor under what the
    rules reach on text they were not written for, so that a change that breaks them shows."""
    report = evaluate(GOLD / "heldout.yaml")
    assert len(report.dating) == 6  # every document and item was read and dated
    score = report.scores["statements"]
    assert score.gold >= 30 and score.precision >= 0.85 and score.recall >= 0.9
    assert report.speaker_accuracy >= 0.75
    assert report.scores["reported_sizes"].recall >= 0.5


def test_a_json_item_is_evaluated_with_the_date_it_carries(tmp_path: Path) -> None:
    """As `coalition ingest` reads it: the item's `published` field is its date."""
    item = {"published": "2021-03-30", "text": "Ministers met on Tuesday. Copyright 2019."}
    (tmp_path / "items.jsonl").write_text(json.dumps(item) + "\n", encoding="utf-8")
    gold = "corpus: .\ndocuments:\n  - file: items.jsonl\n    item: 0\n    published: 2021-03-30\n"
    (tmp_path / "gold.yaml").write_text(gold, encoding="utf-8")
    report = evaluate(tmp_path / "gold.yaml")
    assert [error for *_, error in report.dating] == [0]


def test_the_second_held_out_set_evaluates() -> None:
    """A second set written blind (tests/heldout2/README.md), on six other coalitions: the same
    kind of floor, at what its first measurement showed."""
    report = evaluate(GOLD / "heldout2.yaml")
    assert len(report.dating) == 6
    score = report.scores["statements"]
    assert score.gold >= 30 and score.precision >= 0.85 and score.recall >= 0.9
    assert report.speaker_accuracy >= 0.65
    assert sum(error is not None and error <= 3 for *_, error in report.dating) >= 3
    # Members after the rules for lists brought in as participants (session 14: 34 of 49).
    members = report.scores["members"]
    assert members.precision >= 0.9 and members.recall >= 0.6


def test_the_third_held_out_set_evaluates() -> None:
    """A third set written blind (tests/heldout3/README.md), on six more coalitions and
    conferences: a floor a little under its first measurement."""
    report = evaluate(GOLD / "heldout3.yaml")
    assert len(report.dating) == 6
    score = report.scores["statements"]
    assert score.gold >= 40 and score.precision >= 0.85 and score.recall >= 0.9
    assert report.speaker_accuracy >= 0.75
    assert sum(error is not None and error <= 3 for *_, error in report.dating) >= 3
    for kind, recall in (("offices", 0.7), ("members", 0.4), ("money", 0.4)):
        assert report.scores[kind].precision >= 0.8 and report.scores[kind].recall >= recall


def test_members_missed_and_extra_are_listed(tmp_path: Path) -> None:
    text = "Delegations from Norway and Japan attended the coalition talks."
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    gold = "corpus: .\ndocuments:\n  - file: report.txt\n    members: [NOR, KEN]\n"
    (tmp_path / "gold.yaml").write_text(gold, encoding="utf-8")
    report = evaluate(tmp_path / "gold.yaml")
    assert (report.scores["members"].matched, report.scores["members"].found) == (1, 2)
    assert "report.txt: missed member KEN" in report.misses
    assert "report.txt: extra member JPN" in report.misses


def test_an_item_the_file_does_not_have_is_named(tmp_path: Path) -> None:
    (tmp_path / "items.jsonl").write_text('{"text": "Ministers met."}\n', encoding="utf-8")
    gold = "corpus: .\ndocuments:\n  - file: items.jsonl\n    item: 3\n"
    (tmp_path / "gold.yaml").write_text(gold, encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"annotates item 3 of items\.jsonl"):
        evaluate(tmp_path / "gold.yaml")


@pytest.mark.parametrize(
    ("gold", "says"),
    [
        (None, "cannot read the gold file"),
        ("corpus: [\n", "is not valid YAML"),
        ("- just a list\n", "needs a 'corpus' and a 'documents' list"),
        ("corpus: .\ndocuments:\n  - title: no file\n", "needs a 'file'"),
        ("corpus: .\ndocuments:\n  - file: missing.txt\n", "annotates missing.txt"),
        ("corpus: elsewhere\ndocuments: []\n", "is not at"),
    ],
)
def test_a_broken_gold_file_is_named_with_what_is_wrong(
    tmp_path: Path, gold: str | None, says: str
) -> None:
    path = tmp_path / "gold.yaml"
    if gold is not None:
        path.write_text(gold, encoding="utf-8")
    with pytest.raises(InvalidInput, match=says):
        evaluate(path)


def test_a_meeting_announced_without_a_day_is_matched_by_where_it_is_told(tmp_path: Path) -> None:
    text = "Envoys met in Geneva on March 12, 2019. The contact group will meet again in June."
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    start = text.index("The contact")
    gold = (
        "corpus: .\ndocuments:\n  - file: report.txt\n    published: 2019-03-13\n    meetings:\n"
        "      - {start: 2019-03-12, end: 2019-03-12, city: Geneva, status: held, span: [0, 38]}\n"
        f"      - {{start: null, end: null, city: null, status: announced, span: [{start}, "
        f"{len(text)}]}}\n"
    )
    (tmp_path / "gold.yaml").write_text(gold, encoding="utf-8")
    score = evaluate(tmp_path / "gold.yaml").scores["meetings"]
    assert (score.gold, score.found, score.matched) == (2, 2, 2)
    # The same undated meeting told elsewhere in the text is not this one.
    moved = gold.replace(f"span: [{start}, {len(text)}]", "span: [0, 38]")
    (tmp_path / "gold.yaml").write_text(moved, encoding="utf-8")
    assert evaluate(tmp_path / "gold.yaml").scores["meetings"].matched == 1
