"""Turn middleware: the turn transaction (duplicate deliveries, state, replies), and who is asking."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from botbuilder.core import BotState, InvokeResponse, Middleware, TurnContext
from botbuilder.core.teams import TeamsInfo
from botbuilder.schema import Activity, ActivityTypes, DeliveryModes
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from bot import beurtopdrachten as opdrachten
from bot.nawerk import Nawerk
from bot.sql_storage import EtagConflict, Schrijfbuffer, SqlStorage
from bot.teams import BERICHT
from db.base import nu
from db.modellen.fundament import BEZIG, KLAAR, VerwerkteActiviteit
from dialogen.gebruiker import Gebruiker, zet_gebruiker
from dialogen.teksten import Teksten
from kennisbank.kennisbank import Kennisbank

log = logging.getLogger(__name__)

TE_ONTDUBBELEN = frozenset({ActivityTypes.message, ActivityTypes.invoke})
BEWAARTERMIJN = timedelta(days=2)
LEASE = timedelta(seconds=10)
"""How long a claim holds without renewal; a running turn renews it every third of this."""
WACHTTIJD = timedelta(seconds=12)
"""How long a retry waits for a claim held elsewhere to finish or expire (Teams waits about 15 s)."""
PEILINTERVAL = 0.2
UITSTEL = 0.1
"""PostgreSQL: seconds a finished turn without state writes may wait before its `klaar` marker is
written; the next turn's claim statement usually takes it along first (see `DubbeleLeveringFilter`)."""
MAX_UITGESTELD = 10_000
VRIJGEVEN_TIMEOUT = 5.0
"""Seconds a failed turn may spend releasing its claim; after that the lease expires by itself."""


class ClaimVerloren(Exception):
    """Our lease expired and another delivery of this activity took it over: its run counts."""


@dataclass(frozen=True)
class Claim:
    id: int
    eigenaar: str
    begonnen: float = field(default_factory=time.monotonic, compare=False)
    """When the lease was set (`time.monotonic`)."""


Crashhaak = Callable[[str], None]
"""Test-only: called with the name of a point in the turn transaction (see bot.crashproef)."""


