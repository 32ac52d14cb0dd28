"""Issue 15, one bot registration per gemeente: a shared-service deployment serves gemeenten in
different Entra tenants, each with its own SingleTenant registration (new MultiTenant ones can no
longer be made). The tenant chooses the gemeente, and that gemeente's adapter accepts only tokens
whose audience is its own app id; its proactive messages go out with its own credentials.

Tokens are signed offline as in `tests/test_kanaalbeveiliging.py` (our key as the channel's JWKS);
the one call to Entra for an outgoing token is replaced by a recorder of which credentials asked.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiohttp.test_utils import TestClient, TestServer
from botframework.connector.auth import MicrosoftAppCredentials

from bot.app import INSTALLATIE, create_app
from bot.cli.teams_pakket import _voor_gemeente
from bot.gemeenten import gemeenten_uit, laad_gemeenten
from bot.services import Installatie
from bot.settings import STANDAARD_KENNISBANK, ConfiguratieFout, Settings
from tests.conftest import tekst_van
from tests.test_gemeenten_isolatie import TENANT_A, TENANT_B, TenantGesprek, _rijen
from tests.test_kanaalbeveiliging import kanaalsleutel, opgevraagde_metadata, token  # noqa: F401 — fixtures

APP_A = "a1a1a1a1-0000-4000-8000-0000000000a1"
APP_B = "b2b2b2b2-0000-4000-8000-0000000000b2"
GEHEIM_A = "geheim-van-registratie-a"
GEHEIM_B = "geheim-van-registratie-b"
ONBEKENDE_TENANT = "0c0c0c0c-0000-4000-8000-00000000000c"


def _bestand(map_: Path, geheimbestand: Path) -> Path:
    pad = map_ / "gemeenten.yaml"
    pad.write_text(
        yaml.safe_dump(
            {
                "gemeenten": [
                    {
                        "id": "gemeente-a",
                        "naam": "Gemeente A",
                        "kennisbank": str(STANDAARD_KENNISBANK),
                        "tenants": [TENANT_A],
                        "bot": {
                            "app_id": APP_A,
                            "app_type": "SingleTenant",
                            "tenant_id": TENANT_A,
                            "app_password_env": "GEMEENTE_A_APP_PASSWORD",
                        },
                    },
                    {
                        "id": "gemeente-b",
                        "naam": "Gemeente B",
                        "kennisbank": str(STANDAARD_KENNISBANK),
                        "tenants": [TENANT_B],
                        "bot": {"app_id": APP_B, "tenant_id": TENANT_B, "app_password_bestand": geheimbestand.name},
                    },
                ]
            },
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    return pad


@pytest.fixture
def gemeenten_bestand(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("GEMEENTE_A_APP_PASSWORD", GEHEIM_A)
    geheim = tmp_path / "geheim-b"
    geheim.write_text(GEHEIM_B + "\n", encoding="utf-8")
    return _bestand(tmp_path, geheim)


@pytest.fixture
def uitgaand(monkeypatch) -> list[tuple[str, str, str]]:
    """(app id, secret, token endpoint) of every outgoing token the bot asks Entra for."""
    gevraagd: list[tuple[str, str, str]] = []

    def token_voor(self: MicrosoftAppCredentials, force_refresh: bool = False) -> str:
        gevraagd.append((self.microsoft_app_id, self.microsoft_app_password, self.oauth_endpoint))
        return f"uitgaand-token-{self.microsoft_app_id}"

    monkeypatch.setattr(MicrosoftAppCredentials, "get_access_token", token_voor)
    return gevraagd


@pytest.fixture
async def client(database_url, klok, gemeenten_bestand, opgevraagde_metadata) -> AsyncIterator[TestClient]:  # noqa: F811
    """No global MicrosoftAppId: every gemeente has its own registration."""
    settings = Settings(database_url=database_url, gemeenten=gemeenten_bestand, herinneringen=False)
    client = TestClient(TestServer(create_app(settings, klok=klok)))
    await client.start_server()
    yield client
    await client.close()


@pytest.fixture
def installatie(client) -> Installatie:
    return client.app[INSTALLATIE]


async def _stuur(client, kennisbank, tenant: str, autorisatie: str, **velden: Any) -> tuple[int, Any]:
    gesprek = TenantGesprek(client, kennisbank, tenant)
    gesprek.als = "marcel-kossen"  # known aadObjectId: no member lookup at the channel
    activiteit = gesprek.activiteit(text="wie is opdrachtgever voor de jeugdagenda", **velden)
    antwoord = await client.post("/api/messages", json=activiteit, headers={"Authorization": autorisatie})
    body = await antwoord.json() if antwoord.content_type == "application/json" else await antwoord.text()
    return antwoord.status, body


async def test_each_gemeente_accepts_a_token_for_its_own_app(client, kennisbank, kanaalsleutel):  # noqa: F811
    for tenant, app in ((TENANT_A, APP_A), (TENANT_B, APP_B)):
        status, body = await _stuur(client, kennisbank, tenant, f"Bearer {token(kanaalsleutel, aud=app)}")
        assert status == 200, body
        assert "Marcel Kossen" in tekst_van(body["activities"])


@pytest.mark.parametrize("tenant,app", [(TENANT_B, APP_A), (TENANT_A, APP_B)], ids=["b-met-token-van-a", "a-met-token-van-b"])
async def test_a_token_for_the_other_gemeentes_bot_is_refused(client, kennisbank, kanaalsleutel, installatie, tenant, app):  # noqa: F811
    """An activity that claims one tenant but is signed for the other gemeente's bot: 401, nothing stored."""
    status, body = await _stuur(client, kennisbank, tenant, f"Bearer {token(kanaalsleutel, aud=app)}")
    assert status == 401, body
    assert "Marcel Kossen" not in json.dumps(body)
    rijen = await _rijen(installatie)
    assert not any(rijen.values()), rijen


