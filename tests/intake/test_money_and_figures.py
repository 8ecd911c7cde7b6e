"""Money and figures in the ways reports word them: who gave, what was raised or needed, and
people affected by what happened to them."""

from __future__ import annotations

from coalition.intake.extract.quantities import find_figures, find_money


def money(text: str) -> list[tuple[str, str]]:
    return [(f.fields["kind"], f.fields["amount"]) for f in find_money(text)]


def test_announcing_offering_or_committing_money_is_a_pledge() -> None:
    text = (
        "The minister announced an extra $200 million in aid. Japan offered $5 billion in "
        "loans, and Canada would commit $40 million of it."
    )
    assert money(text) == [
        ("pledged", "200000000"),
        ("pledged", "5000000000"),
        ("pledged", "40000000"),
    ]


def test_what_a_conference_drew_is_raised_and_what_rebuilding_costs_is_a_target() -> None:
    text = (
        "The conference drew pledges worth about $30 billion. Officials put the cost of "
        "rebuilding at $88.2 billion."
    )
    assert money(text) == [("raised", "30000000000"), ("target", "88200000000")]


def test_what_many_donors_pledged_together_is_raised_and_a_list_keeps_its_kind() -> None:
    text = (
        "Governments gathered in Oslo pledged $900 million for Somalia. The pledges included "
        "$500 million for food, about $300 million for water and $100 million for schools. "
        "Norway pledged $40 million."
    )
    assert money(text) == [
        ("raised", "900000000"),
        ("raised", "500000000"),
        ("raised", "300000000"),
        ("raised", "100000000"),
        ("pledged", "40000000"),
    ]


def test_what_was_asked_for_or_sought_is_a_target() -> None:
    text = (
        "The agency has asked donors for $120 million, on top of the $400 million sought "
        "under its annual plan."
    )
    assert money(text) == [("target", "120000000"), ("target", "400000000")]


def test_an_amount_in_another_sentence_does_not_take_the_last_ones_kind() -> None:
    assert money("Japan pledged $5 million. $3 million of it is for schools.") == [
        ("pledged", "5000000")
    ]


def test_what_a_conference_closed_with_and_what_lenders_announced_are_raised() -> None:
    text = (
        "The third donors conference on the future of the region closed on Monday with pledges "
        "of $3.2 billion for this year and close to $1 billion for later years. That is well "
        "short of the $8 billion the agencies had asked for. Lenders and donors also announced "
        "some $5 billion in loans."
    )
    found = [
        (f.fields["kind"], f.fields["amount"], f.fields["qualifier"]) for f in find_money(text)
    ]
    assert found == [
        ("raised", "3200000000", None),
        ("raised", "1000000000", "about"),
        ("target", "8000000000", None),
        ("raised", "5000000000", "about"),
    ]


def test_an_envoy_to_the_united_nations_announcing_money_pledges_it() -> None:
    text = "The U.S. ambassador to the United Nations, announced more than $596 million in aid."
    assert money(text) == [("pledged", "596000000")]


def test_a_verb_of_asking_in_another_clause_makes_no_target() -> None:
    text = (
        "Japan pledged $5 million in aid. Officials asked for more. Korea gave $2 million to "
        "people who needed shelter."
    )
    assert money(text) == [("pledged", "5000000"), ("pledged", "2000000")]


def figures(text: str) -> list[tuple[str, str, str | None]]:
    return [
        (f.fields["category"], f.fields["value"], f.fields["qualifier"]) for f in find_figures(text)
    ]


def test_people_and_what_happened_to_them_in_the_same_clause() -> None:
    text = (
        "More than 70,000 people, most of them children, are crowded into the camp. "
        "Some 8 million people no longer live under its rule. About 50,000 people live in "
        "the camp. Two million Iraqis remain displaced."
    )
    assert figures(text) == [
        ("people_affected", "70000", "more than"),
        ("people_affected", "8000000", "about"),
        ("people_affected", "50000", "about"),
        ("people_affected", "2000000", None),
    ]


