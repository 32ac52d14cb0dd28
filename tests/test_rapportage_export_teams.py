"""Issue 13, export in Teams: the controller types "exporteer herfst 2026", gets an Adaptive Card
with a signed, short-lived, single-use download link served by the bot, and the link downloads the
xlsx. Refused over HTTP with a 4xx and a Dutch message: a second use, an expired, tampered or
forged token, and a token of someone without inzage rights. Non-controllers and group chats get a
polite refusal in chat."""

from __future__ import annotations

import base64
import io
import json
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from yarl import URL

from tests.conftest import TestGesprek, berichttekst_van, tekst_van
from tests.test_rapportage_export import _geef_door

CONTROLLER = "noor-visser"


def _link(activiteiten: list[dict]) -> str:
    for activiteit in activiteiten:
        for bijlage in activiteit.get("attachments") or []:
            for actie in bijlage["content"].get("actions") or []:
                if actie["type"] == "Action.OpenUrl":
                    return actie["url"]
    raise AssertionError(f"geen downloadknop in {activiteiten}")


async def _haal(gesprek: TestGesprek, url: str):
    antwoord = await gesprek.client.get(URL(url).path)
    if antwoord.content_type == "application/json":
        return antwoord.status, (await antwoord.json())["fout"]
    return antwoord.status, await antwoord.read()


async def test_controller_downloads_the_xlsx_once(gesprek: TestGesprek):
    await _geef_door(
        gesprek,
        "bram-de-wit",
        "jeugdagenda",
        status="afwijking",
        toelichting="=1+1 wachtlijst",
        financieel="tegenvaller",
        bedrag="12.500,50",
        maatregel="Regionale inkoop",
    )
    gesprek.als = CONTROLLER
    antwoord = await gesprek.stuur("exporteer herfst 2026")
    tekst = berichttekst_van(antwoord)
    assert "Herfstrapportage 2026" in tekst  # the period asked for, by its own name
    assert "38 onderwerpen, 1 doorgegeven" in tekst
    url = _link(antwoord)
    assert URL(url).path.startswith("/download/") and URL(url).host == "127.0.0.1"

    status, inhoud = await _haal(gesprek, url)
    assert status == 200, inhoud
    werkboek = load_workbook(io.BytesIO(inhoud))
    assert werkboek.sheetnames == ["Laatste stand", "Historie"]
    rijen = {r[1].value: r for r in werkboek["Laatste stand"].iter_rows(min_row=2)}
    assert len(rijen) == 38
    koppen = [c.value for c in werkboek["Laatste stand"][1]]
    jeugd = dict(zip(koppen, rijen["Jeugdagenda"]))
    assert jeugd["Status"].value == "Afwijking" and jeugd["Toelichting"].value == "=1+1 wachtlijst"
    assert jeugd["Toelichting"].data_type == "s"  # formula neutralised, as in the CLI export

    status, melding = await _haal(gesprek, url)
    assert status == 410 and "al gebruikt" in melding


async def test_expired_link_is_refused(gesprek: TestGesprek, klok):
    gesprek.als = CONTROLLER
    url = _link(await gesprek.stuur("download de rapportage"))
    klok.zet(klok.moment + timedelta(minutes=6))
    status, melding = await _haal(gesprek, url)
    assert status == 410 and "verlopen" in melding


async def test_tampered_and_forged_tokens_are_refused(gesprek: TestGesprek):
    gesprek.als = CONTROLLER
    url = _link(await gesprek.stuur("excel van de herfstrapportage"))
    payload, handtekening = URL(url).path.rsplit("/", 1)[1].split(".")
    anders = ("A" if handtekening[0] != "A" else "B") + handtekening[1:]
    inhoud = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    inhoud["g"], inhoud["o"] = "29:bram-de-wit", "bram-de-wit"  # another user's id, old signature
    ander = base64.urlsafe_b64encode(json.dumps(inhoud).encode()).rstrip(b"=").decode()
    for pad in (
        f"/download/{payload}.{anders}",
        f"/download/{ander}.{handtekening}",
        "/download/rommel",
        "/download/" + "x" * 3000,
    ):
        antwoord = await gesprek.client.get(pad)
        assert antwoord.status == 403, pad
        assert "ongeldig" in (await antwoord.json())["fout"]
    status, _ = await _haal(gesprek, url)  # the real link still works
    assert status == 200


