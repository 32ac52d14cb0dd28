"""Every full text key written out in the code ("<naam>.<sleutel>" passed to `tekst`, `lijst` or
`ruw`) exists in dialogen/teksten/*.yaml. A missing key would only fail in a conversation
(`TekstOntbreekt` in the turn), so this catches a typo or a forgotten key before that."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dialogen.teksten import Teksten

ROOT = Path(__file__).resolve().parent.parent
_METHODES = {"tekst", "lijst", "ruw", "_tekst"}


def _sleutels(pad: Path) -> list[tuple[int, str]]:
    """(line, key) of every call like `x.tekst("naam.sleutel", ...)` with a literal key."""
    uit = []
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if (
            isinstance(knoop, ast.Call)
            and isinstance(knoop.func, ast.Attribute)
            and knoop.func.attr in _METHODES
            and knoop.args
            and isinstance(knoop.args[0], ast.Constant)
            and isinstance(knoop.args[0].value, str)
            and "." in knoop.args[0].value
        ):
            uit.append((knoop.lineno, knoop.args[0].value))
    return uit


BESTANDEN = sorted(p for map_ in ("bot", "dialogen") for p in (ROOT / map_).rglob("*.py"))


def test_the_scan_finds_keys() -> None:
    assert sum(len(_sleutels(p)) for p in BESTANDEN) >= 30


@pytest.fixture(scope="module")
def teksten() -> Teksten:
    return Teksten.laad()


@pytest.mark.parametrize("pad", BESTANDEN, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_literal_text_key_exists(pad: Path, teksten: Teksten) -> None:
    ontbreekt = [f"{pad.relative_to(ROOT)}:{regel} {sleutel}" for regel, sleutel in _sleutels(pad) if not teksten.heeft(sleutel)]
    assert not ontbreekt, ontbreekt
