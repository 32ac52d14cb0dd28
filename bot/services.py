"""The composition root: everything the bot needs, wired once, opened and closed together.

`open_installatie` opens the one engine (and migrates it) and builds, per gemeente of the
configuration (`bot.gemeenten`), its own `GemeenteBot`: kennisbank, recogniser, texts, features,
dialogs, bot, adapter and storage, all bound to that gemeente's rows (`db.gemeente`).
`create_app` (HTTP) and the console chat (`python -m bot chat`, one gemeente of it) use the
`Installatie`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.adapter import maak_adapter
from bot.bestandstoestemming import BestandsToestemming
from bot.crashproef import Crashproef
from bot.databasebewaking import DatabaseBewaking
from bot.downloadlinks import DownloadLinks
from bot.gemeenten import Gemeente, Gemeenten, gemeenten_uit, tenant_van
from bot.gespreksreferenties import GespreksreferentieOpslag
from bot.middleware import LEASE, DubbeleLeveringFilter, GebruikerHerkenning
from bot.proactief import Proactief
from bot.settings import ConfiguratieFout, Settings
from bot.sql_storage import Gebruikersstatus, Gespreksstatus, SqlStorage
from bot.teams_bot import SturingsBot
from db.engine import is_sqlite, maak_engine, maak_sessies
from db.migreren import upgrade
from dialogen.featureservices import FeatureServices
from dialogen.formulier import GEPARKEERD
from dialogen.gespreksgeheugen import Gespreksgeheugen
from dialogen.herkenning import Herkenner
from dialogen.intentiedata import voorbeelden_uit_kennisbank
from dialogen.register import FeatureFactory, maak_features
from dialogen.teksten import Teksten
from dialogen.turnrouter import TurnRouter
from kennisbank.documenten import passagezoeker_van
from kennisbank.kennisbank import Kennisbank
from kennisbank.laden import laad_kennisbank
from kennisbank.meldingen import KennisbankFout, Melding
from kennisbank.zoeken import (
    Zoeker,
)

log = logging.getLogger(__name__)
TIJDZONE = ZoneInfo("Europe/Amsterdam")


def lokale_klok() -> datetime:
    return datetime.now(TIJDZONE)


@dataclass
class GemeenteBot:
    """One gemeente's bot, wired."""

    settings: Settings
    """The installation's settings with this gemeente's bot registration (`Gemeente.instellingen`)."""
    gemeente: Gemeente
    engine: AsyncEngine
    sessies: async_sessionmaker[AsyncSession]
    kennisbank: Kennisbank
    diensten: FeatureServices
    router: TurnRouter
    bot: SturingsBot
    adapter: CloudAdapter
    referenties: GespreksreferentieOpslag
    downloads: DownloadLinks
    dedupe: DubbeleLeveringFilter
    """The turn transaction's middleware (its waiting `klaar` markers are written on shutdown)."""


@dataclass
class Installatie:
    """Every gemeente this deployment serves, on one engine; the first is the default."""

    settings: Settings
    engine: AsyncEngine
    gemeenten: Gemeenten
    per_gemeente: dict[str, GemeenteBot]
    weigeraars: list[CloudAdapter]
    """Adapters without middleware or storage, one per bot registration (authenticated ones first):
    the one that accepts the token answers an unknown tenant; nothing is stored."""

    @property
    def standaard(self) -> GemeenteBot:
        return self.per_gemeente[self.gemeenten.standaard.id]

    def voor_activiteit(self, activiteit: Activity) -> GemeenteBot | None:
        """The services of the activity's gemeente (by its Teams tenant); None: tenant unknown."""
        gemeente = self.gemeenten.bij_tenant(tenant_van(activiteit))
        return self.per_gemeente[gemeente.id] if gemeente is not None else None

    def voor_gemeente(self, gemeente_id: str | None) -> GemeenteBot | None:
        return self.per_gemeente.get(gemeente_id or "")


