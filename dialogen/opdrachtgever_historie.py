"""Questions about opdrachtgevers through time, answered from `Onderwerp.opdrachtgever_op`:

- "wie was ambtelijk opdrachtgever voor X op 1 maart 2024?"  (a day; without a day: today)
- "wie was in 2023 de wethouder van X?"  (a whole other year: every holder in that year)
- "sinds wanneer is Y opdrachtgever voor X?"
- "wie was het hiervoor?" / "wie was de vorige portefeuillehouder van X?" / "en daarvoor?"
- "wat veranderde er bij de herverdeling van 1 januari 2024?"
- "wie was het vóór de reorganisatie?" / "na de herverdeling" (the onderwerp's latest change of hands)
- "tot eind 2023", "begin 2024", "in maart 2024" (parts of a year, `kennisbank.zoeken.datums`)

`HistorieVragen.antwoord(tekst, onderwerpen, vandaag, vorige)` returns a `HistorieAntwoord` (the
message texts and what to remember for a follow-up), or None when the question is not about time
(the caller then answers as usual). A question that names no onderwerp is about `vorige` (the
conversation's previous answer, `dialogen.gespreksgeheugen`); "hiervoor" then steps back from the
day that answer was about, so "en daarvoor?" goes one holder further back each time.
Pure: no turn state, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dialogen.gespreksgeheugen import Onthouden
from kennisbank.kennisbank import Kennisbank
from kennisbank.model import OPDRACHTGEVERSROLLEN, Onderwerp, Opdrachtgeversrol
from kennisbank.zoeken.datums import Datum, datum_tekst, vind_datums
from kennisbank.zoeken.normaliseren import normaliseer

_WISSELS = re.compile(
    r"\b(herverdeling|herverdeeld|reorganisatie|wat veranderde|wat is er veranderd|wat verandert|wisseling|wissel(de|den)?|overgedragen)\b"
)
_SINDS = re.compile(
    r"\b(sinds wanneer|vanaf wanneer|hoe lang al|hoelang al|sinds welke datum|wanneer begon|wanneer is .* geworden)\b"
)
_HIERVOOR = re.compile(r"\b(hiervoor|daarvoor|ervoor|vorige|voorganger|voorheen|eerder|vroeger|daarvóór|destijds|toentertijd)\b")
_VROEGER = re.compile(r"\b(vroeger|voorheen|destijds|toentertijd|voorganger)\b")
"""Plainly about the past, also in a question the recogniser read as an ordinary opdrachtgever question."""
_ROND_WISSEL = re.compile(
    r"\b(voor|voordat|na|sinds)\s+(?:de\s+|het\s+|die\s+)?(herverdeling|reorganisatie|wisseling|wissel|overdracht|herindeling)\b"
)
"""Before or after the change of hands: "voor de reorganisatie", "na de herverdeling"."""
_VERLEDEN = re.compile(r"\b(was|waren|had|hadden)\b")
_BESTUURLIJK = re.compile(
    r"\b(?:wethouders?|portefeuillehouders?|bestuurlijke?|bestuurder|bo|bog|ph|college ?lid|collegelid"
    r"|(?:in|uit|van) het college)\b"
)
_JAARTAL = re.compile(r"\d{4}")
_GEDELEGEERD = re.compile(r"\b(?:gedelegeerde?|gemandateerde?|doorgemandateerde?|go)\b")


def rol_uit(tekst: str) -> Opdrachtgeversrol:
    return genoemde_rol(tekst) or "ambtelijk"


def _als_rol(waarde: str | None) -> Opdrachtgeversrol | None:
    """A remembered role read back from the conversation state; anything else is no role."""
    return next((rol for rol in OPDRACHTGEVERSROLLEN if rol == waarde), None)


def genoemde_rol(tekst: str) -> Opdrachtgeversrol | None:
    """The opdrachtgever role a question names (bestuurlijk before gedelegeerd), None for none."""
    gewoon = normaliseer(tekst)
    if _BESTUURLIJK.search(gewoon):
        return "bestuurlijk"
    if _GEDELEGEERD.search(gewoon):
        return "gedelegeerd"
    return None


def is_hiervoor(tekst: str) -> bool:
    """About who held a role before ("hiervoor", "de voorganger van", "vroeger")."""
    return _HIERVOOR.search(normaliseer(tekst)) is not None


def in_verleden(tekst: str) -> bool:
    """Asked in the past tense ("waar was X wethouder van", "wat had Y")."""
    return _VERLEDEN.search(normaliseer(tekst)) is not None


def rond_wissel(tekst: str) -> str | None:
    """ "voor" or "na" when the question is about before or after a change of hands ("voor de
    herverdeling", "na de reorganisatie"), else None."""
    rond = _ROND_WISSEL.search(normaliseer(tekst))
    if rond is None:
        return None
    return "voor" if rond.group(1) in ("voor", "voordat") else "na"


def noemt_dag_of_begin(tekst: str, vandaag: date) -> bool:
    """Strong signs only (another day, 'sinds wanneer', a reorganisation): for questions the
    recogniser sent as an ordinary opdrachtgever question."""
    gewoon = normaliseer(tekst)
    if _WISSELS.search(gewoon) or _SINDS.search(gewoon) or _VROEGER.search(gewoon):
        return True
    return any(_andere_tijd(d, vandaag) for d in vind_datums(tekst, vandaag))


def is_historievraag(tekst: str, vandaag: date) -> bool:
    """A question about another day or year, a start, a predecessor or a reorganisation."""
    gewoon = normaliseer(tekst)
    if _WISSELS.search(gewoon) or _SINDS.search(gewoon) or _HIERVOOR.search(gewoon):
        return True
    return any(_andere_tijd(d, vandaag) for d in vind_datums(tekst, vandaag))


def _andere_tijd(datum: Datum, vandaag: date) -> bool:
    """Another day than today, or a whole year that does not hold today ("in 2023")."""
    if datum.van == datum.tot:
        return datum.van != vandaag
    return not datum.van <= vandaag <= datum.tot


@dataclass(frozen=True)
class HistorieAntwoord:
    regels: list[str]
    onthouden: Onthouden | None = None
    """What a follow-up question may refer to (None: keep what was remembered)."""


class HistorieVragen:
    def __init__(self, kennisbank: Kennisbank, t: Callable[..., str]) -> None:
        self.kennisbank = kennisbank
        self.t = t  # t("sleutel", **velden) -> text from dialogen/teksten/historie.yaml

    def antwoord(
        self, tekst: str, onderwerpen: list[Onderwerp], vandaag: date, vorige: Onthouden | None = None
    ) -> HistorieAntwoord | None:
        if not is_historievraag(tekst, vandaag):
            return None
        gewoon = normaliseer(tekst)
        datums = [d for d in vind_datums(tekst, vandaag) if d.van == d.tot]
        dagen = [d.van for d in datums]
        rol = genoemde_rol(tekst)
        if _WISSELS.search(gewoon) and not onderwerpen:
            if not datums:
                return HistorieAntwoord([self.t("geen_datum")])
            dag = self._laatste_herverdeling(datums[0].van) if not _JAARTAL.search(datums[0].tekst) else datums[0].van
            return HistorieAntwoord(self._wissels(dag))
        vanaf = vandaag  # the day "hiervoor" steps back from
        if not onderwerpen:  # a follow-up: about the onderwerp of the previous answer
            onderwerpen = [o for i in (vorige.onderwerpen if vorige else ()) if (o := self.kennisbank.onderwerpen.get(i))]
            if not onderwerpen or vorige is None:  # (no vorige: no onderwerpen either)
                if not _HIERVOOR.search(gewoon):
                    return None
                voorbeeld = next((o.naam for o in self.kennisbank.bestanden.onderwerpen if o.geldig_op(vandaag)), "…")
                return HistorieAntwoord([self.t("hiervoor_zonder_onderwerp", onderwerp=voorbeeld)])
            rol = rol or _als_rol(vorige.rol)
            vanaf = vorige.dag or vandaag
        rol = rol or "ambtelijk"
        ids = tuple(o.id for o in onderwerpen)
        if (rond := _ROND_WISSEL.search(gewoon)) and not dagen and (wisseldag := self._laatste_wissel(onderwerpen, rol, vandaag)):
            dag = wisseldag - timedelta(days=1) if rond.group(1) in ("voor", "voordat") else wisseldag
            return HistorieAntwoord([self._op_dag(o, rol, dag, vandaag) for o in onderwerpen], Onthouden(ids, rol, dag))
        if _SINDS.search(gewoon):
            return HistorieAntwoord([self._sinds(o, rol) for o in onderwerpen], Onthouden(ids, rol, None))
        if _HIERVOOR.search(gewoon) and not dagen:
            regels, stappen = zip(*(self._hiervoor(o, rol, vanaf, vandaag) for o in onderwerpen), strict=True)
            return HistorieAntwoord(list(regels), Onthouden(ids, rol, min(stappen)))
        jaren = [d for d in vind_datums(tekst, vandaag) if d.van != d.tot and _andere_tijd(d, vandaag)]
        if jaren and not dagen:
            return HistorieAntwoord(
                [regel for o in onderwerpen for regel in self._in_jaar(o, rol, jaren[0], vandaag)], Onthouden(ids, rol, None)
            )
        dag = dagen[0] if dagen else vandaag
        return HistorieAntwoord(
            [self._op_dag(o, rol, dag, vandaag) for o in onderwerpen], Onthouden(ids, rol, None if dag == vandaag else dag)
        )

    def _in_jaar(self, onderwerp: Onderwerp, rol: Opdrachtgeversrol, jaar: Datum, vandaag: date) -> list[str]:
        """Each holder of `rol` during a whole year, on the first day they held it in that year."""
        eind = min(jaar.tot, vandaag)
        if eind < jaar.van:  # a year still to come: who holds it now is all that is known
            return [self._op_dag(onderwerp, rol, vandaag, vandaag)]
        dagen = [jaar.van, *(t.vanaf for t in onderwerp.termijnen(rol) if t.vanaf and jaar.van < t.vanaf <= eind)]
        bezet = [dag for dag in dagen if onderwerp.opdrachtgever_op(rol, dag)]  # nobody part of the year: skip that part
        return [self._op_dag(onderwerp, rol, dag, vandaag) for dag in bezet or dagen[:1]]

    def _naam(self, persoon_id: str | None) -> tuple[str, str]:
        persoon = self.kennisbank.persoon(persoon_id)
        if persoon is None:
            return persoon_id or self.t("niemand"), ""
        if self.kennisbank.is_voorbeeld(persoon.bron):  # invented persons are labelled, as everywhere
            return persoon.naam, self.t("voorbeeld_functie", functie=persoon.functie)
        return persoon.naam, persoon.functie

    def _rol(self, rol: Opdrachtgeversrol) -> str:
        return self.t(f"rol_{rol}")

    def _op_dag(self, onderwerp: Onderwerp, rol: Opdrachtgeversrol, dag: date, vandaag: date) -> str:
        houder = onderwerp.opdrachtgever_op(rol, dag)
        velden = dict(rol=self._rol(rol), onderwerp=onderwerp.naam, datum=datum_tekst(dag))
        if houder is None:
            return self._met_bron(self.t("op_dag_niemand", **velden), onderwerp, rol, dag)
        naam, functie = self._naam(houder)
        sleutel = "op_dag" if dag < vandaag else "op_dag_nu"
        return self._met_bron(self.t(sleutel, naam=naam, functie=functie, **velden), onderwerp, rol, dag)

    def _sinds(self, onderwerp: Onderwerp, rol: Opdrachtgeversrol) -> str:
        termijn = onderwerp.termijn_op(rol, None)
        velden = dict(rol=self._rol(rol), onderwerp=onderwerp.naam)
        if termijn is None:
            return self.t("sinds_geen", **velden)
        naam, _ = self._naam(termijn.persoon)
        if termijn.vanaf is None:
            return self.t("sinds_onbekend", naam=naam, **velden)
        return self._met_bron(
            self.t("sinds", naam=naam, datum=datum_tekst(termijn.vanaf), **velden), onderwerp, rol, termijn.vanaf
        )

    def _hiervoor(self, onderwerp: Onderwerp, rol: Opdrachtgeversrol, dag: date, vandaag: date) -> tuple[str, date]:
        """Who held `rol` before the holder on `dag`, and the day a next "en daarvoor?" steps back from."""
        velden = dict(rol=self._rol(rol), onderwerp=onderwerp.naam)
        termijnen = onderwerp.termijnen(rol)
        nu = next((i for i, t in enumerate(termijnen) if t.omvat(dag)), None)
        if nu is None:
            if dag == vandaag:
                return self.t("hiervoor_niemand_nu", **velden), dag
            return self.t("op_dag_niemand", datum=datum_tekst(dag), **velden), dag
        huidig, _ = self._naam(termijnen[nu].persoon)
        vorige = next((t for t in reversed(termijnen[:nu]) if t.persoon), None)
        if vorige is None:
            return self.t("hiervoor_geen", huidig=huidig, **velden), dag
        naam, functie = self._naam(vorige.persoon)
        if vorige.tot:
            tekst = self.t("hiervoor_tot", huidig=huidig, naam=naam, functie=functie, datum=datum_tekst(vorige.tot), **velden)
        else:
            tekst = self.t("hiervoor", huidig=huidig, naam=naam, functie=functie, **velden)
        return self._met_bron(tekst, onderwerp, rol, vorige.tot or dag), vorige.tot or dag

    def _laatste_wissel(self, onderwerpen: list[Onderwerp], rol: Opdrachtgeversrol, vandaag: date) -> date | None:
        """The latest day up to today on which `rol` of these onderwerpen changed hands; when it never
        did, the latest such day of any of their roles, then of the whole kennisbank (a reorganisation)."""

        def wissels(o: Onderwerp, rollen: tuple[Opdrachtgeversrol, ...]) -> list[date]:
            return [t.vanaf for r in rollen for i, t in enumerate(o.termijnen(r)) if i and t.vanaf and t.vanaf <= vandaag]

        for groep, rollen in (
            (onderwerpen, (rol,)),
            (onderwerpen, OPDRACHTGEVERSROLLEN),
            (self.kennisbank.bestanden.onderwerpen, OPDRACHTGEVERSROLLEN),
        ):
            dagen = [d for o in groep for d in wissels(o, rollen)]
            if dagen:
                return max(dagen)
        return None

    def _laatste_herverdeling(self, dag: date) -> date:
        """'de herverdeling van 1 januari' without a year: the latest such day with changes."""
        for jaar in range(dag.year, dag.year - 50, -1):
            try:
                kandidaat = dag.replace(year=jaar)
            except ValueError:  # 29 februari
                continue
            if self.kennisbank.wisselingen_op(kandidaat):
                return kandidaat
        return dag

    def _wissels(self, dag: date) -> list[str]:
        wissels = self.kennisbank.wisselingen_op(dag)
        if not wissels:
            return [self.t("wissels_geen", datum=datum_tekst(dag))]
        regels = [self.t("wissels_kop", datum=datum_tekst(dag))]
        for onderwerp, rol, oud, nieuw in wissels:
            regels.append(
                self.t(
                    "wissel_regel",
                    onderwerp=onderwerp.naam,
                    rol=self._rol(rol),
                    oud=self._naam(oud)[0],
                    nieuw=self._naam(nieuw)[0],
                )
            )
        bronnen = sorted({self.kennisbank.bron_tekst(b) for o, rol, _, _ in wissels if (b := self._bron(o, rol, dag))})
        if bronnen:
            regels.append(self.t("bron", bron="; ".join(bronnen)))
        return ["\n".join(regels)]

    def _bron(self, onderwerp: Onderwerp, rol: Opdrachtgeversrol, dag: date):
        """The source of the history entry around `dag`, else the onderwerp's."""
        for toewijzing in onderwerp.historie:
            if (
                toewijzing.rol == rol
                and toewijzing.bron
                and toewijzing.tot in (dag, dag - timedelta(days=1))
                or (toewijzing.rol == rol and toewijzing.bron and (toewijzing.vanaf or date.min) <= dag <= toewijzing.tot)
            ):
                return toewijzing.bron
        return onderwerp.bron

    def _met_bron(self, tekst: str, onderwerp: Onderwerp, rol: Opdrachtgeversrol, dag: date) -> str:
        return "\n\n".join([tekst, self.t("bron", bron=self.kennisbank.bron_tekst(self._bron(onderwerp, rol, dag)))])
