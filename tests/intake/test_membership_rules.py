"""Members and non-members, on short texts we write ourselves: one rule of news writing per test,
then the traps where a country is named without being placed in or out of the coalition."""

from __future__ import annotations

import pytest

from coalition.intake.extract.membership import find_membership
from coalition.intake.gazetteer import gazetteer

# The looser rules read only reports about the coalition; a trap sentence gets this one beside it.
ABOUT = "The coalition against the Islamic State meets twice a year. "


def found(text: str, kind: str = "member") -> list[str]:
    names = gazetteer()
    facts = find_membership(text, list(names.mentions(text)))
    return sorted({f.fields["actor"] for f in facts if f.type == kind})


def test_a_list_of_delegations() -> None:
    text = "Delegations from Norway, Japan and the Arab League arrived for the coalition talks."
    assert found(text) == ["JPN", "LAS", "NOR"]


def test_an_actor_that_joined() -> None:
    assert found("Kenya joined the coalition against the Islamic State last year.") == ["KEN"]


def test_an_actor_that_will_join_named_a_few_words_before() -> None:
    text = "Arab League ministers agreed on Sunday that the league will join the coalition."
    assert found(text) == ["LAS"]


@pytest.mark.parametrize(
    "text",
    [
        "Denmark, a founding member of the coalition, will send six more jets.",
        "Denmark and Norway, both coalition members, will send six more jets.",
        "Denmark and Norway, both members, will send more jets to the coalition.",
    ],
)
def test_an_apposition_that_says_member(text: str) -> None:
    assert "DNK" in found(text)


def test_the_newest_member_named_after_the_phrase() -> None:
    text = "Ministers greeted the coalition's newest member, Mauritania, at the opening session."
    assert found(text) == ["MRT"]


def test_an_actor_welcomed_as_a_member() -> None:
    assert found("The ministers welcomed Iceland as the coalition's 90th member.") == ["ISL"]


def test_an_actor_that_became_a_member() -> None:
    assert found("In March, Kenya became a full member of the global coalition.") == ["KEN"]


def test_co_chairs_named_by_their_offices() -> None:
    text = "The Danish foreign minister and her Dutch counterpart co-chaired the session."
    assert found(ABOUT + text) == ["DNK", "NLD"]


def test_a_person_who_hosts_stands_for_the_country_of_their_office() -> None:
    assert found(ABOUT + "Rex Tillerson chaired the afternoon session.") == ["USA"]


@pytest.mark.parametrize(
    "text",
    [
        "The meeting was hosted by Canada and Japan in a hotel near the airport.",
        "Ministers gathered for two days with Canada and Japan as co-hosts.",
    ],
)
def test_hosts_after_the_meeting(text: str) -> None:
    assert found(ABOUT + text) == ["CAN", "JPN"]


def test_an_office_holder_who_addressed_the_meeting() -> None:
    text = ABOUT + "Jordan's prime minister addressed the gathering on its second day."
    assert found(text) == ["JOR"]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S.-led coalition began its air campaign in 2014.",
        "The coalition, led by the United States, began its air campaign in 2014.",
        "The United States, which leads the coalition, began its air campaign in 2014.",
    ],
)
def test_the_leader_of_the_coalition(text: str) -> None:
    assert found(text) == ["USA"]


def test_an_envoy_to_the_coalition_is_only_its_owners() -> None:
    text = "Officials from Egypt met Norway's envoy to the coalition on Monday."
    assert found(text) == ["NOR"]


def test_bodies_named_as_examples_of_what_the_coalition_brings_together() -> None:
    text = "The coalition brings together governments and bodies such as the African Union."
    assert found(text) == ["AU"]


def test_countries_given_as_examples_of_those_taking_part() -> None:
    text = ABOUT + "Several countries, including Spain and Portugal, offered more trainers."
    assert found(text) == ["ESP", "PRT"]


def test_what_the_coalition_includes() -> None:
    assert found("The coalition, which includes Jordan and Morocco, met again.") == ["JOR", "MAR"]


def test_a_non_member_is_the_subject_not_every_name_in_the_sentence() -> None:
    text = "Russia, which is not part of the coalition, struck targets in Syria."
    assert found(text, "non_member") == ["RUS"]
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Iran, which backs the government of Iraq, is not a member of the coalition.",
        "Iran and China, both trading partners of Iraq, remain outside the coalition.",
    ],
)
def test_a_non_member_before_an_aside_that_names_another_country(text: str) -> None:
    assert "IRQ" not in found(text, "non_member")
    assert "IRN" in found(text, "non_member")


def test_a_person_is_not_a_non_member_country() -> None:
    text = "Russia and Iran, both allies of Bashar al-Assad, are outside the coalition."
    assert found(text, "non_member") == ["IRN", "RUS"]


