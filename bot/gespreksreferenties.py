"""Stores where each user can be reached proactively (their personal conversation)."""

from __future__ import annotations

from botbuilder.core import TurnContext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.sql_storage import ZONDER_FSYNC
from bot.teams import is_groepsgesprek
from db.modellen.fundament import Gespreksreferentie
from dialogen.gebruiker import huidige_gebruiker


class GespreksreferentieOpslag:
    MAX_GEHEUGEN = 10_000

    def __init__(self, sessies: async_sessionmaker[AsyncSession]) -> None:
        self._sessies = sessies
        self._bekend: dict[str, tuple] = {}
        """What this instance stored last per user: skip the database when nothing changed."""

    async def bewaar(self, turn_context: TurnContext) -> None:
        """Remember the personal conversation of the sender (group chats are not for reminders)."""
        activity = turn_context.activity
        if is_groepsgesprek(activity) or activity.from_property is None or not activity.from_property.id:
            return
        gebruiker = huidige_gebruiker(turn_context)
        vingerafdruk = (activity.conversation.id, activity.service_url, activity.channel_id, gebruiker.persoon_id)
        if self._bekend.get(activity.from_property.id) == vingerafdruk:
            return  # stored by this instance already and nothing that matters has changed
        referentie = TurnContext.get_conversation_reference(activity).serialize()
        referentie.pop("activityId", None)  # changes every turn; not needed to reach the user
        for _ in range(2):  # one retry when a concurrent first turn inserted the row
            try:
                async with self._sessies.begin() as sessie:
                    vraag = select(Gespreksreferentie).where(Gespreksreferentie.gebruiker_id == activity.from_property.id)
                    if sessie.bind.dialect.name == "postgresql":  # a reference is rewritten when it changes
                        vraag = vraag.where(ZONDER_FSYNC)
                    rij = await sessie.scalar(vraag)
                    if rij is None:
                        sessie.add(
                            Gespreksreferentie(
                                gebruiker_id=activity.from_property.id,
                                aad_object_id=gebruiker.aad_object_id,
                                persoon_id=gebruiker.persoon_id,
                                referentie=referentie,
                            )
                        )
                    elif rij.referentie != referentie or rij.persoon_id != gebruiker.persoon_id:
                        rij.referentie = referentie
                        rij.aad_object_id = gebruiker.aad_object_id
                        rij.persoon_id = gebruiker.persoon_id
                if len(self._bekend) >= self.MAX_GEHEUGEN:
                    self._bekend.clear()
                self._bekend[activity.from_property.id] = vingerafdruk
                return
            except IntegrityError:
                continue
