"""The composition root: everything the bot needs, wired once, opened and closed together.

`create_app` (HTTP), the console chat and the CLI all use `open_services`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from botbuilder.core import ConversationState, UserState
from botbuilder.integration.aiohttp import CloudAdapter
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.adapter import maak_adapter
from bot.bestandstoestemming import BestandsToestemming
from bot.crashproef import Crashproef
from bot.databasebewaking import DatabaseBewaking
from bot.downloadlinks import DownloadLinks
from bot.gespreksreferenties import GespreksreferentieOpslag
from bot.middleware import LEASE, DubbeleLeveringFilter, GebruikerHerkenning
from bot.proactief import Proactief
from bot.settings import Settings
from bot.sql_storage import SqlStorage
from bot.teams_bot import SturingsBot
from db.engine import is_sqlite, maak_engine, maak_sessies
from db.migreren import upgrade
from dialogen.diensten import Diensten
from dialogen.gesprek import Gesprek
from dialogen.herkenning import TERUGVAL, Herkenner
from dialogen.keuzevraag import OPNIEUW_ROUTEREN
from dialogen.opdrachtgever import ZOEKER
from dialogen.rapportage.export import DOWNLOADLINK
from dialogen.rapportage.overzichten import PROACTIEF
from dialogen.register import FunctieFabriek, maak_functies
from dialogen.teksten import Teksten
from kennisbank.kennisbank import Kennisbank
from kennisbank.laden import laad_kennisbank
from kennisbank.zoeken import (
    BegripGevonden,
    MeerdereOnderwerpen,
    OnderwerpGevonden,
    PersoonGevonden,
    RolGevonden,
    SoortWerkGevonden,
    Zoeker,
)

log = logging.getLogger(__name__)
RAPPORTAGE_FEITEN = "rapportage.vraag"
"""The intent that answers facts about a rapportage period (peildatum, deadline)."""
TIJDZONE = ZoneInfo("Europe/Amsterdam")


def lokale_klok() -> datetime:
    return datetime.now(TIJDZONE)


@dataclass
class Services:
    settings: Settings
    engine: AsyncEngine
    sessies: async_sessionmaker[AsyncSession]
    kennisbank: Kennisbank
    diensten: Diensten
    gesprek: Gesprek
    bot: SturingsBot
    adapter: CloudAdapter
    referenties: GespreksreferentieOpslag
    downloads: DownloadLinks


@asynccontextmanager
async def open_services(
    settings: Settings,
    *,
    klok: Callable[[], datetime] = lokale_klok,
    engine: AsyncEngine | None = None,
    functies: FunctieFabriek = maak_functies,
) -> AsyncIterator[Services]:
    """Load the kennisbank, open (and migrate) the database, build the bot; close on exit."""
    kennisbank = laad_kennisbank(settings.kennisbank)
    herkenner = maak_herkenner(kennisbank, settings.kennisbank)
    teksten = Teksten.laad(kennisbank_map=settings.kennisbank, kennisbank=kennisbank)
    eigen_engine = engine is None
    if engine is None:
        _maak_sqlite_map(settings.database_url)
        engine = maak_engine(settings.database_url, tijden=settings.database_tijden)
    try:
        if settings.auto_migreren:
            await upgrade(engine)
        sessies = maak_sessies(engine)
        services = bouw_services(settings, engine, sessies, kennisbank, teksten, klok, functies, herkenner)
        try:
            yield services
        finally:
            await services.bot.wacht_op_lopend_werk()
    finally:
        if eigen_engine:
            await engine.dispose()


def bouw_services(
    settings: Settings,
    engine: AsyncEngine,
    sessies: async_sessionmaker[AsyncSession],
    kennisbank: Kennisbank,
    teksten: Teksten,
    klok: Callable[[], datetime],
    functies: FunctieFabriek = maak_functies,
    herkenner: Herkenner | None = None,
) -> Services:
    opslag = SqlStorage(engine)
    conversation_state = ConversationState(opslag)
    user_state = UserState(opslag)
    diensten = Diensten(
        kennisbank=kennisbank,
        sessies=sessies,
        teksten=teksten,
        klok=klok,
        extra={ZOEKER: Zoeker(kennisbank, vandaag=klok().date())},
    )
    downloads = DownloadLinks(DownloadLinks.geheim_uit(settings.download_geheim), sessies, klok,
                              publieke_url=settings.publieke_url)
    diensten.extra[DOWNLOADLINK] = downloads.maak
    gesprek = Gesprek(
        diensten, functies(diensten), conversation_state, herkenner or maak_herkenner(kennisbank, settings.kennisbank),
        noemt_bekende_naam=naamherkenning(diensten.extra[ZOEKER]),
        genoemd_voor=eigenaarherkenning(diensten.extra[ZOEKER], klok),
    )
    referenties = GespreksreferentieOpslag(sessies)
    bot = SturingsBot(gesprek, conversation_state, user_state, referenties,
                      bestanden=BestandsToestemming(kennisbank, teksten, sessies))
    diensten.extra[OPNIEUW_ROUTEREN] = gesprek.verwerk  # a message that is not the answer to a choice
    adapter = maak_adapter(settings, teksten, conversation_state, opslag)
    diensten.extra[PROACTIEF] = Proactief(sessies, adapter, settings.app_id).stuur  # a controller chasing a report
    proef = Crashproef.uit_omgeving()
    proef.installeer(engine)
    adapter.use(DatabaseBewaking(teksten))  # outermost: a database outage is a Dutch message, not a crash
    adapter.use(DubbeleLeveringFilter(
        teksten, opslag, lease=proef.lease or LEASE, crashhaak=proef.haak, vooraf_lezen=[conversation_state]
    ))
    adapter.use(GebruikerHerkenning(kennisbank))
    return Services(settings, engine, sessies, kennisbank, diensten, gesprek, bot, adapter, referenties, downloads)


def maak_herkenner(kennisbank: Kennisbank, kennisbank_map: Path | None) -> Herkenner:
    """The intent classifier, trained on the product's examples plus the kennisbank's own
    (`<kennisbank>/intenties/`, and the example questions of its escalation rules)."""
    escalatievragen = [v for regel in kennisbank.bestanden.escalatie for v in regel.voorbeeldvragen]
    return Herkenner.laad(kennisbank_map=kennisbank_map, extra_voorbeelden={"escalatie.vraag": escalatievragen})


def naamherkenning(zoeker: Zoeker) -> Callable[[str], bool]:
    """Whether a text confidently names a known record (a bare "Regiekamer" or a surname)."""
    gevonden = (OnderwerpGevonden, MeerdereOnderwerpen, PersoonGevonden, SoortWerkGevonden, BegripGevonden, RolGevonden)

    def noemt_bekende_naam(tekst: str) -> bool:
        antwoord = zoeker.beantwoord(tekst)
        return isinstance(antwoord, gevonden) and not antwoord.onzeker

    return noemt_bekende_naam


def eigenaarherkenning(zoeker: Zoeker, klok: Callable[[], datetime]) -> Callable[[str], str | None]:
    """The intent that answers about a record a text names exactly: an onderwerp (valid today) by
    name or alias -> the lookup; else a rapportage period or kind of round -> its facts; else None."""

    def genoemd_voor(tekst: str) -> str | None:
        vandaag = klok().date()
        if zoeker.onderwerpen_genoemd(tekst, vandaag=vandaag):
            return TERUGVAL
        if zoeker.noemt_periode(tekst, vandaag=vandaag):
            return RAPPORTAGE_FEITEN
        return None

    return genoemd_voor


def _maak_sqlite_map(url: str) -> None:
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