@asynccontextmanager
async def open_installatie(
    settings: Settings,
    *,
    klok: Callable[[], datetime] = lokale_klok,
    engine: AsyncEngine | None = None,
    features: FeatureFactory = maak_features,
) -> AsyncIterator[Installatie]:
    """Read the gemeenten, load each one's kennisbank, open (and migrate) the database, build a bot
    per gemeente; close on exit."""
    gemeenten = gemeenten_uit(settings)
    geladen = laad_gemeenten_kennis(gemeenten.lijst, modelcache=settings.modelcache)
    eigen_engine = engine is None
    if engine is None:
        _maak_sqlite_map(settings.database_url)
        engine = maak_engine(settings.database_url, tijden=settings.database_tijden)
    try:
        if settings.auto_migreren:
            await upgrade(engine, standaard_gemeente=gemeenten.standaard.id)
        geheim = DownloadLinks.geheim_uit(settings.download_geheim)
        per_gemeente = {
            gemeente.id: bouw_gemeentebot(
                settings, gemeente, engine, kennisbank, teksten, klok, features, herkenner, download_geheim=geheim
            )
            for gemeente, kennisbank, teksten, herkenner in geladen
        }
        installatie = Installatie(settings, engine, gemeenten, per_gemeente, weigeraars(settings, gemeenten))
        try:
            yield installatie
        finally:
            for services in per_gemeente.values():
                await services.bot.wacht_op_lopend_werk()
                await services.dedupe.sluit()
    finally:
        if eigen_engine:
            await engine.dispose()


def weigeraars(settings: Settings, gemeenten: Gemeenten) -> list[CloudAdapter]:
    """One bare adapter per distinct bot registration of the installation, authenticated ones first."""
    registraties = {g.instellingen(settings).bot_framework_configuratie() for g in gemeenten.lijst}
    return [
        CloudAdapter(ConfigurationBotFrameworkAuthentication(configuratie, logger=log))
        for configuratie in sorted(registraties, key=lambda c: not c.APP_ID)  # type: ignore[attr-defined]
    ]


def laad_gemeenten_kennis(
    gemeenten: Sequence[Gemeente], *, modelcache: Path | None = None
) -> list[tuple[Gemeente, Kennisbank, Teksten, Herkenner]]:
    """`laad_gemeente` for every gemeente, reporting the mistakes of all of them at once: every
    kennisbank is read and checked before any recogniser is trained, and one `KennisbankFout` carries
    the meldingen of every broken one (each naming its folder), so an operator with several broken
    kennisbanken fixes them in one go instead of one per start."""
    kennisbanken = _van_elke_gemeente(gemeenten, kennisbank_van)
    geladen = _van_elke_gemeente(
        gemeenten,
        lambda gemeente: (gemeente, kennisbanken[gemeente.id], *_taal_van(gemeente, kennisbanken[gemeente.id], modelcache)),
    )
    return list(geladen.values())


def laad_gemeente(gemeente: Gemeente, *, modelcache: Path | None = None) -> tuple[Kennisbank, Teksten, Herkenner]:
    """A gemeente's kennisbank (validated), texts (with the kennisbank's own) and recogniser (its
    trained model from the `modelcache` folder when nothing it learns from changed)."""
    kennisbank = kennisbank_van(gemeente)
    return (kennisbank, *_taal_van(gemeente, kennisbank, modelcache))


def kennisbank_van(gemeente: Gemeente) -> Kennisbank:
    """A gemeente's validated kennisbank. A configured gemeente's mistakes name its folder (several
    kennisbanken are loaded)."""
    try:
        return laad_kennisbank(gemeente.kennisbank)
    except KennisbankFout as fout:
        if not gemeente.tenants:
            raise
        raise KennisbankFout(replace(m, bestand=str(gemeente.kennisbank / m.bestand)) for m in fout.meldingen) from None


def _taal_van(gemeente: Gemeente, kennisbank: Kennisbank, modelcache: Path | None) -> tuple[Teksten, Herkenner]:
    herkenner = maak_herkenner(kennisbank, gemeente.kennisbank, modelcache)
    teksten = Teksten.laad(kennisbank_map=gemeente.kennisbank, kennisbank=kennisbank)
    return teksten, herkenner


_T = TypeVar("_T")