class DubbeleLeveringFilter(Middleware):
    """Each conversation + activity id is handled once, and its effects are never lost.

    A turn claims its activity (`bezig`, with a lease) before it runs. Its state writes and replies
    are held back; at the end ONE transaction writes the conversation state and marks the activity
    `klaar`, then the replies go out. A retry of a `klaar` activity is dropped (an invoke still gets
    200); a retry of a `bezig` one waits until it is `klaar` or its lease expired (the process
    died), and then re-runs it. Effects stay idempotent through the card's or dialog's sleutel.
    A conflicting state save (another turn of this conversation won) sends only the conflict text.

    PostgreSQL, a turn that wrote no state and ended well within its lease (so no retry can have
    taken it over): its `klaar` marker is not a round trip of its own. It waits (at most `UITSTEL`
    seconds) and is written by the next claim's statement, or on its own when no claim comes; a
    retry on this instance writes waiting markers before it looks. Its replies go out first: a
    crash in that moment leaves the activity `bezig`, and a retry after the lease re-runs it, as for
    any unfinished turn (a reply twice, never a lost one; effects stay idempotent by sleutel).
    """

    def __init__(
        self,
        teksten: Teksten,
        opslag: SqlStorage,
        *,
        lease: timedelta = LEASE,
        wachttijd: timedelta = WACHTTIJD,
        tijd: Callable[[], datetime] = nu,
        crashhaak: Crashhaak | None = None,
        vooraf_lezen: Sequence[BotState] = (),
    ) -> None:
        """`vooraf_lezen`: states every turn reads (the conversation state), read with the claim."""
        self._teksten = teksten
        self._opslag = opslag
        self._lease = lease
        self._wachttijd = wachttijd
        self._tijd = tijd
        self._crashhaak = crashhaak or (lambda _punt: None)
        self._teller = 0
        self._vooraf_lezen = list(vooraf_lezen)
        self._uitstel = min(UITSTEL, lease.total_seconds() / 4)
        self._uitgesteld: list[Claim] = []
        """Finished turns whose `klaar` marker is not written yet (PostgreSQL)."""
        self._schrijfplan: asyncio.TimerHandle | None = None
        self._schrijftaken: set[asyncio.Future] = set()

    async def on_turn(self, context: TurnContext, logic: Callable[[], Awaitable]):
        activity = context.activity
        if activity.type not in TE_ONTDUBBELEN or not activity.id or not activity.conversation:
            return await logic()
        with self._opslag.beurt() as buffer:
            claim = await self._claim_na_herstel(activity.conversation.id, activity.id, buffer, self._vooraf_te_lezen(context))
            if claim is None:
                log.info("Dubbele levering genegeerd")
                await self._antwoord_op_invoke(context, "algemeen.al_verwerkt")
                return None
            await self._ruim_af_soms()
            uitgaand = UitgaandeBuffer()
            context.on_send_activities(uitgaand.houd_vast)
            verlenger = asyncio.ensure_future(self._verleng_zolang_nodig(claim))
            try:
                await logic()
            except BaseException as fout:
                verlenger.cancel()
                uitgaand.verwerp()  # the error handler sends one clear message instead
                if not isinstance(fout, asyncio.CancelledError):  # cancelled (shutdown): the lease expires
                    await self._geef_vrij(claim)
                raise
            nawerk = Nawerk.van(context)
            if nawerk is not None and not nawerk.werk.done():
                # acknowledged, still working: the turn ends (and counts) when the work does
                buffer.doorgegeven = True
                nawerk.afronding = asyncio.ensure_future(
                    self._rond_af_na_nawerk(context, nawerk, claim, buffer, uitgaand, verlenger)
                )
                return None
            try:
                await self._rond_af_met_haak(claim, buffer, verlenger)
            except ClaimVerloren:
                uitgaand.verwerp()
                log.warning("Beurt overgenomen door een herhaling van dezelfde activiteit; deze uitkomst vervalt")
                await self._antwoord_op_invoke(context, "algemeen.bezig")
                return None
            except BaseException as fout:
                uitgaand.verwerp()  # the error handler sends one clear message instead
                if not isinstance(fout, asyncio.CancelledError):  # cancelled (shutdown): the lease expires
                    await self._geef_vrij(claim)
                raise
        await uitgaand.laat_los(context)
        return None

    async def _rond_af_met_haak(
        self, claim: Claim, buffer: Schrijfbuffer, verlenger: asyncio.Future, *, mag_uitstellen: bool = True
    ) -> None:
        try:
            verlenger.cancel()
            self._crashhaak("voor_klaar")
            await self._rond_af(claim, buffer, mag_uitstellen=mag_uitstellen)
        finally:
            verlenger.cancel()

    async def _rond_af_na_nawerk(
        self,
        context: TurnContext,
        nawerk: Nawerk,
        claim: Claim,
        buffer: Schrijfbuffer,
        uitgaand: UitgaandeBuffer,
        verlenger: asyncio.Future,
    ) -> bool:
        """The end of a turn whose work outlived its HTTP answer: the same turn transaction, later.
        Its replies then go out as ordinary messages; a failure is told to the user here, as the
        turn error handler would have."""
        try:
            await asyncio.shield(nawerk.werk)
            await self._rond_af_met_haak(claim, buffer, verlenger, mag_uitstellen=False)  # acknowledged work: at once
        except ClaimVerloren:
            uitgaand.verwerp()
            log.warning("Beurt overgenomen door een herhaling van dezelfde activiteit; deze uitkomst vervalt")
            return False
        except Exception as fout:  # noqa: BLE001 — nobody else is left to handle it
            verlenger.cancel()
            uitgaand.verwerp()
            await self._geef_vrij(claim)
            if isinstance(fout, EtagConflict):
                log.info("Gelijktijdige beurten in één gesprek")
                await _meld(context, self._teksten.tekst("algemeen.gelijktijdig"))
            else:
                log.error("Fout bij het afronden van een kaartactie: %r", fout, exc_info=fout)
                await _meld(context, self._teksten.tekst("algemeen.fout"))
            return False
        except BaseException:  # cancelled (shutdown): the lease expires and a retry runs it again
            verlenger.cancel()
            uitgaand.verwerp()
            raise
        await uitgaand.laat_los(context)
        return True

    def _vooraf_te_lezen(self, context: TurnContext) -> list[str]:
        try:
            return [status.get_storage_key(context) for status in self._vooraf_lezen]
        except Exception:  # noqa: BLE001 — an odd activity: the turn reads its state itself
            return []

    async def _claim_na_herstel(
        self, conversatie_id: str, activiteit_id: str, buffer: Schrijfbuffer, vooraf: list[str]
    ) -> Claim | None:
        """The claim, tried once more on a fresh connection when the pooled one turned out dead
        (the database restarted; the pool is not pinged before use). With the same owner token: if
        the first try did commit before its connection died, the second finds its own claim."""
        eigenaar = uuid.uuid4().hex
        try:
            return await self._claim(conversatie_id, activiteit_id, buffer, vooraf, eigenaar)
        except DBAPIError as fout:
            if not fout.connection_invalidated:
                raise
            log.info("Databaseverbinding was verbroken; opnieuw verbonden")
            return await self._claim(conversatie_id, activiteit_id, buffer, vooraf, eigenaar)

    async def _claim(
        self, conversatie_id: str, activiteit_id: str, buffer: Schrijfbuffer, vooraf: list[str], eigenaar: str
    ) -> Claim | None:
        """A new claim on this activity (and the turn's state, read right after it on the same connection), or
        None when it is `klaar` (or still running elsewhere)."""
        parameters = opdrachten.claim_parameters(
            gemeente=self._opslag.gemeente,
            conversatie_id=conversatie_id,
            activiteit_id=activiteit_id,
            ontvangen_op=self._tijd(),
            status=BEZIG,
            eigenaar=eigenaar,
            verloopt_op=self._tijd() + self._lease,
        )
        try:
            async with self._opslag.autocommit() as verbinding:  # the claim commits, then the read
                if self._opslag.is_postgres and vooraf:  # both in ONE statement: one round trip
                    rijen = await self._claim_met_status(verbinding, {**parameters, "sleutels": vooraf})
                    self._opslag.neem_vooraf(
                        buffer, vooraf, [(r["sleutel"], r["data"], r["etag"]) for r in rijen if r["sleutel"]]
                    )
                    return Claim(rijen[0]["id"], eigenaar)
                nieuw = await verbinding.execute(opdrachten.claim(self._opslag.is_postgres), parameters)
                if vooraf:
                    await self._opslag.lees_vooruit(verbinding, buffer, vooraf)
                return Claim(nieuw.scalar_one(), eigenaar)
        except IntegrityError:
            pass
        return await self._neem_over_na_afloop(conversatie_id, activiteit_id, eigenaar, buffer, vooraf)

    async def _claim_met_status(self, verbinding, parameters: dict[str, object]) -> list:
        """PostgreSQL: the claim with the state read, and the waiting `klaar` markers, in one statement."""
        markeringen = self._neem_uitgesteld()
        if markeringen:
            parameters = {**parameters, **opdrachten.markeringen_parameters(markeringen)}
        try:
            return list(await self._opslag.driver_rijen(verbinding, opdrachten.claim_met_status(bool(markeringen)), parameters))
        except BaseException:
            self._stel_uit(markeringen)  # not written (a retry's claim, a broken connection): next time
            raise

    def _neem_uitgesteld(self) -> list[Claim]:
        markeringen, self._uitgesteld = self._uitgesteld, []
        return markeringen

    def _stel_uit(self, markeringen: list[Claim], *, na: float | None = None) -> None:
        """Write these `klaar` markers later: with the next claim, or on their own after `na` seconds."""
        if not markeringen:
            return
        self._uitgesteld[:0] = markeringen
        del self._uitgesteld[:-MAX_UITGESTELD]
        if self._schrijfplan is None:
            self._schrijfplan = asyncio.get_running_loop().call_later(self._uitstel if na is None else na, self._plan_af)

    def _plan_af(self) -> None:
        self._schrijfplan = None
        taak = asyncio.ensure_future(self.schrijf_markeringen())
        self._schrijftaken.add(taak)
        taak.add_done_callback(self._schrijftaken.discard)

    async def schrijf_markeringen(self) -> None:
        """Write the waiting `klaar` markers now (one statement); also on shutdown. A failure keeps
        them for a later try (the lease covers the meantime; after it a retry would re-run the turn)."""
        if self._schrijfplan is not None:
            self._schrijfplan.cancel()
            self._schrijfplan = None
        markeringen = self._neem_uitgesteld()
        if not markeringen:
            return
        try:
            async with self._opslag.autocommit() as verbinding:
                await self._opslag.driver_rijen(
                    verbinding, opdrachten.markeer_klaar_uitgesteld(), opdrachten.markeringen_parameters(markeringen)
                )
        except Exception as fout:  # noqa: BLE001 — the database may be away for a moment
            log.warning("Afgeronde activiteiten nog niet als klaar vastgelegd (%s)", type(fout).__name__)
            self._stel_uit(markeringen, na=self._lease.total_seconds() / 3)

    async def sluit(self) -> None:
        """On shutdown: write what waits."""
        await self.schrijf_markeringen()
        if self._schrijftaken:
            await asyncio.gather(*self._schrijftaken, return_exceptions=True)
        if self._schrijfplan is not None:  # a failed write planned another try: one last one now
            await self.schrijf_markeringen()

    async def _neem_over_na_afloop(
        self, conversatie_id: str, activiteit_id: str, eigenaar: str, buffer: Schrijfbuffer, vooraf: list[str]
    ) -> Claim | None:
        """Wait (bounded) while another delivery holds a live lease; take over an expired one."""
        einde = self._tijd() + self._wachttijd
        while True:
            await self.schrijf_markeringen()  # a retry of a turn this instance finished finds it `klaar`
            async with self._opslag.schrijf_transactie() as verbinding:
                rij = (
                    await verbinding.execute(
                        select(
                            VerwerkteActiviteit.id,
                            VerwerkteActiviteit.status,
                            VerwerkteActiviteit.eigenaar,
                            VerwerkteActiviteit.verloopt_op,
                        ).where(
                            VerwerkteActiviteit.gemeente == self._opslag.gemeente,
                            VerwerkteActiviteit.conversatie_id == conversatie_id,
                            VerwerkteActiviteit.activiteit_id == activiteit_id,
                        )
                    )
                ).one_or_none()
                if rij is None or rij.status == KLAAR:  # None: released after a failure, then pruned
                    return None
                if rij.eigenaar == eigenaar:  # our own claim, committed just before a connection broke
                    if vooraf:
                        await self._opslag.lees_vooruit(verbinding, buffer, vooraf)
                    return Claim(rij.id, eigenaar)
                if rij.verloopt_op is None or rij.verloopt_op <= self._tijd():
                    overgenomen = await verbinding.execute(
                        update(VerwerkteActiviteit)
                        .where(
                            VerwerkteActiviteit.id == rij.id,
                            VerwerkteActiviteit.status == BEZIG,
                            VerwerkteActiviteit.eigenaar == rij.eigenaar,
                        )
                        .values(eigenaar=eigenaar, verloopt_op=self._tijd() + self._lease)
                    )
                    if overgenomen.rowcount == 1:
                        if vooraf:
                            await self._opslag.lees_vooruit(verbinding, buffer, vooraf)
                        log.info("Onafgemaakte activiteit wordt opnieuw verwerkt")
                        return Claim(rij.id, eigenaar)
                    continue  # another retry took it over just now: look again
            if self._tijd() >= einde:
                log.info("Activiteit wordt elders nog verwerkt; herhaling genegeerd")
                return None
            await asyncio.sleep(PEILINTERVAL)

    async def _verleng_zolang_nodig(self, claim: Claim) -> None:
        """Renew the lease while a long turn runs, so no retry takes over a living turn."""
        while True:
            await asyncio.sleep(self._lease.total_seconds() / 3)
            try:
                async with self._opslag.schrijf_transactie() as verbinding:
                    await verbinding.execute(
                        update(VerwerkteActiviteit)
                        .where(VerwerkteActiviteit.id == claim.id, VerwerkteActiviteit.eigenaar == claim.eigenaar)
                        .values(verloopt_op=self._tijd() + self._lease)
                    )
            except Exception:  # noqa: BLE001 — a missed renewal only risks a re-run, which is idempotent
                log.warning("Lease van een activiteit kon niet worden verlengd")

    async def _rond_af(self, claim: Claim, buffer: Schrijfbuffer, *, mag_uitstellen: bool = True) -> None:
        """ONE transaction: the turn's state writes and the activity marked `klaar` (without state
        writes the single UPDATE is that transaction; on PostgreSQL one state document and the marker
        are one statement too, see `SqlStorage.schrijf_met_klaar`, and a bare marker of a turn well
        within its lease waits for the next claim, see the class)."""
        buffer.open = False  # from here on, work that outlives the turn writes straight to the database
        met_status = bool(buffer.wijzigingen)
        if not met_status and mag_uitstellen and self._opslag.is_postgres and self._ruim_binnen_lease(claim):
            self._stel_uit([claim])
            return
        if met_status and self._opslag.is_postgres and len(buffer.wijzigingen) == 1:
            if not await self._opslag.schrijf_met_klaar(buffer, claim.id, claim.eigenaar):
                await self._waarom_niet_klaar(claim)
            return
        markeer = opdrachten.markeer_klaar(zonder_fsync=self._opslag.is_postgres and not met_status)
        async with self._opslag.schrijf_transactie() if met_status else self._opslag.autocommit() as verbinding:
            await self._opslag.schrijf_uit(verbinding, buffer)
            klaar = await verbinding.execute(markeer, opdrachten.klaar_parameters(claim.id, claim.eigenaar))
            if klaar.rowcount != 1:
                raise ClaimVerloren(claim.id)

    def _ruim_binnen_lease(self, claim: Claim) -> bool:
        """Did this turn end so early in its lease that no retry can have taken it over, and its
        marker is written (within `UITSTEL`) long before the lease ends?"""
        return time.monotonic() - claim.begonnen < self._lease.total_seconds() / 2

    async def _waarom_niet_klaar(self, claim: Claim) -> None:
        """The one-statement finish wrote nothing: our claim was taken over, or the state changed."""
        async with self._opslag.autocommit() as verbinding:
            eigenaar = await verbinding.scalar(select(VerwerkteActiviteit.eigenaar).where(VerwerkteActiviteit.id == claim.id))
        if eigenaar != claim.eigenaar:
            raise ClaimVerloren(claim.id)
        raise EtagConflict("De gespreksstatus is intussen gewijzigd.")

    async def _geef_vrij(self, claim: Claim) -> None:
        """After a failed turn a retry may run it again straight away. Bounded: a write that cannot start
        (the turn's own task may still hold SQLite's write queue) must not hold the failed turn up forever."""
        try:
            async with asyncio.timeout(VRIJGEVEN_TIMEOUT), self._opslag.schrijf_transactie() as verbinding:
                await verbinding.execute(
                    delete(VerwerkteActiviteit).where(
                        VerwerkteActiviteit.id == claim.id, VerwerkteActiviteit.eigenaar == claim.eigenaar
                    )
                )
        except Exception:  # noqa: BLE001 — then the lease expires by itself
            log.warning("Claim van een mislukte beurt kon niet worden vrijgegeven")

    async def _antwoord_op_invoke(self, context: TurnContext, tekst: str) -> None:
        if context.activity.type == ActivityTypes.invoke:  # Teams shows an error for anything but 200
            await context.send_activity(
                Activity(
                    type=ActivityTypes.invoke_response,
                    value=InvokeResponse(
                        status=200, body={"statusCode": 200, "type": BERICHT, "value": self._teksten.tekst(tekst)}
                    ),
                )
            )

    async def _ruim_af_soms(self) -> None:
        self._teller += 1
        if self._teller % 500:
            return
        async with self._opslag.schrijf_transactie() as verbinding:
            await verbinding.execute(
                delete(VerwerkteActiviteit).where(
                    VerwerkteActiviteit.gemeente == self._opslag.gemeente,
                    VerwerkteActiviteit.ontvangen_op < self._tijd() - BEWAARTERMIJN,
                )
            )