def test_neither_nor() -> None:
    assert found("Neither China nor India belongs to the coalition.", "non_member") == [
        "CHN",
        "IND",
    ]


def test_a_coalition_named_with_dots_still_reads_as_the_coalition() -> None:
    text = "Syria is not part of the U.S.-led coalition."
    assert found(text, "non_member") == ["SYR"]
    assert found(text) == ["USA"]


def test_not_a_member_of_another_body_is_no_denial() -> None:
    text = "Austria is not a member of NATO but is part of the coalition."
    assert found(text, "non_member") == []


def test_a_denial_wins_over_a_looser_reading_elsewhere() -> None:
    text = (
        "The Russian-led coalition backs the government in Damascus. "
        "Russia is not part of the coalition against the Islamic State."
    )
    assert found(text) == []
    assert found(text, "non_member") == ["RUS"]


@pytest.mark.parametrize(
    "text",
    [
        # A donor, a place and a target are only mentioned.
        "Japan pledged $300 million at a conference on rebuilding Iraq.",
        "Coalition ministers met in Paris, and aircraft later struck targets in Iraq and Syria.",
        "Coalition jets hit the group in several countries, including Libya and Syria.",
        # A meeting that is not the one reported on.
        "Russia hosted a conference on Syria in Sochi.",
        "Oman hosted talks between Iran and the United States.",
        # Asked, expected or hoped for is not done.
        "The ministers urged Germany to join the coalition.",
        "Officials said Germany could join the coalition next year.",
        # A demonym without an office names forces or places, not the state.
        "Iraqi forces joined the coalition offensive on Mosul.",
        "The Saudi capital hosted the meeting.",
        # Members of something else.
        "Egypt and Jordan, both members of the Arab League, sent observers.",
        # "Coalition partners" followed by the subject of another clause.
        "It tells coalition partners the United States is staying.",
    ],
)
def test_mentions_that_are_not_membership(text: str) -> None:
    assert found(ABOUT + text) == []
    assert found(ABOUT + text, "non_member") == []


def test_the_looser_rules_need_a_report_about_the_coalition() -> None:
    assert found("The Danish foreign minister chaired the session.") == []


def test_who_joins_another_coalition_is_not_placed_in_this_one() -> None:
    text = (
        "The U.S.-led coalition against the Islamic State met in Rome. Kenya joined the "
        "coalition last year. Egypt and Jordan joined the Saudi-led coalition in Yemen in 2015, "
        "and Sudan is not part of the Saudi-led coalition. The U.S.-led coalition held talks."
    )
    assert found(text) == ["KEN", "USA"]
    assert found(text, "non_member") == []


def test_with_one_leader_named_the_coalition_is_that_one() -> None:
    text = "Egypt and Jordan joined the Saudi-led coalition in 2015."
    assert found(text) == ["EGY", "JOR", "SAU"]


def test_on_a_tie_the_coalition_led_by_the_first_named_leader_is_the_one_reported() -> None:
    text = (
        "Norway joined the British-led coalition. Chile joined the French-led coalition, "
        "a different one."
    )
    assert found(text) == ["GBR", "NOR"]


# Reports that never say "coalition": the group is a contact group, a named operation or an
# alliance, and those taking part are named as such.
@pytest.mark.parametrize(
    ("text", "members"),
    [
        (
            "Ministers agreed to meet again as a contact group. Envoys from Chile, Peru and "
            "Ghana were among those taking part.",
            ["CHL", "GHA", "PER"],
        ),
        (
            "Operation Harbour Watch begins on Monday. Greece, Portugal and Malta were named as "
            "taking part in the patrols.",
            ["GRC", "MLT", "PRT"],
        ),
        (
            "Operation Harbour Watch begins on Monday. Greece launched the operation after "
            "weeks of talks.",
            ["GRC"],
        ),
        (
            "Qatar announced on Sunday the formation of an alliance of 12 countries. The members "
            "listed by its news agency include Oman, Jordan and Sudan.",
            ["JOR", "OMN", "QAT", "SDN"],
        ),
        (
            "The donors' conference, which Norway co-hosted with Kuwait and Japan, raised "
            "$1 billion for the contact group's plan.",
            ["JPN", "KWT", "NOR"],
        ),
        (
            "Ministers from 30 countries met at the invitation of Poland to form a contact group. "
            "Italian Defence Minister Guido Crosetto told the meeting Rome would send more.",
            ["ITA", "POL"],
        ),
    ],
)
def test_members_of_a_group_that_is_not_called_a_coalition(text: str, members: list[str]) -> None:
    assert found(text) == members


def test_not_among_the_participants_and_neither_were_others() -> None:
    text = (
        "Operation Harbour Watch begins on Monday. Turkey, which has its own patrols, was not "
        "among the participants named, and neither were Cyprus or the United Arab Emirates."
    )
    assert found(text, "non_member") == ["ARE", "CYP", "TUR"]