async def test_an_unknown_tenant_is_refused_through_whichever_registration_signed(
    client,
    kennisbank,
    kanaalsleutel,
    installatie,  # noqa: F811
):
    status, body = await _stuur(client, kennisbank, ONBEKENDE_TENANT, f"Bearer {token(kanaalsleutel, aud=APP_B)}")
    assert status == 200 and "niet ingesteld voor jouw organisatie" in tekst_van(body["activities"])
    status, _ = await _stuur(client, kennisbank, ONBEKENDE_TENANT, f"Bearer {token(kanaalsleutel, aud=ONBEKENDE_TENANT)}")
    assert status == 401
    status, _ = await _stuur(client, kennisbank, ONBEKENDE_TENANT, "")
    assert status == 401  # no global MicrosoftAppId, but no anonymous gemeente either
    rijen = await _rijen(installatie)
    assert not any(rijen.values()), rijen


async def test_replies_and_proactive_messages_use_the_gemeentes_own_registration(
    client,
    kennisbank,
    kanaalsleutel,
    installatie,
    connector,
    uitgaand,  # noqa: F811
):
    """A Teams delivery to B is answered with B's credentials (B's app id, secret and tenant); a proactive
    message (the reminders' way of sending) to the same person from B goes out signed for B, one from A for A."""
    autorisatie = f"Bearer {token(kanaalsleutel, aud=APP_B, serviceurl=connector.url)}"
    status, _ = await _stuur(client, kennisbank, TENANT_B, autorisatie, deliveryMode="normal", serviceUrl=connector.url)
    assert status in (200, 201)
    await connector.wacht_op(1)
    assert uitgaand and all(
        gevraagd == (APP_B, GEHEIM_B, f"https://login.microsoftonline.com/{TENANT_B}") for gevraagd in uitgaand
    ), uitgaand
    assert set(connector.autorisaties) == {f"Bearer uitgaand-token-{APP_B}"}

    b = installatie.per_gemeente["gemeente-b"]
    assert b.settings.app_id == APP_B  # the reminders send with services.settings.app_id
    assert await b.diensten.proactief("marcel-kossen", "Herinnering van B")
    assert connector.verstuurd[-1]["text"] == "Herinnering van B"
    assert connector.autorisaties[-1] == f"Bearer uitgaand-token-{APP_B}"

    autorisatie = f"Bearer {token(kanaalsleutel, aud=APP_A, serviceurl=connector.url)}"
    status, _ = await _stuur(client, kennisbank, TENANT_A, autorisatie, deliveryMode="normal", serviceUrl=connector.url)
    assert status in (200, 201)
    a = installatie.per_gemeente["gemeente-a"]
    assert a.settings.app_id == APP_A
    assert await a.diensten.proactief("marcel-kossen", "Herinnering van A")
    assert connector.verstuurd[-1]["text"] == "Herinnering van A"
    assert connector.autorisaties[-1] == f"Bearer uitgaand-token-{APP_A}"
    assert (APP_A, GEHEIM_A, f"https://login.microsoftonline.com/{TENANT_A}") in uitgaand


