"""Stores where each user can be reached proactively (their personal conversation)."""

from __future__ import annotations

from botbuilder.core import TurnContext
from sqlalchemy import bindparam, select
from sqlalchemy.dialects.postgresql import Insert as PgInsert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.teams import is_groepsgesprek
from db.base import nu
from db.engine import ZONDER_FSYNC
from db.gemeente import gemeente_van
from db.modellen.fundament import Gespreksreferentie
from dialogen.gebruiker import huidige_gebruiker


class GespreksreferentieOpslag:
    MAX_GEHEUGEN = 10_000

    def __init__(self, sessies: async_sessionmaker[AsyncSession]) -> None:
        self._sessies = sessies
        self._bekend: dict[str, tuple] = {}
        """What this instance stored last per user: skip the database when nothing changed."""
        self._engine: AsyncEngine | None = sessies.kw.get("bind")
        self._upsert: PgInsert | None = None

    def _onthoud(self, gebruiker_id: str, vingerafdruk: tuple) -> None:
        if len(self._bekend) >= self.MAX_GEHEUGEN:
            self._bekend.clear()
        self._bekend[gebruiker_id] = vingerafdruk

    async def _bewaar_in_een_keer(self, engine: AsyncEngine, gebruiker_id: str, gebruiker, referentie: dict) -> None:
        """PostgreSQL: one upsert statement, committed without waiting for the disk (`ZONDER_FSYNC`:
        lost only in a crash of the database server, and then stored again after the next restart
        of the bot or change of conversation)."""
        waarden = {
            "gemeente": gemeente_van(self._sessies),
            "gebruiker_id": gebruiker_id,
            "aad_object_id": gebruiker.aad_object_id,
            "persoon_id": gebruiker.persoon_id,
            "referentie": referentie,
            "bijgewerkt_op": nu(),
        }
        if self._upsert is None:  # built once: building and keying a statement costs ~1 ms under load
            kolommen = Gespreksreferentie.__table__.c
            rij = select(*(bindparam(k, type_=kolommen[k].type) for k in waarden)).where(ZONDER_FSYNC)
            opdracht = pg_insert(Gespreksreferentie).from_select(list(waarden), rij)
            self._upsert = opdracht.on_conflict_do_update(
                index_elements=[Gespreksreferentie.gemeente, Gespreksreferentie.gebruiker_id],
                set_={k: opdracht.excluded[k] for k in waarden if k not in ("gemeente", "gebruiker_id")},
            )
        async with engine.execution_options(isolation_level="AUTOCOMMIT").connect() as verbinding:
            await verbinding.execute(self._upsert, waarden)

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
        if self._engine is not None and self._engine.dialect.name == "postgresql":
            await self._bewaar_in_een_keer(self._engine, activity.from_property.id, gebruiker, referentie)
            self._onthoud(activity.from_property.id, vingerafdruk)
            return
        for _ in range(2):  # one retry when a concurrent first turn inserted the row
            try:
                async with self._sessies.begin() as sessie:
                    vraag = select(Gespreksreferentie).where(Gespreksreferentie.gebruiker_id == activity.from_property.id)
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
                self._onthoud(activity.from_property.id, vingerafdruk)
                return
            except IntegrityError:
                continue
