"""How reports date, place and tell of meetings, on short texts we write ourselves: one rule per
test, then the traps that look like a meeting, a date or a place and are not."""

from __future__ import annotations

from datetime import date
from typing import Any

from coalition.intake.extract.meetings import find_meetings
from coalition.intake.gazetteer import gazetteer

ON = date(2019, 2, 6)  # a Wednesday


def meetings(text: str, on: date | None = ON, *keys: str) -> list[tuple[Any, ...]]:
    """(start, end, city) of every meeting found, then any other fields asked for."""
    wanted = ("start", "end", "city", *keys)
    return [tuple(f.fields.get(k) for k in wanted) for f in find_meetings(text, on)]


def test_a_date_written_day_first() -> None:
    text = "Defence ministers held talks in Oslo on 30 January to review the campaign."
    assert meetings(text) == [("2019-01-30", "2019-01-30", "Oslo")]


def test_a_day_with_an_ordinal_suffix() -> None:
    text = "Foreign ministers will meet in Madrid on March 14th to agree next steps."
    assert meetings(text) == [("2019-03-14", "2019-03-14", "Madrid")]


def test_a_range_of_weekdays_spans_the_days_between() -> None:
    text = (
        "The donors conference in Amman, which ran from Monday to Wednesday, closed with pledges."
    )
    assert meetings(text, ON, "level") == [
        ("2019-02-04", "2019-02-06", "Amman", "pledging_conference")
    ]


def test_a_stated_length_runs_from_the_opening_day() -> None:
    text = "Ministers opened a two-day meeting in Ottawa on Tuesday to discuss detained fighters."
    assert meetings(text) == [("2019-02-05", "2019-02-06", "Ottawa")]


def test_a_stated_length_runs_back_from_the_closing_day() -> None:
    text = "The three-day coalition talks in Doha ended on Tuesday with a joint statement."
    assert meetings(text) == [("2019-02-03", "2019-02-05", "Doha")]


def test_a_conference_on_rebuilding_is_a_pledging_conference() -> None:
    text = "Officials met in Cairo on Monday for a conference on the reconstruction of Mosul."
    assert meetings(text, ON, "level") == [
        ("2019-02-04", "2019-02-04", "Cairo", "pledging_conference")
    ]


def test_a_meeting_held_to_raise_money_is_a_pledging_conference() -> None:
    text = "On Monday, envoys gathered at a meeting in Tokyo to raise new funds for demining."
    assert meetings(text, ON, "level") == [
        ("2019-02-04", "2019-02-04", "Tokyo", "pledging_conference")
    ]


def test_a_virtual_meeting_has_no_city_even_under_a_dateline() -> None:
    text = "LONDON — Coalition foreign ministers held a virtual meeting on Monday to discuss camps."
    assert meetings(text, ON, "venue") == [("2019-02-04", "2019-02-04", None, None)]


def test_a_sentence_telling_of_two_meetings_gives_two() -> None:
    """The second clause names its own length, so the first's day is not its day: the sentence
    that dates it is elsewhere."""
    text = (
        "Defence ministers met in Abu Dhabi on Tuesday, as aid agencies arrived for a four-day "
        "reconstruction conference. The reconstruction conference ran from Sunday to Wednesday."
    )
    assert meetings(text, ON, "level") == [
        ("2019-02-05", "2019-02-05", "Abu Dhabi", "defence_ministerial"),
        ("2019-02-03", "2019-02-06", "Abu Dhabi", "pledging_conference"),
    ]


def test_a_sentence_about_both_meetings_tells_of_each() -> None:
    names = gazetteer()
    text = (
        "Defence ministers met in Doha on Monday. A donors conference in Doha opened on Tuesday. "
        "Qatar, whose government hosted both meetings, called for more aid."
    )
    found = find_meetings(text, ON, list(names.mentions(text)))
    assert [[h["actor"] for h in f.fields["hosts"]] for f in found] == [["QAT"], ["QAT"]]


def test_a_date_said_to_be_the_meetings_comes_first() -> None:
    text = "Ministers met in Tunis on Monday, a month after the January 4 attack on the museum."
    assert meetings(text) == [("2019-02-04", "2019-02-04", "Tunis")]


