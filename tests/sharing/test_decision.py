"""The sharing decision rule: named cases, then properties over generated labels and readers."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition.errors import InvalidInput
from coalition.sharing.decision import Reader, decide
from coalition.sharing.labels import Label, at_least_as_restrictive, problems, widens
from coalition.sharing.policy import (
    SECRETARIAT,
    TLP_LEVELS,
    Policy,
    packaged_policies,
    parse_policy,
)

POLICY = Policy(
    "test",
    1,
    ("PUBLIC", "RESTRICTED", "SECRET"),
    frozenset({"EYES-A", "EYES-B"}),
    {"north": frozenset({"NOR", "DNK"}), "staff": frozenset({SECRETARIAT})},
)
POLICIES = {POLICY.ident: POLICY}
BASE = Label("test", 1, "RESTRICTED", originator="FRA", releasable_to=frozenset({"DEU"}))


def reader(partner: str, clearance: str = "SECRET", *caveats: str) -> Reader:
    return Reader(partner, clearance, frozenset(caveats))


CASES = [
    ("originator reads its own item", BASE, reader("FRA"), True),
    ("named partner reads", BASE, reader("DEU"), True),
    ("other partner does not", BASE, reader("ITA"), False),
    ("secretariat gets no bypass", BASE, reader(SECRETARIAT), False),
    ("clearance too low", BASE, reader("DEU", "PUBLIC"), False),
    ("clearance unknown to the policy", BASE, reader("DEU", "TOP"), False),
    ("caveat missing", replace(BASE, caveats=frozenset({"EYES-A"})), reader("DEU"), False),
    (
        "caveat held",
        replace(BASE, caveats=frozenset({"EYES-A"})),
        reader("DEU", "SECRET", "EYES-A"),
        True,
    ),
    ("group member reads", replace(BASE, groups=frozenset({"north"})), reader("NOR"), True),
    (
        "AMBER+STRICT ignores groups",
        replace(BASE, groups=frozenset({"north"}), tlp="AMBER+STRICT"),
        reader("NOR"),
        False,
    ),
    ("AMBER+STRICT keeps named partners", replace(BASE, tlp="AMBER+STRICT"), reader("DEU"), True),
    ("RED stays with the originator", replace(BASE, tlp="RED"), reader("DEU"), False),
    ("RED originator reads", replace(BASE, tlp="RED"), reader("FRA"), True),
    ("unknown policy", replace(BASE, policy="other"), reader("FRA"), False),
    ("unknown version", replace(BASE, version=2), reader("FRA"), False),
    ("forged classification", replace(BASE, classification="COSMIC"), reader("FRA"), False),
    (
        "forged caveat",
        replace(BASE, caveats=frozenset({"MADE-UP"})),
        reader("FRA", "SECRET", "MADE-UP"),
        False,
    ),
    ("forged group", replace(BASE, groups=frozenset({"everyone"})), reader("ITA"), False),
    ("forged TLP", replace(BASE, tlp="PURPLE"), reader("FRA"), False),
    ("no label at all", None, reader("FRA"), False),
]


@pytest.mark.parametrize(("case", "label", "who", "allowed"), CASES, ids=[c[0] for c in CASES])
def test_named_cases(case: str, label: Label | None, who: Reader, allowed: bool) -> None:
    decision = decide(label, who, POLICIES)
    assert decision.allowed is allowed, decision.reason
    assert decision.reason


partners = st.sampled_from(["FRA", "DEU", "ITA", "NOR", "DNK", SECRETARIAT])
labels = st.builds(
    Label,
    policy=st.just("test"),
    version=st.just(1),
    classification=st.sampled_from(POLICY.classifications),
    originator=partners,
    caveats=st.frozensets(st.sampled_from(sorted(POLICY.caveats))),
    releasable_to=st.frozensets(partners),
    groups=st.frozensets(st.sampled_from(sorted(POLICY.groups))),
    tlp=st.none() | st.sampled_from(TLP_LEVELS),
)
readers = st.builds(
    Reader,
    partner=partners,
    clearance=st.sampled_from(POLICY.classifications),
    caveats=st.frozensets(st.sampled_from(sorted(POLICY.caveats))),
)


@settings(max_examples=500)
@given(parent=labels, child=labels, who=readers)
def test_a_more_restrictive_label_never_lets_more_people_read(
    parent: Label, child: Label, who: Reader
) -> None:
    if at_least_as_restrictive(child, parent, POLICY) and decide(child, who, POLICIES):
        assert decide(parent, who, POLICIES)
    if not widens(parent, child, POLICY):
        assert at_least_as_restrictive(child, parent, POLICY)


@settings(max_examples=500)
@given(label=labels, who=readers)
def test_allowed_only_with_clearance_caveats_and_release(label: Label, who: Reader) -> None:
    decision = decide(label, who, POLICIES)
    if not decision:
        return
    assert POLICY.rank(label.classification) <= POLICY.rank(who.clearance)
    assert label.caveats <= who.caveats
    released = who.partner in label.releasable_to or label.groups & POLICY.groups_of(who.partner)
    assert who.partner == label.originator or (released and label.tlp != "RED")


def test_policy_files_are_checked() -> None:
    assert ("coalition", 1) in packaged_policies()
    with pytest.raises(InvalidInput, match="classifications"):
        parse_policy({"name": "x", "version": 1, "classifications": []}, "x.yaml")
    with pytest.raises(InvalidInput, match="version"):
        parse_policy({"name": "x", "version": "one", "classifications": ["A"]}, "x.yaml")
    assert problems(replace(BASE, originator=""), POLICY) == ["a label needs its originator"]