async def _meld(context: TurnContext, tekst: str) -> None:
    try:
        await context.send_activity(tekst)
    except Exception:  # noqa: BLE001 — the channel may be unreachable
        log.warning("Melding kon niet naar de gebruiker worden gestuurd")


class UitgaandeBuffer:
    """Holds a turn's outgoing activities until its state is saved: a turn that loses a state
    conflict (or fails) sends nothing of its own, only the one message of the error handler."""

    def __init__(self) -> None:
        self.open = True
        self._vastgehouden: list[Activity] = []

    async def houd_vast(self, context: TurnContext, activiteiten: list[Activity], volgende: Callable[[], Awaitable]):
        vast = [a for a in activiteiten if a.type != ActivityTypes.invoke_response]  # that is the HTTP answer
        if self.open and vast:
            self._vastgehouden.extend(vast)
            activiteiten[:] = [a for a in activiteiten if a.type == ActivityTypes.invoke_response]  # the SDK sends this list
            if not activiteiten and context.activity.delivery_mode != DeliveryModes.expect_replies:
                # the adapter refuses an empty list; a trace is a no-op outside the Emulator
                activiteiten.append(Activity(type=ActivityTypes.trace, channel_id=context.activity.channel_id))
        return await volgende()

    def verwerp(self) -> None:
        self.open = False
        self._vastgehouden.clear()

    async def laat_los(self, context: TurnContext) -> None:
        self.open = False
        vastgehouden, self._vastgehouden = self._vastgehouden, []
        if vastgehouden:
            await context.send_activities(vastgehouden)


