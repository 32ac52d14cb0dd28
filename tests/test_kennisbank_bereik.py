"""Issue 16 point 6 — `python -m kennisbank check` flags data no question reaches: an escalation rule
that other rules always win, trefwoorden that lead elsewhere or never occur in the rule's own
questions, and a bestuursopdracht question no intent recognises. Warnings with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.settings import STANDAARD_KENNISBANK
from kennisbank.__main__ import main


def _kopie(tmp_path: Path) -> Path:
    doel = tmp_path / "kb"
    shutil.copytree(STANDAARD_KENNISBANK, doel)
    return doel


def _regelnummer(pad: Path, tekst: str) -> int:
    regels = [n for n, r in enumerate(pad.read_text(encoding="utf-8").splitlines(), 1) if r == tekst]
    assert len(regels) == 1, (tekst, regels)
    return regels[0]


# A rule that copies the words of the budget rules: the budget rules always win, and its own
# trefwoorden describe something its questions never say.
SCHADUWREGEL = """
- id: schaduw-budget
  groep: Budget en financiën
  situatie: Weer een budgetvraag
  omschrijving: Een regel die niets eigens heeft.
  trefwoorden:
    - parkeerplaats
    - tekort
  voorbeeldvragen:
    - "er is geen budget voor mijn opdracht, wie beslist?"
    - "we komen geld te kort, wat nu"
  route:
    - opdrachtgever: ambtelijk
      toelichting: Eerst hier.
  bron:
    document: voorbeeld
    sectie: test
"""


def test_check_flags_an_unreachable_rule_and_its_trefwoorden(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kb = _kopie(tmp_path)
    bestand = kb / "escalatie.yaml"
    bestand.write_text(bestand.read_text(encoding="utf-8") + SCHADUWREGEL, encoding="utf-8")
    assert main(["check", str(kb)]) == 0  # warnings, not errors: the bot still works
    uit = capsys.readouterr().out
    regel = _regelnummer(bestand, "- id: schaduw-budget")
    assert f"escalatie.yaml:{regel}: waarschuwing: regel 'schaduw-budget' is onbereikbaar" in uit, uit
    assert (
        f"escalatie.yaml:{regel + 4}: waarschuwing: geen enkel trefwoord van regel 'schaduw-budget' komt voor in zijn eigen voorbeeldvragen"
        in uit
    )
    assert "Kennisbank is in orde." in uit


def test_check_flags_a_trefwoord_that_leads_to_another_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kb = _kopie(tmp_path)
    bestand = kb / "escalatie.yaml"
    tekst = bestand.read_text(encoding="utf-8")
    oud = "    - meningsverschil wethouder\n"
    assert tekst.count(oud) == 1
    bestand.write_text(tekst.replace(oud, oud + "    - doorslaggevende stem in het cmt\n"), encoding="utf-8")
    main(["check", str(kb)])
    uit = capsys.readouterr().out
    regel = _regelnummer(bestand, "    - doorslaggevende stem in het cmt")
    assert (
        f"escalatie.yaml:{regel}: waarschuwing: trefwoord 'doorslaggevende stem in het cmt' leidt naar regel "
        "'cmt-geen-overeenstemming', niet naar 'ambtelijk-meningsverschil'"
    ) in uit, uit


def test_the_example_has_no_unreachable_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(STANDAARD_KENNISBANK)]) == 0
    uit = capsys.readouterr().out
    assert "is onbereikbaar" not in uit and "geen enkel trefwoord" not in uit


def test_check_flags_a_bestuursopdracht_question_no_intent_recognises(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kb = _kopie(tmp_path)
    bestand = kb / "bestuursopdracht.yaml"
    tekst = bestand.read_text(encoding="utf-8")
    assert tekst.count("  - id: inhoud\n") == 1
    bestand.write_text(tekst.replace("  - id: inhoud\n", "  - id: looptijd\n"), encoding="utf-8")
    main(["check", str(kb)])
    uit = capsys.readouterr().out
    regel = _regelnummer(bestand, "  - id: looptijd")
    assert (
        f"bestuursopdracht.yaml:{regel}: waarschuwing: vraag 'looptijd' is onbereikbaar: er is geen intentie 'vraag_looptijd'"
    ) in uit, uit
    assert "vraag 'ambtelijk-opdrachtgever' is onbereikbaar" not in uit
