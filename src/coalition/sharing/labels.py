"""Labels on shared items, their validity under a policy, and how restrictive they are."""

from __future__ import annotations

from dataclasses import dataclass, field

from coalition.sharing.policy import TLP_LEVELS, Policy


@dataclass(frozen=True)
class Label:
    policy: str
    version: int
    classification: str
    originator: str  # the partner key that shared the item
    caveats: frozenset[str] = field(default_factory=frozenset)
    releasable_to: frozenset[str] = field(default_factory=frozenset)  # partner keys
    groups: frozenset[str] = field(default_factory=frozenset)  # group keys of the policy
    tlp: str | None = None


def problems(label: Label, policy: Policy) -> list[str]:
    """Why a label is not valid under its policy (empty when it is)."""
    found = []
    if (label.policy, label.version) != policy.ident:
        found.append(
            f"label is under {label.policy} v{label.version}, not {policy.name} v{policy.version}"
        )
    if label.classification not in policy.classifications:
        found.append(f"unknown classification {label.classification!r}")
    found += [f"unknown caveat {c!r}" for c in sorted(label.caveats - policy.caveats)]
    found += [f"unknown group {g!r}" for g in sorted(label.groups - policy.groups.keys())]
    if label.tlp is not None and label.tlp not in TLP_LEVELS:
        found.append(f"unknown TLP marking {label.tlp!r}")
    if not label.originator:
        found.append("a label needs its originator")
    return found


def _tlp_rank(tlp: str | None) -> int:
    return TLP_LEVELS.index(tlp) if tlp in TLP_LEVELS else -1


def at_least_as_restrictive(child: Label, parent: Label, policy: Policy) -> bool:
    """True if nobody can read `child` who cannot read `parent` (attachments, comments)."""
    return (
        (child.policy, child.version, child.originator)
        == (parent.policy, parent.version, parent.originator)
        and policy.rank(child.classification) >= policy.rank(parent.classification)
        and child.caveats >= parent.caveats
        and child.releasable_to <= parent.releasable_to
        and child.groups <= parent.groups
        and _tlp_rank(child.tlp) >= _tlp_rank(parent.tlp)
    )


def widens(old: Label, new: Label, policy: Policy) -> bool:
    """True if `new` could let someone read what `old` kept from them: only the originator may."""
    return not at_least_as_restrictive(new, old, policy)


def narrowest(child: Label, parent: Label, policy: Policy) -> Label:
    """`child` tightened until it is at least as restrictive as `parent`: what a comment or an
    attachment becomes when its parent's label is narrowed after it was written."""
    classification = max(child.classification, parent.classification, key=policy.rank)
    tlp = max(child.tlp, parent.tlp, key=_tlp_rank)
    return Label(
        policy=parent.policy,
        version=parent.version,
        classification=classification,
        originator=parent.originator,
        caveats=child.caveats | parent.caveats,
        releasable_to=child.releasable_to & parent.releasable_to,
        groups=child.groups & parent.groups,
        tlp=tlp,
    )