def test_the_number_of_people_driven_from_home_put_at_a_figure() -> None:
    text = "They put the number of Iraqis driven from their homes at about two million."
    assert figures(text) == [("people_affected", "2000000", "about")]


def test_people_counted_elsewhere_are_not_affected() -> None:
    assert figures("About 5,000 people attended the rally in the square.") == []
    # The 20 are casualties (read by the killing rule), the 3,000 are the displaced.
    text = "The strikes killed more than 20 people and have displaced about 3,000 residents."
    assert figures(text) == [
        ("casualties", "20", "more than"),
        ("people_affected", "3000", "about"),
    ]


def test_soldiers_killed_are_casualties_and_soldiers_sent_are_troops() -> None:
    text = (
        "An ambush in which 40 Malian soldiers were killed shook the capital. Paris said "
        "600 more French soldiers would go, and 12 soldiers died in a crash."
    )
    assert figures(text) == [
        ("casualties", "40", None),
        ("troops", "600", None),
        ("casualties", "12", None),
    ]


def test_people_who_need_help_or_may_be_driven_from_their_homes_are_affected() -> None:
    text = (
        "The fighting could drive as many as 200,000 people from their homes, and more "
        "than 3 million people need food aid."
    )
    assert figures(text) == [
        ("people_affected", "200000", "at most"),
        ("people_affected", "3000000", "more than"),
    ]


def test_crews_count_as_people_affected_only_while_they_are_held() -> None:
    text = (
        "Raiders seized a bulk carrier with its 19 sailors on Monday. Another freighter and "
        "her 21 crew members were unharmed. The gang still holds 7 hostages."
    )
    assert figures(text) == [
        ("people_affected", "19", None),
        ("people_affected", "7", None),
    ]


def test_attacks_vessels_drones_and_shares_are_other_figures() -> None:
    text = (
        "Insurers counted more than 60 rocket and mine attacks last year, in which 9 cargo "
        "ships were damaged; the navy downed 30 drones. About 15 percent of the grain "
        "exported passes here, and 40 percent of its territory is held."
    )
    found = [(f.fields["unit"], f.fields["value"], f.fields["subject"]) for f in find_figures(text)]
    assert found == [
        ("attacks", "60", "rocket and mine attacks"),
        ("vessels", "9", "cargo ships"),
        ("drones", "30", "drones"),
        ("percent", "15", "percent of the grain"),
        ("percent", "40", "percent of its territory"),
    ]
    assert [f.fields["category"] for f in find_figures(text)][:4] == ["other"] * 4


def test_a_count_of_something_else_is_not_an_attack_and_a_bare_share_is_no_figure() -> None:
    # "years" end the count; a share that does not say of what is not read.
    assert figures("After 4 years of attacks the port reopened. It was 60 percent local.") == []
    # Things a story names one by one are no count: "attacked two more ships".
    assert figures("On Monday the rebels said they had attacked two more ships.") == []


def test_a_death_toll_and_a_number_that_is_itself_the_displaced() -> None:
    text = (
        "Monitors put the death toll since the spring at more than 9,000 people. Some 3.1 "
        "million people need aid, and about 1.2 million are displaced inside the country. "
        "The toll road reopened after 3 years."
    )
    assert figures(text) == [
        ("people_affected", "3100000", "about"),
        ("casualties", "9000", "more than"),
        ("people_affected", "1200000", "about"),
    ]


def test_people_named_by_their_demonym_or_killed_in_a_perfect_tense_are_casualties() -> None:
    text = (
        "More than 2,100 Palestinians were killed in the war. State television said 48 people "
        "had been killed in the strikes, and more than 60,000 people have been killed since 2011."
    )
    assert figures(text) == [
        ("casualties", "2100", "more than"),
        ("casualties", "48", None),
        ("casualties", "60000", "more than"),
    ]
    # Traps: a people trained or counted, not killed; a verb of dying far from the number.
    assert figures("About 200 Iraqis were trained in Jordan and 300 Afghans voted.") == []
    assert figures("The 40 Libyans who met on Monday said many were killed.") == []
