"""`python -m bot chat` as a newcomer uses it: typed questions, numbered choices, acting as a person.

A few tests start a real process (`chat`: what an operator runs, its exit code and output); the
conversations themselves run `main()` in this process (`chat_hier`), which is the same code after
the interpreter's start and imports.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.__main__ import main
from dialogen.teksten import Teksten
from tests.botproces import GRENS
from tests.kennis_eenmaal import KENNISBANKEN, laad_eenmaal
from tests.kennis_voorbeelden import Voorbeelden
from tests.test_server_proces import _vrije_poort

ROOT = Path(__file__).resolve().parent.parent


def chat(invoer: str, tmp_path: Path, *argumenten: str) -> str:
    omgeving = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'chat.db'}", "HERINNERINGEN": "nee"}
    resultaat = subprocess.run(
        [sys.executable, "-m", "bot", "chat", *argumenten],
        input=invoer,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=omgeving,
        timeout=GRENS,
    )
    assert resultaat.returncode == 0, resultaat.stderr
    return resultaat.stdout


def chat_hier(
    invoer: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, *argumenten: str
) -> str:
    """`python -m bot chat` as `chat` runs it, but `main()` in this process with `invoer` as stdin."""
    code, uitvoer, fouten = bot_hier(["chat", *argumenten], invoer, tmp_path, monkeypatch, capsys)
    assert code == 0, fouten
    return uitvoer


def bot_hier(
    argumenten: list[str], invoer: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> tuple[int, str, str]:
    """`python -m bot ARGUMENTEN` in this process: (exit code, stdout, stderr)."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'chat.db'}")
    monkeypatch.setenv("HERINNERINGEN", "nee")
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr("sys.stdin", io.StringIO(invoer))
    capsys.readouterr()
    code = main(argumenten)
    uitvoer = capsys.readouterr()
    return code, uitvoer.out, uitvoer.err


def test_console_greets_answers_and_says_goodbye(tmp_path, monkeypatch):
    monkeypatch.setenv("MODELCACHE", str(tmp_path / "modellen"))
    uitvoer = chat("wie is ambtelijk opdrachtgever voor de jeugdagenda?\n/stop\n", tmp_path)
    assert len(list((tmp_path / "modellen").glob("herkenner-*.npz"))) == 1  # the process kept its trained model
    assert "Ik ben Sturingsbot" in uitvoer
    assert "Ambtelijk opdrachtgever: Marcel Kossen" in uitvoer
    assert "**" not in uitvoer and "_Bron" not in uitvoer  # markdown rendered as plain text
    assert "Tot ziens!" in uitvoer


def test_numbered_choice_sends_the_button_value(tmp_path, monkeypatch, capsys):
    uitvoer = chat_hier("wie gaat over sociale media\n1\n/stop\n", tmp_path, monkeypatch, capsys)
    assert "Bedoelde je" in uitvoer
    assert "1. Sociale agenda" in uitvoer
    assert "> Wie is opdrachtgever voor Sociale agenda?" in uitvoer
    assert uitvoer.count("Marcel Kossen") == 1


def test_numbered_choices_are_listed_once(tmp_path, monkeypatch, capsys):
    """The form lists its choices numbered in the text; the console does not list them again as
    numbered buttons, the numbers still send the choice, and a button not in the list gets the next number."""
    groepen = list(dict.fromkeys(r.groep for r in laad_eenmaal(KENNISBANKEN["voorbeeld"]).bestanden.escalatie))
    uitvoer = chat_hier("ik wil escaleren\n2\n/stop\n", tmp_path, monkeypatch, capsys)
    for nummer, groep in enumerate(groepen, 1):
        assert uitvoer.count(f"{nummer}. {groep}\n") == 1, uitvoer
    assert f"> {groepen[1]}" in uitvoer
    situaties = [r.situatie for r in laad_eenmaal(KENNISBANKEN["voorbeeld"]).bestanden.escalatie if r.groep == groepen[1]]
    for nummer, situatie in enumerate(situaties, 1):
        assert uitvoer.count(f"{nummer}. {situatie}") == 1, uitvoer
    assert f"  {len(situaties) + 1}. {Teksten.laad().tekst('formulier.knop_terug')}" in uitvoer


def test_acting_as_a_person_from_the_kennisbank(tmp_path, monkeypatch, capsys):
    uitvoer = chat_hier("/als iemand-anders\n/stop\n", tmp_path, monkeypatch, capsys, "--als", "noor-visser")
    assert "Je bent nu Noor Visser (Controller)." in uitvoer
    assert "Die persoon ken ik niet" in uitvoer and "marcel-kossen" in uitvoer


@pytest.mark.parametrize("invoer", ["", "\n\n"])
def test_end_of_input_closes_cleanly(tmp_path, monkeypatch, capsys, invoer):
    assert "Tot ziens!" in chat_hier(invoer, tmp_path, monkeypatch, capsys)


