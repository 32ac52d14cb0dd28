"""Turn middleware: drop duplicate deliveries, and resolve who is asking."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from botbuilder.core import InvokeResponse, Middleware, TurnContext
from botbuilder.core.teams import TeamsInfo
from botbuilder.schema import Activity, ActivityTypes
from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.teams import BERICHT
from db.base import nu
from db.modellen.fundament import VerwerkteActiviteit
from dialogen.gebruiker import Gebruiker, zet_gebruiker
from dialogen.teksten import Teksten
from kennisbank.kennisbank import Kennisbank

log = logging.getLogger(__name__)

TE_ONTDUBBELEN = frozenset({ActivityTypes.message, ActivityTypes.invoke})
BEWAARTERMIJN = timedelta(days=2)


class DubbeleLeveringFilter(Middleware):
    """Teams retries a delivery it thinks was slow; the same conversation + activity id is handled once."""

    def __init__(self, engine: AsyncEngine, teksten: Teksten) -> None:
        self._engine = engine
        self._teksten = teksten
        self._teller = 0

    async def on_turn(self, context: TurnContext, logic: Callable[[], Awaitable]):
        activity = context.activity
        if activity.type not in TE_ONTDUBBELEN or not activity.id or not activity.conversation:
            return await logic()
        try:
            async with self._engine.begin() as verbinding:
                await verbinding.execute(
                    insert(VerwerkteActiviteit).values(
                        conversatie_id=activity.conversation.id, activiteit_id=activity.id, ontvangen_op=nu()
                    )
                )
        except IntegrityError:
            log.info("Dubbele levering genegeerd: activiteit %s", activity.id)
            if activity.type == ActivityTypes.invoke:  # Teams shows an error for anything but 200
                await context.send_activity(
                    Activity(
                        type=ActivityTypes.invoke_response,
                        value=InvokeResponse(
                            status=200,
                            body={"statusCode": 200, "type": BERICHT, "value": self._teksten.tekst("algemeen.al_verwerkt")},
                        ),
                    )
                )
            return None
        await self._ruim_af_soms()
        return await logic()

    async def _ruim_af_soms(self) -> None:
        self._teller += 1
        if self._teller % 500:
            return
        async with self._engine.begin() as verbinding:
            await verbinding.execute(delete(VerwerkteActiviteit).where(VerwerkteActiviteit.ontvangen_op < nu() - BEWAARTERMIJN))


class GebruikerHerkenning(Middleware):
    """Matches the sender to a kennisbank persoon on aadObjectId, else on e-mail (asked from Teams)."""

    E_MAIL_GELDIG = timedelta(hours=12)
    MAX_GEHEUGEN = 10_000

    def __init__(self, kennisbank: Kennisbank) -> None:
        self._kennisbank = kennisbank
        self._emails: dict[str, tuple[str | None, datetime]] = {}
        """Teams user id -> (e-mail, when asked): one Teams API call per user, not one per message."""

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
        if bekend is not None and nu() - bekend[1] < self.E_MAIL_GELDIG:
            return bekend[0]
        email = await _teams_email(context)
        if len(self._emails) >= self.MAX_GEHEUGEN:
            self._emails.clear()
        self._emails[gebruiker_id] = (email, nu())
        return email


async def _teams_email(context: TurnContext) -> str | None:
    try:
        lid = await TeamsInfo.get_member(context, context.activity.from_property.id)
    except Exception:  # noqa: BLE001 — no e-mail is not an error: the user is just not matched
        log.info("E-mailadres van Teams-gebruiker niet op te vragen", exc_info=True)
        return None
    return getattr(lid, "email", None) or getattr(lid, "user_principal_name", None)
