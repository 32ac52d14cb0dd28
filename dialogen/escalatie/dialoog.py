"""The guided escalation as one form (`dialogen.formulier`): the group of situations, the situation,
and, when the route names an opdrachtgever, the onderwerp. What is known is not asked: an onderwerp
the first question named, a group with one situation, a first answer that names the situation itself
("het CMT komt er niet uit"). Choices are numbered and read like every choice in the bot (a button,
"2", "de eerste", the name or a telling part of it); the rule search reads a situation in other words.

Context (`state["context"]`): `ja_nee` (the question that started it was a yes/no one),
`onderwerp_keuzes` (onderwerp ids offered after an unclear answer), `pogingen` (unknown onderwerp
answers so far) and `opgegeven` (the last of those, when the route is given without names).
Restart rule: "stop" keeps nothing (only choices were made), "opnieuw" starts at the first question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from botbuilder.dialogs import DialogContext, DialogTurnResult

from dialogen.formulier import KEUZE, TEKST, FormulierDialoog, Gelezen, Slot
from dialogen.opmaak import letterlijk
from kennisbank.escalatie.model import EscalatieRegel
from kennisbank.escalatie.route import heeft_onderwerp_nodig
from kennisbank.model import Onderwerp
from kennisbank.zoeken import BedoeldeU, MeerdereOnderwerpen, OnderwerpGevonden
from kennisbank.zoeken.antwoord import SOORT_ONDERWERP
from kennisbank.zoeken.normaliseren import normaliseer

if TYPE_CHECKING:
    from dialogen.escalatie.feature import EscalatieFeature

DIALOOG_ID = "escalatie.gids"
MAX_POGINGEN = 2
"""Unknown onderwerp answers before the route is given without names."""
MAX_ONDERWERPEN = 5
"""Onderwerpen offered after an answer that fits several."""
GROEP, REGEL, ONDERWERP = "groep", "regel", "onderwerp"
GEEN_ONDERWERP = ""
"""The onderwerp answer "Geen onderwerp": the route without names."""


class EscalatieFormulier:
    id = DIALOOG_ID

    def __init__(self, feature: EscalatieFeature) -> None:
        self.feature = feature
        diensten = feature.diensten
        self.dialoog = FormulierDialoog(
            self, diensten.teksten, diensten.parkeerplaats, lambda: diensten.opnieuw_routeren, lambda: diensten.tussenvragen
        )

    def t(self, sleutel: str, **velden: Any) -> str:
        return self.feature.t(sleutel, **velden)

    @staticmethod
    def opties(*, ja_nee: bool = False, onderwerp: Onderwerp | None = None) -> dict[str, Any]:
        """Options for `dc.begin_dialog(DIALOOG_ID, ...)`: an onderwerp already named is not asked."""
        return {"context": {"ja_nee": ja_nee}, "antwoorden": {ONDERWERP: onderwerp.id} if onderwerp else {}}

    # -- the form -----------------------------------------------------------------------------

    def slots(self, state: dict[str, Any]) -> list[Slot]:
        context, antwoorden = state["context"], state["antwoorden"]
        groepen = self.feature.groepen()
        groep = antwoorden.get(GROEP)
        regels = self.feature.regels_in(groep) if groep else list(self.feature.regels.values())
        vraag_regel = self.t("vraag_situatie_groep", groep=groep) if groep else self.t("vraag_situatie")
        return [
            Slot(
                GROEP,
                self.t("vraag_groep"),
                self._lees_groep,
                soort=KEUZE,
                keuzes=tuple((g, g) for g in groepen),
                nodig=lambda a: len(groepen) > 1 and REGEL not in a,
                genummerd=True,
            ),
            Slot(
                REGEL,
                vraag_regel,
                self._lees_regel,
                soort=KEUZE,
                keuzes=tuple((r.situatie, r.id) for r in regels),
                genummerd=True,
            ),
            self._onderwerpslot(context, self._regel(antwoorden)),
        ]

    def _onderwerpslot(self, context: dict[str, Any], regel: EscalatieRegel | None) -> Slot:
        onderwerpen = self.feature.diensten.kennisbank.onderwerpen
        aangeboden = [onderwerpen[i] for i in context.get("onderwerp_keuzes") or [] if i in onderwerpen]
        geen = self.t("knop_geen_onderwerp")

        def nodig(antwoorden: dict[str, Any]) -> bool:
            regel = self.feature.regels.get(antwoorden.get(REGEL) or "")
            return regel is not None and heeft_onderwerp_nodig(regel, self.feature.diensten.kennisbank)

        vraag = self.t("vraag_onderwerp", situatie=regel.situatie if regel else "")
        if aangeboden:
            return Slot(
                ONDERWERP,
                vraag,
                self._lees_onderwerp(context),
                soort=KEUZE,
                nodig=nodig,
                genummerd=True,
                keuzes=(*((o.naam, o.id) for o in aangeboden), (geen, GEEN_ONDERWERP)),
            )
        return Slot(ONDERWERP, vraag, self._lees_onderwerp(context), soort=TEKST, nodig=nodig, vrij=True, suggesties=(geen,))

    # -- parsers ------------------------------------------------------------------------------

    def _lees_groep(self, tekst: str) -> Gelezen:
        """Not one of the groups: the answer may name the situation itself."""
        regel = self.feature.regelzoeker.zoek(tekst).regel
        if regel is None:
            return Gelezen(fout=self.t("fout_keuze"))
        return Gelezen(regel.groep, ook={REGEL: regel.id})

    def _lees_regel(self, tekst: str) -> Gelezen:
        """Not one of the situations offered: the situation in other words."""
        regel = self.feature.regelzoeker.zoek(tekst).regel
        return Gelezen(regel.id) if regel is not None else Gelezen(fout=self.t("fout_keuze"))

    def _lees_onderwerp(self, context: dict[str, Any]):
        diensten = self.feature.diensten
        geen_woorden = {normaliseer(w) for w in diensten.teksten.lijst("escalatie.geen_onderwerp_woorden")}

        def gekozen(onderwerp_id: str) -> Gelezen:
            context["onderwerp_keuzes"] = []
            return Gelezen(onderwerp_id)

        def lees(tekst: str) -> Gelezen:
            kern = normaliseer(tekst)
            if kern in geen_woorden:
                return Gelezen(GEEN_ONDERWERP)
            if kern in diensten.kennisbank.onderwerpen:
                return gekozen(kern)
            match self.feature.zoeker.beantwoord(tekst, vandaag=diensten.klok().date()):
                case OnderwerpGevonden(onderwerp=onderwerp):
                    return gekozen(onderwerp.id)
                case MeerdereOnderwerpen(onderwerpen=onderwerpen):
                    context["onderwerp_keuzes"] = [o.id for o in onderwerpen][:MAX_ONDERWERPEN]
                    return Gelezen(fout=self.t("onderwerp_meerdere"))
                case BedoeldeU(kandidaten=kandidaten) if any(k.soort == SOORT_ONDERWERP for k in kandidaten):
                    context["onderwerp_keuzes"] = [k.id for k in kandidaten if k.soort == SOORT_ONDERWERP][:MAX_ONDERWERPEN]
                    return Gelezen(fout=self.t("onderwerp_bedoel_je", invoer=letterlijk(tekst)))
            context["pogingen"] = context.get("pogingen", 0) + 1
            if context["pogingen"] >= MAX_POGINGEN:
                context["opgegeven"] = tekst
                return Gelezen(GEEN_ONDERWERP)
            return Gelezen(fout=self.t("onderwerp_onbekend", invoer=letterlijk(tekst)))

        return lees

    # -- the form's hooks ---------------------------------------------------------------------

    def stap_opzij(self, state: dict[str, Any]) -> bool:
        return False  # a wrong choice is said and the question asked again

    async def voor_vraag(self, dc: DialogContext, state: dict[str, Any], slot: Slot) -> DialogTurnResult | None:
        """A question with one possible answer is not asked."""
        if slot.naam == REGEL and len(slot.keuzes) == 1:
            state["antwoorden"][REGEL] = slot.keuzes[0][1]  # not in the order: "terug" goes back to the group
        return None

    async def klaar(self, dc: DialogContext, state: dict[str, Any]) -> DialogTurnResult:
        antwoorden, context = state["antwoorden"], state["context"]
        regel = self._regel(antwoorden)
        if regel is None:  # the kennisbank no longer has it: choose again
            await dc.context.send_activity(self.t("regel_onbekend"))
            return await dc.end_dialog()
        if context.get("opgegeven"):
            await dc.context.send_activity(self.t("onderwerp_opgegeven", invoer=letterlijk(context["opgegeven"])))
        onderwerp = self.feature.diensten.kennisbank.onderwerpen.get(antwoorden.get(ONDERWERP) or "")
        await self.feature.beantwoord(dc, regel, onderwerp, ja_nee_vraag=bool(context.get("ja_nee")))
        return await dc.end_dialog()

    def _regel(self, antwoorden: dict[str, Any]) -> EscalatieRegel | None:
        return self.feature.regels.get(antwoorden.get(REGEL) or "")
