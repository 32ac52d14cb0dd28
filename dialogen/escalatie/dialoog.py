"""The guided escalation dialog as text questions with suggested actions (works in every client).

State (answers already known are skipped): `groep`, `regel_ids` (the situations to choose from),
`regel_id` (the choice), `onderwerp_id`, `onderwerp_klaar` (no more onderwerp question),
`onderwerp_keuzes` (onderwerp ids offered after an unclear answer), `pogingen` and `ja_nee`
(the question that started it was a yes/no one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from botbuilder.core import TurnContext
from botbuilder.dialogs import Dialog, DialogContext, DialogInstance, DialogTurnResult

from dialogen.escalatie.keuzes import kies
from dialogen.kaarten import met_keuzes
from kennisbank.escalatie.model import EscalatieRegel
from kennisbank.escalatie.route import heeft_onderwerp_nodig
from kennisbank.zoeken import BedoeldeU, MeerdereOnderwerpen, OnderwerpGevonden
from kennisbank.zoeken.antwoord import SOORT_ONDERWERP
from kennisbank.zoeken.normaliseren import normaliseer

if TYPE_CHECKING:
    from dialogen.escalatie.feature import EscalatieFeature

DIALOOG_ID = "escalatie.gids"
MAX_POGINGEN = 2
"""Unknown onderwerp answers before the route is given without names."""


class EscalatieDialoog(Dialog):
    def __init__(self, feature: "EscalatieFeature") -> None:
        super().__init__(DIALOOG_ID)
        self.feature = feature

    def t(self, sleutel: str, **velden: Any) -> str:
        return self.feature.t(sleutel, **velden)

    async def begin_dialog(self, dc: DialogContext, options: Any = None) -> DialogTurnResult:
        state = dc.active_dialog.state
        state.update(options or {})
        self._vul_aan(state)
        return await self._verder(dc)

    async def continue_dialog(self, dc: DialogContext) -> DialogTurnResult:
        state = dc.active_dialog.state
        antwoord = (dc.context.activity.text or "").strip()
        fout = getattr(self, f"_antwoord_{self._stap(state)}")(state, antwoord)
        if fout:
            await dc.context.send_activity(fout)
        self._vul_aan(state)
        return await self._verder(dc)

    async def reprompt_dialog(self, context: TurnContext, instance: DialogInstance) -> None:
        await context.send_activity(self._vraag(instance.state))

    # -- which question is next ----------------------------------------------------------------

    def _stap(self, state: dict) -> str:
        if not state.get("regel_id"):
            return "situatie" if state.get("regel_ids") else "groep"
        if heeft_onderwerp_nodig(self._regel(state), self.feature.diensten.kennisbank) and not state.get("onderwerp_klaar"):
            return "onderwerp"
        return "klaar"

    def _vul_aan(self, state: dict) -> None:
        """Skip choices with only one option; forget choices the kennisbank no longer has."""
        if state.get("regel_id") not in self.feature.regels:
            state.pop("regel_id", None)
        groepen = self.feature.groepen()
        if not state.get("regel_id") and not state.get("regel_ids"):
            if not state.get("groep") and len(groepen) == 1:
                state["groep"] = groepen[0]
            if state.get("groep"):
                state["regel_ids"] = [r.id for r in self.feature.regels_in(state["groep"])]
        if not state.get("regel_id") and len(state.get("regel_ids") or []) == 1:
            state["regel_id"] = state["regel_ids"][0]

    async def _verder(self, dc: DialogContext) -> DialogTurnResult:
        state = dc.active_dialog.state
        if self._stap(state) == "klaar":
            onderwerp = self.feature.diensten.kennisbank.onderwerpen.get(state.get("onderwerp_id") or "")
            await self.feature.beantwoord(dc, self._regel(state), onderwerp, ja_nee_vraag=bool(state.get("ja_nee")))
            return await dc.end_dialog()
        await dc.context.send_activity(self._vraag(state))
        return Dialog.end_of_turn

    def _vraag(self, state: dict):
        stap = self._stap(state)
        if stap == "groep":
            return met_keuzes(self.t("vraag_groep"), self.feature.groepen())
        if stap == "situatie":
            sleutel = "vraag_situatie_groep" if state.get("groep") else "vraag_situatie"
            return met_keuzes(
                self.t(sleutel, groep=state.get("groep") or ""), [r.situatie for r in self._keuzeregels(state)]
            )
        keuzes = [o.naam for o in self._onderwerp_keuzes(state)]
        return met_keuzes(
            self.t("vraag_onderwerp", situatie=self._regel(state).situatie), [*keuzes, self.t("knop_geen_onderwerp")]
        )

    # -- answers -------------------------------------------------------------------------------

    def _antwoord_groep(self, state: dict, antwoord: str) -> str | None:
        groepen = self.feature.groepen()
        gekozen = kies(antwoord, groepen)
        if gekozen is None:
            # A direct answer may name the situation itself ("meningsverschil met een ander team").
            keuze = self.feature.regelzoeker.zoek(antwoord)
            if keuze.regel is not None:
                state["regel_id"] = keuze.regel.id
                return None
            return self.t("fout_keuze")
        state["groep"] = groepen[gekozen]
        return None

    def _antwoord_situatie(self, state: dict, antwoord: str) -> str | None:
        regels = self._keuzeregels(state)
        gekozen = kies(antwoord, [r.situatie for r in regels])
        if gekozen is None:
            keuze = self.feature.regelzoeker.zoek(antwoord)  # the situation in other words
            if keuze.regel is not None:
                state["regel_id"] = keuze.regel.id
                return None
            return self.t("fout_keuze")
        state["regel_id"] = regels[gekozen].id
        return None

    def _antwoord_onderwerp(self, state: dict, antwoord: str) -> str | None:
        kern = normaliseer(antwoord)
        if kern in {normaliseer(w) for w in self.feature.diensten.teksten.lijst("escalatie.geen_onderwerp_woorden")}:
            state["onderwerp_klaar"] = True
            return None
        aangeboden = self._onderwerp_keuzes(state)
        gekozen = kies(antwoord, [o.naam for o in aangeboden]) if aangeboden else None
        if gekozen is not None:
            self._kies_onderwerp(state, aangeboden[gekozen].id)
            return None
        kennisbank = self.feature.diensten.kennisbank
        if kern in kennisbank.onderwerpen:
            self._kies_onderwerp(state, kern)
            return None
        vandaag = self.feature.diensten.klok().date()
        match self.feature.zoeker.beantwoord(antwoord, vandaag=vandaag):
            case OnderwerpGevonden(onderwerp=onderwerp):
                self._kies_onderwerp(state, onderwerp.id)
                return None
            case MeerdereOnderwerpen(onderwerpen=onderwerpen):
                state["onderwerp_keuzes"] = [o.id for o in onderwerpen][:5]
                return self.t("onderwerp_meerdere")
            case BedoeldeU(kandidaten=kandidaten) if any(k.soort == SOORT_ONDERWERP for k in kandidaten):
                state["onderwerp_keuzes"] = [k.id for k in kandidaten if k.soort == SOORT_ONDERWERP][:5]
                return self.t("onderwerp_bedoel_je", invoer=antwoord)
        state["pogingen"] = state.get("pogingen", 0) + 1
        if state["pogingen"] >= MAX_POGINGEN:
            state["onderwerp_klaar"] = True
            return self.t("onderwerp_opgegeven", invoer=antwoord)
        return self.t("onderwerp_onbekend", invoer=antwoord)

    def _kies_onderwerp(self, state: dict, onderwerp_id: str) -> None:
        state.update(onderwerp_id=onderwerp_id, onderwerp_klaar=True, onderwerp_keuzes=[])

    # -- helpers -------------------------------------------------------------------------------

    def _regel(self, state: dict) -> EscalatieRegel:
        return self.feature.regels[state["regel_id"]]

    def _keuzeregels(self, state: dict) -> list[EscalatieRegel]:
        return [self.feature.regels[i] for i in state.get("regel_ids") or [] if i in self.feature.regels]

    def _onderwerp_keuzes(self, state: dict):
        onderwerpen = self.feature.diensten.kennisbank.onderwerpen
        return [onderwerpen[i] for i in state.get("onderwerp_keuzes") or [] if i in onderwerpen]
