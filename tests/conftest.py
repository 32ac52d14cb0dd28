"""Shared fixtures: databases (SQLite and PostgreSQL), the shipped kennisbank, a settable clock,
and `bot_client` / `gesprek` — the real app from `create_app`, talked to over HTTP.

Databases: a test gets a copy of a SQLite file migrated once per run. A test marked `beide_databases`
(storage, transactions, concurrency, isolation, outage, input the databases treat differently, and a
pass of every feature's conversation) runs on PostgreSQL too, on the run's database emptied before
each test; the migration, crash and outage tests bring their own PostgreSQL databases.

PostgreSQL: STURINGSBOT_TEST_POSTGRES_URL (default postgres@127.0.0.1:5432/test). Each test run
(each pytest-xdist worker) creates its own database and drops it afterwards. If the server is
unreachable the postgres tests FAIL, unless STURINGSBOT_SKIP_POSTGRES=1 is set (for a laptop without
PostgreSQL).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

import db.modellen  # noqa: F401
from bot.app import GEMEENTEBOT, create_app
from bot.services import TIJDZONE, GemeenteBot
from bot.settings import STANDAARD_KENNISBANK, Settings
from db.base import Base
from db.engine import DatabaseTijden, maak_engine, maak_sessies
from db.migreren import upgrade
from kennisbank.kennisbank import Kennisbank
from tests import lusbewaking
from tests.kennis_eenmaal import (
    KENNISBANKEN,
    kennis_eenmaal_per_testrun,  # noqa: F401 — session fixture
    laad_eenmaal,
)
from tests.kennis_voorbeelden import Voorbeelden
from tests.nep_connector import NepConnector

POSTGRES_URL = os.environ.get("STURINGSBOT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
SKIP_POSTGRES = os.environ.get("STURINGSBOT_SKIP_POSTGRES") == "1"
STANDAARD_MOMENT = datetime(2026, 11, 22, 10, 0, tzinfo=TIJDZONE)


# --- databases -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test run (dropped at the end)."""
    from tests.postgres_beheer import BEHEER_TIJDEN, voer_beheer_uit  # it imports this module

    naam = f"sturingsbot_test_{uuid.uuid4().hex[:10]}"
    beheer_url = make_url(POSTGRES_URL)
    try:
        asyncio.run(voer_beheer_uit(beheer_url.render_as_string(False), f'CREATE DATABASE "{naam}"'))
    except Exception as fout:  # noqa: BLE001
        if SKIP_POSTGRES:
            pytest.skip(f"PostgreSQL niet bereikbaar en STURINGSBOT_SKIP_POSTGRES=1: {fout}")
        pytest.fail(
            f"PostgreSQL op {beheer_url.render_as_string(True)} is niet bereikbaar ({fout!r}). "
            "Start de server of zet STURINGSBOT_SKIP_POSTGRES=1 om deze tests over te slaan.",
            pytrace=False,
        )
    url = beheer_url.set(database=naam).render_as_string(False)
    asyncio.run(_migreer(url, BEHEER_TIJDEN))
    yield url
    asyncio.run(voer_beheer_uit(beheer_url.render_as_string(False), f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))


async def _migreer(url: str, tijden: DatabaseTijden = DatabaseTijden()) -> None:
    engine = maak_engine(url, tijden=tijden)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


DATABASES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
"""The parameters of a test marked `beide_databases` (the database is what it tests)."""


