"""Issue 15: the GEMEENTEN file (tenant -> gemeente, kennisbank, own settings) is data, validated at
load: every mistake is a Dutch message with file and line, never a traceback; the server refuses to
start with it. Without GEMEENTEN one default gemeente accepts any tenant."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from botbuilder.schema import Activity

from bot.gemeenten import gemeenten_uit, laad_gemeenten, tenant_van
from bot.settings import STANDAARD_KENNISBANK, ConfiguratieFout, Settings
from db.gemeente import STANDAARD_GEMEENTE
from tests.botproces import GRENS
from tests.test_server_proces import _vrije_poort

GOED = f"""\
gemeenten:
  - id: gemeente-a
    naam: Gemeente A
    kennisbank: {STANDAARD_KENNISBANK}
    tenants: [AAAA-1111, aaaa-2222]
  - id: gemeente-b
    naam: Gemeente B
    kennisbank: {STANDAARD_KENNISBANK}
    tenants: [bbbb-1111]
    herinneringen: nee
"""


def _schrijf(tmp_path: Path, tekst: str) -> Path:
    pad = tmp_path / "gemeenten.yaml"
    pad.write_text(tekst, encoding="utf-8")
    return pad


def test_a_valid_file_maps_tenants_to_gemeenten(tmp_path):
    gemeenten = laad_gemeenten(_schrijf(tmp_path, GOED))
    assert [g.id for g in gemeenten.lijst] == ["gemeente-a", "gemeente-b"]
    assert gemeenten.standaard.id == "gemeente-a"  # the first: rows from before gemeenten go there
    assert gemeenten.bij_tenant("aaaa-1111").id == "gemeente-a"  # tenant ids compare case-insensitively
    assert gemeenten.bij_tenant(" AAAA-2222 ").id == "gemeente-a"
    assert gemeenten.bij_tenant("bbbb-1111").id == "gemeente-b"
    assert gemeenten.bij_tenant("cccc-1111") is None and gemeenten.bij_tenant(None) is None
    assert gemeenten.lijst[0].herinneringen and not gemeenten.lijst[1].herinneringen


def test_a_relative_kennisbank_is_read_from_the_files_folder(tmp_path):
    (tmp_path / "kb").symlink_to(STANDAARD_KENNISBANK)
    gemeenten = laad_gemeenten(_schrijf(tmp_path, GOED.replace(str(STANDAARD_KENNISBANK), "kb")))
    assert gemeenten.standaard.kennisbank == (tmp_path / "kb").resolve()


def test_without_gemeenten_one_default_gemeente_takes_any_tenant():
    gemeenten = gemeenten_uit(Settings(kennisbank=STANDAARD_KENNISBANK))
    assert [g.id for g in gemeenten.lijst] == [STANDAARD_GEMEENTE]
    assert gemeenten.bij_tenant("wat-dan-ook").id == STANDAARD_GEMEENTE
    assert gemeenten.bij_tenant(None).id == STANDAARD_GEMEENTE


FOUTEN = {
    "onbekend veld": (
        GOED.replace("    herinneringen: nee", "    herinnering: nee"),
        10,
        "onbekend veld 'herinnering' (bedoelde je 'herinneringen'?)",
    ),
    "dubbele tenant": (
        GOED.replace("[bbbb-1111]", "[bbbb-1111, AAAA-1111]"),
        9,
        "tenant 'aaaa-1111' hoort al bij gemeente 'gemeente-a'",
    ),
    "dubbel id": (GOED.replace("id: gemeente-b", "id: gemeente-a"), 6, "id 'gemeente-a' staat er twee keer in (ook op regel 2)"),
    "ongeldig id": (GOED.replace("id: gemeente-b", "id: Gemeente B"), 6, "id moet uit kleine letters"),
    "map bestaat niet": (
        GOED.replace(f"kennisbank: {STANDAARD_KENNISBANK}\n    tenants: [bbbb", "kennisbank: bestaat-niet\n    tenants: [bbbb"),
        8,
        "bestaat niet",
    ),
    "lege tenants": (GOED.replace("[bbbb-1111]", "[]"), 9, "tenants moet een lijst"),
    "naam ontbreekt": (GOED.replace("    naam: Gemeente B\n", ""), 6, "veld 'naam' ontbreekt"),
    "ja of nee": (GOED.replace("herinneringen: nee", "herinneringen: soms"), 10, "herinneringen moet 'ja' of 'nee' zijn"),
    "geen lijst": ("gemeenten: gemeente-a\n", 1, "verwacht 'gemeenten:'"),
    "syntaxfout": (GOED.replace("    naam: Gemeente B", "   naam: Gemeente B"), None, "ongeldige YAML"),
}


@pytest.mark.parametrize("tekst,regel,melding", FOUTEN.values(), ids=FOUTEN.keys())
def test_mistakes_are_dutch_with_file_and_line(tmp_path, tekst, regel, melding):
    pad = _schrijf(tmp_path, tekst)
    with pytest.raises(ConfiguratieFout) as fout:
        laad_gemeenten(pad)
    bericht = str(fout.value)
    assert bericht.startswith("Fout in de gemeentenconfiguratie (GEMEENTEN)")
    assert melding in bericht, bericht
    if regel is not None:
        assert f"{pad}:{regel}: " in bericht, bericht
    assert "Traceback" not in bericht


def test_the_server_does_not_start_with_a_broken_file(tmp_path):
    pad = _schrijf(tmp_path, GOED.replace("[bbbb-1111]", "[]"))
    proces = subprocess.run(
        [sys.executable, "-m", "bot", "db", "current"],
        capture_output=True,
        text=True,
        timeout=GRENS,
        env={
            "GEMEENTEN": str(pad),
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}",
            "PATH": "/usr/bin:/bin",
            "PORT": str(_vrije_poort()),
        },
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert proces.returncode == 2
    assert f"{pad}:9: tenants moet een lijst" in proces.stderr
    assert "Traceback" not in proces.stderr


@pytest.mark.parametrize(
    "activiteit,tenant",
    [
        ({"channelData": {"tenant": {"id": "t-1"}}}, "t-1"),
        ({"conversation": {"id": "c", "tenantId": "t-2"}}, "t-2"),
        ({"conversation": {"id": "c", "tenantID": "t-4"}}, "t-4"),
        ({"channelData": {"tenant": {"id": "T-3"}}, "conversation": {"id": "c", "tenantId": "t-3"}}, "T-3"),
        ({"channelData": {"tenant": {"id": "t-1"}}, "conversation": {"id": "c", "tenantId": "t-2"}}, ""),  # disagree: refused
        ({"channelData": {"tenant": "t-1"}}, None),
        ({}, None),
    ],
)
def test_the_tenant_of_an_activity(activiteit, tenant):
    assert tenant_van(Activity().deserialize({"type": "message", **activiteit})) == tenant


def test_the_example_in_the_deployment_guide_is_valid(tmp_path):
    """docs/deployment.md 5d: the gemeenten.yaml shown there loads (with its kennisbank folders present)."""
    gids = (Path(__file__).resolve().parent.parent / "docs" / "deployment.md").read_text(encoding="utf-8")
    sectie = gids[gids.index("### 5d.") :]
    voorbeeld = sectie[sectie.index("```yaml\n") + len("```yaml\n") : sectie.index("```", sectie.index("```yaml\n") + 7)]
    (tmp_path / "kennisbanken").mkdir()
    for naam in ("gemeente-a", "gemeente-b"):
        (tmp_path / "kennisbanken" / naam).symlink_to(STANDAARD_KENNISBANK)
    gemeenten = laad_gemeenten(_schrijf(tmp_path, voorbeeld))
    assert [g.id for g in gemeenten.lijst] == ["gemeente-a", "gemeente-b"]
    assert gemeenten.bij_tenant("00000000-0000-0000-0000-00000000000B").id == "gemeente-b"
    assert not gemeenten.lijst[1].herinneringen


def test_a_mistake_in_one_gemeentes_kennisbank_names_its_folder(tmp_path):
    import shutil

    from bot.services import laad_gemeente
    from kennisbank.meldingen import KennisbankFout

    kapot = tmp_path / "kennisbank-b"
    shutil.copytree(Path(__file__).parent / "kennisbank_fixtures" / "geldig", kapot)
    personen = kapot / "personen.yaml"
    personen.write_text(personen.read_text(encoding="utf-8") + "\n- id: zonder-naam\n", encoding="utf-8")
    gemeenten = laad_gemeenten(
        _schrijf(
            tmp_path,
            GOED.replace(f"kennisbank: {STANDAARD_KENNISBANK}\n    tenants: [bbbb", f"kennisbank: {kapot}\n    tenants: [bbbb"),
        )
    )
    with pytest.raises(KennisbankFout) as fout:
        laad_gemeente(gemeenten.lijst[1])
    assert f"{kapot / 'personen.yaml'}:" in str(fout.value)


@pytest.mark.parametrize("naam,reden", [("weg.yaml", "het bestaat niet"), (".", "het is een map, geen bestand")])
def test_a_gemeenten_file_that_cannot_be_read_is_told_in_dutch(tmp_path, naam, reden):
    """Before: the system's English text ('No such file or directory')."""
    with pytest.raises(ConfiguratieFout) as fout:
        laad_gemeenten(tmp_path / naam)
    assert f"bestand is niet te lezen: {reden}" in str(fout.value), str(fout.value)


