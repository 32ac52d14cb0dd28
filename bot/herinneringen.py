"""Proactive reminders for the lente- and herfstrapportage.

`verstuur_herinneringen(...)` does one pass: if a reminder moment of the open period is due (see
`kennisbank.rapportage`), everyone who must still submit (`rapportage.Rapportagestand.ontbrekend`:
the ambtelijk or gedelegeerd opdrachtgever of a counted onderwerp still missing) gets one Teams message, through the stored conversation reference and the adapter's
`continue_conversation`. A `herinnering` row (unique per periode, moment, persoon) is claimed in
the database before sending: a restart or a second bot instance never sends it again. A failed
or hung send (`STUUR_TIMEOUT`) releases the claim, so the next pass retries it; a claim left
`bezig` by a process that died is a lease that expires (`LEASE`) and is then taken over.

Everything a pass reads and claims belongs to one gemeente: its kennisbank, and the sessions of
its gemeente (`db.gemeente`), so it sees only that gemeente's submissions, claims and references.
`herinneringen_actief(services, klok=...)` runs a pass for `services`' gemeente every few minutes
while the app runs.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from botbuilder.core import BotAdapter, TurnContext
from botbuilder.schema import ConversationReference
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import achtergrondtaak
from db.base import nu as db_nu
from db.modellen.fundament import Gespreksreferentie
from db.modellen.rapportage import Herinneringsresultaat
from db.repositories.rapportage import HerinneringRepository, claim_herinnering, geef_herinnering_vrij, markeer_herinnering
from dialogen.rapportage.overzicht import datum
from dialogen.teksten import Teksten
from kennisbank.kennisbank import Kennisbank
from rapportage import Rapportagestand

log = logging.getLogger(__name__)
INTERVAL = 300.0
LEASE = timedelta(minutes=10)
"""A claim still `bezig` after this long belongs to a sender that died: the next pass takes it over."""
STUUR_TIMEOUT = 30.0
"""Seconds one proactive send may take (token, connector) before it counts as failed."""
GELIJKTIJDIG = 8


@dataclass
class Pas:
    """What one pass did (for logs and tests)."""

    periode_id: str | None = None
    moment: datetime | None = None
    verstuurd: list[str] = field(default_factory=list)
    zonder_referentie: list[str] = field(default_factory=list)
    mislukt: list[str] = field(default_factory=list)


async def verstuur_herinneringen(
    *,
    kennisbank: Kennisbank,
    sessies: async_sessionmaker[AsyncSession],
    teksten: Teksten,
    adapter: BotAdapter,
    app_id: str | None,
    nu: datetime,
    tijd: Callable[[], datetime] = db_nu,
    lease: timedelta = LEASE,
    stuur_timeout: float = STUUR_TIMEOUT,
) -> Pas:
    """One pass: send the reminder that is due at `nu` to everyone who has not submitted yet.

    `nu` is the business clock (which period, which moment); `tijd` the wall clock of the leases.
    Sends run side by side (at most `GELIJKTIJDIG`), each bounded by `stuur_timeout`: a hung
    channel costs one reminder a retry in the next pass, not the others their turn."""
    pas = Pas()
    rapportage = kennisbank.bestanden.rapportage
    te_doen = rapportage.te_versturen_herinnering(nu) if rapportage else None
    if te_doen is None:
        return pas
    periode, moment = te_doen
    pas.periode_id, pas.moment = periode.id, moment
    ontbrekend = {
        persoon_id: [o.naam for o in onderwerpen]
        for persoon_id, onderwerpen in (await Rapportagestand(kennisbank, sessies).ontbrekend(periode)).items()
    }
    async with sessies() as sessie:
        al_gedaan = await HerinneringRepository(sessie).verstuurd_of_bezig(periode.id, moment, verlopen_voor=tijd() - lease)
    ruimte = asyncio.Semaphore(GELIJKTIJDIG)

    async def herinner(persoon_id: str, onderwerpen: list[str]) -> None:
        async with ruimte:
            claim = await claim_herinnering(sessies, periode.id, moment, persoon_id, tijd=tijd(), lease=lease)
            if claim is None:
                return  # another instance (or an earlier pass) has it
            referentie = await _referentie(sessies, persoon_id)
            if referentie is None:
                await markeer_herinnering(sessies, claim, Herinneringsresultaat.GEEN_REFERENTIE)
                pas.zonder_referentie.append(persoon_id)
                return
            persoon = kennisbank.persoon(persoon_id)
            tekst = teksten.tekst(
                "rapportage.herinnering",
                naam=persoon.naam.split()[0] if persoon else "",
                periode=periode.naam,
                onderwerpen=", ".join(onderwerpen),
                deadline=datum(periode.deadline),
            )
            try:
                async with asyncio.timeout(stuur_timeout):
                    await _stuur(adapter, referentie, tekst, app_id)
            except asyncio.CancelledError:  # shutdown: release the claim, the next instance sends it
                await asyncio.shield(geef_herinnering_vrij(sessies, claim))
                raise
            except Exception as fout:  # noqa: BLE001 — channel down or hung; release, retry next pass
                log.warning("Herinnering kon niet worden verstuurd (%s); volgende pas opnieuw", type(fout).__name__)
                await geef_herinnering_vrij(sessies, claim)
                pas.mislukt.append(persoon_id)
                return
            await markeer_herinnering(sessies, claim, Herinneringsresultaat.VERSTUURD)
            pas.verstuurd.append(persoon_id)

    await asyncio.gather(
        *(herinner(persoon_id, onderwerpen) for persoon_id, onderwerpen in ontbrekend.items() if persoon_id not in al_gedaan)
    )
    if pas.verstuurd or pas.mislukt:
        log.info(
            "Herinneringen %s (%s): %d verstuurd, %d mislukt, %d zonder gesprek",
            periode.id,
            moment.isoformat(),
            len(pas.verstuurd),
            len(pas.mislukt),
            len(pas.zonder_referentie),
        )
    return pas


async def _referentie(sessies: async_sessionmaker[AsyncSession], persoon_id: str) -> ConversationReference | None:
    """The person's most recently used personal conversation, Teams first."""
    async with sessies() as sessie:
        rijen = (
            await sessie.scalars(
                select(Gespreksreferentie)
                .where(Gespreksreferentie.persoon_id == persoon_id)
                .order_by(Gespreksreferentie.bijgewerkt_op.desc(), Gespreksreferentie.id.desc())
            )
        ).all()
    referenties = [ConversationReference.deserialize(r.referentie) for r in rijen]
    referenties = [r for r in referenties if r.conversation and r.service_url and r.channel_id != "console"]
    referenties.sort(key=lambda r: r.channel_id != "msteams")  # stable: Teams first, then most recent
    return referenties[0] if referenties else None


