"""Configuration from the environment, typed; every variable is documented in `.env.example`."""

from __future__ import annotations

import ipaddress
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from db.engine import STANDAARD_DATABASE, DatabaseTijden, normaliseer_url

log = logging.getLogger(__name__)

STANDAARD_KENNISBANK = Path(__file__).resolve().parent.parent / "kennisbank" / "voorbeeld"
APP_TYPES = ("SingleTenant", "MultiTenant", "UserAssignedMSI")
LOG_NIVEAUS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
STUURPROGRAMMAS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}
"""The databases the bot supports, each with the async driver it uses."""


class ConfiguratieFout(ValueError):
    """A configuration value is missing or invalid; the message says which and how to fix it."""


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 3978
    app_id: str = ""
    app_password: str = field(default="", repr=False)
    app_type: str = "SingleTenant"
    app_tenant_id: str = ""
    database_url: str = field(default=STANDAARD_DATABASE, repr=False)  # may hold a password
    kennisbank: Path = STANDAARD_KENNISBANK
    gemeenten: Path | None = None
    """GEMEENTEN: the file naming the gemeenten of this deployment (`bot.gemeenten`); None: one
    gemeente from `kennisbank`, any tenant."""
    auto_migreren: bool = True
    herinneringen: bool = True
    log_niveau: str = "INFO"
    anoniem_op_netwerk: bool = False
    """Anonymous mode (no app id) on a non-loopback address, only when set explicitly."""
    database_tijden: DatabaseTijden = DatabaseTijden()
    bewaartermijnen: "Bewaartermijnen" = field(default_factory=lambda: Bewaartermijnen())
    log_formaat: str = "tekst"
    """`tekst` (one readable line) or `json` (one JSON object per line, for a log collector)."""
    metrics_token: str = field(default="", repr=False)
    """Bearer token for GET /metrics on the bot's own port; empty: not served there."""
    metrics_port: int | None = None
    """A separate port serving only /metrics (no token needed there), on `metrics_host`."""
    metrics_host: str = "127.0.0.1"
    stop_timeout: float = 20.0
    """Seconds SIGTERM waits for turns in progress before the process stops anyway."""
    proactief_timeout: float = 5.0
    """PROACTIEF_TIMEOUT: seconds one proactive message inside a user's turn may take (e.g. telling an
    AO of a delegate's update) before the user is told it did not arrive."""
    teams_opzoek_timeout: float = 3.0
    """TEAMS_OPZOEK_TIMEOUT: seconds asking Teams for a user's e-mail (to match them to a persoon) may
    take inside their turn; after that the turn goes on unmatched, and Teams is asked again later."""
    kanaal_herhalingen: int = 3
    """KANAAL_HERHALINGEN: how often a failed call to the channel that is safe to repeat (a card update,
    a member lookup) is retried, after 0, 1.6, 3.2, ... seconds; the SDK's own is 3. A new message is
    not retried (urllib3 2 retries no POST), so nobody gets it twice."""
    kanaal_timeout: float = 10.0
    """KANAAL_TIMEOUT: seconds one attempt of a call to the channel waits for the connection, and then
    for the answer, before it fails (and is retried); the SDK's own is 100. These calls run in a
    thread of the event loop's shared pool: this bounds how long a channel that stopped answering
    keeps a thread from the other turns."""
    publieke_url: str = ""
    """The bot's public base URL (PUBLIEKE_URL) for download links; empty: the request's own host."""
    download_geheim: str = field(default="", repr=False)
    """HMAC secret of download links (DOWNLOAD_GEHEIM); empty: random per process (one instance only)."""
    modelcache: Path | None = None
    """MODELCACHE: the folder where the trained intent classifier is kept between starts
    (`dialogen.modelcache`); from the environment `data/modelcache` unless set, `nee` to always
    train. None here (an app built in code): always train."""

    @property
    def lokaal(self) -> bool:
        """Local anonymous mode: no app id, so no channel authentication."""
        return not self.app_id

    @classmethod
    def uit_omgeving(cls, omgeving: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if omgeving is None else omgeving

        def waarde(naam: str, standaard: str = "") -> str:
            return env.get(naam, standaard).strip()

        poort = waarde("PORT", "3978")
        if not poort.isdigit() or not 0 < int(poort) < 65536:
            raise ConfiguratieFout(f"PORT moet een poortnummer zijn (1-65535), niet {poort!r}.")
        app_type = waarde("MicrosoftAppType", "SingleTenant") or "SingleTenant"
        if app_type not in APP_TYPES:
            raise ConfiguratieFout(f"MicrosoftAppType moet een van {', '.join(APP_TYPES)} zijn, niet {app_type!r}.")
        log_formaat = waarde("LOG_FORMAAT", "tekst").lower() or "tekst"
        if log_formaat not in ("tekst", "json"):
            raise ConfiguratieFout(f"LOG_FORMAAT moet 'tekst' of 'json' zijn, niet {log_formaat!r}.")
        log_niveau = waarde("LOG_LEVEL", "INFO").upper() or "INFO"
        if log_niveau not in LOG_NIVEAUS:
            raise ConfiguratieFout(f"LOG_LEVEL moet een van {', '.join(LOG_NIVEAUS)} zijn, niet {log_niveau!r}.")
        metrics_poort = waarde("METRICS_PORT")
        if metrics_poort and (not metrics_poort.isdigit() or not 0 <= int(metrics_poort) < 65536):
            raise ConfiguratieFout(f"METRICS_PORT moet een poortnummer zijn (0-65535), niet {metrics_poort!r}.")
        instellingen = cls(
            host=waarde("HOST", "127.0.0.1"),
            port=int(poort),
            app_id=waarde("MicrosoftAppId"),
            app_password=waarde("MicrosoftAppPassword"),
            app_type=app_type,
            app_tenant_id=waarde("MicrosoftAppTenantId"),
            database_url=_database_url(waarde("DATABASE_URL") or STANDAARD_DATABASE),
            kennisbank=Path(waarde("KENNISBANK") or STANDAARD_KENNISBANK),
            gemeenten=Path(waarde("GEMEENTEN")) if waarde("GEMEENTEN") else None,
            auto_migreren=_ja_nee(waarde, "AUTO_MIGRATE", True),
            herinneringen=_ja_nee(waarde, "HERINNERINGEN", True),
            log_niveau=log_niveau,
            anoniem_op_netwerk=_ja_nee(waarde, "ANONIEM_OP_NETWERK", False),
            database_tijden=DatabaseTijden(
                verbinden=_seconden(waarde, "DB_VERBIND_TIMEOUT", DatabaseTijden.verbinden),
                opdracht=_seconden(waarde, "DB_OPDRACHT_TIMEOUT", DatabaseTijden.opdracht),
                pool=_seconden(waarde, "DB_POOL_TIMEOUT", DatabaseTijden.pool),
            ),
            proactief_timeout=_seconden(waarde, "PROACTIEF_TIMEOUT", 5.0),
            teams_opzoek_timeout=_seconden(waarde, "TEAMS_OPZOEK_TIMEOUT", 3.0),
            kanaal_herhalingen=_aantal(waarde, "KANAAL_HERHALINGEN", 3, maximum=10),
            kanaal_timeout=_seconden(waarde, "KANAAL_TIMEOUT", 10.0),
            publieke_url=waarde("PUBLIEKE_URL"),
            download_geheim=waarde("DOWNLOAD_GEHEIM"),
            modelcache=_modelcache(waarde("MODELCACHE")),
            bewaartermijnen=Bewaartermijnen(
                bot_status=_dagen(waarde, "BEWAAR_GESPREKSSTATUS_DAGEN", Bewaartermijnen.bot_status),
                gespreksreferentie=_dagen(waarde, "BEWAAR_GESPREKSREFERENTIE_DAGEN", Bewaartermijnen.gespreksreferentie),
                onbeantwoorde_vraag=_dagen(waarde, "BEWAAR_ONBEANTWOORD_DAGEN", Bewaartermijnen.onbeantwoorde_vraag),
                verwerkte_activiteit=_dagen(waarde, "BEWAAR_VERWERKTE_ACTIVITEITEN_DAGEN", Bewaartermijnen.verwerkte_activiteit),
            ),
            log_formaat=log_formaat,
            metrics_token=waarde("METRICS_TOKEN"),
            metrics_port=int(metrics_poort) if metrics_poort else None,
            metrics_host=waarde("METRICS_HOST", "127.0.0.1") or "127.0.0.1",
            stop_timeout=_seconden(waarde, "STOP_TIMEOUT", 20.0),
        )
        instellingen.controleer()
        return instellingen

    def controleer(self) -> None:
        if self.app_id and self.app_type == "SingleTenant" and not self.app_tenant_id:
            raise ConfiguratieFout("MicrosoftAppTenantId is verplicht bij MicrosoftAppType=SingleTenant.")
        if self.app_id and self.app_type != "UserAssignedMSI" and not self.app_password:
            raise ConfiguratieFout("MicrosoftAppPassword ontbreekt (verplicht bij een MicrosoftAppId).")

    def weigering_netwerk(self, anoniem: bool | None = None) -> str | None:
        """Why the server must not start on this address, or None. Without an app id anyone who
        reaches the port can act as any user, so that is only allowed on loopback, or on purpose.
        `anoniem`: whether some gemeente runs without a registration (`Gemeenten.anoniem`);
        default: whether MicrosoftAppId is empty."""
        if not (self.lokaal if anoniem is None else anoniem) or self.anoniem_op_netwerk or is_loopback(self.host):
            return None
        return (
            f"Geen MicrosoftAppId ingesteld (anonieme modus) en HOST={self.host!r} is bereikbaar vanaf het netwerk: "
            "dan kan iedereen die de poort bereikt zich als elke gebruiker voordoen. Zet MicrosoftAppId, "
            "MicrosoftAppPassword en MicrosoftAppTenantId, gebruik HOST=127.0.0.1, of zet ANONIEM_OP_NETWERK=ja "
            "als je dit echt wilt (bijvoorbeeld in een afgeschermde testomgeving)."
        )

    def bot_framework_configuratie(self) -> object:
        """The attribute bag botbuilder's ConfigurationBotFrameworkAuthentication reads."""
        return _BotFrameworkConfiguratie(
            APP_ID=self.app_id,
            APP_PASSWORD=self.app_password,
            # Without an app id the SDK runs anonymously only in its MultiTenant mode.
            APP_TYPE="MultiTenant" if self.lokaal else self.app_type,
            APP_TENANTID=self.app_tenant_id,
        )


@dataclass(frozen=True)
class Bewaartermijnen:
    """Days a row is kept after it last changed; 0 keeps it for ever. Pruned by `bot.opschonen`."""

    bot_status: int = 180
    """Conversation and user state (a dialog nobody continued in half a year)."""
    gespreksreferentie: int = 400
    """Where to reach a user for reminders: kept over a full year of rapportages."""
    onbeantwoorde_vraag: int = 90
    verwerkte_activiteit: int = 2
    """Teams retries a delivery within minutes; two days is ample."""


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a host name (or 0.0.0.0 / '') may resolve to a public address


STANDAARD_MODELCACHE = Path("data/modelcache")
"""MODELCACHE when none is set: beside the default SQLite file under ./data."""


def _modelcache(tekst: str) -> Path | None:
    if tekst.lower() in ("nee", "uit"):
        return None
    return Path(tekst) if tekst else STANDAARD_MODELCACHE


def _seconden(waarde, naam: str, standaard: float) -> float:
    tekst = waarde(naam, "")
    if not tekst:
        return standaard
    try:
        getal = float(tekst.replace(",", "."))
    except ValueError:
        getal = -1
    if not 0 < getal <= 3600:
        raise ConfiguratieFout(f"{naam} moet een aantal seconden zijn (groter dan 0), niet {tekst!r}.")
    return getal


def _aantal(waarde, naam: str, standaard: int, *, maximum: int) -> int:
    tekst = waarde(naam, "")
    if not tekst:
        return standaard
    if not tekst.isdigit() or int(tekst) > maximum:
        raise ConfiguratieFout(f"{naam} moet een geheel getal van 0 tot en met {maximum} zijn, niet {tekst!r}.")
    return int(tekst)


def _dagen(waarde, naam: str, standaard: int) -> int:
    tekst = waarde(naam, "")
    if not tekst:
        return standaard
    if not tekst.isdigit():
        raise ConfiguratieFout(f"{naam} moet een aantal dagen zijn (0 = nooit opschonen), niet {tekst!r}.")
    return int(tekst)


@dataclass(frozen=True)
class _BotFrameworkConfiguratie:
    APP_ID: str
    APP_PASSWORD: str = field(repr=False)
    APP_TYPE: str
    APP_TENANTID: str


_JA = {"ja", "j", "yes", "y", "true", "1", "aan", "on"}
_NEE = {"nee", "n", "no", "false", "0", "uit", "off"}


def _ja_nee(waarde, naam: str, standaard: bool) -> bool:
    """A ja/nee variable; empty is the default. Anything else is a mistake, not silently 'ja' (a typo
    in ANONIEM_OP_NETWERK would otherwise open anonymous mode to the network)."""
    tekst = waarde(naam, "").lower()
    if not tekst:
        return standaard
    if tekst not in _JA | _NEE:
        raise ConfiguratieFout(f"{naam} moet 'ja' of 'nee' zijn, niet {tekst!r}.")
    return tekst in _JA


def _database_url(tekst: str) -> str:
    """DATABASE_URL with its async driver; a Dutch mistake for a URL that is not one, or not of a
    supported database. The URL itself is never repeated (it may hold a password)."""
    try:
        url = make_url(normaliseer_url(tekst))
    except (ArgumentError, ValueError):
        raise ConfiguratieFout(
            "DATABASE_URL is geen database-URL; verwacht bijvoorbeeld sqlite:///data/sturingsbot.db of "
            "postgresql://gebruiker:wachtwoord@server:5432/database."
        ) from None
    database = url.get_backend_name()
    if database not in STUURPROGRAMMAS:
        raise ConfiguratieFout(f"DATABASE_URL: alleen SQLite en PostgreSQL worden ondersteund, niet {database!r}.")
    if url.drivername != STUURPROGRAMMAS[database]:
        raise ConfiguratieFout(
            f"DATABASE_URL: schrijf {database}:// zonder stuurprogramma (de bot gebruikt {STUURPROGRAMMAS[database]}), "
            f"niet {url.drivername}://."
        )
    return url.render_as_string(hide_password=False)
