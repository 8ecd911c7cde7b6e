"""The sharing decision rule. It fails closed: anything it cannot establish is a refusal.

Deny unless the policy is known and the label valid; then allow only if the classification is at
or below the reader's clearance, the reader holds every caveat on the label, and the release set
meets the reader's partner or one of their groups (or the reader's partner is the originator).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from coalition.sharing.labels import Label, problems
from coalition.sharing.policy import Policy


@dataclass(frozen=True)
class Reader:
    partner: str  # a partner key, or SECRETARIAT
    clearance: str
    caveats: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


def decide(
    label: Label | None, reader: Reader, policies: Mapping[tuple[str, int], Policy]
) -> Decision:
    if label is None:
        return Decision(False, "the item has no label")
    policy = policies.get((label.policy, label.version))
    if policy is None:
        return Decision(False, f"unknown policy {label.policy} v{label.version}")
    if found := problems(label, policy):
        return Decision(False, "invalid label: " + "; ".join(found))
    if reader.clearance not in policy.classifications:
        return Decision(False, f"clearance {reader.clearance!r} is not in the policy")
    if policy.rank(label.classification) > policy.rank(reader.clearance):
        return Decision(False, "classification above the reader's clearance")
    if missing := label.caveats - reader.caveats:
        return Decision(False, "reader lacks caveat(s) " + ", ".join(sorted(missing)))
    if reader.partner == label.originator:
        return Decision(True, "reader's partner is the originator")
    return _released(label, reader, policy)


def _released(label: Label, reader: Reader, policy: Policy) -> Decision:
    if label.tlp == "RED":
        return Decision(False, "TLP:RED stays with its originator")
    if reader.partner in label.releasable_to:
        return Decision(True, "released to the reader's partner")
    if label.tlp == "AMBER+STRICT":
        return Decision(False, "TLP:AMBER+STRICT releases to named partners only, not groups")
    if shared := label.groups & policy.groups_of(reader.partner):
        return Decision(True, "released to group " + ", ".join(sorted(shared)))
    return Decision(False, "not released to the reader's partner or groups")
