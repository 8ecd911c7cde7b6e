"""Extractors on short texts we write ourselves: one behaviour per test."""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path

from coalition.intake.extract import extract
from coalition.intake.extract.meetings import find_meetings
from coalition.intake.extract.quantities import find_figures, find_money, find_sizes
from coalition.intake.extract.statements import STRANGER, find_statements
from coalition.intake.extract.text import _CASE_BLIND_ALIASES, may_contain
from coalition.intake.gazetteer import gazetteer

ON = date(2019, 2, 6)  # a Wednesday


def speakers(text: str, on: date = ON) -> list[tuple[str, str | None, str | None]]:
    return [
        (f.fields["quote"], f.fields["speaker"], f.fields["anonymous"])
        for f in find_statements(text, gazetteer(), on)
    ]


def test_speaker_named_after_the_quote() -> None:
    text = "“We will stay the course in this fight,” Secretary of State Mike Pompeo said on Monday."
    assert speakers(text) == [("We will stay the course in this fight,", "mike-pompeo", None)]


def test_surname_and_pronoun_resolve_to_the_person_named_earlier() -> None:
    text = (
        "Defense Secretary Jim Mattis spoke to reporters.\n"
        "“The campaign is far from over,” Mattis said.\n"
        "“We will finish it together with our partners,” he said."
    )
    assert [s[1] for s in speakers(text, date(2017, 6, 1))] == ["jim-mattis", "jim-mattis"]


def test_speaker_before_the_quote_in_the_same_sentence() -> None:
    text = "Pompeo told the ministers that the decision “does not change our mission at all.”"
    assert speakers(text)[0][1] == "mike-pompeo"


def test_unnamed_official_keeps_description_and_affiliation() -> None:
    text = "“Nobody should read too much into the timing,” a senior British official said."
    facts = find_statements(text, gazetteer(), ON)
    assert facts[0].fields["anonymous"] == "a senior British official"
    assert facts[0].fields["affiliation"] == "GBR"
    assert facts[0].fields["speaker"] is None


def test_person_outside_the_reference_data_gets_a_stable_key() -> None:
    text = (
        "Jane Roe, a fellow at a research institute, was doubtful.\n"
        "“Pledges are easy and delivery is hard,” Roe said."
    )
    assert speakers(text)[0][1] == "jane-roe"


def test_short_labels_in_quotes_are_not_statements() -> None:
    assert speakers("Officials called it a “new phase” of the campaign.") == []


def test_sizes_money_and_figures_with_qualifiers() -> None:
    text = (
        "The 83-member coalition met again. Donors pledged more than $2.5 billion, and the "
        "coalition aims to raise about €300 million more. Roughly 4,000 troops remain, and "
        "fewer than 10 square kilometers are still held."
    )
    assert [f.fields["count"] for f in find_sizes(text)] == [83]
    money = [
        (f.fields["kind"], f.fields["amount"], f.fields["currency"], f.fields["qualifier"])
        for f in find_money(text)
    ]
    assert money == [
        ("raised", "2500000000", "USD", "more than"),  # what donors pledged together
        ("target", "300000000", "EUR", "about"),
    ]
    figures = [
        (f.fields["category"], f.fields["value"], f.fields["qualifier"]) for f in find_figures(text)
    ]
    assert figures == [("troops", "4000", "about"), ("territory_area", "10", "fewer than")]


def test_a_year_is_not_a_figure() -> None:
    assert list(find_figures("In 2016 troops were sent.")) == []


def test_casualties_and_people_affected_in_any_case() -> None:
    text = "The strikes KILLED more than 20 people and have Displaced about 3,000 residents."
    assert [f.fields["category"] for f in find_figures(text)] == ["casualties", "people_affected"]
    # A dotless i is an "i" to a case-blind pattern: the cheap test that skips the scan knows it.
    dotless = "It k\u0131lled 20 people."
    assert [f.fields["category"] for f in find_figures(dotless)] == ["casualties"]


def test_only_two_characters_read_as_ascii_letters_without_lowering_to_them() -> None:
    """`may_contain` relies on this list; a new Unicode version could change it."""
    any_letter = re.compile("[a-z]", re.IGNORECASE)

    def letter(character: str) -> str:
        return next(a for a in string.ascii_lowercase if re.fullmatch(a, character, re.I))

    aliases = [
        character
        for character in map(chr, range(0x80, 0x110000))
        if any_letter.fullmatch(character) and character.lower()[0] != letter(character)
    ]
    assert tuple(aliases) == _CASE_BLIND_ALIASES
    assert may_contain("Long \u017ftrikes", ("strike",)) and not may_contain("Strokes", ("strike",))


