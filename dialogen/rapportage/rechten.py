"""Who may do what with statusupdates, from the kennisbank alone.

Submit for an onderwerp: its ambtelijk opdrachtgever and its gedelegeerd opdrachtgever *on the
peildatum* of the period (`peildag`): submitting, who must still submit, reminders, overviews and
the export all ask "who holds the role on that day", so they agree with each other.
See everything and export: persons with one of the `inzage_rollen` of rapportage.yaml
(the controller). Overviews for others cover the onderwerpen they may submit for.
"""

from __future__ import annotations

from datetime import date

from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Onderwerp, Persoon
from kennisbank.rapportage import Periode


def peildag(periode: Periode | None, vandaag: date) -> date:
    """The day whose opdrachtgevers count for a period: its peildatum; without a period, today."""
    return periode.peildatum if periode is not None else vandaag


def indiener_ids(onderwerp: Onderwerp, dag: date | None) -> list[str]:
    """Ambtelijk and gedelegeerd opdrachtgever on `dag` (None = the current ones), without doubles."""
    return list(dict.fromkeys(i for i in (onderwerp.opdrachtgever_op("ambtelijk", dag), onderwerp.opdrachtgever_op("gedelegeerd", dag)) if i))


def indieners(kennisbank: Kennisbank, onderwerp: Onderwerp, dag: date | None = None) -> list[Persoon]:
    return [p for p in (kennisbank.persoon(i) for i in indiener_ids(onderwerp, dag)) if p is not None]


def mag_indienen(persoon: Persoon | None, onderwerp: Onderwerp, dag: date | None = None) -> bool:
    return persoon is not None and persoon.id in indiener_ids(onderwerp, dag)


def eigen_onderwerpen(kennisbank: Kennisbank, persoon: Persoon | None, dag: date) -> list[Onderwerp]:
    """The onderwerpen this person reports on (as ambtelijk or gedelegeerd opdrachtgever)."""
    if persoon is None:
        return []
    return [o for o in kennisbank.bestanden.onderwerpen if o.geldig_op(dag) and mag_indienen(persoon, o, dag)]


def heeft_inzage(kennisbank: Kennisbank, persoon: Persoon | None) -> bool:
    """May see every onderwerp's updates and export them (the controller)."""
    rapportage = kennisbank.bestanden.rapportage
    rollen = rapportage.inzage_rollen if rapportage is not None else []
    return persoon is not None and any(rol in persoon.rollen for rol in rollen)


def zichtbare_onderwerpen(kennisbank: Kennisbank, persoon: Persoon | None, dag: date) -> list[Onderwerp]:
    """What an overview shows this person: everything for a controller, else their own."""
    if heeft_inzage(kennisbank, persoon):
        return [o for o in kennisbank.bestanden.onderwerpen if o.geldig_op(dag)]
    return eigen_onderwerpen(kennisbank, persoon, dag)