def test_the_server_names_no_wrong_folder_when_one_gemeentes_kennisbank_is_broken(tmp_path):
    """Before: 'De kennisbank in <KENNISBANK, the example> bevat fouten' while B's folder was broken."""
    import shutil

    geldig = Path(__file__).parent / "kennisbank_fixtures" / "geldig"
    kapot = tmp_path / "kennisbank-b"
    shutil.copytree(geldig, kapot)
    personen = kapot / "personen.yaml"
    personen.write_text(personen.read_text(encoding="utf-8") + "\n- id: zonder-naam\n", encoding="utf-8")
    pad = _schrijf(
        tmp_path, GOED.replace(str(STANDAARD_KENNISBANK), str(geldig), 1).replace(str(STANDAARD_KENNISBANK), str(kapot))
    )
    proces = subprocess.run(
        [sys.executable, "-m", "bot"],
        capture_output=True,
        text=True,
        timeout=GRENS,
        env={
            "GEMEENTEN": str(pad),
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}",
            "PATH": "/usr/bin:/bin",
            "PORT": str(_vrije_poort()),
        },
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert proces.returncode == 2, proces.stderr
    assert proces.stderr.startswith("Een of meer kennisbanken van de gemeenten in GEMEENTEN bevatten fouten")
    assert f"{kapot / 'personen.yaml'}:" in proces.stderr and str(STANDAARD_KENNISBANK) not in proces.stderr
    assert "Traceback" not in proces.stderr


