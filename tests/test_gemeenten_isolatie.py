"""Issue 15 item 3: two gemeenten in one deployment, through the HTTP pipeline (`/api/messages`),
on SQLite and PostgreSQL. The Teams tenant chooses the gemeente; a user of gemeente A can never
see, submit or export anything of B, also not with a crafted card (B's onderwerp ids and
sleutels); reminders, export, overview and the unanswered log of one never contain the other's
data; an unknown tenant is refused in Dutch and nothing is stored.

Gemeente B's kennisbank is a copy of the example with its own name and one onderwerp A lacks: the
same persons and onderwerp ids in both make the database the only thing that keeps them apart.
Gemeente C has the second example (`kennisbank/voorbeeld_cmt`, another shape, other periods).
"""

from __future__ import annotations

import asyncio
import io
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiohttp.test_utils import TestClient, TestServer
from openpyxl import load_workbook
from sqlalchemy import func, select
from yarl import URL

from bot.__main__ import main as bot_main
from bot.app import INSTALLATIE, create_app
from bot.herinneringen import verstuur_herinneringen
from bot.services import TIJDZONE, Installatie
from bot.settings import STANDAARD_KENNISBANK, Settings
from db.base import Base
from db.modellen.bestuursopdracht import BestuursopdrachtCheck
from db.modellen.fundament import BotStatus, OnbeantwoordeVraag
from db.modellen.rapportage import Statusupdate
from db.repositories.onbeantwoord import OnbeantwoordRepository
from kennisbank.__main__ import main as kennisbank_main
from kennisbank.laden import laad_kennisbank
from tests.conftest import TestGesprek, tekst_van
from tests.kennis_voorbeelden import Voorbeelden
from tests.test_bestuursopdracht_gesprek import invulling, kaart_van
from tests.test_rapportage_export_teams import _link
from tests.test_rapportage_gesprek import kaarten, klik, versies

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL

TENANT_A = "0a0a0a0a-0000-4000-8000-00000000000a"
TENANT_B = "0b0b0b0b-0000-4000-8000-00000000000b"
TENANT_C = "0c0c0c0c-0000-4000-8000-0000000000cc"
KENNISBANK_C = STANDAARD_KENNISBANK.parent / "voorbeeld_cmt"
ALLEEN_B = "havenkwartier"
GEHEIM_A = "Wachtlijst-geheim-van-A"
GEHEIM_B = "Kademuur-geheim-van-B"
CONTROLLER = "noor-visser"


def _kennisbank_b(doel: Path) -> Path:
    """The example, renamed, plus one onderwerp (a copy of the jeugdagenda under a new id)."""
    shutil.copytree(STANDAARD_KENNISBANK, doel)
    organisatie = doel / "organisatie.yaml"
    organisatie.write_text(
        organisatie.read_text(encoding="utf-8").replace("naam: Voorbeeldgemeente", "naam: Tweede gemeente", 1),
        encoding="utf-8",
    )
    onderwerpen = doel / "onderwerpen.yaml"
    jeugd = next(o for o in yaml.safe_load(onderwerpen.read_text(encoding="utf-8")) if o["id"] == "jeugdagenda")
    nieuw = {**jeugd, "id": ALLEEN_B, "naam": "Havenkwartier", "aliassen": ["Havenkwartier"]}
    nieuw.pop("historie", None)
    with onderwerpen.open("a", encoding="utf-8") as bestand:
        bestand.write("\n" + yaml.safe_dump([nieuw], allow_unicode=True, sort_keys=False))
    return doel


@pytest.fixture(scope="session")
def kennisbank_b(tmp_path_factory) -> Path:
    return _kennisbank_b(tmp_path_factory.mktemp("gemeente-b") / "kennisbank")


