"""The root of every conversation turn: card actions, stop/opnieuw/help, the active dialog,
or a newly recognised intent handed to its feature.

A greeting in front of a question ("Hoi! wie is AO v/d RUD?") is dropped before the question is
recognised: the greeting is the command rule of a bare greeting, the rest is what is asked.

Routing of a recognised intent (the confidence policy):
1. a command rule of `algemeen` (stop, opnieuw, help, a bare greeting) — always, also mid-dialog;
2. an active dialog gets the text as its answer (unless its owner lets a confident command of
   another feature interrupt, see `Feature.mag_onderbreken`); a confident question that its feature
   answers at once (`Feature.beantwoordt_tussendoor`) never interrupts: a form answers it aside when
   it is no answer to the waiting step and then asks that step again (`dialogen.tussenvraag`);
3. the records the text names may decide over the classifier first (`recordnamen.naamvraagherkenning`):
   a bare name ("Stedendriehoek", a surname) and "wie gaat over <onderwerp named exactly>" are
   lookups, "betekenis <begrip>" is its explanation, help about a person named in full a lookup,
   "wat betekent het criterium <criterium>" that criterium explained (an intent the records decided
   is not second-guessed by the documents or the lookup, however unsure the classifier was; nor is
   a follow-up on a feature's own last answer, `Feature.vervolgt`);
   then the intent's feature: `behandel` returning `False` means "no confident answer", then the
   feature whose record the text names exactly: the lookup for an onderwerp ("... wie is mijn
   opdrachtgever voor onderzoek en beleidsevaluatie" read as an escalation without a rule), the
   rapportage facts for a period ("de peildatum van de lenterapportage 2026" read as history);
   then the `documenten` feature (if installed) tries, and finally the honest "weet ik niet".
   A lookup that finds no record at all (no onderwerp, no person) asks the documents itself
   (`FeatureServices.documenten_citaat`: above their threshold and holding the question's words) before its own "niet gevonden";
   a question that asks no who gets such a passage before the lookup when it is a confident documents
   question naming an onderwerp (`_passage_antwoordt`), or asks for a date, a frequency or a number
   that the passage holds (`_feit_uit_document`);
4. out of scope (`algemeen.buiten_bereik`, or nothing close to any example sentence), or an
   intent whose feature is not installed: the lookup if the text confidently names a known
   onderwerp, person, rol or begrip (a bare "Regiekamer"); else only the documents may answer
   (above their own threshold, e.g. a gemeente's own document), else the honest "weet ik niet".
   An unsure classification (below `ONZEKER`, as the feature counts it: `Feature.zekerheid`), or a
   documents question with a lookup as runner-up,
   that names a known record goes to the lookup first (a record beats a passage); an unsure greeting, thanks or
   "help" gets the honest answer. "Weet ik niet" offers 2–3 suggestions and logs the question (without who asked).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from botbuilder.core import ConversationState, MessageFactory, TurnContext
from botbuilder.dialogs import DialogContext, DialogSet

from db.repositories.onbeantwoord import log_onbeantwoord
from dialogen.documenten.feature import DocumentenFeature
from dialogen.feature import Feature
from dialogen.featureservices import FeatureServices
from dialogen.formulier import HERKEND, FormulierDialoog
from dialogen.herkenning import BUITEN_BEREIK, TERUGVAL, Drempels, Herkend, Herkenner
from dialogen.invoercontrole import weigering
from dialogen.kaarten import met_keuzes
from dialogen.keuzevraag import KeuzeDialoog
from dialogen.recordnamen import (
    eigenaarherkenning,
    naamherkenning,
    naamvraagherkenning,
    recordvraagherkenning,
    vaag_onderwerpherkenning,
)
from dialogen.tussenvraag import Tussenvragen, vraagwoorden
from kennisbank.documenten.antwoordsoort import gevraagde_soort, vraagt_wie
from kennisbank.zoeken.normaliseren import normaliseer

log = logging.getLogger(__name__)

ALGEMEEN = "algemeen"
DOCUMENTEN = "documenten"
WEET_IK_NIET = "WeetIkNiet"
"""`uitkomst` of a logged question that got the honest "weet ik niet"."""
ZEKER_GENOEG_OM_TE_ONDERBREKEN = 0.9
"""A classified intent of another feature ends a waiting dialog (where allowed) only this sure."""
ONZEKER = Drempels.onzeker
"""Below this classifier score, a text that names a known onderwerp or person goes to the lookup."""
_MAX_SUGGESTIES = 3
GROET = "algemeen.groet"
_GROET_EIND = re.compile(r"[,!.?:;\n]")
"""Where a greeting in front of a question ends."""
_MAX_GROET = 40


class TurnRouter:
    """The app-wide router of every turn (one per gemeente): hands each message or card submit to
    the right feature, dialog or general answer."""

    def __init__(
        self,
        diensten: FeatureServices,
        features: list[Feature],
        conversation_state: ConversationState,
        herkenner: Herkenner,
    ) -> None:
        self.diensten = diensten
        self.features = {feature.naam: feature for feature in features}
        self.herkenner = herkenner
        self.drempels = herkenner.drempels
        self._suggestie_per_intentie = {
            naam: intentie.suggestie
            for naam in herkenner.intenties()
            if (intentie := herkenner.intentie(naam)) is not None and intentie.suggestie and intentie.feature != ALGEMEEN
        }
        self.noemt_bekende_naam: Callable[[str], bool] = naamherkenning(diensten.zoeker)
        """Does the text name a known onderwerp or person (for texts that look like no example
        sentence, e.g. a bare onderwerp name)?"""
        self.genoemd_voor: Callable[[str], str | None] = eigenaarherkenning(diensten.zoeker, diensten.klok)
        """The intent that answers about the record the text names exactly (an onderwerp: the
        lookup; a rapportage period: its facts), or None."""
        self.alleen_vaag_onderwerp: Callable[[str], bool] = vaag_onderwerpherkenning(diensten.zoeker)
        """Would the lookup answer with an onderwerp the text only resembles (no name or alias typed in full)?"""
        self.vraagt_record: Callable[[str], bool] = recordvraagherkenning(diensten.zoeker)
        """Does the text plainly ask for a record rather than an explanation (who sits in a body,
        "mijn leidinggevende")? A documents classification then goes to the lookup first."""
        self.naamvraag: Callable[[Herkend], str | None] = naamvraagherkenning(diensten.zoeker, diensten.klok, diensten.teksten)
        """The intent the records the text names decide instead of the classified one (a bare name:
        the lookup; the meaning of a begrip: its explanation), or None to keep it."""
        self.dialogen = DialogSet(conversation_state.create_property("DialogState"))
        diensten.opnieuw_routeren = self.verwerk  # a message that is not the answer to a waiting choice
        diensten.tussenvragen = Tussenvragen(
            self._herken, self.features, self._beantwoord, self.dialogen, vraagwoorden(diensten.teksten)
        )
        documenten = self.features.get(DOCUMENTEN)
        if isinstance(documenten, DocumentenFeature):  # a lookup that finds no record asks the documents
            diensten.documenten_citaat = documenten.antwoord_zonder_record
        self._eigenaar: dict[str, Feature] = {}
        self._wacht_op_antwoord: dict[str, Callable[[DialogContext], bool]] = {}
        """Dialog id -> does the current message answer its waiting step (`is_antwoord`)."""
        for feature in features:
            for dialoog in feature.dialogen():
                self.dialogen.add(dialoog)
                self._eigenaar[dialoog.id] = feature
                if isinstance(dialoog, FormulierDialoog | KeuzeDialoog):
                    self._wacht_op_antwoord[dialoog.id] = dialoog.is_antwoord

    async def verwerk(self, turn_context: TurnContext) -> None:
        """Handle one incoming message (text or card submit)."""
        dc = await self.dialogen.create_context(turn_context)
        waarde = turn_context.activity.value
        if (geweigerd := weigering(turn_context.activity.text, waarde)) is not None:
            await turn_context.send_activity(self._tekst(geweigerd[0], **geweigerd[1]))
            if dc.active_dialog is not None:
                await dc.reprompt_dialog()  # the waiting dialog and its answers stay as they were
            return
        if isinstance(waarde, dict) and isinstance(waarde.get("actie"), str):
            await self._behandel_actie(dc, waarde)
            return
        tekst = (turn_context.activity.text or "").strip()
        if not tekst:
            if dc.active_dialog is not None:
                await dc.reprompt_dialog()  # the question still stands
            else:
                await turn_context.send_activity(self._tekst("algemeen.leeg_bericht"))
            return
        herkend = self._herken(tekst)
        turn_context.turn_state[HERKEND] = herkend  # a form never takes a command as a free-text answer
        if herkend.door_regel and herkend.feature == ALGEMEEN:
            await self._behandel_algemeen(dc, herkend)
        elif dc.active_dialog is not None and not self._onderbreekt(dc, herkend):
            # A waiting dialog gets the text as its answer: switching away could lose what the user
            # entered so far. "stop" and "opnieuw" are always available.
            await dc.continue_dialog()
        else:
            if dc.active_dialog is not None:
                await dc.cancel_all_dialogs()
            await self._beantwoord(dc, herkend)

    def _herken(self, tekst: str) -> Herkend:
        herkend = self.herkenner.herken(tekst)
        return herkend if herkend.door_regel else self._zonder_groet(herkend)

    def _zonder_groet(self, herkend: Herkend) -> Herkend:
        """The question after a leading greeting ("Goedemorgen! ...", "hoi, ...", "hallo wie ..."),
        recognised on its own; the text as it was when it does not start with a bare greeting."""
        tekst = herkend.tekst
        woorden = tekst.split()
        koppen = [_GROET_EIND.split(tekst, maxsplit=1)[0], *(" ".join(woorden[:n]) for n in (2, 1))]
        for kop in koppen:
            rest = tekst[len(kop) :].lstrip(" \t,!.?:;-")
            if not kop or not rest or len(kop) > _MAX_GROET:
                continue
            groet = self.herkenner.commando(kop)  # a rule only: no classifier run per candidate head
            if groet is not None and groet.intentie == GROET:
                return self.herkenner.herken(rest)
        return herkend

    async def _beantwoord(self, dc: DialogContext, herkend: Herkend) -> None:
        """A recognised intent without a waiting dialog: its feature, then documenten, then "weet ik niet"."""
        door_namen = None if herkend.door_regel else self.naamvraag(herkend)
        if door_namen is not None:
            herkend = replace(herkend, intentie=door_namen)  # the records named decide what is asked
        feature = self.features.get(herkend.feature)
        if herkend.intentie == BUITEN_BEREIK or (feature is None and herkend.feature != ALGEMEEN):
            feature = None  # only the documents may still know (a gemeente's own documents)
            if self.noemt_bekende_naam(herkend.tekst):
                herkend = replace(herkend, intentie=TERUGVAL)
                feature = self.features.get(herkend.feature)
        elif (
            feature is not None
            and door_namen is None  # the records decided what is asked, not the unsure classifier
            and herkend.feature not in (ALGEMEEN, TERUGVAL.split(".", 1)[0])
            and (
                feature.zekerheid(herkend) < ONZEKER
                or self._twijfel_document_of_opzoeken(herkend)
                or self._record_gevraagd(herkend)
            )
            and self.noemt_bekende_naam(herkend.tekst)
        ):
            # Unsure what is asked (or between a documents question and a lookup), but sure which
            # onderwerp, person, rol or begrip: the record answers first; the documents remain the fallback.
            herkend = replace(herkend, intentie=TERUGVAL)
            feature = self.features.get(herkend.feature)
        if herkend.feature == ALGEMEEN and herkend.intentie != BUITEN_BEREIK:
            if herkend.zekerheid < ONZEKER:  # an unsure greeting or "help" is more honestly "weet ik niet"
                feature = None
            else:
                await self._behandel_algemeen(dc, herkend)
                return
        documenten = self.features.get(DOCUMENTEN)
        eerst_documenten = (
            feature is not None
            and door_namen is None  # the records decided what is asked, not the unsure classifier
            and feature.zekerheid(herkend) < ONZEKER
            and feature is not documenten
            and herkend.feature != TERUGVAL.split(".", 1)[0]  # the lookup first; it returns False without a record
            and not await feature.vervolgt(dc, herkend)  # a follow-up on its own last answer: the feature knows the context
        )
        if eerst_documenten and documenten is not None:
            # Unsure what is asked: a confident passage beats a feature's answer to the wrong question.
            if await documenten.behandel(dc, replace(herkend, intentie=f"{DOCUMENTEN}.vraag")) is not False:
                return
        if self._feit_uit_document(herkend, feature) and isinstance(documenten, DocumentenFeature):
            # 'hoeveel', 'wanneer', 'hoe vaak' about no one: a passage that holds such an answer and all
            # the question's words answers it; a record's opdrachtgever does not.
            if (citaat := documenten.antwoord_van_soort(herkend.tekst)) is not None:
                await dc.context.send_activity(MessageFactory.text(citaat))
                return
        if feature is not None and await feature.behandel(dc, herkend) is not False:
            return
        if feature is not None and (intentie := self.genoemd_voor(herkend.tekst)):
            # The feature had no answer, but a record is named exactly: the feature that owns it answers.
            eigenaar = self.features.get(intentie.split(".", 1)[0])
            if eigenaar is not None and eigenaar is not feature:
                if await eigenaar.behandel(dc, replace(herkend, intentie=intentie)) is not False:
                    return
        if documenten is not None and documenten is not feature and not eerst_documenten:
            if await documenten.behandel(dc, replace(herkend, intentie=f"{DOCUMENTEN}.vraag")) is not False:
                return
        await self.weet_ik_niet(dc, herkend)

    def _twijfel_document_of_opzoeken(self, herkend: Herkend) -> bool:
        """A documents question whose runner-up is a lookup: a named record beats a passage. When
        the classifier gave that runner-up next to nothing (under `buiten_bereik_naast` of the first
        score), an onderwerp the text only resembles is no doubt ("heeft een sectorcontract
        juridische status" is not about 'Juridisch & inkoop')."""
        if herkend.feature != DOCUMENTEN or not herkend.alternatieven:
            return False
        tweede, score = herkend.alternatieven[0]
        if not tweede.startswith(TERUGVAL.split(".", 1)[0] + "."):
            return False
        if herkend.zekerheid >= ONZEKER and self._passage_antwoordt(herkend.tekst):
            return False
        return score >= herkend.zekerheid * self.drempels.buiten_bereik_naast or not self.alleen_vaag_onderwerp(herkend.tekst)

    def _feit_uit_document(self, herkend: Herkend, feature: Feature | None) -> bool:
        """The lookup is to answer (classified, or a record named) a question that asks for a date, a
        frequency or a number and asks no who: what the documents may hold, not the records."""
        tekst = normaliseer(herkend.tekst)
        return (
            feature is not None
            and feature.naam == TERUGVAL.split(".", 1)[0]
            and not herkend.door_regel
            and gevraagde_soort(tekst) is not None
            and not vraagt_wie(tekst)
        )

    def _passage_antwoordt(self, tekst: str) -> bool:
        """A confident documents question that asks no who ("wat kwam er uit het mto"), naming an
        onderwerp, and a passage holds all its words: the passage answers, not the onderwerp's
        opdrachtgever (in a kennisbank whose onderwerpen are the documents' topics, nearly every
        documents question names one)."""
        documenten = self.features.get(DOCUMENTEN)
        return (
            isinstance(documenten, DocumentenFeature)
            and not vraagt_wie(normaliseer(tekst))
            and documenten.antwoord_zonder_record(tekst) is not None
        )

    def _record_gevraagd(self, herkend: Herkend) -> bool:
        """A documents question that plainly asks for a record (a body's members): the record answers."""
        return herkend.feature == DOCUMENTEN and self.vraagt_record(herkend.tekst)

    async def weet_ik_niet(self, dc: DialogContext, herkend: Herkend) -> None:
        """The honest answer: unknown, 2–3 suggestions as buttons, and the question logged for maintainers."""
        suggesties = self._suggesties(herkend)
        tekst = self._tekst("algemeen.weet_ik_niet")
        if suggesties:
            await dc.context.send_activity(
                met_keuzes(f"{tekst}\n\n{self._tekst('algemeen.weet_ik_niet_suggesties')}", suggesties)
            )
        else:
            await dc.context.send_activity(f"{tekst}\n\n{self._tekst('algemeen.weet_ik_niet_hulp')}")
        kandidaten: list[dict[str, Any]] = [
            {"soort": "intentie", "id": naam, "naam": naam, "score": round(score, 3)}
            for naam, score in ((herkend.intentie, herkend.zekerheid), *herkend.alternatieven)
            if naam != BUITEN_BEREIK
        ][:_MAX_SUGGESTIES]
        await log_onbeantwoord(self.diensten.sessies, herkend.tekst, herkend.kern, WEET_IK_NIET, kandidaten)

    def _suggesties(self, herkend: Herkend) -> list[str]:
        """Example questions of the nearest intents, filled in with names from the kennisbank."""
        velden = self._suggestievelden()
        uit: list[str] = []
        for naam, _ in ((herkend.intentie, herkend.zekerheid), *herkend.alternatieven):
            sjabloon = self._suggestie_per_intentie.get(naam)
            if sjabloon is None or naam.split(".", 1)[0] not in self.features:
                continue
            try:
                suggestie = sjabloon.format(**velden)
            except (KeyError, IndexError, ValueError):
                continue
            if suggestie not in uit:
                uit.append(suggestie)
            if len(uit) == _MAX_SUGGESTIES:
                break
        return uit

    def _suggestievelden(self) -> dict[str, str]:
        velden: dict[str, str] = {}
        onderwerpen = self.diensten.kennisbank.bestanden.onderwerpen
        if onderwerpen:  # never a person's name: the question may be about an unknown topic
            velden["onderwerp"] = onderwerpen[0].naam.lower()
        return velden

    async def stuur_welkom(self, turn_context: TurnContext) -> None:
        await turn_context.send_activity(self._tekst("algemeen.welkom"))

    async def stuur_hulp(self, turn_context: TurnContext) -> None:
        regels = [self._tekst("algemeen.hulp_titel"), self._tekst("algemeen.hulp")]
        for naam in self.features:
            if self.diensten.teksten.heeft(f"{naam}.hulp"):
                regels.append(self._tekst(f"{naam}.hulp"))
        # A blank line after the list: a line right after it would run into its last item.
        tekst = "\n".join(regels) + "\n\n" + self._tekst("algemeen.hulp_slot")
        await turn_context.send_activity(MessageFactory.text(tekst))

    def _onderbreekt(self, dc: DialogContext, herkend: Herkend) -> bool:
        """Another feature's command ends a waiting dialog only where its owner allows it, and only
        when it is a command rule or a confident classification (a question answered at once never does)."""
        eigenaar = self._eigenaar.get(dc.stack[-1].id)
        if eigenaar is None or herkend.feature in (ALGEMEEN, DOCUMENTEN, TERUGVAL.split(".", 1)[0], eigenaar.naam):
            return False
        if (feature := self.features.get(herkend.feature)) is not None and feature.beantwoordt_tussendoor(herkend):
            return False  # a question answered at once: the waiting dialog answers it aside and goes on
        if not herkend.door_regel and (
            herkend.zekerheid < ZEKER_GENOEG_OM_TE_ONDERBREKEN or herkend.nabijheid < self.drempels.buiten_bereik
        ):
            return False
        is_antwoord = self._wacht_op_antwoord.get(dc.stack[-1].id)
        if is_antwoord is not None and is_antwoord(dc):
            return False  # an answer to the waiting step ("de laatste", "ja", "2") is never another question
        return eigenaar.mag_onderbreken(dc)

    async def _behandel_algemeen(self, dc: DialogContext, herkend: Herkend) -> None:
        soort = herkend.intentie.split(".", 1)[1]
        if soort == "hulp":
            await self.stuur_hulp(dc.context)
            if dc.active_dialog is not None:
                await dc.reprompt_dialog()
        elif soort == "stop":
            if dc.active_dialog is None:
                await dc.context.send_activity(self._tekst("algemeen.niets_te_stoppen"))
            else:
                eigenaar = self._eigenaar.get(dc.stack[-1].id)
                melding = await eigenaar.bij_stop(dc) if eigenaar is not None else None  # e.g. answers kept
                await dc.cancel_all_dialogs()
                await dc.context.send_activity(melding or self._tekst("algemeen.gestopt"))
        elif soort == "opnieuw":
            if dc.active_dialog is None:
                await dc.context.send_activity(self._tekst("algemeen.niets_opnieuw"))
                return
            dialoog_id = dc.stack[-1].id
            # Both dialog kinds (FormulierDialoog, KeuzeDialoog) keep the options they began with.
            opties = dc.stack[-1].state.get("options") if isinstance(dc.stack[-1].state, dict) else None
            await dc.cancel_all_dialogs()
            await dc.context.send_activity(self._tekst("algemeen.opnieuw"))
            await dc.begin_dialog(dialoog_id, opties)
        elif soort == "bedankt":
            await dc.context.send_activity(self._tekst("algemeen.graag_gedaan"))
        elif soort == "afscheid":  # "doei", "fijne dag verder": a closing, never the welcome again
            await dc.context.send_activity(self._tekst("algemeen.tot_ziens"))
        else:  # groet
            await self.stuur_welkom(dc.context)

    async def _behandel_actie(self, dc: DialogContext, waarde: dict[str, Any]) -> None:
        actie: str = waarde["actie"]
        naam, _, rest = actie.partition(".")
        feature = self.features.get(naam)
        if feature is None or not rest:
            await dc.context.send_activity(self._tekst("algemeen.actie_onbekend"))
            return
        await feature.behandel_actie(dc, rest, waarde)

    def _tekst(self, sleutel: str, **velden: Any) -> str:
        return self.diensten.teksten.tekst(sleutel, **velden)