def test_the_secret_comes_from_the_named_variable_or_file_and_is_never_shown(gemeenten_bestand):
    a, b = laad_gemeenten(gemeenten_bestand).lijst
    assert (a.bot.app_id, a.bot.app_type, a.bot.app_password) == (APP_A, "SingleTenant", GEHEIM_A)
    assert (b.bot.app_id, b.bot.app_type, b.bot.app_password) == (APP_B, "SingleTenant", GEHEIM_B)  # SingleTenant by default
    assert GEHEIM_A not in repr(a) and GEHEIM_B not in repr(b)
    eigen = b.instellingen(Settings(app_id="globaal", app_password="x", app_tenant_id="t"))
    assert (eigen.app_id, eigen.app_password, eigen.app_tenant_id) == (APP_B, GEHEIM_B, TENANT_B)


def test_a_gemeente_without_a_block_keeps_the_global_registration(tmp_path):
    pad = tmp_path / "gemeenten.yaml"
    pad.write_text(
        f"gemeenten:\n  - id: a\n    naam: A\n    kennisbank: {STANDAARD_KENNISBANK}\n    tenants: [t-a]\n"
        f"    bot: {{app_id: {APP_A}, app_type: UserAssignedMSI, tenant_id: {TENANT_A}}}\n"
        f"  - id: b\n    naam: B\n    kennisbank: {STANDAARD_KENNISBANK}\n    tenants: [t-b]\n",
        encoding="utf-8",
    )
    gemeenten = laad_gemeenten(pad)
    globaal = Settings(app_id="globale-app", app_password="x", app_tenant_id="t")
    assert gemeenten.lijst[1].instellingen(globaal) is globaal
    assert gemeenten.lijst[0].instellingen(globaal).app_type == "UserAssignedMSI"
    assert not gemeenten.anoniem(globaal)
    assert gemeenten.anoniem(Settings())  # B without a block and no MicrosoftAppId: anonymous
    assert Settings(host="0.0.0.0").weigering_netwerk(anoniem=gemeenten.anoniem(Settings())) is not None


GOED = f"""\
gemeenten:
  - id: gemeente-a
    naam: Gemeente A
    kennisbank: {STANDAARD_KENNISBANK}
    tenants: [{TENANT_A}]
    bot:
      app_id: {APP_A}
      app_type: SingleTenant
      tenant_id: {TENANT_A}
      app_password_env: GEMEENTE_A_APP_PASSWORD
"""

FOUTEN = {
    "geheim in het bestand": (
        GOED.replace("app_password_env: GEMEENTE_A_APP_PASSWORD", "app_password: pas-op"),
        10,
        "zet het geheim niet in dit bestand",
    ),
    "variabele niet gezet": (
        GOED.replace("GEMEENTE_A_APP_PASSWORD", "NIET_GEZET"),
        10,
        "omgevingsvariabele NIET_GEZET (het geheim van deze registratie) is niet gezet",
    ),
    "bestand ontbreekt": (
        GOED.replace("app_password_env: GEMEENTE_A_APP_PASSWORD", "app_password_bestand: weg.txt"),
        10,
        "weg.txt is niet te lezen",
    ),
    "multitenant": (
        GOED.replace("app_type: SingleTenant", "app_type: MultiTenant"),
        8,
        "app_type moet SingleTenant of UserAssignedMSI zijn",
    ),
    "msi met geheim": (
        GOED.replace("app_type: SingleTenant", "app_type: UserAssignedMSI"),
        10,
        "een beheerde identiteit (UserAssignedMSI) heeft geen geheim",
    ),
    "geen geheim": (
        GOED.replace("      app_password_env: GEMEENTE_A_APP_PASSWORD\n", ""),
        6,
        "precies één van app_password_env of app_password_bestand",
    ),
    "tenant ontbreekt": (GOED.replace(f"      tenant_id: {TENANT_A}\n", ""), 6, "veld 'tenant_id' ontbreekt in het bot-blok"),
    "tikfout": (GOED.replace("app_id:", "appid:"), 7, "onbekend veld 'appid' (bedoelde je 'app_id'?)"),
    "geen blok": (GOED.split("    bot:")[0] + f"    bot: {APP_A}\n", 6, "bot moet een blok zijn"),
}