def _van_elke_gemeente(gemeenten: Sequence[Gemeente], maak: Callable[[Gemeente], _T]) -> dict[str, _T]:
    """`maak(gemeente)` per gemeente id; the `KennisbankFout`s of all gemeenten raised as one (a
    melding shared by two gemeenten of one folder once)."""
    uit: dict[str, _T] = {}
    meldingen: list[Melding] = []
    for gemeente in gemeenten:
        try:
            uit[gemeente.id] = maak(gemeente)
        except KennisbankFout as fout:
            meldingen += fout.meldingen
    if meldingen:
        raise KennisbankFout(dict.fromkeys(meldingen))
    return uit


def bouw_gemeentebot(
    settings: Settings,
    gemeente: Gemeente,
    engine: AsyncEngine,
    kennisbank: Kennisbank,
    teksten: Teksten,
    klok: Callable[[], datetime],
    features: FeatureFactory = maak_features,
    herkenner: Herkenner | None = None,
    *,
    download_geheim: bytes | None = None,
) -> GemeenteBot:
    """One gemeente's bot: every session, storage and claim it uses is bound to `gemeente`."""
    settings = gemeente.instellingen(settings)  # its own bot registration, when it has one
    sessies = maak_sessies(engine, gemeente.id)
    opslag = SqlStorage(engine, gemeente.id)
    conversation_state = Gespreksstatus(opslag)
    user_state = Gebruikersstatus(opslag)
    downloads = DownloadLinks(
        download_geheim or DownloadLinks.geheim_uit(settings.download_geheim),
        sessies,
        klok,
        publieke_url=settings.publieke_url,
        gemeente=gemeente.id,
    )
    adapter = maak_adapter(settings, teksten, conversation_state, opslag)
    zoeker = Zoeker(kennisbank).met_klok(lambda: klok().date())
    diensten = FeatureServices(
        kennisbank=kennisbank,
        sessies=sessies,
        teksten=teksten,
        klok=klok,
        zoeker=zoeker,
        passages=passagezoeker_van(kennisbank),
        geheugen=Gespreksgeheugen(conversation_state),
        parkeerplaats=conversation_state.create_property(GEPARKEERD),
        downloadlink=downloads.maak,
        proactief=Proactief(sessies, adapter, settings.app_id, settings.proactief_timeout).stuur,
        gemeente=gemeente.id,
    )
    router = TurnRouter(
        diensten, features(diensten), conversation_state, herkenner or maak_herkenner(kennisbank, gemeente.kennisbank)
    )
    referenties = GespreksreferentieOpslag(sessies)
    bot = SturingsBot(
        router, conversation_state, user_state, referenties, bestanden=BestandsToestemming(kennisbank, teksten, sessies)
    )
    proef = Crashproef.uit_omgeving()
    proef.installeer(engine)
    adapter.use(DatabaseBewaking(teksten))  # outermost: a database outage is a Dutch message, not a crash
    dedupe = DubbeleLeveringFilter(
        teksten, opslag, lease=proef.lease or LEASE, crashhaak=proef.haak, vooraf_lezen=[conversation_state]
    )
    adapter.use(dedupe)
    adapter.use(GebruikerHerkenning(kennisbank, timeout=settings.teams_opzoek_timeout, klok=klok))
    return GemeenteBot(
        settings, gemeente, engine, sessies, kennisbank, diensten, router, bot, adapter, referenties, downloads, dedupe
    )


def maak_herkenner(kennisbank: Kennisbank, kennisbank_map: Path | None, modelcache: Path | None = None) -> Herkenner:
    """The intent classifier, trained on the product's examples plus the kennisbank's own
    (`<kennisbank>/intenties/`, and the example sentences its records carry), or read from the
    `modelcache` folder (`dialogen.modelcache`)."""
    return Herkenner.laad(
        kennisbank_map=kennisbank_map, extra_voorbeelden=voorbeelden_uit_kennisbank(kennisbank), modelcache=modelcache
    )


def _maak_sqlite_map(url: str) -> None:
    """The folder of a SQLite file, made when missing; `ConfiguratieFout` when it cannot be."""
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            map_ = Path(database).expanduser().parent
            try:
                map_.mkdir(parents=True, exist_ok=True)
            except OSError as fout:
                reden = "geen schrijfrechten" if isinstance(fout, PermissionError) else type(fout).__name__
                raise ConfiguratieFout(
                    f"DATABASE_URL: de map {map_} voor het SQLite-bestand kan niet worden gemaakt ({reden})."
                ) from None
