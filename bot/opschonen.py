"""Retention: rows that grow with every conversation are pruned after their `Bewaartermijnen`.

`opschoon_pas(...)` does one pass for one gemeente if this instance gets the lease on the job (a
row in `onderhoudsclaim`, per gemeente, taken like a reminder claim: insert, or take over an
expired one). The lease lasts until the next pass is due, so with several instances one of them
prunes per gemeente per interval. A pass deletes only its own gemeente's rows.
`opschonen_actief(services)` runs passes in the background while the app runs (per gemeente).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import achtergrondtaak
from bot.settings import Bewaartermijnen
from db.base import nu
from db.gemeente import STANDAARD_GEMEENTE
from db.modellen.fundament import BotStatus, Gespreksreferentie, OnbeantwoordeVraag, VerwerkteActiviteit
from db.modellen.onderhoud import Onderhoudsclaim

log = logging.getLogger(__name__)

TAAK = "opschonen"
INTERVAL = timedelta(hours=1)
EERSTE_PAS = 60.0
"""Seconds after start-up before the first pass (start-up and migrations first)."""

_TABELLEN = {
    "bot_status": (BotStatus, BotStatus.gewijzigd_op),
    "gespreksreferentie": (Gespreksreferentie, Gespreksreferentie.bijgewerkt_op),
    "onbeantwoorde_vraag": (OnbeantwoordeVraag, OnbeantwoordeVraag.gesteld_op),
    "verwerkte_activiteit": (VerwerkteActiviteit, VerwerkteActiviteit.ontvangen_op),
}


async def claim_taak(
    engine: AsyncEngine, taak: str, eigenaar: str, *, tijd: datetime, duur: timedelta, gemeente: str = STANDAARD_GEMEENTE
) -> bool:
    """Take the lease on `gemeente`'s `taak` until `tijd + duur`; False while another instance holds it."""
    try:
        async with engine.begin() as verbinding:
            await verbinding.execute(
                insert(Onderhoudsclaim).values(gemeente=gemeente, taak=taak, eigenaar=eigenaar, verloopt_op=tijd + duur)
            )
        return True
    except IntegrityError:
        pass
    async with engine.begin() as verbinding:
        overgenomen = await verbinding.execute(
            update(Onderhoudsclaim)
            .where(Onderhoudsclaim.gemeente == gemeente, Onderhoudsclaim.taak == taak, Onderhoudsclaim.verloopt_op <= tijd)
            .values(eigenaar=eigenaar, verloopt_op=tijd + duur)
        )
    return overgenomen.rowcount == 1


async def geef_taak_vrij(engine: AsyncEngine, taak: str, eigenaar: str, *, gemeente: str = STANDAARD_GEMEENTE) -> None:
    """On shutdown: end our lease on `taak` now, so another instance may take it at once."""
    try:
        async with engine.begin() as verbinding:
            await verbinding.execute(
                update(Onderhoudsclaim)
                .where(Onderhoudsclaim.gemeente == gemeente, Onderhoudsclaim.taak == taak, Onderhoudsclaim.eigenaar == eigenaar)
                .values(verloopt_op=nu())
            )
    except Exception as fout:  # noqa: BLE001 — the lease expires by itself anyway
        log.warning("Onderhoudsclaim niet vrijgegeven (%s); hij verloopt vanzelf", type(fout).__name__)


async def schoon_op(
    engine: AsyncEngine, termijnen: Bewaartermijnen, *, tijd: datetime, gemeente: str = STANDAARD_GEMEENTE
) -> dict[str, int]:
    """Delete `gemeente`'s rows older than their retention (0 days: kept for ever); rows deleted per table."""
    verwijderd: dict[str, int] = {}
    for tabel, (model, kolom) in _TABELLEN.items():
        dagen = getattr(termijnen, tabel)
        if dagen <= 0:
            continue
        async with engine.begin() as verbinding:
            resultaat = await verbinding.execute(
                delete(model).where(model.__table__.c.gemeente == gemeente, kolom < tijd - timedelta(days=dagen))
            )
        verwijderd[tabel] = resultaat.rowcount or 0
    return verwijderd


async def opschoon_pas(
    engine: AsyncEngine,
    termijnen: Bewaartermijnen,
    *,
    eigenaar: str,
    tijd: Callable[[], datetime] = nu,
    interval: timedelta = INTERVAL,
    gemeente: str = STANDAARD_GEMEENTE,
) -> dict[str, int] | None:
    """One pass for `gemeente` when this instance gets its lease; None when another instance has it."""
    if not await claim_taak(engine, TAAK, eigenaar, tijd=tijd(), duur=interval, gemeente=gemeente):
        return None
    verwijderd = await schoon_op(engine, termijnen, tijd=tijd(), gemeente=gemeente)
    if any(verwijderd.values()):
        log.info("Opgeschoond: %s", ", ".join(f"{tabel} {aantal}" for tabel, aantal in verwijderd.items()))
    return verwijderd


@asynccontextmanager
async def opschonen_actief(
    services: Any, *, interval: timedelta = INTERVAL, eerste: float = EERSTE_PAS
) -> AsyncIterator[asyncio.Task]:
    """Passes for `services`' gemeente in the background for as long as the block runs (app cleanup_ctx)."""
    eigenaar = uuid.uuid4().hex
    gemeente = services.gemeente.id

    async def lus() -> None:
        await asyncio.sleep(eerste)
        while True:
            try:
                await opschoon_pas(
                    services.engine, services.settings.bewaartermijnen, eigenaar=eigenaar, interval=interval, gemeente=gemeente
                )
            except Exception as fout:  # noqa: BLE001 — keep the loop alive; the next pass retries
                log.warning("Opschonen mislukt (%s); volgende pas opnieuw", type(fout).__name__)
            await asyncio.sleep(interval.total_seconds())

    taak = asyncio.create_task(lus(), name=f"sturingsbot-opschonen-{gemeente}")
    try:
        yield taak
    finally:
        await achtergrondtaak.stop(taak)
        await geef_taak_vrij(services.engine, TAAK, eigenaar, gemeente=gemeente)
