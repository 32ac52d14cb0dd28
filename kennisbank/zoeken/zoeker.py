"""The Zoeker: question in, typed Antwoord out. Build once at start-up, then call `beantwoord`."""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from kennisbank.kennisbank import Kennisbank
from kennisbank.model import OPDRACHTGEVERSROLLEN, Begrip, Onderwerp, Persoon, Rol, SoortWerk
from kennisbank.zoeken.antwoord import (
    SOORT_BEGRIP,
    SOORT_ONDERWERP,
    SOORT_PERIODE,
    SOORT_PERSOON,
    SOORT_ROL,
    SOORT_SOORT_ONDERWERP,
    SOORT_SOORT_WERK,
    Antwoord,
    BedoeldeU,
    BegripGevonden,
    Kandidaat,
    MeerdereOnderwerpen,
    NietGevonden,
    OnderwerpGevonden,
    PersoonGevonden,
    RolGevonden,
    SoortWerkGevonden,
)
from kennisbank.zoeken.datums import Datum, gevraagde_dag, vind_datums
from kennisbank.zoeken.entiteiten import Entiteit, EntiteitVinder, Vermelding
from kennisbank.zoeken.index import Doel, Index, Treffer
from kennisbank.zoeken.normaliseren import GENERIEKE_WOORDEN, STOPWOORDEN, normaliseer
from kennisbank.zoeken.vraag import Vraag, VraagSoort, betekenis_na_zin, betekenis_van, ontleed, wie_is


@dataclass(frozen=True)
class Drempels:
    """Chosen on tests/vragen/opdrachtgever.yaml (see bench/README.md)."""

    zeker: float = 0.86
    """From this score a single best record is the answer."""
    bedoeld: float = 0.62
    """From this score a record is offered as 'Bedoelde je …?'."""
    marge: float = 0.06
    """The best must beat the next record by this much to be confident."""
    meerdere: float = 0.75
    """Onderwerpen that each contain the whole question and score this much are listed together."""
    max_kandidaten: int = 4
    vermelding_zeker: float = 0.93
    """An onderwerp found elsewhere in the sentence answers a question whose core found nothing only
    from this score: its whole name, typos allowed ('sociale' alone does not make 'Sociale agenda')."""


# Which records may answer which kind of question, most wanted first.
_VOORKEUR: dict[VraagSoort, tuple[str, ...]] = {
    VraagSoort.OPDRACHTGEVER: (SOORT_ONDERWERP, SOORT_SOORT_WERK),
    VraagSoort.PERSOON: (SOORT_PERSOON,),
    VraagSoort.ROL_OF_PERSOON: (SOORT_ROL, SOORT_PERSOON, SOORT_BEGRIP),
    VraagSoort.UITLEG: (SOORT_BEGRIP, SOORT_ROL, SOORT_SOORT_WERK, SOORT_ONDERWERP),
    VraagSoort.ONBEKEND: (SOORT_ONDERWERP, SOORT_PERSOON, SOORT_SOORT_WERK, SOORT_BEGRIP, SOORT_ROL),
}

_NAAMSOORTEN = frozenset({SOORT_ONDERWERP, SOORT_PERSOON})
_UITLEGSOORTEN = frozenset({SOORT_BEGRIP, SOORT_ROL, SOORT_SOORT_WERK})
_PERSOON_OF_ROL = frozenset({SOORT_PERSOON, SOORT_ROL})
_VRAAGWOORD = re.compile(r"\b(?:wie|wat|welke|welk|waar|waarom|hoe|wanneer|hoeveel|alle)\b")
"""A question word (a stop word to the name finder) makes a message more than a bare name."""
_MAX_DEEL = 3
"""A bare message of more words than this is no part of a name."""
_NEVENSCHIKKING = frozenset({"en", "of", "&", "vs", "vs.", "versus", "tov", "t.o.v."})
"""Words that join two names whose shared last part is written once ("ambtelijk en bestuurlijk
opdrachtgever", "lente- en herfstrapportage")."""
_LIDWOORDEN = frozenset({"een", "de", "het"})
_VERSCHIL = re.compile(r"\b(?:verschil\w*|onderscheid\w*|vs|versus)\b")
"""A question that compares: with two records named exactly, it asks what each one is."""

_R = TypeVar("_R")


