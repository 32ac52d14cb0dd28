"""Walking a YAML tree as loaded (dicts, lists, scalars), for tests that compare example sentences."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def strings_in(inhoud: Any) -> Iterator[str]:
    """Every string value in `inhoud`, depth first (mapping keys are not values and are skipped)."""
    if isinstance(inhoud, str):
        yield inhoud
    elif isinstance(inhoud, dict):
        for waarde in inhoud.values():
            yield from strings_in(waarde)
    elif isinstance(inhoud, list):
        for waarde in inhoud:
            yield from strings_in(waarde)
