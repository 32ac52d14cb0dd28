"""Examples taken from the loaded kennisbank, so a conversation test runs on any kennisbank.

A test of generic behaviour asks for "an onderwerp with a gedelegeerd opdrachtgever" or "a manager
with onderwerpen" instead of naming the first example's Jeugdagenda or Marcel Kossen. When a
kennisbank has no such record the test fails with a clear message: the example data must cover
every feature.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Onderwerp, Persoon
from kennisbank.rapportage import Periode
from kennisbank.zoeken.datums import MAANDNAMEN

MAANDEN = MAANDNAMEN  # the product's own list (kennisbank.zoeken.datums)


def datum_tekst(dag: date) -> str:
    """A date as the bot writes it: '4 december 2026'."""
    return f"{dag.day} {MAANDEN[dag.month - 1]} {dag.year}"


@dataclass(frozen=True)
class Voorbeelden:
    """Records of one kennisbank that fit a test's need, valid on `dag`."""

    kennisbank: Kennisbank
    dag: date

    # ---- onderwerpen ----------------------------------------------------------------------

    def onderwerpen(self, *eisen: Callable[[Onderwerp], bool]) -> list[Onderwerp]:
        """Valid onderwerpen meeting every requirement, with a name no other onderwerp uses as alias."""
        geldig = [o for o in self.kennisbank.bestanden.onderwerpen if o.geldig_op(self.dag)]
        bezet = {a.lower() for o in geldig for a in o.aliassen}
        return [o for o in geldig if o.naam.lower() not in bezet and all(eis(o) for eis in eisen)]

    def onderwerp(self, *eisen: Callable[[Onderwerp], bool]) -> Onderwerp:
        gevonden = self.onderwerpen(*eisen)
        assert gevonden, f"{self.kennisbank.organisatie.naam}: geen onderwerp dat aan de eisen voldoet"
        return gevonden[0]

    def met_gedelegeerd(self) -> Onderwerp:
        return self.onderwerp(lambda o: self._houder(o, "gedelegeerd") is not None)

    def met_bestuurlijk(self) -> Onderwerp:
        return self.onderwerp(lambda o: self._houder(o, "bestuurlijk") is not None)

    def zonder_bestuurlijk(self) -> Onderwerp:
        return self.onderwerp(lambda o: self._houder(o, "bestuurlijk") is None)

    def zonder_gedelegeerd(self) -> Onderwerp:
        return self.onderwerp(lambda o: self._houder(o, "gedelegeerd") is None)

    def _houder(self, onderwerp: Onderwerp, rol: str) -> str | None:
        return onderwerp.opdrachtgever_op(rol, self.dag)

    def ao(self, onderwerp: Onderwerp) -> Persoon:
        persoon = self.kennisbank.persoon(self._houder(onderwerp, "ambtelijk"))
        assert persoon is not None
        return persoon

    def gedelegeerd(self, onderwerp: Onderwerp) -> Persoon:
        persoon = self.kennisbank.persoon(self._houder(onderwerp, "gedelegeerd"))
        assert persoon is not None
        return persoon

    def bestuurlijk(self, onderwerp: Onderwerp) -> Persoon:
        persoon = self.kennisbank.persoon(self._houder(onderwerp, "bestuurlijk"))
        assert persoon is not None
        return persoon

    # ---- personen -------------------------------------------------------------------------

    def ambtelijk_van(self, persoon: Persoon) -> list[Onderwerp]:
        return [o for o in self.onderwerpen() if self._houder(o, "ambtelijk") == persoon.id]

    def opdrachtgever_met_onderwerpen(self, minimaal: int = 2) -> Persoon:
        """A person who is ambtelijk opdrachtgever of at least `minimaal` onderwerpen."""
        for persoon in self.kennisbank.bestanden.personen:
            if len(self.ambtelijk_van(persoon)) >= minimaal:
                return persoon
        raise AssertionError(f"{self.kennisbank.organisatie.naam}: niemand is AO van {minimaal} onderwerpen")

    def gedelegeerde(self) -> Persoon:
        """A gedelegeerd opdrachtgever of an onderwerp who is ambtelijk opdrachtgever of none."""
        for onderwerp in self.onderwerpen(lambda o: self._houder(o, "gedelegeerd") is not None):
            persoon = self.gedelegeerd(onderwerp)
            if not self.ambtelijk_van(persoon):
                return persoon
        raise AssertionError(f"{self.kennisbank.organisatie.naam}: geen gedelegeerd opdrachtgever zonder eigen onderwerpen")

    def controller(self) -> Persoon:
        """A person with a role that sees every status update (rapportage.inzage_rollen)."""
        rapportage = self.kennisbank.bestanden.rapportage
        assert rapportage is not None
        for persoon in self.kennisbank.bestanden.personen:
            if set(persoon.rollen) & set(rapportage.inzage_rollen):
                return persoon
        raise AssertionError(f"{self.kennisbank.organisatie.naam}: geen persoon met een inzagerol")

    def buitenstaander(self) -> Persoon:
        """A known person who is opdrachtgever of nothing and has no inzage role."""
        rapportage = self.kennisbank.bestanden.rapportage
        inzage = set(rapportage.inzage_rollen) if rapportage else set()
        for persoon in self.kennisbank.bestanden.personen:
            if not self.kennisbank.onderwerpen_van(persoon.id, op=self.dag) and not set(persoon.rollen) & inzage:
                return persoon
        raise AssertionError(f"{self.kennisbank.organisatie.naam}: iedereen is opdrachtgever of controller")

    def met_leidinggevende(self) -> tuple[Persoon, Persoon]:
        """A person and their leidinggevende, from the lowest level of the line (longest chain)."""

        def keten(p: Persoon) -> int:
            stappen, huidig = 0, p
            while huidig.leidinggevende and stappen < 20:
                huidig = self.kennisbank.personen[huidig.leidinggevende]
                stappen += 1
            return stappen

        persoon = max(self.kennisbank.bestanden.personen, key=keten)
        assert persoon.leidinggevende
        return persoon, self.kennisbank.personen[persoon.leidinggevende]

    # ---- rapportage -----------------------------------------------------------------------

    def periode_open_op(self, moment: datetime) -> Periode | None:
        rapportage = self.kennisbank.bestanden.rapportage
        assert rapportage is not None
        return rapportage.open_periode(moment.astimezone(ZoneInfo(rapportage.tijdzone)).date())

    def open_moment(self) -> tuple[datetime, Periode]:
        """A moment inside an open period at or after `dag` (10:00 local), and that period."""
        rapportage = self.kennisbank.bestanden.rapportage
        assert rapportage is not None
        zone = ZoneInfo(rapportage.tijdzone)
        for verschuiving in range(0, 400):
            dag = self.dag + timedelta(days=verschuiving)
            moment = datetime(dag.year, dag.month, dag.day, 10, tzinfo=zone)
            if (periode := self.periode_open_op(moment)) is not None:
                return moment, periode
        raise AssertionError(f"{self.kennisbank.organisatie.naam}: geen open periode binnen een jaar")

    def gesloten_moment(self) -> datetime:
        """A moment after `dag` when no period is open (10:00 local)."""
        rapportage = self.kennisbank.bestanden.rapportage
        assert rapportage is not None
        zone = ZoneInfo(rapportage.tijdzone)
        for verschuiving in range(0, 400):
            dag = self.dag + timedelta(days=verschuiving)
            moment = datetime(dag.year, dag.month, dag.day, 10, tzinfo=zone)
            if self.periode_open_op(moment) is None:
                return moment
        raise AssertionError(f"{self.kennisbank.organisatie.naam}: altijd een periode open")

    # ---- words ----------------------------------------------------------------------------

    def namen(self) -> set[str]:
        """Names that identify this example: persons, onderwerpen and begrippen (full names)."""
        bestanden = self.kennisbank.bestanden
        return (
            {p.naam for p in bestanden.personen} | {o.naam for o in bestanden.onderwerpen} | {b.term for b in bestanden.begrippen}
        )
