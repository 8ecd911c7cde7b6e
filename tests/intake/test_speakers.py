"""Who said a quotation, on short texts we write ourselves: one rule of news writing per test."""

from __future__ import annotations

from datetime import date

import pytest

from coalition.intake.extract.statements import find_statements
from coalition.intake.gazetteer import gazetteer

ON = date(2015, 1, 14)  # John Allen is the coalition envoy, Haider al-Abadi Iraq's prime minister


def speakers(text: str, on: date = ON) -> list[str | None]:
    return [
        f.fields["speaker"] or f.fields["anonymous"] for f in find_statements(text, gazetteer(), on)
    ]


@pytest.mark.parametrize("surname", ["Allen", "Mr. Allen", "Gen. Allen"])
def test_a_sentence_opening_on_a_surname_is_whom_he_means(surname: str) -> None:
    """The last sentence before the quote names its subject by surname only, after a sentence
    that named someone else first: "he" is the subject of the nearer sentence."""
    text = (
        "Prime Minister Haider al-Abadi spoke first, followed by retired Gen. John Allen.\n"
        f"{surname} urged patience with the training effort. “Building an army takes years, "
        "not weeks,” he said."
    )
    assert speakers(text) == ["john-allen"]


def test_a_surname_heading_a_sentence_of_a_new_paragraph_takes_over_from_the_last_speaker() -> None:
    text = (
        "“We are making progress,” Haider al-Abadi said of the training that John Allen oversees.\n"
        "Allen, the envoy, was more guarded. “Nothing here is quick,” he said."
    )
    assert speakers(text) == ["haider-al-abadi", "john-allen"]


@pytest.mark.parametrize(
    "attribution",
    [
        "Prince Faisal said the meeting went well. “We leave with a plan we can fund,” he said.",
        "“We leave with a plan we can fund,” Prince Faisal said.",
    ],
)
def test_a_royal_is_named_again_by_title_and_given_name(attribution: str) -> None:
    text = (
        "Antony Blinken was the guest of Saudi Foreign Minister Prince Faisal bin Farhan.\n"
        f"{attribution}"
    )
    assert speakers(text, date(2023, 6, 8)) == ["faisal-bin-farhan"]


def test_a_full_name_after_a_title_is_a_person_even_without_a_speech_verb() -> None:
    """Someone outside the reference data, introduced only as "Foreign Minister <name>", is met
    there, so that a later surname and "she" find them."""
    text = (
        "The talks were chaired by Foreign Minister Elin Marsk and Antony Blinken.\n"
        "Marsk opened the session. “Borders are where this fight is won or lost,” she said."
    )
    assert speakers(text, date(2022, 5, 11)) == ["elin-marsk"]


@pytest.mark.parametrize(
    ("who", "description"),
    [
        (
            "a senior U.S. official travelling with Secretary of State Rex Tillerson",
            "a senior U.S. official",
        ),
        ("a spokesman for Tillerson", "a spokesman"),
    ],
)
def test_an_unnamed_speaker_stays_unnamed_when_the_description_names_someone_else(
    who: str, description: str
) -> None:
    text = f"Rex Tillerson left early.\n“Nobody expected a quick deal here,” said {who}."
    facts = find_statements(text, gazetteer(), date(2018, 2, 14))
    assert facts[0].fields["speaker"] is None
    assert facts[0].fields["anonymous"] == description


def test_a_description_right_before_a_name_is_that_person_s_title() -> None:
    text = "“The schedule has not changed,” said State Department spokeswoman Jane Roe."
    assert speakers(text) == ["jane-roe"]


def test_initials_do_not_cut_short_the_speaker_named_after_the_verb() -> None:
    """ "said one U.S. official who ...": the description runs past the dots of "U.S." and is
    the speaker of this quote, not the unnamed speaker met earlier."""
    text = (
        "A senior British official said the plan was sound.\n"
        "“The camps cannot wait another winter,” said one U.S. official who spoke on background."
    )
    facts = find_statements(text, gazetteer(), ON)
    assert facts[0].fields["anonymous"] == "one U.S. official"
    assert facts[0].fields["affiliation"] == "USA"


def test_a_title_case_headline_after_a_title_is_not_a_name() -> None:
    text = "Secretary Roe To Host Talks\n“We are ready to host these talks,” she said."
    assert speakers(text) == [None]


def test_someone_unknown_keeps_the_title_and_country_they_were_named_with() -> None:
    text = (
        "Vice Adm. Tobias McAllister, commander of U.S. Naval Forces Europe, opened the centre. "
        "“Nobody can watch these waters alone,” McAllister said. French Foreign Minister "
        "Héloïse Marchetti agreed. “The regime will answer for this,” Marchetti said."
    )
    names = gazetteer()
    found = [f.fields for f in find_statements(text, names, ON, list(names.mentions(text)))]
    assert [(f["speaker"], f["affiliation"]) for f in found] == [
        ("tobias-mcallister", "USA"),
        ("heloise-marchetti", "FRA"),
    ]
    assert found[0]["speaker_title"] == "Commander of U.S. Naval Forces Europe"
    assert found[1]["speaker_title"] == "French Foreign Minister"


def test_an_accented_surname_heading_a_sentence_is_whom_he_means() -> None:
    text = (
        "Peruvian Foreign Minister Tomás Ibáñez opened the talks. Chilean Foreign Minister Rosa "
        "Quintana spoke next. Ibáñez cautioned the room. “Nobody is asking for a war,” he said."
    )
    assert speakers(text) == ["tomas-ibanez"]