class Zoeker:
    """Answers 'wie is ambtelijk opdrachtgever voor X?' and its relatives from one kennisbank."""

    def __init__(self, kennisbank: Kennisbank, *, vandaag: date | None = None, drempels: Drempels | None = None) -> None:
        self.kennisbank = kennisbank
        self.drempels = drempels or Drempels()
        self._klok: Callable[[], date] = (lambda: vandaag) if vandaag is not None else date.today
        b = kennisbank.bestanden
        self._records: dict[tuple[str, str], object] = {}
        namen: list[tuple[Doel, str]] = []

        def voeg_toe(soort: str, record, naam: str, aliassen: list[str]) -> None:
            doel = Doel(soort, record.id, naam)
            self._records[(soort, record.id)] = record
            namen.extend((doel, n) for n in [naam, *aliassen])

        for o in b.onderwerpen:
            voeg_toe(SOORT_ONDERWERP, o, o.naam, o.aliassen)
        for p in b.personen:
            voeg_toe(SOORT_PERSOON, p, p.naam, _persoonsnamen(p.naam))
        for s in b.soorten_werk:
            voeg_toe(SOORT_SOORT_WERK, s, s.naam, s.aliassen)
        for begrip in b.begrippen:
            voeg_toe(SOORT_BEGRIP, begrip, begrip.term, begrip.aliassen)
        for r in b.rollen:
            voeg_toe(SOORT_ROL, r, r.naam, r.aliassen)
        self.index = Index(namen)
        self._namen: dict[Doel, list[str]] = defaultdict(list)
        for doel, naam in namen:
            self._namen[doel].append(normaliseer(naam))
        # The entity finder also knows soorten onderwerp ("agenda's") and rapportage periods.
        extra: list[tuple[Doel, str]] = []
        for soort in kennisbank.organisatie.soorten_onderwerp:
            doel = Doel(SOORT_SOORT_ONDERWERP, soort.id, soort.naam)
            self._records[(SOORT_SOORT_ONDERWERP, soort.id)] = soort
            for n in [soort.naam, soort.id, *soort.aliassen]:
                extra.extend((doel, vorm) for vorm in (n, f"{n}s", f"{n}en"))  # plurals: agenda's, projecten
        bekend = {normaliseer(n) for _, n in namen}  # a plural that is a name already stays that name
        for rol in b.rollen:  # plurals: "teammanagers", "adjunct-directeuren", "procesverantwoordelijken"
            doel = Doel(SOORT_ROL, rol.id, rol.naam)
            for n in [rol.naam, *rol.aliassen]:
                vormen = [f"{n}s", f"{n}en", *([f"{n}n"] if n.endswith("e") else [])]
                extra.extend((doel, vorm) for vorm in vormen if normaliseer(vorm) not in bekend)
        if b.rapportage is not None:
            woorden = b.rapportage.soort_woorden()
            for periode in b.rapportage.perioden_rond(date.today()):  # yearly rules: the years around now
                doel = Doel(SOORT_PERIODE, periode.id, periode.naam)
                self._records[(SOORT_PERIODE, periode.id)] = periode
                jaar = periode.peildatum.year
                extra.extend((doel, n) for n in [periode.naam, *(f"{w} {jaar}" for w in woorden.get(periode.soort, []))])
        self.vinder = EntiteitVinder(namen + extra)
        # Kennisbank.onderwerpen_van narrowed ahead: every onderwerp a person ever held a role of
        # (ambtelijk, gedelegeerd or bestuurlijk); the day asked decides at answer time.
        self._per_persoon: dict[str, list[Onderwerp]] = {}
        for o in b.onderwerpen:
            for pid in dict.fromkeys(t.persoon for rol in OPDRACHTGEVERSROLLEN for t in o.termijnen(rol)):
                if pid:
                    self._per_persoon.setdefault(pid, []).append(o)

    def met_klok(self, klok: Callable[[], date]) -> Zoeker:
        """This Zoeker (sharing its indexes) with its default day taken from `klok` at every call."""
        kopie = copy.copy(self)
        kopie._klok = klok
        return kopie

    def vandaag(self) -> date:
        """The day a question is about when the caller names none: the day given at construction
        (tests), else the clock's (`met_klok`), else today's date."""
        return self._klok()

    def record(self, soort: str, record_id: str):
        """The kennisbank record behind a found entity (Onderwerp, Persoon, Rol, Periode, ...)."""
        return self._records[(soort, record_id)]

    def _van_soort(self, soort: str, record_id: str, klasse: type[_R]) -> _R:
        """The record behind an entity of one kind, typed; each kind is stored as its own model class."""
        record = self._records[(soort, record_id)]
        if not isinstance(record, klasse):
            raise TypeError(f"{soort} {record_id!r} is a {type(record).__name__}, not a {klasse.__name__}")
        return record

    def _onderwerp(self, onderwerp_id: str) -> Onderwerp:
        return self._van_soort(SOORT_ONDERWERP, onderwerp_id, Onderwerp)

    def vind(self, tekst: str, soorten: frozenset[str] | None = None, *, vandaag: date | None = None) -> list[Vermelding]:
        """Every record `tekst` mentions, per place in the sentence (see `entiteiten`); onderwerpen
        only when valid on `vandaag`."""
        dag = vandaag or self.vandaag()
        uit = []
        for vermelding in self.vinder.vind(tekst, soorten):
            kandidaten = tuple(
                self._ander_persoon(tekst, e) if e.soort == SOORT_PERSOON else e
                for e in vermelding.kandidaten
                if e.soort != SOORT_ONDERWERP or self._onderwerp(e.id).geldig_op(dag)
            )
            kandidaten = tuple(sorted(_langste_naam_wint(kandidaten, tekst), key=lambda e: -e.score))
            if kandidaten:
                uit.append(Vermelding(vermelding.begin, vermelding.eind, vermelding.tekst, kandidaten))
        return uit

    def vind_samengetrokken(
        self, tekst: str, soorten: frozenset[str] | None = None, *, vandaag: date | None = None
    ) -> list[Vermelding]:
        """`vind`, plus a name whose last words are written only once in a coordination: "ambtelijk
        en bestuurlijk opdrachtgever" also names the ambtelijk opdrachtgever (a shared end of one
        word, "lente- en herfstbrief", the finder reads itself). Only a name typed in full (an exact
        name or alias) counts, on both sides; in sentence order."""
        vermeldingen = self.vind(tekst, soorten, vandaag=vandaag)
        extra = [v for v in (self._samengetrokken(tekst, v, soorten, vandaag) for v in vermeldingen) if v is not None]
        bezet = {(v.begin, v.eind) for v in vermeldingen}
        return sorted([*vermeldingen, *(v for v in extra if (v.begin, v.eind) not in bezet)], key=lambda v: v.begin)

    def _samengetrokken(
        self, tekst: str, vermelding: Vermelding, soorten: frozenset[str] | None, vandaag: date | None
    ) -> Vermelding | None:
        """The name "<woord> en" in front of `vermelding` starts, completed with its last words."""
        if not any(e.exact and (e.begin, e.eind) == (vermelding.begin, vermelding.eind) for e in vermelding.kandidaten):
            return None
        voor = tekst[: vermelding.begin].split()
        while voor and voor[-1].lower() in _LIDWOORDEN:
            voor.pop()
        if len(voor) < 2 or voor[-1].lower() not in _NEVENSCHIKKING:
            return None
        woord, woorden = voor[-2], vermelding.tekst.split()
        if len(woorden) < 2 or woord.endswith("-"):  # "lente- en herfstbrief": the finder reads that itself
            return None
        poging = " ".join([woord, *woorden[1:]])  # "ambtelijk" + "opdrachtgever"
        begin = tekst.rfind(woord, 0, vermelding.begin)
        for gevonden in self.vind(poging, soorten, vandaag=vandaag):
            exact = [e for e in gevonden.kandidaten if e.exact and (e.begin, e.eind) == (0, len(poging))]
            if exact and (gevonden.begin, gevonden.eind) == (0, len(poging)):
                eind = begin + len(woord)
                return Vermelding(begin, eind, tekst[begin:eind], tuple(replace(e, begin=begin, eind=eind) for e in exact))
        return None

    def _ander_persoon(self, tekst: str, entiteit: Entiteit) -> Entiteit:
        """'Piet Jansen' is not 'Lotte Jansen': a surname (or first name) found next to another
        capitalised name is no longer confident."""
        delen = set(normaliseer(self._van_soort(SOORT_PERSOON, entiteit.id, Persoon).naam).split())
        gevonden = set(normaliseer(tekst[entiteit.begin : entiteit.eind]).split())
        if delen <= gevonden:
            return entiteit
        voor = _NAAMWOORD.findall(tekst[: entiteit.begin])[-1:]
        na = _NAAMWOORD.findall(tekst[entiteit.eind :])[:1]
        for woord in voor + na:
            gewoon = normaliseer(woord)
            if woord[:1].isupper() and woord[1:].islower() and gewoon not in delen and gewoon not in _GEEN_NAAM:
                return replace(entiteit, score=min(entiteit.score, 0.6), exact=False)
        return entiteit

    def naamgenoten(self, tekst: str) -> list[Kandidaat]:
        """The persons one name in `tekst` fits equally well ("Kossen" when two people have that
        surname, "Flora" for two Flora's, a full name two people share), best first; empty when no
        name is in doubt."""
        d = self.drempels
        for vermelding in self.vind(tekst, frozenset({SOORT_PERSOON})):
            beste = vermelding.beste
            gelijk = [e for e in vermelding.kandidaten if e.score >= beste.score - d.marge]
            if beste.score >= d.zeker and len(gelijk) > 1:
                return [Kandidaat(SOORT_PERSOON, e.id, e.naam, e.score) for e in gelijk]
        return []

    def datums(self, tekst: str, *, vandaag: date | None = None) -> list[Datum]:
        """Dates in `tekst` ("1 maart 2024", "1-3-2024", "gisteren", ...)."""
        return vind_datums(tekst, vandaag or self.vandaag())

    def onderwerpen_genoemd(self, tekst: str, *, vandaag: date | None = None) -> list[tuple[Onderwerp, ...]]:
        """Per place in the sentence, the onderwerpen named there exactly (by name or alias).
        Several per place when an alias is shared; empty when nothing is named exactly."""
        return self._exact_genoemd(self.vind(tekst, frozenset({SOORT_ONDERWERP}), vandaag=vandaag))

    def _exact_genoemd(self, vermeldingen: list[Vermelding]) -> list[tuple[Onderwerp, ...]]:
        uit = []
        for vermelding in vermeldingen:
            exact = tuple(
                self._onderwerp(e.id)
                for e in vermelding.kandidaten
                if e.exact and (e.begin, e.eind) == (vermelding.begin, vermelding.eind)  # longest name wins
            )
            if exact:
                uit.append(exact)
        return uit

    def beantwoord(self, vraag: str, *, vandaag: date | None = None) -> Antwoord:
        dag = vandaag or self.vandaag()
        ontleed_ = _zonder_datums(vraag, dag)
        antwoord = self._beantwoord(ontleed_, dag)
        if (
            isinstance(antwoord, (NietGevonden, BedoeldeU))
            and ontleed_.soort is VraagSoort.OPDRACHTGEVER
            and (naam := wie_is(ontleed_.tekst)) is not None
            and self._alleen_genoemd(naam, _PERSOON_OF_ROL, dag)
            and not self.onderwerpen_genoemd(ontleed_.tekst, vandaag=dag)
        ):
            # "wie is de algemeen directeur": a rol or person named in full, not "directeur" of "algemeen"
            antwoord = self._beantwoord(Vraag(ontleed_.tekst, ontleed_.genormaliseerd, naam, VraagSoort.ONBEKEND), dag)
        if ontleed_.soort in (VraagSoort.OPDRACHTGEVER, VraagSoort.ONBEKEND):
            antwoord = self._met_vermeldingen(ontleed_, antwoord, dag)
        if isinstance(antwoord, (NietGevonden, BedoeldeU)) and ontleed_.soort in (
            VraagSoort.ONBEKEND,
            VraagSoort.PERSOON,
            VraagSoort.ROL_OF_PERSOON,
        ):
            antwoord = self._persoon_uit_vermelding(ontleed_, antwoord, dag)
        return antwoord

    def _persoon_uit_vermelding(self, vraag: Vraag, antwoord: Antwoord, dag: date) -> Antwoord:
        """'welke dingen doet Kossen': one person named by name, nothing else named, is the answer."""
        d = self.drempels
        datums = vind_datums(vraag.tekst, dag)  # "op 1 maart 2023": a day, not a begrip that looks like it
        vermeldingen = [
            v for v in self.vind(vraag.tekst, vandaag=dag) if not any(d.begin <= v.begin and v.eind <= d.eind for d in datums)
        ]
        personen = [v for v in vermeldingen if v.beste.soort == SOORT_PERSOON]
        anders = [v for v in vermeldingen if v.beste.soort in (SOORT_ONDERWERP, SOORT_BEGRIP) and v.beste.score >= d.bedoeld]
        if len(personen) != 1 or anders:
            return antwoord
        (vermelding,) = personen
        beste = vermelding.beste
        tweede = max((e.score for e in vermelding.kandidaten[1:] if e.soort == SOORT_PERSOON), default=0.0)
        if not beste.exact or beste.score - tweede < d.marge:
            return antwoord
        persoon = self._van_soort(SOORT_PERSOON, beste.id, Persoon)
        van_persoon = self._onderwerpen_van(persoon.id, self._gevraagde_dag(vraag, dag))
        per_soort = self.kennisbank.onderwerpen_per_soort(van_persoon)
        return PersoonGevonden(vraag.kern, persoon, per_soort, kandidaten=antwoord.kandidaten)

    def _met_vermeldingen(self, vraag: Vraag, antwoord: Antwoord, dag: date) -> Antwoord:
        """Onderwerpen named anywhere in the sentence win over a doubtful core match: a name typed
        exactly never gets 'Bedoelde je', and two names typed get two answers."""
        vermeldingen = self.vind(vraag.tekst, frozenset({SOORT_ONDERWERP}), vandaag=dag)
        genoemd = self._exact_genoemd(vermeldingen)
        zeker = self._zeker_genoemd(vermeldingen)
        if len(genoemd) >= 2 or (genoemd and len(zeker) >= 2):  # typos allowed once one is exact
            groepen = genoemd if len(genoemd) >= 2 else [*genoemd, *zeker]
            onderwerpen = tuple({o.id: o for groep in groepen for o in groep}.values())
            if len(onderwerpen) >= 2:
                return MeerdereOnderwerpen(vraag.kern, onderwerpen, gevraagd=True, kandidaten=antwoord.kandidaten)
        if isinstance(antwoord, (OnderwerpGevonden, MeerdereOnderwerpen)) or not genoemd:
            if isinstance(antwoord, NietGevonden):
                antwoord = self._zeker_uit_vermelding(vraag, antwoord, vermeldingen)
            if isinstance(antwoord, (NietGevonden, BedoeldeU)) and not genoemd:
                return self._soort_werk_genoemd(vraag, antwoord, dag)
            return antwoord
        if isinstance(antwoord, (BedoeldeU, NietGevonden)) or any(k.soort == SOORT_ONDERWERP for k in antwoord.kandidaten[:1]):
            (groep,) = genoemd
            if len(groep) == 1:
                return OnderwerpGevonden(vraag.kern, groep[0], 1.0, kandidaten=antwoord.kandidaten)
            return MeerdereOnderwerpen(vraag.kern, groep, kandidaten=antwoord.kandidaten)
        return antwoord

    def naamvraag(self, tekst: str, *, vandaag: date | None = None) -> VraagSoort | None:
        """What a message asks when the records it names decide it, whatever else it looks like:
        UITLEG - the meaning of a begrip, rol or soort werk named exactly ("betekenis peildatum"; "ik
        zie steeds sectorcontract staan, wat is dat?");
        ONBEKEND - nothing but the name of onderwerpen or persons, whole or one telling word of a
        longer name ("Stedendriehoek", "de Wit", "de RUD en de brandweer");
        OPDRACHTGEVER - an opdrachtgever question about onderwerpen named exactly ("wie gaat er
        over Risicomanagement"); None when the names do not decide."""
        dag = vandaag or self.vandaag()
        woord = betekenis_van(tekst)
        if woord and self._alleen_genoemd(woord, _UITLEGSOORTEN, dag):
            return VraagSoort.UITLEG
        if _VERSCHIL.search(normaliseer(tekst)) and self._vergelijkt(tekst, dag):
            return VraagSoort.UITLEG  # "hoe verschillen de raad en het college": each explained
        zin = betekenis_na_zin(tekst)  # "in het stuk staat steeds sectorcontract, wat is dat?"
        if zin and self.uitleg_genoemd(zin, vandaag=dag) is not None and not self.onderwerpen_genoemd(zin, vandaag=dag):
            return VraagSoort.UITLEG
        vraag = ontleed(tekst)
        if not vraag.kern:
            return None
        if (
            vraag.soort is VraagSoort.ONBEKEND
            and not self._vraagwoord_naast_namen(vraag.kern, dag)
            and (self._alleen_genoemd(vraag.kern, _NAAMSOORTEN, dag) or self._deel_van_naam(vraag.kern, dag))
        ):
            return VraagSoort.ONBEKEND
        if vraag.soort is VraagSoort.OPDRACHTGEVER and self._alleen_genoemd(vraag.kern, frozenset({SOORT_ONDERWERP}), dag):
            return VraagSoort.OPDRACHTGEVER
        return None

    def _vergelijkt(self, tekst: str, dag: date) -> bool:
        """Two or more begrippen, rollen or soorten werk named in full at places of their own, and
        no onderwerp or person named."""
        if self.onderwerpen_genoemd(tekst, vandaag=dag):
            return False
        if any(v.beste.exact for v in self.vind(tekst, frozenset({SOORT_PERSOON}), vandaag=dag)):
            return False
        plekken = {
            (v.begin, v.eind)
            for v in self.vind_samengetrokken(tekst, _UITLEGSOORTEN, vandaag=dag)
            if any(e.exact and (e.begin, e.eind) == (v.begin, v.eind) for e in v.kandidaten)
        }
        return len(plekken) >= 2

    def noemt_naam_voluit(self, tekst: str, *, vandaag: date | None = None) -> bool:
        """The text names an onderwerp by a name or alias typed in full, or a person by first and
        last name (a first name alone may be a greeting: "dank je, Flora")."""
        for vermelding in self.vind(tekst, _NAAMSOORTEN, vandaag=vandaag):
            beste = vermelding.beste
            if not beste.exact or (beste.begin, beste.eind) != (vermelding.begin, vermelding.eind):
                continue
            if beste.soort == SOORT_ONDERWERP or len(vermelding.tekst.split()) >= 2:
                return True
        return False

    def _vraagwoord_naast_namen(self, kern: str, dag: date) -> bool:
        """A question word outside the names typed ("welke <naam> zijn er"; not the "waar" of a
        name such as "Wijken waar wonen gewild is")."""
        rest, vanaf = [], 0
        for vermelding in self.vind(kern, _NAAMSOORTEN, vandaag=dag):
            if vermelding.beste.exact:
                rest.append(kern[vanaf : vermelding.begin])
                vanaf = vermelding.eind
        rest.append(kern[vanaf:])
        return bool(_VRAAGWOORD.search(normaliseer(" ".join(rest))))

    def _alleen_genoemd(self, tekst: str, soorten: frozenset[str], dag: date) -> bool:
        """Every content word of `tekst` (generic words aside, unless it has no other) lies in a name
        or alias of `soorten` typed in full."""
        alle = self.vinder.termen(tekst)
        termen_ = [t for t in alle if t.woord not in GENERIEKE_WOORDEN] or alle  # "Organisatieontwikkeling": all generic
        if not termen_:
            return False
        plekken = [
            (v.begin, v.eind)
            for v in self.vind(tekst, soorten, vandaag=dag)
            if any(e.exact and (e.begin, e.eind) == (v.begin, v.eind) for e in v.kandidaten)
        ]
        return all(any(begin <= t.begin and t.eind <= eind for begin, eind in plekken) for t in termen_)

    def _deel_van_naam(self, kern: str, dag: date) -> bool:
        """The core is one telling part of an onderwerp's or person's name: the best record (not a
        begrip or rol) holds every word of it ("Deventer" of "Deventer 2030", a surname)."""
        delen = self.index.termen(kern)
        if not delen or len(delen) > _MAX_DEEL or self.index.alleen_generiek(delen):
            return False
        treffers = [
            t for t in self.index.zoek(kern) if t.doel.soort != SOORT_ONDERWERP or self._onderwerp(t.doel.id).geldig_op(dag)
        ]
        if not treffers:
            return False
        beste = treffers[0]
        if beste.doel.soort not in _NAAMSOORTEN or beste.score < self.drempels.bedoeld:
            return False
        gewoon = f" {normaliseer(kern)} "
        return beste.dekking >= 0.99 or any(gewoon in f" {naam} " for naam in self._namen[beste.doel])  # whole words of a name

    def noemt_periode(self, tekst: str, *, vandaag: date | None = None) -> bool:
        """The text names a rapportage period ("lenterapportage 2026") or a kind of round by one of
        its words ("de vorige lenterapportage")."""
        rapportage = self.kennisbank.bestanden.rapportage
        if rapportage is None:
            return False
        if rapportage.soort_in_tekst(tekst) is not None:
            return True
        return any(e.exact for v in self.vind(tekst, frozenset({SOORT_PERIODE}), vandaag=vandaag) for e in v.kandidaten)

    def uitleg_genoemd(self, tekst: str, *, vandaag: date | None = None) -> Antwoord | None:
        """The one begrip, rol or soort werk named exactly somewhere in the sentence ("wat houdt
        het in als je budgethouder bent"), or None when there is none or more than one."""
        vermeldingen = self.vind(tekst, frozenset({SOORT_BEGRIP, SOORT_ROL, SOORT_SOORT_WERK}), vandaag=vandaag)
        gevonden = {
            (e.soort, e.id) for v in vermeldingen for e in v.kandidaten if e.exact and (e.begin, e.eind) == (v.begin, v.eind)
        }
        if len(gevonden) != 1:
            return None
        ((soort, record_id),) = gevonden
        kern = normaliseer(tekst)
        if soort == SOORT_BEGRIP:
            return BegripGevonden(kern, self._van_soort(soort, record_id, Begrip))
        if soort == SOORT_ROL:
            return RolGevonden(kern, self._van_soort(soort, record_id, Rol))
        return SoortWerkGevonden(kern, self._van_soort(soort, record_id, SoortWerk))

    def _soort_werk_genoemd(self, vraag: Vraag, antwoord: Antwoord, dag: date) -> Antwoord:
        """No onderwerp, but one soort werk named exactly ("AO bij een strategische opgave van het
        college"): that answers, without 'Bedoelde je'."""
        vermeldingen = self.vind(vraag.tekst, frozenset({SOORT_SOORT_WERK}), vandaag=dag)
        soorten = {e.id for v in vermeldingen for e in v.kandidaten if e.exact and (e.begin, e.eind) == (v.begin, v.eind)}
        if len(soorten) != 1:
            return antwoord
        soort_werk = self._van_soort(SOORT_SOORT_WERK, soorten.pop(), SoortWerk)
        return SoortWerkGevonden(vraag.kern, soort_werk, kandidaten=antwoord.kandidaten)

    def _zeker_genoemd(self, vermeldingen: list[Vermelding]) -> list[tuple[Onderwerp]]:
        """Per place, the one onderwerp named there with its whole name, typos allowed."""
        d = self.drempels
        return [
            (self._onderwerp(v.beste.id),)
            for v in vermeldingen
            if v.beste.score >= d.vermelding_zeker
            and (len(v.kandidaten) == 1 or v.kandidaten[1].score <= v.beste.score - d.marge)
        ]

    def _zeker_uit_vermelding(self, vraag: Vraag, antwoord: NietGevonden, vermeldingen: list[Vermelding]) -> Antwoord:
        """Nothing in the core, but one onderwerp is clearly mentioned elsewhere in the sentence."""
        zeker = self._zeker_genoemd(vermeldingen)
        if len(zeker) != 1:
            return antwoord
        ((onderwerp,),) = zeker
        return OnderwerpGevonden(vraag.kern, onderwerp, 1.0, kandidaten=antwoord.kandidaten)

    def _beantwoord(self, ontleed_: Vraag, dag: date) -> Antwoord:
        voorkeur = _VOORKEUR[ontleed_.soort]
        delen = self.index.termen(ontleed_.kern)
        if not delen:
            return self._niet_gevonden(ontleed_, ())
        # Generic words alone ('projecten', 'agenda') only answer through an exact name or alias.
        minimaal = 1.0 if self.index.alleen_generiek(delen) else 0.0
        treffers = [
            t
            for t in self.index.zoek(ontleed_.kern, frozenset(voorkeur))
            if t.score >= minimaal and (t.doel.soort != SOORT_ONDERWERP or self._onderwerp(t.doel.id).geldig_op(dag))
        ]
        kandidaten = tuple(
            Kandidaat(t.doel.soort, t.doel.id, t.doel.naam, round(t.score, 3))
            for t in treffers[: self.drempels.max_kandidaten * 2]
            if t.score > 0
        )
        return self._kies(ontleed_, treffers, kandidaten, voorkeur, dag)

    @staticmethod
    def onzeker(antwoord: Antwoord) -> bool:
        """Should this question be logged as not confidently answered?"""
        return antwoord.onzeker

    def _kies(
        self,
        vraag: Vraag,
        treffers: list[Treffer],
        kandidaten: tuple[Kandidaat, ...],
        voorkeur: tuple[str, ...],
        dag: date,
    ) -> Antwoord:
        d = self.drempels
        if not treffers or treffers[0].score < d.bedoeld:
            return self._niet_gevonden(vraag, kandidaten)
        beste = treffers[0]
        exact = [t for t in treffers if t.score >= 1.0]
        if len(exact) == 1:  # the user typed a name or alias exactly: near-identical names don't compete
            return self._gevonden(vraag, beste, kandidaten, dag)
        dichtbij = [t for t in treffers if t.score >= beste.score - d.marge]
        if len(dichtbij) > 1:
            # A tie across kinds is settled by what the question asks for.
            rang = min(voorkeur.index(t.doel.soort) for t in dichtbij)
            van_soort = [t for t in dichtbij if voorkeur.index(t.doel.soort) == rang]
            if len(van_soort) == 1 and van_soort[0].score >= d.zeker:
                return self._gevonden(vraag, van_soort[0], kandidaten, dag)
        volledig = [t for t in treffers if t.doel.soort == SOORT_ONDERWERP and t.dekking >= 0.99 and t.score >= d.meerdere]
        if len(volledig) > 1 and _eerste_soort(dichtbij, voorkeur) == SOORT_ONDERWERP:
            if volledig[0] in dichtbij and (volledig[0].score < 1.0 or volledig[1].score >= 1.0):
                onderwerpen = tuple(self._onderwerp(t.doel.id) for t in volledig)
                return MeerdereOnderwerpen(vraag.kern, onderwerpen, kandidaten=kandidaten)
        if len(dichtbij) == 1 and beste.score >= d.zeker:
            return self._gevonden(vraag, beste, kandidaten, dag)
        return BedoeldeU(
            vraag.kern,
            kandidaten=tuple(k for k in kandidaten if k.score >= d.bedoeld)[: d.max_kandidaten],
        )

    def _gevonden(self, vraag: Vraag, treffer: Treffer, kandidaten: tuple[Kandidaat, ...], dag: date) -> Antwoord:
        soort, record_id, kern = treffer.doel.soort, treffer.doel.id, vraag.kern
        if soort == SOORT_ONDERWERP:
            return OnderwerpGevonden(kern, self._onderwerp(record_id), round(treffer.score, 3), kandidaten=kandidaten)
        if soort == SOORT_PERSOON:
            persoon = self._van_soort(soort, record_id, Persoon)
            van_persoon = self._onderwerpen_van(persoon.id, self._gevraagde_dag(vraag, dag))
            per_soort = self.kennisbank.onderwerpen_per_soort(van_persoon)
            return PersoonGevonden(kern, persoon, per_soort, kandidaten=kandidaten)
        if soort == SOORT_SOORT_WERK:
            return SoortWerkGevonden(kern, self._van_soort(soort, record_id, SoortWerk), kandidaten=kandidaten)
        if soort == SOORT_BEGRIP:
            return BegripGevonden(kern, self._van_soort(soort, record_id, Begrip), kandidaten=kandidaten)
        return RolGevonden(kern, self._van_soort(soort, record_id, Rol), kandidaten=kandidaten)

    @staticmethod
    def _gevraagde_dag(vraag: Vraag, dag: date) -> date:
        """A reverse lookup that names a day ("waar was X op 1 maart opdrachtgever voor") is about that day."""
        return gevraagde_dag(vraag.tekst, dag)

    def _onderwerpen_van(self, persoon_id: str, dag: date) -> list[Onderwerp]:
        """The onderwerpen valid on `dag` that the person holds a role of on that day."""
        return [
            o
            for o in self._per_persoon.get(persoon_id, ())
            if o.geldig_op(dag) and any(o.opdrachtgever_op(rol, dag) == persoon_id for rol in OPDRACHTGEVERSROLLEN)
        ]

    def _niet_gevonden(self, vraag: Vraag, kandidaten: tuple[Kandidaat, ...]) -> NietGevonden:
        """Suggest the nearest onderwerpen, then one per soort (valid today), never a person."""
        dag = self.vandaag()
        suggesties: list[str] = [k.naam for k in kandidaten if k.soort == SOORT_ONDERWERP and k.score >= 0.4][:2]
        gezien: set[str] = {
            self._onderwerp(k.id).soort for k in kandidaten if k.soort == SOORT_ONDERWERP and k.naam in suggesties
        }
        for o in self.kennisbank.bestanden.onderwerpen:
            if o.soort not in gezien and o.geldig_op(dag) and o.naam not in suggesties:
                gezien.add(o.soort)
                suggesties.append(o.naam)
        return NietGevonden(
            vraag.kern or normaliseer(vraag.tekst),
            tuple(suggesties[:4]),
            kandidaten=tuple(k for k in kandidaten if k.soort != SOORT_PERSOON),
        )