async def test_every_broken_kennisbank_of_the_gemeenten_is_reported_at_once(tmp_path):
    """Before: loading stopped at the first gemeente whose kennisbank had mistakes, so an operator
    with two broken ones learnt of the second only after fixing the first and starting again."""
    import shutil

    from bot.services import open_installatie
    from kennisbank.meldingen import KennisbankFout

    geldig = Path(__file__).parent / "kennisbank_fixtures" / "geldig"
    kapot = {naam: tmp_path / naam for naam in ("kennisbank-a", "kennisbank-b")}
    for map_ in kapot.values():
        shutil.copytree(geldig, map_)
        personen = map_ / "personen.yaml"
        personen.write_text(personen.read_text(encoding="utf-8") + "\n- id: zonder-naam\n", encoding="utf-8")
    regel = (kapot["kennisbank-a"] / "personen.yaml").read_text(encoding="utf-8").splitlines().index("- id: zonder-naam") + 1
    pad = _schrijf(
        tmp_path,
        GOED.replace(str(STANDAARD_KENNISBANK), str(kapot["kennisbank-a"]), 1).replace(
            str(STANDAARD_KENNISBANK), str(kapot["kennisbank-b"])
        ),
    )
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}", gemeenten=pad, herinneringen=False)

    with pytest.raises(KennisbankFout) as fout:
        async with open_installatie(settings):
            pass
    assert {f"{m.bestand}:{m.regel}" for m in fout.value.fouten} == {
        f"{kapot['kennisbank-a'] / 'personen.yaml'}:{regel}",
        f"{kapot['kennisbank-b'] / 'personen.yaml'}:{regel}",
    }
    assert not (tmp_path / "db.sqlite").exists()  # stopped before the database was opened
