"""Questions about opdrachtgevers through time, answered from `Onderwerp.opdrachtgever_op`:

- "wie was ambtelijk opdrachtgever voor X op 1 maart 2024?"  (a day; without a day: today)
- "sinds wanneer is Y opdrachtgever voor X?"
- "wie was het hiervoor?" / "wie was de vorige portefeuillehouder van X?"
- "wat veranderde er bij de herverdeling van 1 januari 2024?"

`HistorieVragen.antwoord(tekst, onderwerpen, vandaag)` returns the message texts, or None when the
question is not about time (the caller then answers as usual). Pure: no turn state, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Onderwerp, Opdrachtgeversrol
from kennisbank.zoeken.datums import vind_datums
from kennisbank.zoeken.normaliseren import normaliseer

_WISSELS = re.compile(r"\b(herverdeling|herverdeeld|reorganisatie|wat veranderde|wat is er veranderd|wat verandert|wisseling|wissel(de|den)?|overgedragen)\b")
_SINDS = re.compile(r"\b(sinds wanneer|vanaf wanneer|hoe lang al|hoelang al|sinds welke datum|wanneer begon|wanneer is .* geworden)\b")
_HIERVOOR = re.compile(r"\b(hiervoor|daarvoor|ervoor|vorige|voorganger|voorheen|eerder|vroeger|daarvóór)\b")
_VERLEDEN = re.compile(r"\b(was|waren|had|hadden)\b")
_BESTUURLIJK = re.compile(r"\b(bestuurlijke?|wethouders?|portefeuillehouders?|collegelid|bo)\b")
_JAARTAL = re.compile(r"\d{4}")
_GEDELEGEERD = re.compile(r"\b(gedelegeerde?|gemandateerde?|doorgemandateerde?)\b")

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december")


def datum_tekst(dag: date) -> str:
    return f"{dag.day} {MAANDEN[dag.month - 1]} {dag.year}"


def rol_uit(tekst: str) -> Opdrachtgeversrol:
    gewoon = normaliseer(tekst)
    if _BESTUURLIJK.search(gewoon):
        return "bestuurlijk"
    if _GEDELEGEERD.search(gewoon):
        return "gedelegeerd"
    return "ambtelijk"


def noemt_dag_of_begin(tekst: str, vandaag: date) -> bool:
    """Strong signs only (another day, 'sinds wanneer', a reorganisation): for questions the
    recogniser sent as an ordinary opdrachtgever question."""
    gewoon = normaliseer(tekst)
    if _WISSELS.search(gewoon) or _SINDS.search(gewoon):
        return True
    return any(d.van == d.tot and d.van != vandaag for d in vind_datums(tekst, vandaag))


def is_historievraag(tekst: str, vandaag: date) -> bool:
    """A question about another day, a start, a predecessor or a reorganisation."""
    gewoon = normaliseer(tekst)
    if _WISSELS.search(gewoon) or _SINDS.search(gewoon) or _HIERVOOR.search(gewoon):
        return True
    return any(d.van == d.tot and d.van != vandaag for d in vind_datums(tekst, vandaag))


class HistorieVragen:
    def __init__(self, kennisbank: Kennisbank, t: Callable[..., str]) -> None:
        self.kennisbank = kennisbank
        self.t = t  # t("sleutel", **velden) -> text from dialogen/teksten/historie.yaml

    def antwoord(self, tekst: str, onderwerpen: list[Onderwerp], vandaag: date) -> list[str] | None:
        if not is_historievraag(tekst, vandaag):
            return None
        gewoon = normaliseer(tekst)
        datums = [d for d in vind_datums(tekst, vandaag) if d.van == d.tot]
        dagen = [d.van for d in datums]
        rol = rol_uit(tekst)
        if _WISSELS.search(gewoon) and not onderwerpen:
            if not datums:
                return [self.t("geen_datum")]
            return self._wissels(self._laatste_herverdeling(datums[0].van) if not _JAARTAL.search(datums[0].tekst) else datums[0].van)
        if not onderwerpen:
            return None  # let the feature ask which onderwerp, as it does today
        if _SINDS.search(gewoon):
            return [self._sinds(o, rol) for o in onderwerpen]
        if _HIERVOOR.search(gewoon) and not dagen:
            return [self._hiervoor(o, rol, vandaag) for o in onderwerpen]
        dag = dagen[0] if dagen else vandaag
        return [self._op_dag(o, rol, dag, vandaag) for o in onderwerpen]

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
        return self._met_bron(self.t("sinds", naam=naam, datum=datum_tekst(termijn.vanaf), **velden), onderwerp, rol, termijn.vanaf)

    def _hiervoor(self, onderwerp: Onderwerp, rol: Opdrachtgeversrol, vandaag: date) -> str:
        velden = dict(rol=self._rol(rol), onderwerp=onderwerp.naam)
        termijnen = onderwerp.termijnen(rol)
        nu = next((i for i, t in enumerate(termijnen) if t.omvat(vandaag)), None)
        if nu is None:
            return self.t("hiervoor_niemand_nu", **velden)
        huidig, _ = self._naam(termijnen[nu].persoon)
        vorige = next((t for t in reversed(termijnen[:nu]) if t.persoon), None)
        if vorige is None:
            return self.t("hiervoor_geen", huidig=huidig, **velden)
        naam, functie = self._naam(vorige.persoon)
        if vorige.tot:
            tekst = self.t("hiervoor_tot", huidig=huidig, naam=naam, functie=functie, datum=datum_tekst(vorige.tot), **velden)
        else:
            tekst = self.t("hiervoor", huidig=huidig, naam=naam, functie=functie, **velden)
        return self._met_bron(tekst, onderwerp, rol, vorige.tot or vandaag)

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
            regels.append(self.t("wissel_regel", onderwerp=onderwerp.naam, rol=self._rol(rol),
                                 oud=self._naam(oud)[0], nieuw=self._naam(nieuw)[0]))
        bronnen = sorted({self.kennisbank.bron_tekst(b) for o, rol, _, _ in wissels if (b := self._bron(o, rol, dag))})
        if bronnen:
            regels.append(self.t("bron", bron="; ".join(bronnen)))
        return ["\n".join(regels)]

    def _bron(self, onderwerp: Onderwerp, rol: Opdrachtgeversrol, dag: date):
        """The source of the history entry around `dag`, else the onderwerp's."""
        for toewijzing in onderwerp.historie:
            if toewijzing.rol == rol and toewijzing.bron and toewijzing.tot in (dag, dag - timedelta(days=1)) or (
                toewijzing.rol == rol and toewijzing.bron and (toewijzing.vanaf or date.min) <= dag <= toewijzing.tot
            ):
                return toewijzing.bron
        return onderwerp.bron

    def _met_bron(self, tekst: str, onderwerp: Onderwerp, rol: Opdrachtgeversrol, dag: date) -> str:
        return "\n\n".join([tekst, self.t("bron", bron=self.kennisbank.bron_tekst(self._bron(onderwerp, rol, dag)))])
