"""A sharing policy: ranked classifications, restrictive caveats and named groups of partners.

Policies are versioned YAML files. A label names the policy and version it was written under, so
a policy can change without silently changing what old labels mean.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coalition.errors import InvalidInput

# TLP 2.0 markings, least restrictive first. They are informative, but two of them narrow release:
# AMBER+STRICT keeps an item inside the partners it names, and RED inside its originator.
TLP_LEVELS = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")

# The coalition's own staff read through this partner key, so "releasable to the secretariat" is
# an explicit grant like any other: there is no silent bypass.
SECRETARIAT = "secretariat"

PACKAGED = Path(__file__).parent / "policies"


@dataclass(frozen=True)
class Policy:
    name: str
    version: int
    classifications: tuple[str, ...]  # lowest first
    caveats: frozenset[str]
    groups: Mapping[str, frozenset[str]] = field(default_factory=dict)  # key -> partner keys

    @property
    def ident(self) -> tuple[str, int]:
        return (self.name, self.version)

    def rank(self, classification: str) -> int:
        """Position of a classification; unknown ones rank above everything, so they fail closed."""
        try:
            return self.classifications.index(classification)
        except ValueError:
            return len(self.classifications)

    def groups_of(self, partner: str | None) -> frozenset[str]:
        return frozenset(g for g, members in self.groups.items() if partner in members)


def parse_policy(data: Any, where: str) -> Policy:
    """A policy from parsed YAML, or InvalidInput naming what is wrong with it."""
    if not isinstance(data, dict):
        raise InvalidInput(f"{where}: a policy is a mapping with name, version, classifications")
    try:
        name, version = str(data["name"]), data["version"]
        classifications = tuple(str(c) for c in data["classifications"])
    except (KeyError, TypeError) as error:
        raise InvalidInput(f"{where}: missing or malformed {error}") from None
    if not isinstance(version, int) or version < 1:
        raise InvalidInput(f"{where}: version must be a positive whole number")
    if not classifications or len(set(classifications)) != len(classifications):
        raise InvalidInput(f"{where}: classifications must be a non-empty list without repeats")
    groups = {str(k): frozenset(map(str, v or [])) for k, v in (data.get("groups") or {}).items()}
    caveats = frozenset(str(c) for c in data.get("caveats") or [])
    return Policy(name, version, classifications, caveats, groups)


def load_policy(path: Path) -> Policy:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise InvalidInput(f"{path}: cannot read the policy: {error}") from None
    return parse_policy(data, str(path))


def packaged_policies() -> dict[tuple[str, int], Policy]:
    policies = (load_policy(p) for p in sorted(PACKAGED.glob("*.yaml")))
    return {p.ident: p for p in policies}