@pytest.fixture
def gemeenten_bestand(tmp_path, kennisbank_b) -> Path:
    pad = tmp_path / "gemeenten.yaml"
    pad.write_text(
        yaml.safe_dump(
            {
                "gemeenten": [
                    {"id": "gemeente-a", "naam": "Gemeente A", "kennisbank": str(STANDAARD_KENNISBANK), "tenants": [TENANT_A]},
                    {"id": "gemeente-b", "naam": "Gemeente B", "kennisbank": str(kennisbank_b), "tenants": [TENANT_B.upper()]},
                    {"id": "gemeente-c", "naam": "Gemeente C", "kennisbank": str(KENNISBANK_C), "tenants": [TENANT_C]},
                ]
            }
        ),
        encoding="utf-8",
    )
    return pad


@pytest.fixture
async def client(database_url, klok, gemeenten_bestand) -> TestClient:
    settings = Settings(
        database_url=database_url,
        gemeenten=gemeenten_bestand,
        herinneringen=False,
        download_geheim="een-gedeeld-geheim",
        # the channel is unreachable here: no retries, and a hung call gives up soon (see tests/conftest.py settings)
        proactief_timeout=1.5,
        teams_opzoek_timeout=1.5,
        kanaal_herhalingen=0,
    )
    client = TestClient(TestServer(create_app(settings, klok=klok)))
    await client.start_server()
    yield client
    await client.close()


@pytest.fixture
def installatie(client) -> Installatie:
    return client.app[INSTALLATIE]


class TenantGesprek(TestGesprek):
    """A Teams conversation from one tenant (`channelData.tenant.id` and `conversation.tenantId`)."""

    def __init__(self, client, kennisbank, tenant: str | None, **velden: Any) -> None:
        super().__init__(client, kennisbank, **velden)
        self.tenant = tenant

    def activiteit(self, **velden: Any) -> dict[str, Any]:
        activiteit = super().activiteit(**velden)
        if self.tenant is not None:
            activiteit.setdefault("channelData", {})["tenant"] = {"id": self.tenant}
            activiteit["conversation"] = {**activiteit["conversation"], "tenantId": self.tenant}
        return activiteit


@pytest.fixture
def in_a(client, kennisbank) -> TenantGesprek:
    return TenantGesprek(client, kennisbank, TENANT_A)


@pytest.fixture
def in_b(client, kennisbank) -> TenantGesprek:
    return TenantGesprek(client, kennisbank, TENANT_B)


async def _geef_door(gesprek: TestGesprek, als: str, onderwerp: str, **invoer: str) -> dict:
    """Submit a statusupdate through the cards; returns the confirm click (with its sleutel)."""
    gesprek.als = als
    formulier = kaarten(await gesprek.stuur(f"statusupdate {onderwerp}"))[0]
    samenvatting = kaarten(await gesprek.stuur(waarde=klik(formulier, "Controleren", **invoer)))[0]
    bevestig = klik(samenvatting, "Bevestigen")
    await gesprek.stuur(waarde=bevestig)
    return bevestig


async def _rijen(installatie: Installatie) -> dict[str, int]:
    async with installatie.engine.connect() as verbinding:
        return {t.name: await verbinding.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}


async def _download(gesprek: TestGesprek, activiteiten: list[dict]) -> tuple[int, Any]:
    antwoord = await gesprek.client.get(URL(_link(activiteiten)).path)
    if antwoord.content_type == "application/json":
        return antwoord.status, (await antwoord.json())["fout"]
    werkboek = load_workbook(io.BytesIO(await antwoord.read()))
    return antwoord.status, "\n".join(
        str(cel.value) for blad in werkboek for rij in blad.iter_rows() for cel in rij if cel.value is not None
    )


# --- the tenant chooses the gemeente; unknown tenants are refused ---------------------------------