def test_an_aside_naming_another_country_in_the_possessive_is_skipped() -> None:
    text = "Iran, Iraq's eastern neighbour, is not part of the coalition."
    assert found(text, "non_member") == ["IRN"]


@pytest.mark.parametrize(
    "text",
    [
        # Where NATO is spoken of, "the alliance" is NATO, not the coalition.
        "The coalition met in Rome. Sweden is not a member of the alliance, unlike its neighbour "
        "Norway, a NATO member.",
        "The coalition met in Rome; NATO leaders said Finland joined the alliance in April.",
        # A report that says "coalition" means by "the operation" one of its military operations.
        "The coalition backed Operation Eagle Strike. Russia launched an air operation in Syria.",
        # An operation in a report that names none is just an operation.
        "The contact group met in Oslo. Russia launched a new operation in the east.",
    ],
)
def test_other_groupings_are_not_the_coalition(text: str) -> None:
    assert found(text, "non_member") == []
    assert "RUS" not in found(text)
    assert "SWE" not in found(text)
    assert "FIN" not in found(text)


@pytest.mark.parametrize(
    ("text", "outside"),
    [
        ("Chile and Peru declined to join.", ["CHL", "PER"]),
        ("Norway declined to take part in a mission led by Britain.", ["NOR"]),
        ("Brazil and India turned down their invitations to the summit.", ["BRA", "IND"]),
        ("The Iranian government was not invited.", ["IRN"]),
        ("Mexico had no seat at the table, officials said.", ["MEX"]),
        ("Uruguay did not sign the declaration.", ["URY"]),
    ],
)
def test_who_stays_out_of_the_coalition_or_its_meeting(text: str, outside: list[str]) -> None:
    assert found(ABOUT + text, "non_member") == outside


@pytest.mark.parametrize(
    "text",
    [
        # Staying out of something else is not staying out of the coalition.
        "Turkey declined to take part in the offensive on Raqqa.",
        "Jordan refused to join strikes on the city.",
        "Kuwait did not attend a wedding in Doha.",
    ],
)
def test_staying_out_of_something_else_is_no_denial(text: str) -> None:
    assert found(ABOUT + text, "non_member") == []


@pytest.mark.parametrize(
    ("text", "members"),
    [
        (
            ABOUT
            + "Seven countries have signed up so far: the United States, Britain and Bahrain.",
            ["BHR", "GBR", "USA"],
        ),
        (
            "The meeting in Lima ended on Tuesday. The signatories, Argentina, Brazil and Chile, "
            "condemned the vote.",
            ["ARG", "BRA", "CHL"],
        ),
        (
            "The summit opened at noon. Around the table were French President Emmanuel Macron, "
            "Polish Prime Minister Donald Tusk and NATO Secretary General Mark Rutte, as well as "
            "Kenya.",
            ["FRA", "KEN", "NATO", "POL"],
        ),
        # A report on a meeting, which never says "coalition": who takes part is a participant.
        ("Tunisia's president opened the meeting on Friday.", ["TUN"]),
        ("Clinton, who led the U.S. delegation to the conference, spoke first.", ["USA"]),
        (
            ABOUT + "Britain joined in August; Qatar and Oman signed on in September.",
            ["GBR", "OMN", "QAT"],
        ),
    ],
)
def test_lists_and_phrases_that_bring_in_participants(text: str, members: list[str]) -> None:
    assert found(text) == members


@pytest.mark.parametrize(
    "text",
    [
        ABOUT + "Britain joined in the criticism of the plan.",
        # Joining with only a date says what was joined only in a report about the coalition.
        "The summit ended late. Britain joined in August.",
        # A report about neither the coalition nor a meeting.
        "Tunisia's president opened the new bridge on Friday.",
        # Who led some other delegation is not named by it.
        ABOUT + "Britain sent aid; the delegation led by the Red Cross stayed home.",
    ],
)
def test_phrases_that_bring_in_no_participant(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "outside"),
    [
        ("Japan said last month that it would not join.", ["JPN"]),
        ("India chose to escort its own tankers rather than sign up.", ["IND"]),
        ("Guyana and Jamaica took part in the talks but did not sign.", ["GUY", "JAM"]),
        ("Seven have joined. France, Germany and Japan are not among them.", ["DEU", "FRA", "JPN"]),
        # The one said of is the one nearest the denial, not the one who said it.
        ("Britain said Germany would not join.", ["DEU"]),
    ],
)
def test_who_says_it_stays_out_or_stays_out_after_taking_part(
    text: str, outside: list[str]
) -> None:
    assert found(ABOUT + text, "non_member") == outside
    assert not set(found(ABOUT + text)) & set(outside)


def test_rather_than_taking_part_in_something_else_is_no_denial() -> None:
    assert (
        found(ABOUT + "Kuwait chose to pay rather than take part in the offensive.", "non_member")
        == []
    )
