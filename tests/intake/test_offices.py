"""Office-holders seen in a text: titles before or after a name, current and past offices."""

from __future__ import annotations

from datetime import date

from coalition.intake.extract.offices import find_offices
from coalition.intake.gazetteer import gazetteer


def offices(text: str, on: date | None) -> list[tuple[str, str, str]]:
    names = gazetteer()
    found = find_offices(text, names, list(names.mentions(text)), on)
    return [(f.fields["person"], f.fields["title"], f.spans[0].text) for f in found]


def test_a_title_before_the_name_in_any_case() -> None:
    text = "Talks were led by defense secretary Jim Mattis on Friday."
    assert offices(text, date(2017, 6, 1)) == [
        ("jim-mattis", "Secretary of Defense", "defense secretary Jim Mattis")
    ]


def test_a_title_in_apposition_after_the_name() -> None:
    text = "Brett McGurk, the president's special envoy to the coalition, said the fight goes on."
    [(person, title, span)] = offices(text, date(2017, 6, 1))
    assert person == "brett-mcgurk" and "Envoy" in title
    assert span == "Brett McGurk, the president's special envoy to the coalition"


def test_a_past_office_is_found_by_the_head_word_of_its_title() -> None:
    """After his presidency, "President Barack Obama" still shows the office he held."""
    text = "The plan was begun by President Barack Obama in 2014."
    assert offices(text, date(2018, 3, 1)) == [
        ("barack-obama", "President of the United States", "President Barack Obama")
    ]


def test_a_title_of_another_office_does_not_make_a_past_holder_an_office_holder() -> None:
    text = "The commander of the operation, Barack Obama, was not there."
    assert offices(text, date(2018, 3, 1)) == []


def test_a_name_without_a_title_is_no_observation() -> None:
    assert offices("Jim Mattis arrived in Baghdad.", date(2017, 6, 1)) == []


def test_a_title_does_not_reach_across_a_sentence() -> None:
    text = "The talks were run by the minister. Jim Mattis arrived later."
    assert offices(text, date(2019, 6, 1)) == []


def fields(text: str) -> list[tuple[str, str, str | None]]:
    names = gazetteer()
    found = find_offices(text, names, list(names.mentions(text)), date(2010, 1, 1))
    return [(f.fields["person"], f.fields["title"], f.fields["of"]) for f in found]


def test_someone_the_reference_data_does_not_know_named_with_a_title_before() -> None:
    assert fields("Peruvian Foreign Minister Ana Beltrán Roca said the talks went well.") == [
        ("ana-beltran-roca", "Peruvian Foreign Minister", "PER")
    ]


def test_someone_unknown_with_a_rank_and_a_title_after_with_initials_in_it() -> None:
    text = "Rear Adm. Tobias McAllister, commander of U.S. Naval Forces Europe, arrived."
    assert fields(text) == [("tobias-mcallister", "Commander of U.S. Naval Forces Europe", "USA")]


def test_a_title_that_names_no_country_leaves_it_open() -> None:
    text = "Ruth Okonkwo-Baines, the assistant secretary for maritime affairs, chaired the day."
    assert fields(text) == [
        ("ruth-okonkwo-baines", "Assistant secretary for maritime affairs", None)
    ]


def test_a_name_is_not_read_across_a_paragraph_break_or_a_full_stop() -> None:
    text = "They met the Transitional Government.\n\nMara Lindqvist, the defence minister, spoke."
    assert [person for person, _, _ in fields(text)] == ["mara-lindqvist"]


def test_an_unknown_name_with_no_title_and_an_institution_are_no_office_holders() -> None:
    assert fields("Mara Lindqvist met the Foreign Minister of the Nordic Council on Monday.") == []
    assert fields("Foreign Minister Sweden Democrats spoke.") == []


def test_someone_unknown_after_a_hyphenated_title() -> None:
    assert fields("Arab League Secretary-General Hossam Zaki-Badawi spoke.") == [
        ("hossam-zaki-badawi", "Arab League Secretary-General", "LAS")
    ]