def test_a_date_naming_the_meeting_outranks_an_announcement_on_another_day() -> None:
    text = "Officials set out plans for the March 12-13 session in Rome in a briefing on Monday."
    assert meetings(text) == [("2019-03-12", "2019-03-13", "Rome")]


def test_a_day_named_from_the_documents_date() -> None:
    text = "Coalition defence chiefs met in Tampa yesterday to plan the next phase."
    assert meetings(text) == [("2019-02-05", "2019-02-05", "Tampa")]


def test_a_headline_before_the_dateline_still_places_the_meeting() -> None:
    text = "Allies take stock of the campaign\nCOPENHAGEN — Ministers met on Tuesday at the palace."
    assert meetings(text) == [("2019-02-05", "2019-02-05", "Copenhagen")]


def test_a_meeting_on_the_sidelines_of_another_is_one_meeting() -> None:
    text = "Coalition ministers met on the sidelines of a NATO summit in Brussels on Thursday."
    assert meetings(text, date(2019, 2, 8)) == [("2019-02-07", "2019-02-07", "Brussels")]


# Traps.


def test_met_with_criticism_is_not_a_meeting() -> None:
    text = "The proposal met with sharp criticism in Berlin on Monday, and the plan met its target."
    assert meetings(text) == []


def test_virtually_all_is_not_a_virtual_meeting() -> None:
    text = "Virtually all members attended the ministerial meeting in Rabat on Monday."
    assert meetings(text) == [("2019-02-04", "2019-02-04", "Rabat")]


def test_a_speaker_joining_by_video_leaves_the_meeting_in_its_city() -> None:
    text = (
        "Ministers met in Amman on Monday; Iraq's prime minister addressed the meeting by video "
        "link from Baghdad."
    )
    assert meetings(text) == [("2019-02-04", "2019-02-04", "Amman")]


def test_the_day_of_an_announcement_is_not_the_day_of_the_meeting_it_announces() -> None:
    """ "said on Monday" dates the saying: the meeting itself is "next month", no day given, and
    the story's only weekday does not make it a meeting held that day."""
    text = (
        "The minister said on Monday that she will host a meeting of envoys in Vienna next month."
    )
    assert meetings(text, ON, "status") == [(None, None, "Vienna", "announced")]


def test_a_meeting_still_to_come_adds_nothing_to_one_held() -> None:
    text = (
        "Ministers of the small group held a meeting in Lisbon on Monday. They look forward to "
        "meeting again with all 85 members at a full ministerial meeting next year."
    )
    found = find_meetings(text, ON)
    assert [(f.fields["start"], f.fields.get("attending_count")) for f in found] == [
        ("2019-02-04", None),
        (None, None),  # the meeting to come, without a day: a meeting of its own
    ]
    assert len(found[0].spans) == 1
    assert found[1].fields["status"] == "announced" and "look forward" in found[1].spans[0].text


def test_a_closed_door_meeting_has_not_closed() -> None:
    text = "Envoys held a closed-door two-day meeting in Geneva on Monday on detained fighters."
    assert meetings(text) == [("2019-02-04", "2019-02-05", "Geneva")]


def test_a_meeting_on_the_documents_own_day_is_announced_if_it_is_still_to_come() -> None:
    note = "The Secretary will host a meeting of the coalition in Washington today, Wednesday."
    story = "Coalition ministers met in Washington on Wednesday."
    assert [f.fields["status"] for f in find_meetings(note, ON)] == ["announced"]
    assert [f.fields["status"] for f in find_meetings(story, ON)] == ["held"]


def test_a_capital_named_by_its_states_demonym_is_the_place() -> None:
    text = "Foreign ministers from 40 countries gathered in the Peruvian capital on Monday."
    assert meetings(text) == [("2019-02-04", "2019-02-04", "Lima")]


def test_a_future_in_what_a_meeting_held_decided_is_not_the_meetings() -> None:
    text = (
        "Foreign ministers met in Lima on Tuesday, and 12 of them signed a declaration saying "
        "they would not recognise the assembly."
    )
    assert meetings(text, ON, "status") == [("2019-02-05", "2019-02-05", "Lima", "held")]


