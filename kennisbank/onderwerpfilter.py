"""Narrowing a list of onderwerpen to what a list question asks, from the data's own fields.

"welke onderwerpen zijn tijdelijk", "welke onderwerpen gaan over wonen": a word of the question that
stands in the names or aliases of some onderwerpen (not all) keeps those. "waar is een gedelegeerd
opdrachtgever": an opdrachtgeversrol named keeps the onderwerpen where someone holds it. No word list
of filters: what counts is what the kennisbank's records say. Words that name another kind of record
(a soort onderwerp, a person, a rol, a soort werk) or that are too general to tell onderwerpen apart
(`GENERIEKE_WOORDEN`) never filter. Pure: no bot, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Onderwerp, Opdrachtgeversrol
from kennisbank.zoeken.normaliseren import GENERIEKE_WOORDEN, STOPWOORDEN, normaliseer

_MIN_STAM = 4
"""Two words of at least this many letters in common (and at most `_MAX_UITGANG` more each) are one
word: "tijdelijke" ~ "tijdelijk", "wijk" ~ "wijken", "financien" ~ "financiele"; never a compound
part ("nieuw" is not "nieuwbouw")."""
_MAX_UITGANG = 3


@dataclass(frozen=True)
class Lijstfilter:
    onderwerpen: list[Onderwerp]
    woorden: tuple[str, ...] = ()
    """The question's words that narrowed the list (as typed, normalised)."""
    rol: Opdrachtgeversrol | None = None
    """The opdrachtgeversrol the kept onderwerpen have a holder for."""

    @property
    def gefilterd(self) -> bool:
        return bool(self.woorden) or self.rol is not None


def filter_onderwerpen(
    kennisbank: Kennisbank,
    tekst: str,
    onderwerpen: list[Onderwerp],
    dag: date,
    rol: Opdrachtgeversrol | None = None,
    soorten: frozenset[str] = frozenset(),
) -> Lijstfilter:
    """`onderwerpen` narrowed to those with a holder of `rol` on `dag` (when given), then to those
    whose name or alias holds a word of `tekst` (when a word of it tells some apart from the rest).
    The names of `soorten` (the soorten onderwerp the question named) are no such word: they chose
    the soort already ("welke organisatieontwikkeling onderwerpen zijn er")."""
    if rol is not None:
        onderwerpen = [o for o in onderwerpen if o.opdrachtgever_op(rol, dag)]
    soortwoorden = {
        w
        for soort in kennisbank.organisatie.soorten_onderwerp
        if soort.id in soorten
        for naam in (soort.id, soort.naam, *soort.aliassen)
        for w in normaliseer(naam).split()
    }
    woorden, gehouden = _woordfilter(kennisbank, tekst, onderwerpen, soortwoorden)
    return Lijstfilter(gehouden if woorden else onderwerpen, woorden, rol)


def _woordfilter(
    kennisbank: Kennisbank, tekst: str, onderwerpen: list[Onderwerp], negeer: set[str]
) -> tuple[tuple[str, ...], list[Onderwerp]]:
    """The question's words that some onderwerpen (not all) have in their name or aliases, and those
    onderwerpen. A word in a name outweighs one only in an alias: when any word of the question is in
    a name, words found only in aliases ("beleid maken") do not filter."""
    andere = _andere_recordwoorden(kennisbank) - {w for o in kennisbank.bestanden.onderwerpen for w in _woorden(o)}
    vraagwoorden = [w for w in dict.fromkeys(normaliseer(tekst).split()) if _telt(w) and w not in andere and w not in negeer]
    per_woord: dict[str, tuple[set[str], bool]] = {}
    for woord in vraagwoorden:
        in_naam = {o.id for o in onderwerpen if any(_zelfde_woord(woord, w) for w in _woorden(o, alleen_naam=True))}
        treffers = in_naam | {o.id for o in onderwerpen if any(_zelfde_woord(woord, w) for w in _woorden(o))}
        if treffers and len(treffers) < len(onderwerpen):  # a word every onderwerp has tells nothing
            per_woord[woord] = (treffers, bool(in_naam))
    if any(in_naam for _, in_naam in per_woord.values()):
        per_woord = {w: t for w, t in per_woord.items() if t[1]}
    gehouden = {i for treffers, _ in per_woord.values() for i in treffers}
    return tuple(per_woord), [o for o in onderwerpen if o.id in gehouden]


def _telt(woord: str) -> bool:
    return woord not in STOPWOORDEN and woord not in GENERIEKE_WOORDEN and not woord.isdigit()


def _woorden(onderwerp: Onderwerp, *, alleen_naam: bool = False) -> frozenset[str]:
    """The words of the onderwerp's name (and aliases); a word shorter than `_MIN_STAM` only when it
    is the whole name or alias ("BDO", "HR"), never as a part of one ("als" in "A12 als ...")."""
    namen = (onderwerp.naam, *(() if alleen_naam else onderwerp.aliassen))
    uit: set[str] = set()
    for naam in namen:
        delen = normaliseer(naam).split()
        uit.update(w for w in delen if _telt(w) and (len(w) >= _MIN_STAM or len(delen) == 1))
    return frozenset(uit)


def _andere_recordwoorden(kennisbank: Kennisbank) -> frozenset[str]:
    """Words of the names and aliases of soorten onderwerp, persons, rollen and soorten werk: a
    question's word that names one of those (and no onderwerp) is not about an onderwerp's name."""
    bestanden = kennisbank.bestanden
    namen: list[str] = []
    for soort in kennisbank.organisatie.soorten_onderwerp:
        namen += [soort.id, soort.naam, *soort.aliassen]
    for persoon in bestanden.personen:
        namen.append(persoon.naam)
    for rol in bestanden.rollen:
        namen += [rol.naam, *rol.aliassen]
    for soort_werk in bestanden.soorten_werk:
        namen += soort_werk.aliassen
    return frozenset(w for naam in namen for w in normaliseer(naam).split())


def _zelfde_woord(a: str, b: str) -> bool:
    if a == b:
        return True
    stam = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        stam += 1
    return stam >= _MIN_STAM and len(a) - stam <= _MAX_UITGANG and len(b) - stam <= _MAX_UITGANG
