"""Issue 13, export in Teams through the file-consent flow, with a fake Bot Connector and a fake
OneDrive upload endpoint (SQLite and PostgreSQL): the controller clicks "Opslaan in OneDrive", gets
Teams' consent card, accepts, the bot PUTs the xlsx to the upload URL and shows the file; a decline
changes nothing; a failing upload is one Dutch message; malformed consent invokes get a Dutch 400;
someone without inzage rights gets nothing uploaded."""

from __future__ import annotations

import io

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from openpyxl import load_workbook

from bot import bestandstoestemming
from tests.conftest import TestGesprek, tekst_van
from tests.test_overzicht_kaarten import knop
from tests.test_rapportage_export import _geef_door
from tests.test_rapportage_gesprek import kaarten

pytestmark = pytest.mark.beide_databases  # the stored consent and download link: SQLite and PostgreSQL

CONTROLLER = "noor-visser"
TOESTEMMING = "application/vnd.microsoft.teams.card.file.consent"


@pytest.fixture
async def onedrive(monkeypatch):
    """A fake upload endpoint: records each PUT (headers, body); `/fout` answers 500."""
    ontvangen: list[tuple[dict, bytes]] = []

    async def zet(request: web.Request) -> web.Response:
        ontvangen.append((dict(request.headers), await request.read()))
        return web.json_response({"id": "x"}, status=500 if request.path.endswith("/fout") else 201)

    app = web.Application()
    app.router.add_put("/{pad:.*}", zet)
    server = TestServer(app)
    await server.start_server()
    monkeypatch.setattr(bestandstoestemming, "UPLOAD_SCHEMAS", ("https://", str(server.make_url("/"))))
    yield server, ontvangen
    await server.close()


def _invoke(gesprek: TestGesprek, connector, waarde) -> dict:
    activiteit = gesprek.activiteit(type="invoke", name="fileConsent/invoke", serviceUrl=connector.url, value=waarde)
    del activiteit["deliveryMode"]
    return activiteit


async def _toestemmingskaart(gesprek: TestGesprek) -> dict:
    export = kaarten(await gesprek.stuur("exporteer herfst 2026"))[0]
    antwoord = await gesprek.stuur(waarde=knop(export, "Opslaan in OneDrive")["data"])
    [bijlage] = [b for a in antwoord for b in a.get("attachments") or [] if b["contentType"] == TOESTEMMING]
    return bijlage


async def test_accepteren_zet_de_export_in_onedrive(gesprek: TestGesprek, connector, onedrive):
    server, ontvangen = onedrive
    await _geef_door(
        gesprek,
        "bram-de-wit",
        "jeugdagenda",
        status="afwijking",
        toelichting="Wachtlijst",
        financieel="tegenvaller",
        bedrag="12.500",
        maatregel="Inkoop",
    )
    gesprek.als = CONTROLLER
    kaart = await _toestemmingskaart(gesprek)
    assert kaart["name"] == "rapportage-herfst-2026.xlsx" and kaart["content"]["sizeInBytes"] > 1000
    upload = {
        "uploadUrl": str(server.make_url("/upload/1")),
        "contentUrl": "https://onedrive.example/x.xlsx",
        "name": kaart["name"],
        "uniqueId": "u-1",
        "fileType": "xlsx",
    }
    status, _ = await gesprek.post(
        _invoke(
            gesprek,
            connector,
            {"type": "fileUpload", "action": "accept", "context": kaart["content"]["acceptContext"], "uploadInfo": upload},
        )
    )
    assert status == 200
    [(koppen, inhoud)] = ontvangen
    assert koppen["Content-Range"] == f"bytes 0-{len(inhoud) - 1}/{len(inhoud)}"
    blad = load_workbook(io.BytesIO(inhoud)).worksheets[0]
    assert any(c.value == "Wachtlijst" for rij in blad.iter_rows() for c in rij)
    [(_, bericht)] = connector.berichten
    assert "staat in je OneDrive" in bericht["text"]
    assert bericht["attachments"][0]["contentType"] == "application/vnd.microsoft.teams.card.file.info"
    assert bericht["attachments"][0]["contentUrl"] == "https://onedrive.example/x.xlsx"


async def test_weigeren_en_mislukte_upload(gesprek: TestGesprek, connector, onedrive):
    server, ontvangen = onedrive
    gesprek.als = CONTROLLER
    kaart = await _toestemmingskaart(gesprek)
    context = kaart["content"]["declineContext"]
    status, _ = await gesprek.post(_invoke(gesprek, connector, {"type": "fileUpload", "action": "decline", "context": context}))
    assert status == 200 and ontvangen == [] and "niets in je OneDrive" in connector.berichten[-1][1]["text"]
    status, _ = await gesprek.post(
        _invoke(
            gesprek,
            connector,
            {
                "type": "fileUpload",
                "action": "accept",
                "context": context,
                "uploadInfo": {"uploadUrl": str(server.make_url("/fout"))},
            },
        )
    )
    assert status == 200 and "lukte niet" in connector.berichten[-1][1]["text"]


async def test_onzin_en_vreemde_uploadadressen_geven_400(gesprek: TestGesprek, connector, onedrive):
    gesprek.als = CONTROLLER
    for waarde in (
        "onzin",
        {"type": "fileUpload", "action": 7, "context": "x"},
        {
            "type": "fileUpload",
            "action": "accept",
            "context": {"periode_id": "herfst-2026"},
            "uploadInfo": {"uploadUrl": "http://169.254.169.254/latest"},
        },
    ):
        status, body = await gesprek.post(_invoke(gesprek, connector, waarde))
        assert status == 400 and "kan ik niet lezen" in str(body), (waarde, status, body)


async def test_zonder_inzage_wordt_niets_geupload(gesprek: TestGesprek, connector, onedrive):
    server, ontvangen = onedrive
    gesprek.als = "bram-de-wit"
    status, _ = await gesprek.post(
        _invoke(
            gesprek,
            connector,
            {
                "type": "fileUpload",
                "action": "accept",
                "context": {"periode_id": "herfst-2026", "persoon_id": CONTROLLER},
                "uploadInfo": {"uploadUrl": str(server.make_url("/upload/2"))},
            },
        )
    )
    assert status == 200 and ontvangen == []
    assert "Exporteren mag alleen" in connector.berichten[-1][1]["text"]
    assert "Exporteren mag alleen" in tekst_van(
        await gesprek.stuur(waarde={"actie": "rapportage.export_onedrive", "periode_id": "herfst-2026"})
    )
