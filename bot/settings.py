"""Configuration from the environment, typed; every variable is documented in `.env.example`."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from db.engine import STANDAARD_DATABASE, normaliseer_url

log = logging.getLogger(__name__)

STANDAARD_KENNISBANK = Path(__file__).resolve().parent.parent / "kennisbank" / "voorbeeld"
APP_TYPES = ("SingleTenant", "MultiTenant", "UserAssignedMSI")


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
    auto_migreren: bool = True
    herinneringen: bool = True
    log_niveau: str = "INFO"

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
        instellingen = cls(
            host=waarde("HOST", "127.0.0.1"),
            port=int(poort),
            app_id=waarde("MicrosoftAppId"),
            app_password=waarde("MicrosoftAppPassword"),
            app_type=app_type,
            app_tenant_id=waarde("MicrosoftAppTenantId"),
            database_url=normaliseer_url(waarde("DATABASE_URL") or STANDAARD_DATABASE),
            kennisbank=Path(waarde("KENNISBANK") or STANDAARD_KENNISBANK),
            auto_migreren=_ja(waarde("AUTO_MIGRATE", "ja")),
            herinneringen=_ja(waarde("HERINNERINGEN", "ja")),
            log_niveau=waarde("LOG_LEVEL", "INFO").upper(),
        )
        instellingen.controleer()
        return instellingen

    def controleer(self) -> None:
        if self.app_id and self.app_type == "SingleTenant" and not self.app_tenant_id:
            raise ConfiguratieFout("MicrosoftAppTenantId is verplicht bij MicrosoftAppType=SingleTenant.")
        if self.app_id and self.app_type != "UserAssignedMSI" and not self.app_password:
            raise ConfiguratieFout("MicrosoftAppPassword ontbreekt (verplicht bij een MicrosoftAppId).")

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
class _BotFrameworkConfiguratie:
    APP_ID: str
    APP_PASSWORD: str = field(repr=False)
    APP_TYPE: str
    APP_TENANTID: str


def _ja(waarde: str) -> bool:
    return waarde.lower() not in {"0", "nee", "no", "false", "uit", "off"}