async def test_token_of_someone_without_inzage_is_refused(gesprek: TestGesprek, services):
    url = services.downloads.maak("rapportage", "herfst-2026", "29:bram-de-wit", "bram-de-wit")
    antwoord = await gesprek.client.get(URL(url).path)
    assert antwoord.status == 403 and "niet (meer) mag exporteren" in (await antwoord.json())["fout"]


async def test_non_controller_is_refused_politely(gesprek: TestGesprek):
    gesprek.als = "bram-de-wit"
    antwoord = await gesprek.stuur("exporteer herfst 2026")
    tekst = tekst_van(antwoord)
    assert "Noor Visser" in tekst and "/download/" not in json.dumps(antwoord)


@pytest.mark.parametrize("soort", ["groupChat", "channel"])
async def test_no_link_in_a_group_chat(bot_client, kennisbank, soort):
    gesprek = TestGesprek(bot_client, kennisbank, soort=soort, gesprek_id="19:groep@thread.v2")
    tag = "<at>Sturingsbot</at>"
    antwoord = await gesprek.stuur(
        f"{tag} exporteer herfst 2026",
        als=CONTROLLER,
        entities=[{"type": "mention", "text": tag, "mentioned": {"id": "28:sturingsbot", "name": "Sturingsbot"}}],
    )
    assert "persoonlijke chat" in tekst_van(antwoord) and "/download/" not in json.dumps(antwoord)


async def test_lenterapportage_without_year_picks_the_latest_lente(gesprek: TestGesprek, services):
    gesprek.als = CONTROLLER
    url = _link(await gesprek.stuur("excel van de lenterapportage"))
    token = URL(url).path.rsplit("/", 1)[1]
    assert services.downloads.lees(token).periode_id.startswith("lente-")


async def test_public_url_from_settings(tmp_path, kennisbank, klok):
    from aiohttp.test_utils import TestClient, TestServer

    from bot.app import create_app
    from bot.settings import Settings

    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'b.db'}",
        herinneringen=False,
        publieke_url="https://bot.example.nl/",
        download_geheim="gedeeld-geheim",
    )
    client = TestClient(TestServer(create_app(settings, klok=klok)))
    await client.start_server()
    try:
        gesprek = TestGesprek(client, kennisbank)
        gesprek.als = CONTROLLER
        url = _link(await gesprek.stuur("exporteer herfst 2026"))
        assert url.startswith("https://bot.example.nl/download/")
        status, _ = await _haal(gesprek, url)
        assert status == 200
    finally:
        await client.close()


@pytest.mark.beide_kennisbanken
async def test_the_controller_of_every_example_downloads_its_period(gesprek: TestGesprek, klok, kennisbank, voorbeelden):
    moment, periode = voorbeelden.open_moment()
    klok.zet(moment)
    totaal = sum(o.geldig_op(periode.peildatum) for o in kennisbank.bestanden.onderwerpen)
    gesprek.als = voorbeelden.controller().id
    regel = next(r for r in kennisbank.bestanden.rapportage.jaarlijks if periode.id.startswith(r.id))
    antwoord = await gesprek.stuur(f"exporteer {regel.aliassen[0]} {periode.peildatum.year}")
    assert f"{totaal} onderwerpen, 0 doorgegeven" in tekst_van(antwoord), tekst_van(antwoord)
    status, inhoud = await _haal(gesprek, _link(antwoord))
    assert status == 200, inhoud
    rijen = list(load_workbook(io.BytesIO(inhoud))["Laatste stand"].iter_rows(min_row=2))
    assert len(rijen) == totaal
    antwoord = await gesprek.stuur(f"exporteer {regel.aliassen[0]} {periode.peildatum.year}", als=voorbeelden.buitenstaander().id)
    assert voorbeelden.controller().naam in tekst_van(antwoord) and "/download/" not in json.dumps(antwoord)
