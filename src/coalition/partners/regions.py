"""The region of each country, from our packaged table (actors have no region column).

Regions are derived from the country code rather than stored, so changing the grouping is an edit
to `reference/data/regions.yaml`, not a migration. Organisations have no region.
"""

from __future__ import annotations

from functools import cache

from coalition.errors import InvalidInput
from coalition.reference.loader import read

REGIONS_FILE = "regions.yaml"


@cache
def _table() -> dict[str, str]:
    """Country code -> region, refusing a code listed under two regions."""
    regions: dict[str, list[str]] = read(REGIONS_FILE)
    table: dict[str, str] = {}
    for region, codes in regions.items():
        for code in codes:
            if code in table:
                raise InvalidInput(f"{code} is in both {table[code]} and {region}")
            table[code] = region
    return table


def regions() -> list[str]:
    """Every region, in alphabetical order."""
    return sorted(set(_table().values()))


def region_of(code: str | None) -> str | None:
    """The region of a country code, or None for an organisation or an unknown code."""
    return _table().get(code) if code else None


def codes_in(region: str) -> tuple[str, ...]:
    """The country codes of a region (none for a region we do not know)."""
    return tuple(sorted(code for code, name in _table().items() if name == region))