def test_meeting_weekday_resolves_against_the_document_date() -> None:
    facts = find_meetings("Foreign ministers met in Rome on Tuesday to plan the next phase.", ON)
    assert [(f.fields["start"], f.fields["city"], f.fields["status"]) for f in facts] == [
        ("2019-02-05", "Rome", "held")
    ]


def test_a_meeting_after_the_document_date_is_announced() -> None:
    facts = find_meetings("Ministers will gather in Paris on March 12-13 for a conference.", ON)
    assert [(f.fields["start"], f.fields["end"], f.fields["status"]) for f in facts] == [
        ("2019-03-12", "2019-03-13", "announced")
    ]


def test_explicit_non_members() -> None:
    facts = extract("Iran and Russia are not part of the coalition, officials said.", ON)
    assert sorted(f.fields["actor"] for f in facts if f.type == "non_member") == ["IRN", "RUS"]


def test_every_span_reads_what_it_claims() -> None:
    text = (
        "“This is a long and difficult fight,” Secretary Pompeo said in Washington on "
        "Wednesday, adding that more than 2,000 troops would stay."
    )
    for fact in extract(text, ON):
        for span in fact.spans:
            assert text[span.start : span.end] == span.text


def test_meeting_hosts_before_and_after_the_verb() -> None:
    names = gazetteer()
    text = (
        "On Tuesday, Secretary of State Mike Pompeo hosted a meeting of foreign ministers in "
        "Washington. A pledging conference in Kuwait was co-hosted by the United Kingdom."
    )
    facts = find_meetings(text, ON, list(names.mentions(text)))
    hosts = {h["actor"] for f in facts for h in f.fields["hosts"]}
    assert hosts == {"mike-pompeo", "GBR"}


def test_sizes_written_as_membership() -> None:
    text = (
        "The coalition's more than 70 members met. Its full membership of 79 countries and "
        "international organizations was invited, bringing its membership to 86 in June."
    )
    found = [(f.fields["count"], f.fields["qualifier"]) for f in find_sizes(text)]
    assert found == [(70, "more than"), (79, None), (86, None)]


def test_sizes_in_a_relative_clause_and_with_words_before_the_noun() -> None:
    text = (
        "The coalition, which now counts more than 60 countries, met. Riyadh announced a "
        "coalition of 34 mostly Muslim countries. A group of 3 reporters asked 12 questions."
    )
    found = [
        (f.fields["count"], f.fields["counts"], f.fields["qualifier"]) for f in find_sizes(text)
    ]
    assert sorted(found, key=lambda f: f[0]) == [
        (34, "countries", None),
        (60, "countries", "more than"),
    ]


def test_sizes_of_those_who_joined_signed_or_make_up_a_partnership() -> None:
    text = (
        "Nine countries have signed up so far. The task force, a partnership of more than 30 "
        "nations, patrols the strait. With Chile, that makes 14 countries; the 14 signatories "
        "met again. Nine countries have signed up, its spokesman repeated."
    )
    found = [
        (f.fields["count"], f.fields["counts"], f.fields["qualifier"], len(f.spans))
        for f in find_sizes(text)
    ]
    assert sorted(found, key=lambda f: f[:2]) == [
        (9, "countries", None, 2),  # said twice: one fact with both spans
        (14, "countries", None, 1),
        (14, "signatories", None, 1),
        (30, "nations", "more than", 1),
    ]


def test_counts_that_are_no_sizes() -> None:
    text = "The crisis made 3 countries default, and 5 countries have banned the import."
    assert list(find_sizes(text)) == []


def test_the_host_of_a_meeting_is_a_participant() -> None:
    text = "On Tuesday, Secretary of State Mike Pompeo hosted a meeting of ministers in Washington."
    members = [f.fields["actor"] for f in extract(text, ON) if f.type == "member"]
    assert members == ["USA"]


def test_the_capital_look_ahead_changes_no_stranger() -> None:
    """`STRANGER` opens with a look-ahead for a capital, for speed; without it, the same names."""
    plain = re.compile(STRANGER.pattern.removeprefix("(?=[A-Z])"))
    corpus = Path(__file__).resolve().parents[2] / "examples" / "corpus"
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert [m.span() for m in STRANGER.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]