class GebruikerHerkenning(Middleware):
    """Matches the sender to a kennisbank persoon on aadObjectId, else on e-mail (asked from Teams).

    The lookup runs inside the user's turn, so it is bounded by `timeout` (TEAMS_OPZOEK_TIMEOUT);
    a failed or timed-out lookup leaves the user unmatched for this turn and is asked again after
    `MISLUKT_GELDIG`, a real answer is kept for `E_MAIL_GELDIG` (`klok`: the app's clock)."""

    E_MAIL_GELDIG = timedelta(hours=12)
    MISLUKT_GELDIG = timedelta(minutes=5)
    MAX_GEHEUGEN = 10_000

    def __init__(self, kennisbank: Kennisbank, *, timeout: float, klok: Callable[[], datetime]) -> None:
        self._kennisbank = kennisbank
        self._timeout = timeout
        self._klok = klok
        self._emails: dict[str, tuple[str | None, datetime]] = {}
        """Teams user id -> (e-mail, valid until): one Teams API call per user, not one per message."""

    async def on_turn(self, context: TurnContext, logic: Callable[[], Awaitable]):
        afzender = context.activity.from_property
        if afzender is not None:
            aad_object_id = getattr(afzender, "aad_object_id", None)
            persoon = self._kennisbank.persoon_bij_identiteit(aad_object_id=aad_object_id)
            email = None
            if persoon is None and context.activity.channel_id == "msteams" and context.activity.type == ActivityTypes.message:
                email = await self._email(context, afzender.id)
                persoon = self._kennisbank.persoon_bij_identiteit(email=email)
            zet_gebruiker(context, Gebruiker(afzender.id, aad_object_id, afzender.name, email, persoon))
        return await logic()

    async def _email(self, context: TurnContext, gebruiker_id: str) -> str | None:
        bekend = self._emails.get(gebruiker_id)
        if bekend is not None and self._klok() < bekend[1]:
            return bekend[0]
        try:
            async with asyncio.timeout(self._timeout):
                lid = await TeamsInfo.get_member(context, gebruiker_id)
        except Exception as fout:  # noqa: BLE001 — no e-mail is not an error: the user is just not matched
            log.info("E-mailadres van Teams-gebruiker niet op te vragen (%s)", type(fout).__name__)
            email, geldig = None, self.MISLUKT_GELDIG
        else:
            email, geldig = getattr(lid, "email", None) or getattr(lid, "user_principal_name", None), self.E_MAIL_GELDIG
        if len(self._emails) >= self.MAX_GEHEUGEN:
            self._emails.clear()
        self._emails[gebruiker_id] = (email, self._klok() + geldig)
        return email