async def _stuur(adapter: BotAdapter, referentie: ConversationReference, tekst: str | Any, app_id: str | None) -> None:
    """Send one proactive message; raises when the channel refused it. The error is caught inside
    the turn, so the adapter's turn error handler (which resets the user's dialog) stays out of it."""
    fouten: list[BaseException] = []

    async def beurt(turn_context: TurnContext) -> None:
        try:
            await turn_context.send_activity(tekst)
        except Exception as fout:  # noqa: BLE001
            fouten.append(fout)

    await adapter.continue_conversation(referentie, beurt, app_id or None)
    if fouten:
        raise fouten[0]


async def herinneringen_lus(
    verstuur: Callable[[datetime], Any], klok: Callable[[], datetime], interval: float = INTERVAL
) -> None:
    """Run `verstuur(nu)` every `interval` seconds until cancelled; a failing pass is logged."""
    while True:
        try:
            await verstuur(klok())
        except asyncio.CancelledError:
            raise
        except Exception as fout:  # noqa: BLE001 — keep the loop alive; the next pass retries
            log.warning("Herinneringen: pas mislukt (%s); volgende pas opnieuw", type(fout).__name__)
        await asyncio.sleep(interval)


@asynccontextmanager
async def herinneringen_actief(
    services: Any, *, klok: Callable[[], datetime], interval: float = INTERVAL
) -> AsyncIterator[asyncio.Task]:
    """The reminder loop as a background task for as long as the block runs (app cleanup_ctx)."""

    async def verstuur(nu: datetime) -> Pas:
        return await verstuur_herinneringen(
            kennisbank=services.kennisbank,
            sessies=services.sessies,
            teksten=services.diensten.teksten,
            adapter=services.adapter,
            app_id=services.settings.app_id,
            nu=nu,
        )

    taak = asyncio.create_task(
        herinneringen_lus(verstuur, klok, interval), name=f"sturingsbot-herinneringen-{services.gemeente.id}"
    )
    try:
        yield taak
    finally:
        await achtergrondtaak.stop(taak)
