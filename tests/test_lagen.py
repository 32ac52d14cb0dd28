"""Issue 14 — layers (docs/architectuur.md), module-level imports only: the kennisbank package
imports no database, hosting or conversation code (the learning loop's database part lives in
bot/cli); db imports no conversation or hosting code; the rapportage domain imports no bot SDK,
web server, conversation or hosting code; dialogen imports no hosting code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VERBODEN = ("db", "bot", "dialogen", "botbuilder", "aiohttp", "sqlalchemy")


def _module_imports(pad: Path) -> set[str]:
    boom = ast.parse(pad.read_text(encoding="utf-8"))
    namen: set[str] = set()
    for knoop in boom.body:  # module level only: a CLI may import lazily inside a function
        if isinstance(knoop, ast.Import):
            namen |= {alias.name for alias in knoop.names}
        elif isinstance(knoop, ast.ImportFrom) and knoop.module and not knoop.level:
            namen.add(knoop.module)
    return namen


@pytest.mark.parametrize("pad", sorted((ROOT / "kennisbank").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_kennisbank_imports_no_outer_layer(pad: Path) -> None:
    verkeerd = sorted(n for n in _module_imports(pad) if n.split(".")[0] in VERBODEN)
    assert not verkeerd, verkeerd


def test_intent_data_loading_needs_no_conversation_code() -> None:
    verkeerd = sorted(n for n in _module_imports(ROOT / "dialogen" / "intentiedata.py") if n.split(".")[0] in VERBODEN)
    assert not verkeerd, verkeerd


@pytest.mark.parametrize("pad", sorted((ROOT / "db").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_db_imports_no_conversation_or_hosting_code(pad: Path) -> None:
    verkeerd = sorted(n for n in _module_imports(pad) if n.split(".")[0] in ("dialogen", "bot"))
    assert not verkeerd, verkeerd


@pytest.mark.parametrize("pad", sorted((ROOT / "dialogen").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_dialogen_imports_no_hosting_code(pad: Path) -> None:
    verkeerd = sorted(n for n in _module_imports(pad) if n.split(".")[0] == "bot")
    assert not verkeerd, verkeerd


def _feature_modules() -> set[str]:
    """The modules of the features `dialogen/register.py` lists (the imports inside `maak_features`)."""
    boom = ast.parse((ROOT / "dialogen" / "register.py").read_text(encoding="utf-8"))
    maak = next(k for k in boom.body if isinstance(k, ast.FunctionDef) and k.name == "maak_features")
    return {k.module for k in ast.walk(maak) if isinstance(k, ast.ImportFrom) and k.module}


@pytest.mark.parametrize("pad", ["bot/services.py", "bot/app.py"])
def test_composition_root_imports_no_feature(pad: str) -> None:
    """Issue 14 item 1: a feature's shared objects are typed fields of FeatureServices, built by the
    composition root without a constant from inside a feature; features come only through the register."""
    features = _feature_modules()
    assert {"dialogen.opdrachtgever", "dialogen.rapportage"} <= features
    verkeerd = sorted(n for n in _module_imports(ROOT / pad) if any(n == f or n.startswith(f + ".") for f in features))
    assert not verkeerd, verkeerd


@pytest.mark.parametrize("pad", sorted((ROOT / "rapportage").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_rapportage_domain_imports_no_bot_sdk_or_outer_layer(pad: Path) -> None:
    """Chat, export, reminders and a later dashboard call the domain; it calls none of them."""
    verkeerd = sorted(n for n in _module_imports(pad) if n.split(".")[0] in ("botbuilder", "aiohttp", "dialogen", "bot"))
    assert not verkeerd, verkeerd


def test_the_layer_rules_see_the_rapportage_domain() -> None:
    """A rule over an empty or renamed folder would pass without checking anything."""
    assert {p.stem for p in (ROOT / "rapportage").glob("*.py")} >= {"regels", "cijfers", "stand"}