async def test_each_tenant_talks_to_its_own_gemeente(in_a, in_b, installatie):
    assert set(installatie.per_gemeente) == {"gemeente-a", "gemeente-b", "gemeente-c"}
    assert ALLEEN_B in installatie.per_gemeente["gemeente-b"].kennisbank.onderwerpen
    assert "Havenkwartier" in tekst_van(await in_b.stuur("wie is opdrachtgever van havenkwartier?"))
    assert "Havenkwartier" not in tekst_van(await in_a.stuur("wie is opdrachtgever van havenkwartier?")).met_knoppen
    assert "Marcel Kossen" in tekst_van(await in_a.stuur("wie is opdrachtgever van de jeugdagenda?"))


@pytest.mark.parametrize("tenant", ["0c0c0c0c-0000-4000-8000-00000000000c", None, "mismatch"])
async def test_an_unknown_tenant_is_refused_in_dutch_and_nothing_is_stored(client, kennisbank, installatie, tenant):
    gesprek = TenantGesprek(client, kennisbank, None if tenant == "mismatch" else tenant)
    gesprek.als = "marcel-kossen"
    velden = (
        {"channelData": {"tenant": {"id": TENANT_A}}, "conversation": {"id": "c-1", "tenantId": TENANT_B}}
        if tenant == "mismatch"
        else {}
    )
    antwoord = await gesprek.stuur("wie is opdrachtgever voor de kerstmarkt?", **velden)  # would be logged as unanswered
    assert (
        tekst_van(antwoord) == "Sturingsbot is niet ingesteld voor jouw organisatie. Vraag je functioneel "
        "beheerder om je organisatie toe te voegen; je bericht is niet bewaard."
    )
    status, body = await gesprek.post(
        gesprek.activiteit(type="conversationUpdate", membersAdded=[{"id": "28:sturingsbot"}], **velden)
    )
    assert status == 403 and "niet ingesteld voor jouw organisatie" in body["fout"]
    status, body = await gesprek.post(
        gesprek.activiteit(type="invoke", name="adaptiveCard/action", value={"action": {"data": {}}}, **velden)
    )
    assert status == 403
    rijen = await _rijen(installatie)
    assert not any(rijen.values()), rijen


async def test_an_unknown_tenant_in_teams_gets_the_refusal_through_the_channel(client, kennisbank, installatie, connector):
    """A normal Teams delivery (not expectReplies): the refusal goes to the conversation through the
    channel; when the channel fails it is still a refusal (403), never a 500; nothing is stored."""
    gesprek = TenantGesprek(client, kennisbank, "0c0c0c0c-0000-4000-8000-00000000000c", gesprek_id="onbekend-1")
    gesprek.als = "marcel-kossen"
    status, _ = await gesprek.post(gesprek.activiteit(text="hoi", deliveryMode="normal", serviceUrl=connector.url))
    assert status in (200, 201)
    [(gesprek_id, bericht)] = connector.berichten
    assert gesprek_id == "onbekend-1" and "niet ingesteld voor jouw organisatie" in bericht["text"]
    connector.faal_voor.add("onbekend-2")
    gesprek.gesprek_id = "onbekend-2"
    status, body = await gesprek.post(gesprek.activiteit(text="hoi", deliveryMode="normal", serviceUrl=connector.url))
    assert status == 403 and "niet ingesteld" in body["fout"]
    rijen = await _rijen(installatie)
    assert not any(rijen.values()), rijen


# --- statusupdates: submit, overview, prefill, export ---------------------------------------------