@pytest.mark.parametrize("tekst,regel,melding", FOUTEN.values(), ids=FOUTEN.keys())
def test_mistakes_in_the_bot_block_are_dutch_with_file_and_line(tmp_path, tekst, regel, melding):
    pad = tmp_path / "gemeenten.yaml"
    pad.write_text(tekst, encoding="utf-8")
    with pytest.raises(ConfiguratieFout) as fout:
        laad_gemeenten(pad, {"GEMEENTE_A_APP_PASSWORD": GEHEIM_A})
    assert f"{pad}:{regel}:" in str(fout.value) and melding in str(fout.value), str(fout.value)
    assert "pas-op" not in str(fout.value)


def test_the_teams_package_of_a_gemeente_carries_its_own_bot_id(gemeenten_bestand):
    a, b = laad_gemeenten(gemeenten_bestand).lijst
    leeg = {"BOT_ID": None, "TEAMS_APP_ID": None}
    pakket_a, pakket_b = _voor_gemeente(leeg, a), _voor_gemeente(leeg, b)
    assert (pakket_a["BOT_ID"], pakket_b["BOT_ID"]) == (APP_A, APP_B)
    assert pakket_a["TEAMS_APP_ID"] != pakket_b["TEAMS_APP_ID"]  # two different Teams apps
    assert _voor_gemeente({"BOT_ID": "expliciet", "TEAMS_APP_ID": "ook"}, a) == {"BOT_ID": "expliciet", "TEAMS_APP_ID": "ook"}


def _twee_met(app_b: str, *, b_blok: bool = True) -> str:
    b = (
        f"    bot:\n      app_id: {app_b}\n      tenant_id: {TENANT_B}\n      app_password_env: GEMEENTE_A_APP_PASSWORD\n"
        if b_blok
        else ""
    )
    return (
        GOED
        + f"  - id: gemeente-b\n    naam: Gemeente B\n    kennisbank: {STANDAARD_KENNISBANK}\n    tenants: [{TENANT_B}]\n"
        + b
    )


def test_two_gemeenten_with_one_registration_are_refused(tmp_path):
    """One app id in two bot blocks (case does not matter: a GUID) would let either gemeente's tokens,
    replies and Teams app pass for the other's: refused at load, naming both gemeenten and the line."""
    pad = tmp_path / "gemeenten.yaml"
    pad.write_text(_twee_met(APP_A.upper()), encoding="utf-8")
    with pytest.raises(ConfiguratieFout) as fout:
        laad_gemeenten(pad, {"GEMEENTE_A_APP_PASSWORD": GEHEIM_A})
    bericht = str(fout.value)
    assert (
        f"{pad}:16: app_id {APP_A.upper()} van gemeente 'gemeente-b' is ook de registratie van gemeente 'gemeente-a' (regel 7)"
        in bericht
    )
    assert "laat dan bij hen het bot-blok weg en zet die registratie in MicrosoftAppId" in bericht
    assert GEHEIM_A not in bericht
    pad.write_text(_twee_met(APP_B), encoding="utf-8")
    assert [g.bot.app_id for g in laad_gemeenten(pad, {"GEMEENTE_A_APP_PASSWORD": GEHEIM_A}).lijst] == [APP_A, APP_B]


def test_a_bot_block_with_the_global_registration_of_another_gemeente_is_refused(tmp_path, monkeypatch):
    """B has no block, so it uses MicrosoftAppId; A's block naming that same app id shares it."""
    pad = tmp_path / "gemeenten.yaml"
    pad.write_text(_twee_met("", b_blok=False), encoding="utf-8")
    monkeypatch.setenv("GEMEENTE_A_APP_PASSWORD", GEHEIM_A)
    globaal = Settings(gemeenten=pad, app_id=APP_A, app_password="x", app_tenant_id=TENANT_A)
    with pytest.raises(ConfiguratieFout) as fout:
        gemeenten_uit(globaal)
    assert (
        f"{pad}:7: app_id {APP_A} van gemeente 'gemeente-a' is ook MicrosoftAppId, de registratie van gemeente 'gemeente-b'"
        in str(fout.value)
    )
    assert [g.id for g in gemeenten_uit(Settings(gemeenten=pad, app_id=APP_B, app_password="x", app_tenant_id="t")).lijst] == [
        "gemeente-a",
        "gemeente-b",
    ]
