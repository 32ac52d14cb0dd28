"""Where one onderwerp stands in one period: its versions (up to a day, if asked), the latest and the
one before it, whether it came in late, and who must submit it. Pure: `Rapportagestand.stand_van`
reads the versions; the chat shows them (`dialogen.rapportage.statusantwoord`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from db.modellen.rapportage import Statusupdate
from kennisbank.model import Onderwerp, Persoon
from kennisbank.rapportage import Periode, Rapportage
from rapportage.cijfers import is_te_laat


@dataclass(frozen=True)
class Onderwerpstand:
    onderwerp: Onderwerp
    periode: Periode
    versies: list[Statusupdate]
    """Every version in the period (submitted on or before `op`), oldest first."""
    indieners: list[Persoon]
    """Who may and must submit it: its ambtelijk and gedelegeerd opdrachtgever on the peildatum."""
    op: date | None = None
    """The day asked about ("op 1 juni"); None: now."""

    @property
    def laatste(self) -> Statusupdate | None:
        return self.versies[-1] if self.versies else None

    @property
    def eerdere(self) -> Statusupdate | None:
        """The version before the latest, in the same period."""
        return self.versies[-2] if len(self.versies) > 1 else None

    def te_laat(self, rapportage: Rapportage) -> bool:
        """The latest version came in after the deadline (a late update the controller allowed)."""
        laatste = self.laatste
        return laatste is not None and is_te_laat(laatste.ingediend_op, self.periode, rapportage.zone)