async def test_a_statusupdate_of_a_is_not_seen_in_b(in_a, in_b, installatie):
    await _geef_door(in_a, "bram-de-wit", "jeugdagenda", status="aandachtspunt", toelichting=GEHEIM_A)
    a, b = installatie.per_gemeente["gemeente-a"], installatie.per_gemeente["gemeente-b"]
    assert [v.toelichting for v in await versies(a, "jeugdagenda")] == [GEHEIM_A]
    assert await versies(b, "jeugdagenda") == []
    # B's card for the same person and onderwerp is empty (A's latest version would pre-fill it)
    in_b.als = "bram-de-wit"
    assert GEHEIM_A not in str(kaarten(await in_b.stuur("statusupdate jeugdagenda")))
    # the overviews: A counts it, B does not
    in_a.als = in_b.als = CONTROLLER
    overzicht_a = tekst_van(await in_a.stuur("overzicht rapportage"))
    overzicht_b = tekst_van(await in_b.stuur("overzicht rapportage"))
    assert "Doorgegeven: **1 van 38**" in overzicht_a and GEHEIM_A in overzicht_a
    assert (
        "Doorgegeven: **0 van 39**" in overzicht_b
        and GEHEIM_A not in overzicht_b.met_knoppen
        and "Jeugdagenda" not in overzicht_b.met_knoppen
    )


async def test_export_of_each_gemeente_holds_only_its_own_rows(
    in_a, in_b, database_url, gemeenten_bestand, monkeypatch, tmp_path
):
    await _geef_door(in_a, "bram-de-wit", "jeugdagenda", status="aandachtspunt", toelichting=GEHEIM_A)
    await _geef_door(in_b, "bram-de-wit", ALLEEN_B, status="aandachtspunt", toelichting=GEHEIM_B)
    in_a.als = in_b.als = CONTROLLER
    link_a = await in_a.stuur("exporteer herfst 2026")
    link_b = await in_b.stuur("exporteer herfst 2026")
    status, inhoud_b = await _download(in_b, link_b)
    assert status == 200 and GEHEIM_B in inhoud_b and GEHEIM_A not in inhoud_b
    status, inhoud_a = await _download(in_a, link_a)
    assert status == 200 and GEHEIM_A in inhoud_a and GEHEIM_B not in inhoud_a and "Havenkwartier" not in inhoud_a
    # the operators' export command, per gemeente
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("GEMEENTEN", str(gemeenten_bestand))
    for gemeente, eigen, ander in (("gemeente-a", GEHEIM_A, GEHEIM_B), ("gemeente-b", GEHEIM_B, GEHEIM_A)):
        pad = tmp_path / f"{gemeente}.csv"
        argumenten = [
            "rapportage",
            "export",
            "--periode",
            "herfst-2026",
            "--format",
            "csv",
            "--uitvoer",
            str(pad),
            "--gemeente",
            gemeente,
        ]
        assert await asyncio.to_thread(bot_main, argumenten) == 0
        inhoud = pad.read_text(encoding="utf-8-sig")
        assert eigen in inhoud and ander not in inhoud


async def test_a_download_link_cannot_be_moved_to_the_other_gemeente(in_a, in_b, installatie):
    """A link names its gemeente under the signature; changing it breaks the signature, and the
    other gemeente's links refuse it even when signed with the shared secret."""
    in_a.als = CONTROLLER
    token = URL(_link(await in_a.stuur("exporteer herfst 2026"))).path.rsplit("/", 1)[1]
    b = installatie.per_gemeente["gemeente-b"]
    from bot.downloadlinks import OngeldigeLink

    with pytest.raises(OngeldigeLink):
        b.downloads.lees(token)
    payload, _, handtekening = token.partition(".")
    import base64
    import json

    inhoud = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    vervalst = base64.urlsafe_b64encode(json.dumps({**inhoud, "m": "gemeente-b"}).encode()).rstrip(b"=").decode()
    antwoord = await in_a.client.get(f"/download/{vervalst}.{handtekening}")
    assert antwoord.status == 403 and "ongeldig" in (await antwoord.json())["fout"]


