"""Where the five source documents are: `STURINGSBOT_SEEDS`, else `../shared/seeds` next to the
checkout (CI has them there), else `/work/shared/seeds`. Tests that quote them fail — never
skip — when they are missing, so a missing folder cannot hide a wrong quote."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_CHECKOUT = Path(__file__).resolve().parent.parent


def seeds_map() -> Path:
    kandidaten = [Path(os.environ["STURINGSBOT_SEEDS"])] if os.environ.get("STURINGSBOT_SEEDS") else []
    kandidaten += [_CHECKOUT.parent / "shared" / "seeds", Path("/work/shared/seeds")]
    for map_ in kandidaten:
        if map_.is_dir():
            return map_
    pytest.fail(
        "De brondocumenten ontbreken (gezocht in: " + ", ".join(map(str, kandidaten)) + "). "
        "Zet STURINGSBOT_SEEDS op de map met de vijf brondocumenten.",
        pytrace=False,
    )
