"""Snippets written in Python for SQLite search: the passage shown, and which words are marked."""

from __future__ import annotations

from coalition.search.snippets import CLOSE, ELLIPSIS, OPEN, WIDTH, fold, snippet, words_pattern


def marks(text: str) -> list[str]:
    """The words marked in a snippet, in order."""
    return [part.split(CLOSE)[0] for part in text.split(OPEN)[1:]]


def test_whole_words_are_marked_and_the_last_word_also_as_a_prefix() -> None:
    pattern = words_pattern(["mosul", "lib"])
    body = "Forces in Mosul liberated the city; Mosuls is no word, nor alib. Liberation followed."
    shown = snippet("A title", body, pattern)
    assert marks(shown) == ["Mosul", "liberated", "Liberation"]
    assert shown.replace(OPEN, "").replace(CLOSE, "") == body


def test_case_and_accents_do_not_matter_and_positions_stay_right() -> None:
    pattern = words_pattern(["erdogan", "sao"])
    body = "Président ERDOĞAN met officials from São Tomé; Erdogan spoke first."
    assert marks(snippet("", body, pattern)) == ["ERDOĞAN", "São", "Erdogan"]
    assert len(fold(body)) == len(body)
    assert fold("ÉCOLE ſ ﬁ") == "ecole s ﬁ"  # one character in, one out: a ligature stays


def test_words_are_letters_and_digits_as_the_index_cuts_them() -> None:
    pattern = words_pattern(["raqqa", "city"])
    shown = snippet("", "raqqa_city, raqqa2 and (raqqa) cityscape", pattern)
    assert marks(shown) == ["raqqa", "city", "raqqa", "cityscape"]


def test_a_long_body_is_cut_around_the_passage_holding_most_words() -> None:
    filler = "The ministers discussed other matters at length. " * 40
    body = filler + "Demining in Raqqa was funded. " + filler + "Demining alone. " + filler
    shown = snippet("", body, words_pattern(["raqqa", "demining"]))
    assert shown.startswith(ELLIPSIS) and shown.endswith(ELLIPSIS)
    assert marks(shown) == ["Demining", "Raqqa"]
    assert len(shown) <= WIDTH + 10
    first = snippet("", "Demining first. " + filler, words_pattern(["demining"]))
    assert first.startswith(OPEN) and first.endswith(ELLIPSIS)


def test_the_title_is_shown_when_only_it_holds_the_words_and_the_start_otherwise() -> None:
    pattern = words_pattern(["kerry"])
    assert marks(snippet("Secretary Kerry", "He spoke in Brussels.", pattern)) == ["Kerry"]
    found_by_alias = snippet("John Kerry", "person jfk", words_pattern(["forbes"]))
    assert found_by_alias == "person jfk"
    assert snippet("", "", pattern) == ""