@pytest.mark.parametrize("commando", ["serve", "chat"])
def test_broken_kennisbank_stops_with_file_and_line_not_a_traceback(tmp_path, monkeypatch, capsys, commando):
    """The server as a real process (its exit code and stderr); the console through `main()`."""
    import shutil

    map_ = tmp_path / "kb"
    shutil.copytree(ROOT / "kennisbank" / "voorbeeld", map_)
    personen = map_ / "personen.yaml"
    tekst = personen.read_text(encoding="utf-8").replace("document: deventer-dubbelslag", "document: deventer-dubbelsag", 1)
    personen.write_text(tekst, encoding="utf-8")
    regel = next(i for i, r in enumerate(tekst.splitlines(), 1) if "dubbelsag" in r)
    if commando == "serve":
        omgeving = {
            **os.environ,
            "KENNISBANK": str(map_),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}",
            "PORT": str(_vrije_poort()),
        }
        resultaat = subprocess.run(
            [sys.executable, "-m", "bot", commando],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=omgeving,
            timeout=GRENS,
            input="",
        )
        code, uitvoer, fouten = resultaat.returncode, resultaat.stdout, resultaat.stderr
    else:
        monkeypatch.setenv("KENNISBANK", str(map_))
        code, uitvoer, fouten = bot_hier([commando], "", tmp_path, monkeypatch, capsys)
    assert code == 2
    assert f"personen.yaml:{regel}" in fouten and "deventer-dubbelsag" in fouten
    assert "Traceback" not in fouten + uitvoer


def test_bad_configuration_is_a_clear_message(tmp_path):
    omgeving = {
        **os.environ,
        "MicrosoftAppId": "00000000-0000-0000-0000-000000000001",
        "MicrosoftAppPassword": "x",
        "MicrosoftAppTenantId": "",
    }
    resultaat = subprocess.run(
        [sys.executable, "-m", "bot"], capture_output=True, text=True, cwd=ROOT, env=omgeving, timeout=GRENS
    )
    assert resultaat.returncode == 2
    assert "MicrosoftAppTenantId is verplicht" in resultaat.stderr and "Traceback" not in resultaat.stderr


@pytest.mark.parametrize("naam", list(KENNISBANKEN))
def test_kennisbank_selects_the_example(tmp_path, monkeypatch, capsys, naam):
    """KENNISBANK=kennisbank/<naam> selects that example: its people and onderwerpen answer."""
    monkeypatch.setenv("KENNISBANK", f"kennisbank/{naam}")
    voorbeelden = Voorbeelden(laad_eenmaal(KENNISBANKEN[naam]), date.today())
    onderwerp = voorbeelden.onderwerp()
    controller = voorbeelden.controller()
    uitvoer = chat_hier(
        f"wie is ambtelijk opdrachtgever voor {onderwerp.naam}?\n/stop\n", tmp_path, monkeypatch, capsys, "--als", controller.id
    )
    assert f"Je bent nu {controller.naam}" in uitvoer
    assert f"Ambtelijk opdrachtgever: {voorbeelden.ao(onderwerp).naam}" in uitvoer


def _gemeenten(tmp_path: Path, *, bot_blok_a: bool) -> Path:
    """Gemeente A (the first; with its own bot registration or without) and B without one."""
    blok = "    bot: {app_id: 11111111-0000-4000-8000-00000000000a, tenant_id: t-a, app_password_env: GEHEIM_A}\n"
    pad = tmp_path / "gemeenten.yaml"
    pad.write_text(
        "gemeenten:\n"
        f"  - id: gemeente-a\n    naam: A\n    kennisbank: {ROOT / 'kennisbank' / 'voorbeeld'}\n    tenants: [t-a]\n"
        + (blok if bot_blok_a else "")
        + f"  - id: gemeente-b\n    naam: B\n    kennisbank: {ROOT / 'kennisbank' / 'voorbeeld_cmt'}\n    tenants: [t-b]\n",
        encoding="utf-8",
    )
    return pad


@pytest.mark.parametrize(
    "omgeving,melding",
    [
        (
            {
                "MicrosoftAppId": "00000000-0000-4000-8000-000000000001",
                "MicrosoftAppPassword": "geheim",
                "MicrosoftAppTenantId": "t",
            },
            "MicrosoftAppId is gezet",
        ),
        ({"GEMEENTEN": "{gemeenten}", "GEHEIM_A": "geheim"}, "gemeente 'gemeente-a' heeft een eigen botregistratie"),
    ],
    ids=["MicrosoftAppId", "bot-blok"],
)
def test_the_console_refuses_a_gemeente_with_a_bot_registration(tmp_path, omgeving, melding):
    """The console sends without a Bot Framework token: with a registration every message would be
    refused (before: a PermissionError traceback at the first message). A short Dutch message instead."""
    omgeving = {k: v.format(gemeenten=_gemeenten(tmp_path, bot_blok_a=True)) for k, v in omgeving.items()}
    resultaat = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input="hoi\n/stop\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'chat.db'}", **omgeving},
        timeout=GRENS,
    )
    assert resultaat.returncode == 2, resultaat.stdout + resultaat.stderr
    assert "python -m bot chat werkt alleen in de lokale anonieme modus" in resultaat.stderr and melding in resultaat.stderr
    assert "Traceback" not in resultaat.stderr and "geheim" not in resultaat.stderr


def test_the_console_talks_to_the_gemeente_it_is_given(tmp_path, monkeypatch, capsys):
    """`--gemeente gemeente-b`: a gemeente without a registration, with its own kennisbank, even when the first has one."""
    monkeypatch.setenv("GEMEENTEN", str(_gemeenten(tmp_path, bot_blok_a=True)))
    monkeypatch.setenv("GEHEIM_A", "geheim")
    voorbeelden = Voorbeelden(laad_eenmaal(KENNISBANKEN["voorbeeld_cmt"]), date.today())
    onderwerp = voorbeelden.onderwerp()
    uitvoer = chat_hier(
        f"wie is ambtelijk opdrachtgever voor {onderwerp.naam}?\n/stop\n",
        tmp_path,
        monkeypatch,
        capsys,
        "--gemeente",
        "gemeente-b",
    )
    assert f"Ambtelijk opdrachtgever: {voorbeelden.ao(onderwerp).naam}" in uitvoer