async def test_a_crafted_card_with_the_other_gemeentes_ids_and_sleutel(in_a, in_b, installatie):
    """A user of A submits B's confirm card (B's onderwerp, B's sleutel): it is not found in A,
    it does not touch B's row; B's own double click still finds B's row."""
    bevestig_b = await _geef_door(in_b, "bram-de-wit", ALLEEN_B, status="aandachtspunt", toelichting=GEHEIM_B)
    in_a.als = "bram-de-wit"
    antwoord = tekst_van(await in_a.stuur(waarde=bevestig_b))
    assert GEHEIM_B not in antwoord.met_knoppen and "had ik al ontvangen" not in antwoord.met_knoppen
    a, b = installatie.per_gemeente["gemeente-a"], installatie.per_gemeente["gemeente-b"]
    assert await versies(a) == []  # an onderwerp A does not know is not stored in A
    assert [v.toelichting for v in await versies(b)] == [GEHEIM_B]
    # the same sleutel for an onderwerp both know: stored in A as A's own, B's row untouched
    bevestig_b2 = await _geef_door(in_b, "bram-de-wit", "jeugdagenda", status="aandachtspunt", toelichting=GEHEIM_B)
    antwoord = tekst_van(await in_a.stuur(waarde=bevestig_b2))
    assert "had ik al ontvangen" not in antwoord.met_knoppen
    assert [(v.onderwerp_id, v.versie, v.gemeente) for v in await versies(a)] == [("jeugdagenda", 1, "gemeente-a")]
    assert sorted((v.onderwerp_id, v.versie) for v in await versies(b)) == [(ALLEEN_B, 1), ("jeugdagenda", 1)]
    assert "had ik al ontvangen" in tekst_van(await in_b.stuur(waarde=bevestig_b2))