_NAAMWOORD = re.compile(r"[^\W\d_]+")
_VOORZETSEL_EIND = re.compile(r"\b(?:op|in|per|rond|tijdens|anno)\s*$", re.IGNORECASE)
_GEEN_NAAM = STOPWOORDEN | frozenset(
    "wat wie waar waarvoor waarvan hoe welke welk wanneer hoi hallo hey beste goedemorgen goedemiddag "
    "ao bo voor is heeft doet gaat zit weet kun kunt mag vraag".split()
)
"""Capitalised at the start of a sentence, but not a name."""


def _zonder_datums(tekst: str, dag: date) -> Vraag:
    """The question read without the days it names: "in maart 2023" is no part of what is asked
    about (the day is read from `Vraag.tekst`, the question as typed)."""
    datums = vind_datums(tekst, dag)
    if not datums:
        return ontleed(tekst)
    delen, vanaf = [], 0
    for datum in datums:
        delen.append(_VOORZETSEL_EIND.sub("", tekst[vanaf : datum.begin]))  # "op", "in" belong to the day
        vanaf = datum.eind
    delen.append(tekst[vanaf:])
    return replace(ontleed(" ".join(delen)), tekst=tekst)


def _langste_naam_wint(kandidaten: tuple[Entiteit, ...], tekst: str) -> tuple[Entiteit, ...]:
    """'Bram de Wit' typed in full is not also 'Eva de Wit': a person found on part of a longer
    person's name typed exactly is no longer confident there. Likewise for what a name explains
    (a rol, begrip, soort werk): 'gedelegeerd opdrachtgever' typed in full is not also the rol
    whose alias is 'opdrachtgever' (unless the longer name spans a coordination: in 'lente- en
    herfstbrief' both are named)."""
    return tuple(
        replace(e, score=min(e.score, 0.6), exact=False) if _in_langere_naam(e, kandidaten, tekst) else e for e in kandidaten
    )


