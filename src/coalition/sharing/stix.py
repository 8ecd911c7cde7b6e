"""Shared items as a STIX 2.1 bundle, each object carrying its markings.

An item becomes a `note` (content = the body, abstract = the title) that refers to the `identity`
of its originating partner. Its TLP marking uses the TLP 2.0 marking-definition objects published
by the FIRST/OASIS extension; classification, caveats and release go into a statement marking,
so a receiving system that understands neither still shows them to people.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from coalition.sharing.models import SharedItem

# A fixed namespace, so the same partner or label always gets the same deterministic STIX id.
_NAMESPACE = uuid.UUID("6f6e2d63-6f61-4c69-b469-6f6e2d737478")

# The TLP 2.0 marking-definition ids of the OASIS extension-definition for TLP 2.0.
TLP_MARKINGS = {
    "CLEAR": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "GREEN": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "AMBER": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "AMBER+STRICT": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "RED": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}


# The extension-definition that gives those markings their TLP 2.0 meaning.
TLP_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"


def tlp_marking(level: str) -> dict[str, Any]:
    return {
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": TLP_MARKINGS[level],
        "created": "2022-10-01T00:00:00.000Z",
        "name": f"TLP:{level}",
        "extensions": {
            TLP_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": level.lower()}
        },
    }


def _id(kind: str, name: str) -> str:
    return f"{kind}--{uuid.uuid5(_NAMESPACE, name)}"


def _time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


def statement_of(item: SharedItem) -> str:
    parts = [f"{item.policy} v{item.policy_version} {item.classification}"]
    if item.caveats:
        parts.append(" / ".join(item.caveats))
    release = sorted({item.originator, *item.releasable_to})
    parts.append("REL TO " + ", ".join(release))
    if item.groups:
        parts.append("GROUPS " + ", ".join(item.groups))
    return " // ".join(parts)


def bundle(items: Iterable[SharedItem]) -> dict[str, Any]:
    """One bundle with every item, its originator's identity and the markings it uses."""
    return {"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": list(_objects(items))}


def _objects(items: Iterable[SharedItem]) -> Iterator[dict[str, Any]]:
    seen: set[str] = set()
    for item in items:
        created = _time(item.created_at)
        identity = _id("identity", f"partner:{item.originator}")
        statement = statement_of(item)
        marking = _id("marking-definition", f"statement:{statement}")
        if identity not in seen:
            seen.add(identity)
            yield {
                "type": "identity",
                "spec_version": "2.1",
                "id": identity,
                "created": created,
                "modified": created,
                "name": item.originator,
                "identity_class": "organization",
            }
        if marking not in seen:
            seen.add(marking)
            yield {
                "type": "marking-definition",
                "spec_version": "2.1",
                "id": marking,
                "created": created,
                "definition_type": "statement",
                "definition": {"statement": statement},
            }
        markings = [marking]
        if item.tlp in TLP_MARKINGS:
            markings.append(TLP_MARKINGS[item.tlp])
            if item.tlp not in seen:
                seen.add(item.tlp)
                yield tlp_marking(item.tlp)
        yield {
            "type": "note",
            "spec_version": "2.1",
            "id": f"note--{item.uuid}",
            "created": created,
            "modified": created,
            "abstract": item.title,
            "content": item.body or item.title,
            "object_refs": [identity],
            "created_by_ref": identity,
            "object_marking_refs": markings,
            "labels": [item.classification],
        }