async def test_a_crafted_bestuursopdracht_sleutel_of_the_other_gemeente(in_a, in_b, installatie):
    in_b.als = in_a.als = "marcel-kossen"
    kaart = kaart_van(await in_b.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    antwoord_b = tekst_van(await in_b.stuur(waarde=invulling(kaart, 5, notitie=GEHEIM_B)))
    assert "**Advies: Bestuursopdracht nodig**" in antwoord_b
    # A user of A posts B's card (B's sleutel) with other answers: a new check in A, nothing of B's shown
    antwoord_a = tekst_van(await in_a.stuur(waarde=invulling(kaart, 0)))
    assert (
        "Geen bestuursopdracht nodig" in antwoord_a
        and "al opgeslagen" not in antwoord_a.met_knoppen
        and GEHEIM_B not in antwoord_a.met_knoppen
    )

    async def checks(gemeente: str) -> list[tuple]:
        async with installatie.per_gemeente[gemeente].sessies() as sessie:
            rijen = (await sessie.scalars(select(BestuursopdrachtCheck).order_by(BestuursopdrachtCheck.id))).all()
        return [(r.gemeente, r.aantal_geldend, r.notitie) for r in rijen]

    assert await checks("gemeente-b") == [("gemeente-b", 5, GEHEIM_B)]
    assert await checks("gemeente-a") == [("gemeente-a", 0, None)]
    # "mijn checks" in A lists only A's
    lijst = tekst_van(await in_a.stuur("mijn checks"))
    assert GEHEIM_B not in lijst.met_knoppen and "Bestuursopdracht nodig" not in lijst.met_knoppen


async def test_a_gemeente_with_another_kennisbank_shape_is_kept_apart(client, installatie, klok, in_a):
    """C runs the second example: its own onderwerpen, people and periods answer in C only; A's
    confirm card posted in C (A's period, onderwerp and sleutel) stores nothing; C's export holds
    nothing of A."""
    bevestig_a = await _geef_door(in_a, "bram-de-wit", "jeugdagenda", status="aandachtspunt", toelichting=GEHEIM_A)
    c = installatie.per_gemeente["gemeente-c"]
    voorbeelden = Voorbeelden(c.kennisbank, klok().date())
    moment, periode = voorbeelden.open_moment()
    klok.zet(moment)
    in_c = TenantGesprek(client, c.kennisbank, TENANT_C)
    onderwerp = voorbeelden.met_gedelegeerd()
    in_c.als = voorbeelden.gedelegeerd(onderwerp).id
    assert voorbeelden.ao(onderwerp).naam in tekst_van(await in_c.stuur(f"wie is opdrachtgever van {onderwerp.naam}?"))
    in_a.als = "marcel-kossen"
    assert (
        voorbeelden.ao(onderwerp).naam
        not in tekst_van(await in_a.stuur(f"wie is opdrachtgever van {onderwerp.naam}?")).met_knoppen
    )

    antwoord = tekst_van(await in_c.stuur(waarde=bevestig_a))
    assert GEHEIM_A not in antwoord.met_knoppen and "had ik al ontvangen" not in antwoord.met_knoppen
    async with c.sessies() as sessie:
        assert await sessie.scalar(select(func.count()).select_from(Statusupdate)) == 0

    in_c.als = voorbeelden.controller().id
    regel = next(r for r in c.kennisbank.bestanden.rapportage.jaarlijks if periode.id.startswith(r.id))
    status, inhoud = await _download(in_c, await in_c.stuur(f"exporteer {regel.aliassen[0]} {periode.peildatum.year}"))
    assert status == 200 and GEHEIM_A not in inhoud and "Jeugdagenda" not in inhoud


# --- conversation state, unanswered log, reminders ------------------------------------------------


async def test_conversation_state_is_per_gemeente(client, kennisbank, installatie):
    """Even one conversation id under both tenants (crafted) shares no dialog."""
    in_a = TenantGesprek(client, kennisbank, TENANT_A, gesprek_id="zelfde-gesprek")
    in_b = TenantGesprek(client, kennisbank, TENANT_B, gesprek_id="zelfde-gesprek")
    in_a.als = in_b.als = "marcel-kossen"
    assert "Waar gaat het over?" in tekst_van(await in_a.stuur("ik wil escaleren"))  # A's dialog waits
    vervolg_b = tekst_van(await in_b.stuur("Meningsverschil"))  # in B there is no dialog to answer
    vervolg_a = tekst_van(await in_a.stuur("Meningsverschil"))
    assert "Waar gaat het over?" not in vervolg_a.met_knoppen and "herken ik niet" not in vervolg_a.met_knoppen
    assert vervolg_b != vervolg_a
    # duplicate detection is per gemeente too: the same activity id is handled in each
    assert await in_a.stuur("help", id="zelfde-activiteit")
    assert await in_b.stuur("help", id="zelfde-activiteit")
    async with installatie.engine.connect() as verbinding:
        rijen = (await verbinding.execute(select(BotStatus.gemeente, BotStatus.sleutel))).all()
    assert {(g, s) for g, s in rijen if "zelfde-gesprek" in s} == {
        ("gemeente-a", "msteams/conversations/zelfde-gesprek"),
        ("gemeente-b", "msteams/conversations/zelfde-gesprek"),
    }


async def test_the_unanswered_log_is_per_gemeente(in_a, in_b, installatie, database_url, gemeenten_bestand, monkeypatch, capsys):
    in_a.als = "marcel-kossen"
    await in_a.stuur("wie is opdrachtgever voor de kerstmarkt?")

    async def recent(gemeente: str) -> list[str]:
        async with installatie.per_gemeente[gemeente].sessies() as sessie:
            return [v.vraag for v in await OnbeantwoordRepository(sessie).recent()]

    assert any("kerstmarkt" in v for v in await recent("gemeente-a"))
    assert await recent("gemeente-b") == []
    async with installatie.engine.connect() as verbinding:
        assert set(await verbinding.scalars(select(OnbeantwoordeVraag.gemeente))) == {"gemeente-a"}
    # the maintainers' command reads one gemeente (the first unless named)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("GEMEENTEN", str(gemeenten_bestand))
    assert await asyncio.to_thread(kennisbank_main, ["onbeantwoord", "--gemeente", "gemeente-b"]) == 0
    assert "Geen onbeantwoorde vragen" in capsys.readouterr().out
    assert await asyncio.to_thread(kennisbank_main, ["onbeantwoord"]) == 0
    assert "kerstmarkt" in capsys.readouterr().out
    assert await asyncio.to_thread(kennisbank_main, ["onbeantwoord", "--gemeente", "gemeente-x"]) == 2


async def test_reminders_of_each_gemeente_use_only_its_own_rows(client, kennisbank, installatie, connector):
    """Bram submitted his only onderwerp in A: A does not remind him, B does; each gemeente's pass
    reaches only conversations stored in that gemeente."""

    async def praat(tenant: str, persoon: str) -> TenantGesprek:
        gesprek = TenantGesprek(client, kennisbank, tenant, gesprek_id=f"dm-{tenant[:4]}-{persoon}")
        gesprek.als = persoon
        await gesprek.stuur("hoi", serviceUrl=connector.url)
        return gesprek

    bram_a = await praat(TENANT_A, "bram-de-wit")
    await praat(TENANT_A, "marcel-kossen")
    await praat(TENANT_B, "bram-de-wit")
    await praat(TENANT_B, "marcel-kossen")
    await praat(TENANT_B, "jelle-arentsen")
    formulier = kaarten(await bram_a.stuur("statusupdate", serviceUrl=connector.url))[0]
    samenvatting = kaarten(await bram_a.stuur(waarde=klik(formulier, "Op koers, niets te melden"), serviceUrl=connector.url))[0]
    await bram_a.stuur(waarde=klik(samenvatting, "Bevestigen"), serviceUrl=connector.url)

    moment = datetime(2026, 11, 16, 9, 5, tzinfo=TIJDZONE)
    passen = {}
    for gemeente in ("gemeente-a", "gemeente-b"):
        services = installatie.per_gemeente[gemeente]
        connector.berichten.clear()
        passen[gemeente] = await verstuur_herinneringen(
            kennisbank=services.kennisbank,
            sessies=services.sessies,
            teksten=services.diensten.teksten,
            adapter=services.adapter,
            app_id=services.settings.app_id,
            nu=moment,
        )
        gesprekken = {gesprek for gesprek, _ in connector.berichten}
        voorvoegsel = {"gemeente-a": TENANT_A[:4], "gemeente-b": TENANT_B[:4]}[gemeente]
        assert gesprekken and all(g.startswith(f"dm-{voorvoegsel}-") for g in gesprekken), (gemeente, gesprekken)
    assert "bram-de-wit" not in passen["gemeente-a"].verstuurd and "marcel-kossen" in passen["gemeente-a"].verstuurd
    assert {"bram-de-wit", "marcel-kossen", "jelle-arentsen"} <= set(passen["gemeente-b"].verstuurd)
    assert "jelle-arentsen" in passen["gemeente-a"].zonder_referentie  # his conversation is in B only


# --- a single-gemeente installation ---------------------------------------------------------------


async def test_without_gemeenten_any_tenant_is_served_as_before(gesprek, services, bot_client):
    gesprek.als = "marcel-kossen"
    for tenant in ("0d0d0d0d-0000-4000-8000-00000000000d", None):
        gesprek.gesprek_id = f"zonder-config-{tenant}"
        velden = {"channelData": {"tenant": {"id": tenant}}} if tenant else {}
        assert "Marcel Kossen" in tekst_van(await gesprek.stuur("wie is opdrachtgever van de jeugdagenda?", **velden))
    async with services.engine.connect() as verbinding:
        assert set(await verbinding.scalars(select(BotStatus.gemeente))) == {"standaard"}
    assert set(bot_client.app[INSTALLATIE].per_gemeente) == {"standaard"}


def test_gemeente_b_kennisbank_is_valid(kennisbank_b):
    assert laad_kennisbank(kennisbank_b).organisatie.naam == "Tweede gemeente"
