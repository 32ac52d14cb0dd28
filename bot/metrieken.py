"""Prometheus metrics, without personal data: labels are only fixed words (channel, activity
type, outcome, error kind) and rapportage period ids — never user ids, names or texts.

`Metrieken` owns its own `CollectorRegistry` (no global state; one per app). The turn figures are
counted by `bot.app`; the database figures (pool, submissions and reminders per period) are read
when `/metrics` is scraped (`ververs`), so they are the same on every instance.
"""

from __future__ import annotations

import asyncio
import logging

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from db.modellen.rapportage import Herinnering, Herinneringsresultaat, Statusupdate

log = logging.getLogger(__name__)

KANALEN = frozenset({"msteams", "webchat", "directline", "emulator", "test", "console", "slack"})
SOORTEN = frozenset({"message", "invoke", "conversationUpdate", "installationUpdate", "messageReaction", "event", "typing"})
VERVERS_TIMEOUT = 2.0
INHOUDSTYPE = CONTENT_TYPE_LATEST


def kanaal_label(kanaal: str | None) -> str:
    """A known channel name, or 'overig': a crafted channelId never becomes a label."""
    return kanaal if kanaal in KANALEN else "overig"


def soort_label(soort: str | None) -> str:
    return soort if soort in SOORTEN else "overig"


class Metrieken:
    """The bot's metrics in one registry."""

    def __init__(self) -> None:
        self.register = CollectorRegistry(auto_describe=True)
        self.beurten = Counter(
            "sturingsbot_beurten",
            "Activiteiten verwerkt via /api/messages",
            ["kanaal", "soort", "uitkomst"],
            registry=self.register,
        )
        self.beurtduur = Histogram(
            "sturingsbot_beurt_duur_seconden",
            "Duur van een beurt (verzoek binnen tot antwoord)",
            ["kanaal", "soort"],
            registry=self.register,
            buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
        )
        self.fouten = Counter("sturingsbot_fouten", "Fouten per soort", ["soort"], registry=self.register)
        self.pool = Gauge("sturingsbot_database_pool", "Databasepool van deze instantie", ["toestand"], registry=self.register)
        self.statusupdates = Gauge(
            "sturingsbot_statusupdates",
            "Ingediende statusupdates per gemeente en rapportageperiode (alle instanties)",
            ["gemeente", "periode"],
            registry=self.register,
        )
        self.herinneringen = Gauge(
            "sturingsbot_herinneringen_verstuurd",
            "Verstuurde herinneringen per gemeente en rapportageperiode (alle instanties)",
            ["gemeente", "periode"],
            registry=self.register,
        )
        self.in_behandeling = Gauge("sturingsbot_beurten_bezig", "Beurten die nu lopen", registry=self.register)

    def beurt(self, kanaal: str | None, soort: str | None, uitkomst: str, duur: float) -> None:
        k, s = kanaal_label(kanaal), soort_label(soort)
        self.beurten.labels(k, s, uitkomst).inc()
        self.beurtduur.labels(k, s).observe(duur)

    def fout(self, soort: str) -> None:
        self.fouten.labels(soort).inc()

    async def ververs(self, engine: AsyncEngine) -> None:
        """Pool figures now, and the database counts (bounded: a slow database gives stale counts)."""
        pool = engine.pool
        for toestand in ("size", "checkedin", "checkedout", "overflow"):
            meting = getattr(pool, toestand, None)
            if callable(meting):
                self.pool.labels(toestand).set(meting())
        try:
            async with asyncio.timeout(VERVERS_TIMEOUT):
                async with engine.connect() as verbinding:
                    updates = (
                        await verbinding.execute(
                            select(Statusupdate.gemeente, Statusupdate.periode_id, func.count()).group_by(
                                Statusupdate.gemeente, Statusupdate.periode_id
                            )
                        )
                    ).all()
                    herinneringen = (
                        await verbinding.execute(
                            select(Herinnering.gemeente, Herinnering.periode_id, func.count())
                            .where(Herinnering.resultaat == Herinneringsresultaat.VERSTUURD)
                            .group_by(Herinnering.gemeente, Herinnering.periode_id)
                        )
                    ).all()
        except Exception as fout:  # noqa: BLE001 — metrics never fail the scrape
            log.warning("Metrieken: database niet gelezen (%s)", type(fout).__name__)
            self.fout("metrieken_database")
            return
        for gemeente, periode, aantal in updates:
            self.statusupdates.labels(gemeente, periode).set(aantal)
        for gemeente, periode, aantal in herinneringen:
            self.herinneringen.labels(gemeente, periode).set(aantal)

    def tekst(self) -> bytes:
        return generate_latest(self.register)
