"""The escalatie feature: direct questions answered in one turn, otherwise the guided dialog.

Intents (`dialogen/intenties/escalatie.yaml`): `escalatie.start` ("ik wil escaleren", "waar moet
ik heen met een knelpunt?"), `escalatie.vraag` (a question in the words of a rule) and
`escalatie.vervolg` (a follow-up after a route: "en als ze er dan nog niet uitkomen?", "en daarna?";
without a route in the conversation it is no answer of this feature).
The conversation remembers the route given last (`dialogen.gespreksgeheugen.Route`): a follow-up gets
the step it asks for (`kennisbank.escalatie.vervolg`); so does an escalation question that names the
condition of one of that route's steps ("en als het over afdelingen heen gaat?") or no situation of
its own ("en als ze er dan nog niet uitkomen?", `_vervolgt`). Card actions (stateless):
`escalatie.route` with `regel` (+ optional `onderwerp`) answers that rule; `escalatie.start` starts
the guided dialog.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from botbuilder.core import MessageFactory
from botbuilder.dialogs import Dialog, DialogContext

from dialogen.escalatie.antwoord import Antwoordschrijver
from dialogen.escalatie.dialoog import DIALOOG_ID, EscalatieFormulier
from dialogen.escalatie.vraagvorm import Vraagvorm
from dialogen.feature import Feature
from dialogen.featureservices import FeatureServices
from dialogen.gebruiker import huidige_gebruiker
from dialogen.gespreksgeheugen import Route
from dialogen.herkenning import Drempels, Herkend
from dialogen.kaarten import kaarten_mogelijk
from dialogen.keuzevraag import Keuze, KeuzeDialoog, keuze_opties
from kennisbank.escalatie.model import EscalatieRegel
from kennisbank.escalatie.vervolg import genoemde_voorwaarde, gevraagde_stap
from kennisbank.escalatie.vragen import Regelkeuze, RegelZoeker, onderwerp_in_tekst, zonder_onderwerp
from kennisbank.model import Onderwerp
from kennisbank.zoeken import Zoeker
from kennisbank.zoeken.normaliseren import normaliseer

KEUZE_ID = "escalatie.keuze"
"""The "Bedoelde je A of B?" between close rules (`dialogen.keuzevraag`)."""
VOORWAARDE_WOORDEN = 2
"""A question that is not classified as a follow-up continues the route only when it holds at least
this many words of a step's condition (one word, "nodig", is too little to leave a new question)."""