def test_one_leader_meeting_another_is_a_visit_not_a_meeting() -> None:
    text = "Austin flew to Kyiv on Sunday, where he met President Zelensky."
    assert meetings(text) == []
    # One meeting many is a meeting.
    text = "In Rome on Monday she met her counterparts from 20 countries."
    assert meetings(text) == [("2019-02-04", "2019-02-04", "Rome")]


def test_a_meeting_to_come_without_a_day_is_announced() -> None:
    """Told only by its verb ("will meet again in March", "would meet every month") or by "next
    meeting": a meeting announced, with no day and with the place it names, if any."""
    held = "Envoys met in Geneva on Monday. "
    assert meetings(held + "The contact group will meet again in March.", ON, "status") == [
        ("2019-02-04", "2019-02-04", "Geneva", "held"),
        (None, None, None, "announced"),
    ]
    again = held + "They agreed to meet again in Nouakchott, the Mauritanian capital, in June."
    assert meetings(again)[1] == (None, None, "Nouakchott")
    monthly = held + "They set up a contact group that would meet every month."
    assert meetings(monthly, ON, "status")[1] == (None, None, None, "announced")
    host = held + "The Turkish minister said his country would host the group's next meeting."
    assert meetings(host, ON, "status")[1] == (None, None, None, "announced")


def test_meeting_a_need_or_a_meeting_with_a_day_makes_no_undated_meeting() -> None:
    """Traps: "meet" in its other senses; and a meeting to come that has a day, which the
    undated mentions are taken to be."""
    assert meetings("Donors will meet the needs of the displaced in Mosul this year.") == []
    assert meetings("The army would meet its targets in Raqqa by spring, officials said.") == []
    dated = (
        "Ministers will meet in Rome on Thursday. They will hold the next meeting of the small "
        "group there."
    )
    assert meetings(dated, ON, "status") == [("2019-02-07", "2019-02-07", "Rome", "announced")]
    two = (
        "Defence ministers will meet in Rome on Thursday. Foreign ministers will meet in Oslo on "
        "Friday. The next meeting of the small group will follow."
    )
    assert [m[3] for m in meetings(two, ON, "status")] == ["announced", "announced"]


def test_a_lede_with_a_future_said_after_a_meeting_held() -> None:
    """ "X will lead ..., she said on Sunday after hosting 18 leaders at Lancaster House": the
    future is in what was said, the meeting was held, and the day is the saying's."""
    text = (
        "Britain and France will lead a coalition to defend any ceasefire, the prime minister "
        "said on Sunday after hosting 18 leaders and senior officials at Lancaster House. "
        "Defence ministers had met in Paris on Thursday."
    )
    assert meetings(text, date(2025, 3, 3), "status", "venue") == [
        ("2025-03-02", "2025-03-02", "London", "held", "Lancaster House"),
        ("2025-02-27", "2025-02-27", "Paris", "held", None),
    ]
    # Traps: a future after the saying is the meeting's; "hosting" refugees is no meeting.
    later = (
        "The minister said on Sunday after talks in Rome that envoys will meet in Oslo on Friday."
    )
    assert [m[3] for m in meetings(later, date(2025, 3, 2), "status")] == ["announced"]
    assert meetings("Jordan, hosting 650,000 refugees in Amman, asked for aid on Monday.") == []


def test_a_meeting_to_come_in_a_month_is_not_dated_by_a_weekday_beside_it() -> None:
    """ "backed the decision on Saturday and asked for the summit planned for October to be
    postponed": Saturday is the decision's, and the summit has only a month."""
    text = (
        "Foreign ministers met in Lima on Tuesday. They backed the decision on Saturday to "
        "suspend Venezuela and asked for the summit in Brussels planned for October to be "
        "postponed."
    )
    assert meetings(text) == [("2019-02-05", "2019-02-05", "Lima")]
    # Trap: a meeting to come with a day of its own keeps it.
    dated = "Ministers will meet in Brussels on October 12, as planned for October."
    assert meetings(dated) == [("2019-10-12", "2019-10-12", "Brussels")]