def _in_langere_naam(e: Entiteit, kandidaten: tuple[Entiteit, ...], tekst: str) -> bool:
    """`e` lies inside the longer exact name of another record of its group (persons; or rollen,
    begrippen and soorten werk)."""
    if e.soort == SOORT_PERSOON:
        groep: frozenset[str] = frozenset({SOORT_PERSOON})
    elif e.soort in _UITLEGSOORTEN:
        groep = _UITLEGSOORTEN
    else:
        return False
    return any(
        v.soort in groep
        and v.exact
        and v.id != e.id
        and v.begin <= e.begin
        and e.eind <= v.eind
        and v.eind - v.begin > e.eind - e.begin
        and (v.soort == SOORT_PERSOON or not _NEVENSCHIKKING.intersection(tekst[v.begin : v.eind].lower().split()))
        for v in kandidaten
    )


def _eerste_soort(treffers: list[Treffer], voorkeur: tuple[str, ...]) -> str:
    """The most wanted kind among these records."""
    return min((t.doel.soort for t in treffers), key=voorkeur.index)


def _persoonsnamen(naam: str) -> list[str]:
    """'Flora van Houwelingen' -> first name, last name with and without tussenvoegsel."""
    woorden = naam.split()
    if len(woorden) < 2:
        return []
    voornaam, achternaam = woorden[0], woorden[-1]
    tussen = " ".join(woorden[1:])
    return [voornaam, achternaam, tussen, f"{voornaam} {achternaam}"]
