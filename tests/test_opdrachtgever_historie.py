"""Dated opdrachtgeverschap (issue 12): one accessor 'who holds role R for onderwerp X on day D',
its validation with file and line, and the rapportage rules using the owner on the peildatum."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.settings import Settings
from kennisbank.laden import laad_kennisbank, lees_kennisbank
from tests.conftest import STANDAARD_KENNISBANK, TestGesprek, tekst_van


def test_the_accessor_answers_for_any_day(kennisbank):
    onderwerp = kennisbank.onderwerpen["besturen-en-ontwikkelen"]
    assert onderwerp.opdrachtgever_op("bestuurlijk", date(2023, 3, 1)) == "sanne-mulder"
    assert onderwerp.opdrachtgever_op("bestuurlijk", date(2023, 12, 31)) == "sanne-mulder"
    assert onderwerp.opdrachtgever_op("bestuurlijk", date(2024, 1, 1)) == "ruben-hoekstra"
    assert onderwerp.opdrachtgever_op("bestuurlijk", date(2020, 1, 1)) is None  # before the first portefeuillehouder
    assert onderwerp.opdrachtgever_op("bestuurlijk", None) == "ruben-hoekstra"
    assert onderwerp.opdrachtgever_op("ambtelijk", date(2012, 1, 1)) == "ardwin-lantain"  # single-field form: from geldig_vanaf
    persoon = kennisbank.opdrachtgever(onderwerp, "bestuurlijk", date(2023, 3, 1))
    assert persoon.functie == "Wethouder" and kennisbank.is_voorbeeld(persoon.bron)


def test_reverse_lookup_and_reorganisation_use_the_day(kennisbank):
    assert "besturen-en-ontwikkelen" in [o.id for o in kennisbank.onderwerpen_van("sanne-mulder", date(2023, 6, 1))]
    assert "besturen-en-ontwikkelen" not in [o.id for o in kennisbank.onderwerpen_van("sanne-mulder", date(2024, 6, 1))]
    assert [o.id for o in kennisbank.onderwerpen_van("bram-de-wit", date(2023, 6, 1)) if o.id == "duurzaamheidsagenda"]
    wissels = {(o.id, rol, oud, nieuw) for o, rol, oud, nieuw in kennisbank.wisselingen_op(date(2024, 1, 1))}
    assert wissels == {
        ("besturen-en-ontwikkelen", "bestuurlijk", "sanne-mulder", "ruben-hoekstra"),
        ("duurzaamheidsagenda", "gedelegeerd", "bram-de-wit", "lotte-jansen"),
        ("bdo", "bestuurlijk", "ruben-hoekstra", "sanne-mulder"),
    }


@pytest.fixture
def kb_map(tmp_path: Path) -> Path:
    shutil.copytree(STANDAARD_KENNISBANK, tmp_path / "kb")
    return tmp_path / "kb"


def _vervang(pad: Path, oud: str, nieuw: str) -> None:
    tekst = pad.read_text(encoding="utf-8")
    assert tekst.count(oud) == 1
    pad.write_text(tekst.replace(oud, nieuw), encoding="utf-8")


def _regel(pad: Path, stuk: str) -> int:
    return next(i for i, r in enumerate(pad.read_text(encoding="utf-8").splitlines(), 1) if stuk in r)


def test_overlap_unknown_person_and_end_before_start_are_errors_with_file_and_line(kb_map: Path):
    onderwerpen = kb_map / "onderwerpen.yaml"
    _vervang(
        onderwerpen,
        "      persoon: sanne-mulder\n      vanaf: 2022-05-01\n      tot: 2023-12-31\n",
        "      persoon: sanne-mulder\n      vanaf: 2022-05-01\n      tot: 2023-12-31\n"
        "    - rol: bestuurlijk\n      persoon: piet-onbekend\n      vanaf: 2023-06-01\n      tot: 2023-03-01\n",
    )
    meldingen = [str(m) for m in lees_kennisbank(kb_map).fouten]
    regel_persoon = _regel(onderwerpen, "persoon: piet-onbekend")
    assert any(
        m.startswith(f"onderwerpen.yaml:{regel_persoon}: historie.persoon 'piet-onbekend' bestaat niet") for m in meldingen
    ), meldingen
    assert f"onderwerpen.yaml:{regel_persoon + 2}: tot (2023-03-01) ligt vóór vanaf (2023-06-01)" in meldingen
    regel_sanne = _regel(onderwerpen, "persoon: sanne-mulder")
    assert any(
        m.startswith(f"onderwerpen.yaml:{regel_sanne + 1}: bestuurlijk opdrachtgever overlapt met 'piet-onbekend'")
        for m in meldingen
    ), meldingen


def test_a_gap_is_a_warning(kb_map: Path):
    onderwerpen = kb_map / "onderwerpen.yaml"
    _vervang(
        onderwerpen,
        "      persoon: sanne-mulder\n      vanaf: 2022-05-01\n      tot: 2023-12-31\n",
        "      persoon: sanne-mulder\n      vanaf: 2022-05-01\n      tot: 2023-12-31\n"
        "    - rol: bestuurlijk\n      persoon: ruben-hoekstra\n      vanaf: 2020-01-01\n      tot: 2021-12-31\n",
    )
    resultaat = lees_kennisbank(kb_map)
    assert resultaat.kennisbank is not None
    teksten = [m.tekst for m in resultaat.waarschuwingen]
    assert "niemand is bestuurlijk opdrachtgever van 2021-12-31 tot 2022-05-01 (gat na 'ruben-hoekstra')" in teksten


@pytest.fixture
async def gesprek_na_wissel(kb_map: Path, database_url: str, klok) -> TestGesprek:
    """The Jeugdagenda's gedelegeerd opdrachtgever changed after the herfst-2026 peildatum
    (1 oktober 2026): Lotte Jansen until 31 oktober, Bram de Wit from 1 november; today is 22 november."""
    onderwerpen = yaml.safe_load((kb_map / "onderwerpen.yaml").read_text(encoding="utf-8"))
    jeugd = next(o for o in onderwerpen if o["id"] == "jeugdagenda")
    assert jeugd["gedelegeerd_opdrachtgever"] == "bram-de-wit"
    jeugd["historie"] = [{"rol": "gedelegeerd", "persoon": "lotte-jansen", "vanaf": date(2026, 1, 1), "tot": date(2026, 10, 31)}]
    (kb_map / "onderwerpen.yaml").write_text(yaml.safe_dump(onderwerpen, allow_unicode=True), encoding="utf-8")
    settings = Settings(database_url=database_url, kennisbank=kb_map, herinneringen=False)
    client = TestClient(TestServer(create_app(settings, klok=klok)))
    await client.start_server()
    yield TestGesprek(client, laad_kennisbank(kb_map))
    await client.close()


async def test_rapportage_uses_the_owner_on_the_peildatum(gesprek_na_wissel: TestGesprek):
    geweigerd = tekst_van(await gesprek_na_wissel.stuur("statusupdate jeugdagenda", als="bram-de-wit"))
    assert "kun jij geen statusupdate doorgeven" in geweigerd and "Marcel Kossen of Lotte Jansen" in geweigerd
    toegestaan = await gesprek_na_wissel.stuur("statusupdate jeugdagenda", als="lotte-jansen")
    assert "kun jij geen statusupdate doorgeven" not in tekst_van(toegestaan).met_knoppen
    assert any(a.get("attachments") for a in toegestaan)  # the update card
    wie = tekst_van(await gesprek_na_wissel.stuur("wie moet nog?", als="noor-visser"))
    assert "Jeugdagenda (via Lotte Jansen)" in wie and "via Bram de Wit" not in wie.met_knoppen
