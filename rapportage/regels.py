"""The rules of a gemeente's rapportage, from its kennisbank alone (no database, no chat).

One answer, asked by the chat, the export, the reminders and the overviews alike:

- which onderwerpen *count* for a period: those valid on its peildatum (`onderwerpen`, `telt_mee`);
  without a period (nothing open yet), those valid on the day asked (`peildag`);
- who *may* submit for an onderwerp: its ambtelijk and gedelegeerd opdrachtgever on that day
  (`indieners`, `mag_indienen`), so the one who submits is the one who is reminded and counted;
  and *now*: only while the period is open (`waarom_niet`: the first reason it is refused; after
  the deadline a controller's permission lifts it, `Rapportagestand.waarom_niet_nu`);
- who *must* still submit: the indieners of every counted onderwerp without an update (`ontbrekend`);
- who sees everything and may export: the `inzage_rollen` of rapportage.yaml (`heeft_inzage`);
  others see the onderwerpen they may submit for (`mag_inzien`, `zichtbare_onderwerpen`);
- whose group an onderwerp falls in (the directeur): its ambtelijk opdrachtgever on the peildatum,
  else the current one (`directeur_id`).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from enum import StrEnum

from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Onderwerp, Persoon
from kennisbank.rapportage import Periode, Rapportage


class Reden(StrEnum):
    """Why someone may not submit for an onderwerp now (checked in this order)."""

    ONBEKENDE_GEBRUIKER = "onbekende_gebruiker"
    """Not a persoon of the kennisbank."""
    ONBEKEND_ONDERWERP = "onbekend_onderwerp"
    GEEN_RECHT = "geen_recht"
    """Not its ambtelijk or gedelegeerd opdrachtgever on the peildag."""
    GEEN_PERIODE = "geen_periode"
    """No period is open."""
    DEADLINE_VERSTREKEN = "deadline_verstreken"
    NOG_NIET_OPEN = "nog_niet_open"


class Rapportageregels:
    """The rules above for one kennisbank."""

    def __init__(self, kennisbank: Kennisbank) -> None:
        self.kennisbank = kennisbank

    @property
    def rapportage(self) -> Rapportage:
        rapportage = self.kennisbank.bestanden.rapportage
        if rapportage is None:
            raise LookupError("de kennisbank heeft geen rapportage.yaml")
        return rapportage

    # -- which onderwerpen count --------------------------------------------------------------------

    @staticmethod
    def peildag(periode: Periode | None, vandaag: date) -> date:
        """The day whose onderwerpen and opdrachtgevers count for a period: its peildatum; without a period, today."""
        return periode.peildatum if periode is not None else vandaag

    @staticmethod
    def telt_mee(onderwerp: Onderwerp, dag: date) -> bool:
        """Whether the onderwerp counts on `dag` (a peildatum): it is valid that day."""
        return onderwerp.geldig_op(dag)

    def onderwerpen(self, dag: date) -> list[Onderwerp]:
        """Every onderwerp that counts on `dag`, in the kennisbank's order."""
        return [o for o in self.kennisbank.bestanden.onderwerpen if self.telt_mee(o, dag)]

    # -- who may submit -----------------------------------------------------------------------------

    @staticmethod
    def indiener_ids(onderwerp: Onderwerp, dag: date | None) -> list[str]:
        """Ambtelijk and gedelegeerd opdrachtgever on `dag` (None = the current ones), without doubles."""
        ids = (onderwerp.opdrachtgever_op("ambtelijk", dag), onderwerp.opdrachtgever_op("gedelegeerd", dag))
        return list(dict.fromkeys(i for i in ids if i))

    def indieners(self, onderwerp: Onderwerp, dag: date | None) -> list[Persoon]:
        return [p for p in (self.kennisbank.persoon(i) for i in self.indiener_ids(onderwerp, dag)) if p is not None]

    def mag_indienen(self, persoon: Persoon | None, onderwerp: Onderwerp, dag: date | None) -> bool:
        return persoon is not None and persoon.id in self.indiener_ids(onderwerp, dag)

    def waarom_niet(
        self, persoon: Persoon | None, onderwerp: Onderwerp | None, periode: Periode | None, vandaag: date
    ) -> Reden | None:
        """Why `persoon` may not submit for `onderwerp` in `periode` on `vandaag`; None when allowed."""
        if persoon is None:
            return Reden.ONBEKENDE_GEBRUIKER
        if onderwerp is None:
            return Reden.ONBEKEND_ONDERWERP
        if not self.mag_indienen(persoon, onderwerp, self.peildag(periode, vandaag)):
            return Reden.GEEN_RECHT
        if periode is None:
            return Reden.GEEN_PERIODE
        if not periode.is_open(vandaag):
            return Reden.DEADLINE_VERSTREKEN if vandaag > periode.deadline else Reden.NOG_NIET_OPEN
        return None

    def eigen_onderwerpen(self, persoon: Persoon | None, dag: date) -> list[Onderwerp]:
        """The onderwerpen this person reports on that count on `dag`."""
        if persoon is None:
            return []
        return [o for o in self.onderwerpen(dag) if self.mag_indienen(persoon, o, dag)]

    # -- who sees what ------------------------------------------------------------------------------

    def heeft_inzage(self, persoon: Persoon | None) -> bool:
        """May see every onderwerp's updates and export them (the controller)."""
        rapportage = self.kennisbank.bestanden.rapportage
        rollen = rapportage.inzage_rollen if rapportage is not None else []
        return persoon is not None and any(rol in persoon.rollen for rol in rollen)

    def met_inzage(self) -> list[Persoon]:
        """Everyone with inzage rights (the controllers), once each."""
        rapportage = self.kennisbank.bestanden.rapportage
        rollen = rapportage.inzage_rollen if rapportage is not None else []
        return list({p.id: p for r in rollen for p in self.kennisbank.personen_met_rol(r)}.values())

    def mag_inzien(self, persoon: Persoon | None, onderwerp: Onderwerp, dag: date) -> bool:
        """Whether this person may see the onderwerp's updates for the period of peildag `dag`: a
        controller every one, anyone else those they may submit for (`mag_indienen`)."""
        return self.heeft_inzage(persoon) or self.mag_indienen(persoon, onderwerp, dag)

    def zichtbare_onderwerpen(self, persoon: Persoon | None, dag: date) -> list[Onderwerp]:
        """What an overview shows this person: the counted onderwerpen they may see (`mag_inzien`)."""
        return [o for o in self.onderwerpen(dag) if self.mag_inzien(persoon, o, dag)]

    # -- who must still submit ----------------------------------------------------------------------

    @staticmethod
    def directeur_id(onderwerp: Onderwerp, dag: date) -> str:
        """The ambtelijk opdrachtgever on `dag` (the overview's group), else the current one."""
        return onderwerp.opdrachtgever_op("ambtelijk", dag) or onderwerp.ambtelijk_opdrachtgever

    def ontbrekend(
        self, periode: Periode, ingediend: Collection[str], directeur_id: str | None = None
    ) -> dict[str, list[Onderwerp]]:
        """Per persoon id, the counted onderwerpen (of one directeur, if given) that have no update
        in `ingediend` (onderwerp ids) and that this person may submit for."""
        dag = periode.peildatum
        per_persoon: dict[str, list[Onderwerp]] = {}
        for onderwerp in self.onderwerpen(dag):
            if onderwerp.id in ingediend or (directeur_id is not None and self.directeur_id(onderwerp, dag) != directeur_id):
                continue
            for persoon in self.indieners(onderwerp, dag):
                per_persoon.setdefault(persoon.id, []).append(onderwerp)
        return per_persoon