class EscalatieFeature(Feature):
    naam = "escalatie"

    def __init__(self, diensten: FeatureServices) -> None:
        super().__init__(diensten)
        self.regels = {r.id: r for r in diensten.kennisbank.bestanden.escalatie}
        self.regelzoeker = RegelZoeker(self.regels.values(), diensten.teksten.lijst("escalatie.geen_regel_vragen"))
        self.schrijver = Antwoordschrijver(diensten.teksten, diensten.kennisbank)
        self.keuzevraag = KeuzeDialoog(
            KEUZE_ID,
            vraag_tekst=lambda aantal: self.t("vraag_bedoel_je" if aantal > 1 else "vraag_bedoel_je_een"),
            welke_tekst=lambda: self.t("vraag_welke"),
            bij_keuze=self._bij_keuze,
            bij_geen=self._bij_geen,
            bij_andere_vraag=self._bij_andere_vraag,
            knoppen_tekst=lambda aantal: self.t("vraag_bedoel_je_knoppen"),
        )
        self.formulier = EscalatieFormulier(self)
        self.vraagvorm = Vraagvorm(
            diensten.teksten.lijst("escalatie.ja_nee_werkwoorden"), diensten.teksten.lijst("escalatie.ja_nee_onderwerpen")
        )

    @property
    def zoeker(self) -> Zoeker:
        return self.diensten.zoeker

    def dialogen(self) -> list[Dialog]:
        return [self.formulier.dialoog, self.keuzevraag]

    def mag_onderbreken(self, dc: DialogContext) -> bool:
        """Every step is a choice: another feature's command loses nothing the user typed (an answer
        to the waiting choice is never taken away: the router asks the dialog's `is_antwoord` first)."""
        return True

    def beantwoordt_tussendoor(self, herkend: Herkend) -> bool:
        """A question about a situation is answered with its route; `escalatie.start` starts the guided dialog."""
        return herkend.intentie == f"{self.naam}.vraag"

    async def bij_stop(self, dc: DialogContext) -> str | None:
        """Restart rule: "stop" keeps nothing (the guided steps are choices, nothing typed is lost)."""
        return None

    def t(self, sleutel: str, **velden: Any) -> str:
        return self.diensten.teksten.tekst(f"escalatie.{sleutel}", **velden)

    def groepen(self) -> list[str]:
        """The groups of rules in file order, each once."""
        return list(dict.fromkeys(r.groep for r in self.regels.values()))

    def regels_in(self, groep: str) -> list[EscalatieRegel]:
        return [r for r in self.regels.values() if r.groep == groep]

    async def beantwoord(
        self,
        dc: DialogContext,
        regel: EscalatieRegel,
        onderwerp: Onderwerp | None,
        *,
        tip_onderwerp: bool = False,
        ja_nee_vraag: bool = False,
    ) -> None:
        vrager = huidige_gebruiker(dc.context).persoon
        antwoord = self.schrijver.schrijf(
            regel,
            onderwerp,
            vrager,
            tip_onderwerp=tip_onderwerp,
            ja_nee_vraag=ja_nee_vraag,
            kaarten=kaarten_mogelijk(dc.context),
        )
        bericht = MessageFactory.text(antwoord.tekst)
        if antwoord.kaart is not None:
            bericht.attachments = [antwoord.kaart]
        await dc.context.send_activity(bericht)
        if antwoord.vervolg:
            await dc.context.send_activity(MessageFactory.text(antwoord.vervolg))
        await self._onthoud(dc, Route(regel.id, onderwerp.id if onderwerp else None))

    async def _onthoud(self, dc: DialogContext, route: Route) -> None:
        geheugen = self.diensten.geheugen
        await geheugen.onthoud(dc.context, replace(await geheugen.lees(dc.context), route=route))

    async def _vervolg(self, dc: DialogContext, herkend: Herkend) -> bool:
        """A follow-up on the route given last: answer the step it asks for and remember it. False
        when there is no such route, or the text is no follow-up (`_vervolgt`)."""
        route = (await self.diensten.geheugen.lees(dc.context)).route
        regel = self.regels.get(route.regel) if route is not None else None
        if route is None or regel is None or herkend.intentie == f"{self.naam}.start":
            return False
        if herkend.intentie == f"{self.naam}.vervolg":
            nummer = gevraagde_stap(regel, route.stap, herkend.tekst)
        else:
            keuze = self.regelzoeker.zoek(
                zonder_onderwerp(herkend.tekst, onderwerp_in_tekst(herkend.tekst, self.diensten.kennisbank))
            )
            ander = keuze.regel is not None and keuze.regel.id != regel.id
            # Another rule fits: only a text that says little more than a step's condition follows up.
            nummer = genoemde_voorwaarde(regel, herkend.tekst, minimaal=VOORWAARDE_WOORDEN, alleen=ander)
            if nummer is None and (ander or not self._vervolgt(keuze, herkend)):
                return False
            nummer = nummer or gevraagde_stap(regel, route.stap, herkend.tekst)
        onderwerp = self.diensten.kennisbank.onderwerpen.get(route.onderwerp or "")
        vrager = huidige_gebruiker(dc.context).persoon
        if nummer is None:
            await dc.context.send_activity(MessageFactory.text(self.schrijver.einde(regel, onderwerp, vrager)))
            return True
        await dc.context.send_activity(MessageFactory.text(self.schrijver.vervolg(regel, onderwerp, vrager, nummer)))
        await self._onthoud(dc, replace(route, stap=nummer))
        return True

    async def vervolgt(self, dc: DialogContext, herkend: Herkend) -> bool:
        """A question or follow-up of this feature while a route given in this conversation is remembered."""
        if herkend.intentie not in (f"{self.naam}.vraag", f"{self.naam}.vervolg"):
            return False
        route = (await self.diensten.geheugen.lees(dc.context)).route
        return route is not None and route.regel in self.regels

    @staticmethod
    def _vervolgt(keuze: Regelkeuze, herkend: Herkend) -> bool:
        """Does an escalation question that names no step's condition continue the route given last
        ("en als ze er dan nog niet uitkomen?")? When the rule search (`keuze`, which found no other
        rule) finds that same rule again, or no rule while the question is about some situation
        (close rules to offer) or surely an escalation question: it names no situation of its own,
        so it asks how the route goes on."""
        return keuze.regel is not None or bool(keuze.kandidaten) or herkend.zekerheid >= Drempels.onzeker

    # -- intents ---------------------------------------------------------------------------------

    async def behandel(self, dc: DialogContext, herkend: Herkend) -> bool:
        """A follow-up on the route given last gets its step (`_vervolg`); otherwise a rule that
        clearly fits is answered at once; close candidates are offered as a choice;
        no fitting rule: `escalatie.start` starts the guided dialog, `escalatie.vraag` returns False
        (no confident answer: the router tries the documents, then says it does not know)."""
        if not self.regels:
            await dc.context.send_activity(self.t("niet_ingericht"))
            return True
        if await self._vervolg(dc, herkend):
            return True
        if herkend.intentie == f"{self.naam}.vervolg":
            # Nothing in this conversation to follow up on: the classifier misread the message, so
            # the router's other readers (a named record, the documents, "weet ik niet") get it.
            return False
        onderwerp = onderwerp_in_tekst(herkend.tekst, self.diensten.kennisbank)
        keuze = self.regelzoeker.zoek(zonder_onderwerp(herkend.tekst, onderwerp))
        ja_nee = self.vraagvorm.is_ja_nee(herkend.tekst)
        if keuze.regel is not None:
            await self.beantwoord(dc, keuze.regel, onderwerp, tip_onderwerp=True, ja_nee_vraag=ja_nee)
            return True
        if keuze.zwak and onderwerp is not None and herkend.intentie != f"{self.naam}.start":
            return False  # a weak guess does not beat a name typed in full: the router answers that
        if not keuze.kandidaten and herkend.intentie != f"{self.naam}.start":
            return False
        if keuze.kandidaten:
            keuzes = [Keuze(r.situatie, r.id, r.situatie) for r in keuze.kandidaten]
            context = {"onderwerp_id": onderwerp.id if onderwerp else None, "ja_nee": ja_nee}
            await dc.begin_dialog(KEUZE_ID, keuze_opties(keuzes, context=context))
            return True
        await dc.begin_dialog(DIALOOG_ID, self.formulier.opties(ja_nee=ja_nee, onderwerp=onderwerp))
        return True

    async def _bij_keuze(self, dc: DialogContext, keuze: Keuze, context: dict[str, Any]) -> None:
        regel = self.regels.get(keuze.waarde)
        if regel is None:
            await dc.context.send_activity(self.t("regel_onbekend"))
            return
        onderwerp = self.diensten.kennisbank.onderwerpen.get(context.get("onderwerp_id") or "")
        await self.beantwoord(dc, regel, onderwerp, tip_onderwerp=True, ja_nee_vraag=bool(context.get("ja_nee")))

    async def _bij_geen(self, dc: DialogContext, context: dict[str, Any]) -> None:
        await dc.context.send_activity(self.t("keuze_geen"))

    async def _bij_andere_vraag(self, dc: DialogContext, tekst: str, context: dict[str, Any]) -> None:
        """Not an answer to the choice: a new question, routed like any other (the choice is gone)."""
        routeer = self.diensten.opnieuw_routeren
        if routeer is not None:
            await routeer(dc.context)
            return
        herkend = Herkend(intentie=f"{self.naam}.vraag", tekst=tekst, kern=normaliseer(tekst))
        if await self.behandel(dc, herkend) is False:
            await dc.context.send_activity(self.t("keuze_niet_herkend"))

    # -- card actions ----------------------------------------------------------------------------

    async def behandel_actie(self, dc: DialogContext, actie: str, waarde: dict[str, Any]) -> None:
        if actie == "route":
            regel = self.regels.get(str(waarde.get("regel")))
            if regel is None:
                await dc.context.send_activity(self.t("regel_onbekend"))
                return
            onderwerp = self.diensten.kennisbank.onderwerpen.get(str(waarde.get("onderwerp")))
            await self.beantwoord(dc, regel, onderwerp)
        elif actie == "start":
            await dc.cancel_all_dialogs()
            await dc.begin_dialog(DIALOOG_ID, self.formulier.opties())
        else:
            await super().behandel_actie(dc, actie, waarde)
