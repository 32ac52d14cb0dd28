"""The stored side of a gemeente's rapportage, read and written through its rules: the latest
updates and who must still submit for a period, the overview's figures, storing an update as the
next version, and the controller's permission for a late update. The one service that the chat,
the export, the reminders (and a dashboard) call; the caller passes the gemeente's sessions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.modellen.rapportage import Herinnering, Herinneringsresultaat, Statusupdate
from db.repositories.rapportage import Opgeslagen, Sloten, StatusupdateRepository, bewaar_statusupdate
from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Onderwerp, Persoon
from kennisbank.rapportage import Periode
from rapportage.cijfers import Overzicht, maak_overzicht
from rapportage.onderwerpstand import Onderwerpstand
from rapportage.regels import Rapportageregels, Reden


class Rapportagestand:
    def __init__(
        self, kennisbank: Kennisbank, sessies: async_sessionmaker[AsyncSession], klok: Callable[[], datetime] | None = None
    ) -> None:
        self.regels = Rapportageregels(kennisbank)
        self.sessies = sessies
        self.klok = klok
        """The app's clock: the moment an update counts as submitted (None: the database's `nu`)."""
        self.sloten = Sloten()
        """Submissions for one onderwerp queue in this process (see `db.repositories.rapportage`)."""

    @property
    def kennisbank(self) -> Kennisbank:
        return self.regels.kennisbank

    # -- reading -------------------------------------------------------------------------------------

    async def laatste(self, periode: Periode, onderwerp_ids: Sequence[str] | None = None) -> dict[str, Statusupdate]:
        """The latest version per onderwerp (of `onderwerp_ids`, else every one) in this period."""
        async with self.sessies() as sessie:
            return await StatusupdateRepository(sessie).laatste_per_onderwerp(periode.id, onderwerp_ids)

    async def historie(self, periode: Periode) -> list[Statusupdate]:
        """Every version in this period, per onderwerp oldest first."""
        async with self.sessies() as sessie:
            return list(await StatusupdateRepository(sessie).historie(periode.id))

    async def stand_van(self, periode: Periode, onderwerp: Onderwerp, op: date | None = None) -> Onderwerpstand:
        """Where this onderwerp stands in this period: its versions, on day `op` if given (those
        submitted by the end of that day, in the rapportage's time zone)."""
        async with self.sessies() as sessie:
            versies = list(await StatusupdateRepository(sessie).historie(periode.id, onderwerp.id))
        rapportage = self.regels.rapportage
        if op is not None:
            versies = [v for v in versies if rapportage.dag(v.ingediend_op) <= op]
        return Onderwerpstand(onderwerp, periode, versies, self.regels.indieners(onderwerp, periode.peildatum), op)

    async def vorige_update(self, periode: Periode, onderwerp: Onderwerp) -> Statusupdate | None:
        """The onderwerp's latest version in this period, else its latest ever (to pre-fill a new period's)."""
        async with self.sessies() as sessie:
            repo = StatusupdateRepository(sessie)
            return await repo.laatste(periode.id, onderwerp.id) or await repo.laatste_voor_onderwerp(onderwerp.id)

    async def overzicht(self, periode: Periode, onderwerpen: list[Onderwerp]) -> Overzicht:
        """The figures of these onderwerpen, next to the previous period's."""
        ids = [o.id for o in onderwerpen]
        vorige_periode = self.regels.rapportage.vorige_periode(periode)
        laatste = await self.laatste(periode, ids)
        vorige = await self.laatste(vorige_periode, ids) if vorige_periode else {}
        return maak_overzicht(self.kennisbank, periode, onderwerpen, laatste, vorige)

    async def ontbrekend(self, periode: Periode, directeur_id: str | None = None) -> dict[str, list[Onderwerp]]:
        """Who must still submit which counted onderwerpen (of one directeur, if given), read now."""
        ids = (
            None
            if directeur_id is None
            else [
                o.id
                for o in self.regels.onderwerpen(periode.peildatum)
                if self.regels.directeur_id(o, periode.peildatum) == directeur_id
            ]
        )
        ingediend = await self.laatste(periode, ids)
        return self.regels.ontbrekend(periode, ingediend, directeur_id)

    # -- writing -------------------------------------------------------------------------------------

    async def bewaar(self, update: Statusupdate) -> Opgeslagen:
        """Store the unsaved `update` as the next version, once per its `sleutel`."""
        if self.klok is not None and update.ingediend_op is None:
            update.ingediend_op = self.klok().astimezone(UTC)
        return await bewaar_statusupdate(self.sessies, update, self.sloten)

    # -- who may submit now ---------------------------------------------------------------------------

    async def waarom_niet_nu(
        self, persoon: Persoon | None, onderwerp: Onderwerp | None, periode: Periode | None, vandaag: date
    ) -> Reden | None:
        """`Rapportageregels.waarom_niet`, except after the deadline for someone a controller allowed a late update."""
        reden = self.regels.waarom_niet(persoon, onderwerp, periode, vandaag)
        if (
            reden is Reden.DEADLINE_VERSTREKEN
            and periode is not None
            and persoon is not None
            and await self.laat_toegestaan(periode, persoon.id)
        ):
            return None
        return reden

    # -- late updates --------------------------------------------------------------------------------

    def laat_moment(self, periode: Periode) -> datetime:
        """The moment a late-update permission is stored under: the end of the deadline day."""
        return datetime.combine(periode.deadline, time(23, 59, 59), tzinfo=self.regels.rapportage.zone)

    async def laat_toegestaan(self, periode: Periode, persoon_id: str) -> bool:
        """Whether a controller allowed this person a late update for this period."""
        async with self.sessies() as sessie:
            rij = await sessie.scalar(
                select(Herinnering.id).where(
                    Herinnering.periode_id == periode.id,
                    Herinnering.persoon_id == persoon_id,
                    Herinnering.resultaat == Herinneringsresultaat.LAAT_TOEGESTAAN,
                )
            )
        return rij is not None

    async def sta_laat_toe(self, periode: Periode, persoon_id: str) -> None:
        """Record the permission (a `herinnering` row with result `laat_toegestaan`, so no table of its own)."""
        async with self.sessies.begin() as sessie:
            sessie.add(
                Herinnering(
                    periode_id=periode.id,
                    moment=self.laat_moment(periode),
                    persoon_id=persoon_id,
                    resultaat=Herinneringsresultaat.LAAT_TOEGESTAAN,
                )
            )