@pytest.fixture(scope="session")
def sqlite_sjabloon(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once per test run (per xdist worker); every test gets a copy."""
    pad = tmp_path_factory.mktemp("sjabloon") / "sturingsbot.db"
    asyncio.run(_migreer(f"sqlite+aiosqlite:///{pad}"))
    return pad


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty, migrated database: a copy of the migrated SQLite file, or (for a test marked
    `beide_databases`, or parametrised with "postgres") the run's PostgreSQL database emptied."""
    if getattr(request, "param", "sqlite") == "sqlite":
        pad = tmp_path / "sturingsbot.db"
        shutil.copyfile(request.getfixturevalue("sqlite_sjabloon"), pad)
        return f"sqlite+aiosqlite:///{pad}"
    url = request.getfixturevalue("postgres_database")
    asyncio.run(_leeg_postgres(url))
    return url


async def _leeg_postgres(url: str) -> None:
    """Every row gone and every id sequence back at 1, as after migrating. DELETE, not TRUNCATE:
    on these small tables it is several times faster (TRUNCATE makes new files for every table)."""
    engine = maak_engine(url)
    try:
        async with engine.begin() as verbinding:
            for tabel in reversed(Base.metadata.sorted_tables):
                await verbinding.execute(tabel.delete())
            await verbinding.execute(
                text(
                    "SELECT setval(c.oid, 1, false) FROM pg_class c WHERE c.relkind = 'S' AND c.relnamespace = 'public'::regnamespace"
                )
            )
    finally:
        await engine.dispose()


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = maak_engine(database_url)
    await upgrade(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
def sessies(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return maak_sessies(engine)


# --- kennisbank and clock ------------------------------------------------------------------


_EIGEN_MODELCACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    lusbewaking.installeer()  # a test's event loop that cannot close fails the test instead of stalling the run
    # One model cache (dialogen.modelcache) for the whole run: the xdist workers and every `python -m
    # bot` a test starts inherit it, so the classifier is trained once per set of examples, not at each
    # start; removed at the end. A MODELCACHE of your own is left alone.
    if "MODELCACHE" not in os.environ:
        _EIGEN_MODELCACHE.append(tempfile.mkdtemp(prefix="sturingsbot-modelcache-"))
        os.environ["MODELCACHE"] = _EIGEN_MODELCACHE[0]
    config.addinivalue_line(
        "markers", "beide_kennisbanken: run on every shipped example kennisbank (tests/kennis_eenmaal.KENNISBANKEN)"
    )
    config.addinivalue_line(
        "markers",
        "beide_databases: the database is what is tested (storage, transactions, concurrency, isolation, "
        "outage, migrations): run on SQLite and PostgreSQL; every other test runs on SQLite only",
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep `--dist loadgroup` grouping (`make test`): a test marked `xdist_group("naam")` runs on the
    same worker as the others of its group (the browser suites: one Chromium, one bot and one
    Playground per person for the run, as one unit scheduled first).

    pytest-xdist marks a grouped test by appending "@naam" to its node id, but it writes the old
    `_nodeid` attribute, which pytest 9.2 no longer reads (pytest-dev/pytest-xdist#1386): every
    grouped test went to any worker. This writes the same suffix into the id pytest does read, only
    on an xdist worker in loadgroup mode and only when xdist's own suffix is missing, so it does
    nothing once xdist is fixed (or on an older pytest)."""
    if not config.getoption("loadgroup", default=False):
        return
    for item in items:
        groepen = sorted(
            {str(m.args[0] if m.args else m.kwargs.get("name", "default")) for m in item.iter_markers("xdist_group")}
        )
        if groepen and not item.nodeid.endswith("@" + "_".join(groepen)) and hasattr(item, "_id"):
            from _pytest.nodeid import NodeId  # pytest >= 9.2: the structured id behind `nodeid`

            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(groepen)}")


def pytest_unconfigure(config: pytest.Config) -> None:
    for map_ in _EIGEN_MODELCACHE:
        shutil.rmtree(map_, ignore_errors=True)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test marked `beide_kennisbanken` that uses the kennisbank (or the app) runs once per example;
    one marked `beide_databases` that uses a database runs on SQLite and on PostgreSQL."""
    if metafunc.definition.get_closest_marker("beide_kennisbanken") and "kennisbank_map" in metafunc.fixturenames:
        metafunc.parametrize("kennisbank_map", list(KENNISBANKEN.values()), ids=list(KENNISBANKEN), indirect=True)
    if (
        metafunc.definition.get_closest_marker("beide_databases")
        and "database_url" in metafunc.fixturenames
        and not any("database_url" in m.args[0] for m in metafunc.definition.iter_markers("parametrize"))
    ):
        metafunc.parametrize("database_url", DATABASES, indirect=True)


@pytest.fixture(scope="session")
def kennisbank_map(request: pytest.FixtureRequest) -> Path:
    """The kennisbank folder of the app and of `kennisbank`: the first example unless parametrised."""
    return getattr(request, "param", STANDAARD_KENNISBANK)


@pytest.fixture(scope="session")
def kennisbank(kennisbank_map: Path) -> Kennisbank:
    return laad_eenmaal(kennisbank_map)


@pytest.fixture
def voorbeelden(kennisbank: Kennisbank) -> Voorbeelden:
    """Records of the loaded kennisbank that fit a test's need (valid on the clock's default day)."""
    return Voorbeelden(kennisbank, STANDAARD_MOMENT.date())


class Klok:
    """A clock the test sets; the app reads it for 'now' (open period, deadlines, reminders)."""

    def __init__(self, moment: datetime = STANDAARD_MOMENT) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def zet(self, moment: datetime) -> None:
        self.moment = moment if moment.tzinfo else moment.replace(tzinfo=TIJDZONE)


@pytest.fixture
def klok() -> Klok:
    return Klok()


# --- the real app over HTTP ----------------------------------------------------------------


@pytest.fixture
def settings(database_url: str, kennisbank_map: Path) -> Settings:
    # Tests' channel is unreachable (smba.example.invalid) or a fake that fails on purpose (NepConnector):
    # a call to it fails at its first attempt (no retries, which would only wait 0 + 1.6 + 3.2 s and keep
    # the abandoned HTTP thread busy after the turn), and a send or member lookup that hangs gives up after 1.5 s.
    return Settings(
        database_url=database_url,
        kennisbank=kennisbank_map,
        herinneringen=False,
        proactief_timeout=1.5,
        teams_opzoek_timeout=1.5,
        kanaal_herhalingen=0,
    )


@pytest.fixture
async def bot_client(settings: Settings, klok: Klok) -> AsyncIterator[TestClient]:
    client = TestClient(TestServer(create_app(settings, klok=klok)))
    await client.start_server()
    yield client
    await client.close()


@pytest.fixture
def services(bot_client: TestClient) -> GemeenteBot:
    return bot_client.app[GEMEENTEBOT]


class TestGesprek:
    """A conversation with the bot over HTTP, with `deliveryMode: expectReplies`."""

    __test__ = False  # a helper, not a test class (pytest collects `Test*` names it finds in test modules)

    def __init__(
        self,
        client: TestClient,
        kennisbank: Kennisbank,
        *,
        kanaal: str = "msteams",
        gesprek_id: str | None = None,
        soort: str = "personal",
    ) -> None:
        self.client = client
        self.kennisbank = kennisbank
        self.kanaal = kanaal
        self.gesprek_id = gesprek_id or f"gesprek-{uuid.uuid4().hex[:8]}"
        self.soort = soort
        self.als: str | None = None

    def activiteit(self, **velden: Any) -> dict[str, Any]:
        persoon = self.kennisbank.persoon(velden.pop("als", None) or self.als)
        afzender: dict[str, Any] = {"id": f"29:{persoon.id if persoon else 'gast'}", "name": persoon.naam if persoon else "Gast"}
        if persoon and persoon.aad_object_id:
            afzender["aadObjectId"] = persoon.aad_object_id
        activiteit = {
            "type": "message",
            "id": velden.pop("id", None) or uuid.uuid4().hex,
            "channelId": self.kanaal,
            "serviceUrl": "https://smba.example.invalid/emea/",
            "deliveryMode": "expectReplies",
            "conversation": {"id": self.gesprek_id, "conversationType": self.soort},
            "from": afzender,
            "recipient": {"id": "28:sturingsbot", "name": "Sturingsbot"},
            "locale": "nl-NL",
        }
        activiteit.update(velden)
        return activiteit

    async def post(self, activiteit: dict[str, Any]) -> tuple[int, Any]:
        antwoord = await self.client.post("/api/messages", json=activiteit)
        body = await antwoord.json() if antwoord.content_type == "application/json" else await antwoord.text()
        return antwoord.status, body

    async def stuur(
        self, tekst: str | None = None, *, waarde: dict[str, Any] | None = None, **velden: Any
    ) -> list[dict[str, Any]]:
        """Send a message (text and/or card submit value); return the bot's reply activities."""
        if tekst is not None:
            velden["text"] = tekst
        if waarde is not None:
            velden["value"] = waarde
            velden.setdefault("text", "")
        status, body = await self.post(self.activiteit(**velden))
        assert status == 200, (status, body)
        return body["activities"]

    async def installeer(self) -> list[dict[str, Any]]:
        status, body = await self.post(self.activiteit(type="conversationUpdate", membersAdded=[{"id": "28:sturingsbot"}]))
        assert status == 200, (status, body)
        return body["activities"]


class Antwoordtekst(str):
    """What the replies say (see `tekst_van`); `met_knoppen` is that text with every button title too,
    for checks that something appears nowhere on the screen (`"naam" not in tekst.met_knoppen`)."""

    met_knoppen: str

    def __new__(cls, tekst: str, met_knoppen: str) -> Antwoordtekst:
        nieuw = super().__new__(cls, tekst)
        nieuw.met_knoppen = met_knoppen
        return nieuw


def tekst_van(activiteiten: list[dict[str, Any]]) -> Antwoordtekst:
    """What the replies say, without any button: message texts and card texts (also the card a
    ShowCard button opens), but no button titles of card actions, hero cards or suggested actions —
    a word on a button is not an answer, so `"x" in tekst_van(...)` is strict. Check buttons with
    `knoppen_van`; check that something is nowhere on screen with `.met_knoppen`."""
    delen: list[str] = []
    for activiteit in activiteiten:
        delen.append(activiteit.get("text") or "")
        for bijlage in activiteit.get("attachments") or []:
            delen.append(_kaart_tekst(bijlage.get("content"), knoppen=False))
    alles: list[str] = []
    for activiteit in activiteiten:
        alles.append(activiteit.get("text") or "")
        for bijlage in activiteit.get("attachments") or []:
            alles.append(_kaart_tekst(bijlage.get("content")))
        alles += [str(a.get("title", "")) for a in (activiteit.get("suggestedActions") or {}).get("actions") or []]
    return Antwoordtekst("\n".join(d for d in delen if d), "\n".join(d for d in alles if d))


berichttekst_van = tekst_van
"""The former name of the strict `tekst_van` (kept for branches written against it)."""


def knoppen_van(activiteiten: list[dict[str, Any]]) -> list[str]:
    """The title of every button in these replies, in order: card actions, hero-card buttons, suggested actions."""
    titels: list[str] = []
    for activiteit in activiteiten:
        for bijlage in activiteit.get("attachments") or []:
            titels += _knoppen(bijlage.get("content"), False)
        titels += [str(a.get("title", "")) for a in (activiteit.get("suggestedActions") or {}).get("actions") or []]
    return [t for t in titels if t]


_KNOPSLEUTELS = ("actions", "buttons", "selectAction")


def _kaart_tekst(inhoud: Any, *, knoppen: bool = True) -> str:
    if isinstance(inhoud, dict):
        if not knoppen and str(inhoud.get("type", "")).startswith("Action."):
            return _kaart_tekst(inhoud.get("card"), knoppen=False)  # the title is a button; a ShowCard's card is text
        delen = [str(inhoud[k]) for k in ("title", "subtitle", "text", "label", "value") if isinstance(inhoud.get(k), str)]
        for sleutel, waarde in inhoud.items():
            if isinstance(waarde, (dict, list)) and (knoppen or sleutel != "buttons"):  # hero-card buttons
                delen.append(_kaart_tekst(waarde, knoppen=knoppen))
        return "\n".join(d for d in delen if d)
    if isinstance(inhoud, list):
        return "\n".join(_kaart_tekst(i, knoppen=knoppen) for i in inhoud)
    return ""


def _knoppen(inhoud: Any, is_knop: bool) -> list[str]:
    """Titles of the buttons in a card: anything under actions/buttons/selectAction, or of an Action.* type."""
    if isinstance(inhoud, list):
        return [t for i in inhoud for t in _knoppen(i, is_knop)]
    if not isinstance(inhoud, dict):
        return []
    titels = []
    if (is_knop or str(inhoud.get("type", "")).startswith("Action.")) and isinstance(inhoud.get("title"), str):
        titels.append(inhoud["title"])
    for sleutel, waarde in inhoud.items():
        if isinstance(waarde, (dict, list)):
            titels += _knoppen(waarde, sleutel in _KNOPSLEUTELS)
    return titels


@pytest.fixture
def gesprek(bot_client: TestClient, kennisbank: Kennisbank) -> TestGesprek:
    return TestGesprek(bot_client, kennisbank)


@pytest.fixture
async def connector() -> AsyncIterator[NepConnector]:
    """A fake channel service: give its `url` as the activity's serviceUrl."""
    nep = NepConnector()
    await nep.server.start_server()
    yield nep
    nep.los.set()  # a call the test left hanging answers, so its HTTP thread ends before the test's event loop closes
    await nep.server.close()
