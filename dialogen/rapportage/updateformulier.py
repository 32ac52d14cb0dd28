"""The statusupdate as one form (`dialogen.formulier`): onderwerp (when there are several), status,
toelichting, financieel effect, bedrag, maatregel, and a confirmation. The card's inputs
(`kaartslots`) and the text questions (`UpdateFormulier`, console and clients without cards) come
from these slot declarations; the rules of what is required are the kennisbank's statuses.

State `context`: periode_id, onderwerp_ids, sleutel, `vorige` (the last submitted values, loaded
when the onderwerp is known), `vorige_van` (who submitted them, when not the user) and `concept`
(what the user typed before choosing "Wijzigen": shown as "Net ingevuld", never as "Vorige keer").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from botbuilder.dialogs import DialogContext, DialogTurnResult
from rapidfuzz import fuzz, process

from db.modellen.rapportage import Financieel
from dialogen.formulier import KEUZE, FormulierDialoog, Gelezen, Slot, Woorden
from dialogen.gebruiker import huidige_gebruiker
from dialogen.kaarteigenaar import in_groepsgesprek
from dialogen.opmaak import letterlijk
from dialogen.rapportage.dienst import Weigering
from dialogen.rapportage.invoer import GEEN, MAX_TEKST, valideer, zegt_iets
from dialogen.teksten import Teksten
from kennisbank.bedragen import BedragFout, formatteer_bedrag, lees_bedrag, twee_lezingen
from kennisbank.model import Onderwerp
from kennisbank.rapportage import Periode, Rapportage, Status
from kennisbank.zoeken.normaliseren import normaliseer

if TYPE_CHECKING:
    from dialogen.rapportage.feature import RapportageFeature

DIALOOG_ID = "rapportage.update"
VELDEN = ("status", "toelichting", "financieel", "bedrag", "maatregel")
BEVESTIG, WIJZIG = "ja", "wijzig"


def _niets(_: str) -> Gelezen:
    return Gelezen(fout="")


def kaartslots(teksten: Teksten, rapportage: Rapportage) -> list[Slot]:
    """The inputs of the update card (every field; the kennisbank's rules are checked on submit)."""

    def t(sleutel: str, **velden: Any) -> str:
        return teksten.tekst(f"rapportage.{sleutel}", **velden)

    return [
        Slot(
            "status",
            t("veld_status"),
            _niets,
            soort=KEUZE,
            titel=t("veld_status"),
            stijl="expanded",
            verplicht=True,
            foutmelding=t("fout_status"),
            keuzes=tuple((f"{s.naam} – {s.uitleg}", s.id) for s in rapportage.statussen),
        ),
        Slot("toelichting", t("veld_toelichting"), _niets, titel=t("veld_toelichting"), meerregelig=True, max_lengte=MAX_TEKST),
        Slot(
            "financieel",
            t("veld_financieel"),
            _niets,
            soort=KEUZE,
            titel=t("veld_financieel"),
            keuzes=tuple((t(f"financieel_{s}"), s) for s in (GEEN, *Financieel)),
        ),
        Slot("bedrag", t("veld_bedrag"), _niets, titel=t("veld_bedrag"), placeholder=t("bedrag_voorbeeld")),
        Slot("maatregel", t("veld_maatregel"), _niets, titel=t("veld_maatregel"), meerregelig=True, max_lengte=MAX_TEKST),
    ]


class UpdateFormulier:
    id = DIALOOG_ID

    def __init__(self, feature: RapportageFeature) -> None:
        self.feature = feature
        self.diensten = feature.diensten
        self.dialoog = FormulierDialoog(
            self,
            feature.diensten.teksten,
            self.diensten.parkeerplaats,
            lambda: self.diensten.opnieuw_routeren,
            lambda: self.diensten.tussenvragen,
        )

    @property
    def rapportage(self) -> Rapportage:
        return self.feature.dienst.rapportage

    def t(self, sleutel: str, **velden: Any) -> str:
        return self.feature.t(sleutel, **velden)

    async def start(
        self, dc: DialogContext, periode: Periode, onderwerpen: list[Onderwerp], sleutel: str, *, status: Status | None = None
    ) -> None:
        """Begin the text questions, or continue a stopped update for the same period and choice;
        `status`: the status the asker already named, as the answer for one onderwerp."""
        ids = [o.id for o in onderwerpen]
        geparkeerd = await self.dialoog.geparkeerd(dc.context)
        if (
            geparkeerd
            and geparkeerd["context"].get("periode_id") == periode.id
            and (
                set(ids) == set(geparkeerd["context"].get("onderwerp_ids", []))
                or len(ids) == 1
                and geparkeerd["antwoorden"].get("onderwerp", ids[0]) == ids[0]
                and ids[0] in geparkeerd["context"].get("onderwerp_ids", [])
            )
        ):
            await dc.context.send_activity(self.t("verder_waar_je_was"))
            await dc.begin_dialog(DIALOOG_ID, {"hervat": geparkeerd})
            return
        antwoorden = {"status": status.id} if status is not None and len(ids) == 1 else {}
        await dc.begin_dialog(
            DIALOOG_ID,
            {"context": {"periode_id": periode.id, "onderwerp_ids": ids, "sleutel": sleutel}, "antwoorden": antwoorden},
        )

    # -- the slots -------------------------------------------------------------------------------

    def _onderwerpen(self, context: dict[str, Any]) -> list[Onderwerp]:
        kennisbank = self.diensten.kennisbank
        return [kennisbank.onderwerpen[i] for i in context.get("onderwerp_ids", []) if i in kennisbank.onderwerpen]

    def onderwerp_id(self, state: dict[str, Any]) -> str | None:
        onderwerpen = self._onderwerpen(state["context"])
        if len(onderwerpen) == 1:
            return onderwerpen[0].id
        return state["antwoorden"].get("onderwerp")

    def _eerder(self, context: dict[str, Any], veld: str) -> tuple[str, str] | None:
        """(text key, value) of what to offer again: the draft first, else the last submitted update."""
        if (context.get("concept") or {}).get(veld):
            return "concept_tekst", context["concept"][veld]
        if (context.get("vorige") or {}).get(veld):
            return "vorige_tekst", context["vorige"][veld]
        return None

    def slots(self, state: dict[str, Any]) -> list[Slot]:
        context, antwoorden = state["context"], state["antwoorden"]
        rapportage = self.rapportage
        periode = rapportage.periode(context["periode_id"])
        onderwerpen = self._onderwerpen(context)
        onderwerp_id = self.onderwerp_id(state)
        onderwerp = self.diensten.kennisbank.onderwerpen.get(onderwerp_id or "")

        def status_van(a: dict[str, Any]):
            return rapportage.status(a.get("status"))

        def toelichting_nodig(a: dict[str, Any]) -> bool:
            status = status_van(a)
            return status is not None and status.toelichting_verplicht

        def maatregel_nodig(a: dict[str, Any]) -> bool:
            status = status_van(a)
            return status is not None and status.maatregel_verplicht

        gekozen = len(onderwerpen) == 1 or "onderwerp" in antwoorden
        slots = [
            Slot(
                "onderwerp",
                self.t("vraag_onderwerp", periode=periode.naam if periode else ""),
                self._lees_onderwerp(onderwerpen),
                soort=KEUZE,
                keuzes=tuple((o.naam, o.id) for o in onderwerpen),
                nodig=lambda a: len(onderwerpen) > 1,
                genummerd=True,
            ),
            Slot(
                "status",
                self._vraag_status(context, onderwerp, periode),
                self._lees_status,
                soort=KEUZE,
                keuzes=tuple((s.naam, s.id) for s in rapportage.statussen),
                nodig=lambda a: gekozen,
            ),
            self._tekstslot(context, antwoorden, "toelichting", toelichting_nodig),
            Slot(
                "financieel",
                self.t("vraag_financieel"),
                self._lees_financieel,
                soort=KEUZE,
                keuzes=tuple((self.t(f"financieel_{s}"), s) for s in (GEEN, *Financieel)),
                nodig=toelichting_nodig,
            ),
            Slot(
                "bedrag",
                self.t("vraag_bedrag", soort=self.t(f"financieel_{antwoorden.get('financieel', GEEN)}").lower()),
                self._lees_bedrag,
                nodig=lambda a: a.get("financieel") in tuple(Financieel),
                vrij=True,
            ),
            self._tekstslot(context, antwoorden, "maatregel", maatregel_nodig),
            Slot(
                "bevestig",
                self._samenvatting(state, onderwerp, periode),
                self._lees_bevestig,
                soort=KEUZE,
                keuzes=((self.t("knop_bevestigen"), BEVESTIG), (self.t("knop_wijzigen"), WIJZIG), (self.t("knop_stop"), "stop")),
                nodig=lambda a: "status" in a,
            ),
        ]
        return slots

    def _vraag_status(self, context: dict[str, Any], onderwerp: Onderwerp | None, periode: Periode | None) -> str:
        regels = [self.t("vraag_status", onderwerp=onderwerp.naam if onderwerp else "", periode=periode.naam if periode else "")]
        eerder = (context.get("concept") or {}).get("status")
        sleutel = "concept_status" if eerder else "vorige_status"
        eerder = eerder or (context.get("vorige") or {}).get("status")
        if eerder:
            status = self.rapportage.status(eerder)
            regels.append(self.t(sleutel, status=status.naam if status else eerder))
            if sleutel == "vorige_status" and context.get("vorige_van"):
                regels.append(self.t("vorige_van", naam=context["vorige_van"]))
        return "\n".join(regels)

    def _tekstslot(self, context: dict[str, Any], antwoorden: dict[str, Any], veld: str, nodig) -> Slot:
        vraag = self.t(f"vraag_{veld}")
        eerder = self._eerder(context, veld)
        suggesties: tuple[str, ...] = ()
        if eerder is not None:
            vraag += "\n" + self.t(eerder[0], tekst=letterlijk(eerder[1]))
            suggesties = (self.t("antwoord_zelfde_concept" if eerder[0] == "concept_tekst" else "antwoord_zelfde"),)

        def lees(tekst: str) -> Gelezen:
            if eerder is not None and normaliseer(tekst) == normaliseer(suggesties[0]):
                tekst = eerder[1]
            status = self.rapportage.status(antwoorden.get("status"))
            if zegt_iets(tekst.strip() or None) is None:
                return Gelezen(fout=self.t(f"fout_{veld}_verplicht", status=status.naam if status else ""))
            if len(tekst) > MAX_TEKST:
                return Gelezen(fout=self.t("fout_te_lang", maximum=MAX_TEKST))
            return Gelezen(tekst.strip())

        return Slot(veld, vraag, lees, nodig=nodig, vrij=True, suggesties=suggesties)

    def _samenvatting(self, state: dict[str, Any], onderwerp: Onderwerp | None, periode: Periode | None) -> str:
        invoer, _ = valideer(self._ruw(state), self.rapportage)
        feiten = self.feature.kaarten.feiten(invoer) if invoer else []
        regels = [
            self.t("samenvatting_kop", onderwerp=onderwerp.naam if onderwerp else "", periode=periode.naam if periode else "")
        ]
        regels += [f"- **{f['title']}**: {f['value']}" for f in feiten]
        return "\n".join(regels) + "\n\n" + self.t("samenvatting_vraag")  # not run into the list's last item

    # -- parsers ---------------------------------------------------------------------------------

    def _lees_onderwerp(self, onderwerpen: list[Onderwerp]):
        def lees(tekst: str) -> Gelezen:
            kern = normaliseer(tekst)
            beste = (
                process.extractOne(kern, {o.id: normaliseer(o.naam) for o in onderwerpen}, scorer=fuzz.WRatio, score_cutoff=80)
                if kern
                else None
            )
            return Gelezen(beste[2]) if beste else Gelezen(fout=self.t("fout_onderwerp_keuze"))

        return lees

    def _lees_status(self, tekst: str) -> Gelezen:
        status = self.rapportage.zoek_status(tekst)
        return Gelezen(status.id) if status else Gelezen(fout=self.t("fout_status"))

    def _lees_financieel(self, tekst: str) -> Gelezen:
        if normaliseer(tekst) in {normaliseer(w) for w in self.diensten.teksten.lijst("rapportage.financieel_geen_woorden")}:
            return Gelezen(GEEN)
        return Gelezen(fout=self.t("fout_financieel"))

    def _lees_bedrag(self, tekst: str) -> Gelezen:
        maximum = self.rapportage.bedragen.maximum
        try:
            return Gelezen(formatteer_bedrag(lees_bedrag(tekst, maximum)))
        except BedragFout as fout:
            lezingen = twee_lezingen(tekst) if fout.reden == "dubbelzinnig" else None
            if lezingen is not None:
                return Gelezen(
                    fout=self.t("bedrag_welke", klein=formatteer_bedrag(lezingen[0]), groot=formatteer_bedrag(lezingen[1]))
                )
            return Gelezen(fout=self.t(f"bedrag_{fout.reden}", invoer=letterlijk(tekst), maximum=formatteer_bedrag(maximum)))

    def _lees_bevestig(self, tekst: str) -> Gelezen:
        ja_nee = Woorden(self.diensten.teksten).ja_of_nee(tekst)
        if ja_nee is not None:
            return Gelezen(BEVESTIG if ja_nee else WIJZIG)
        if normaliseer(tekst) in {normaliseer(w) for w in self.diensten.teksten.lijst("rapportage.wijzig_woorden")}:
            return Gelezen(WIJZIG)
        return Gelezen(fout=self.t("fout_bevestig"))

    # -- the form's hooks ------------------------------------------------------------------------

    def stap_opzij(self, state: dict[str, Any]) -> bool:
        """With the update card open and nothing typed yet, a non-answer is a new question."""
        return bool(state["context"].get("kaart")) and not state["antwoorden"]

    async def wacht_bij_kaart(self, dc: DialogContext, periode: Periode, onderwerp: Onderwerp, sleutel: str) -> None:
        """The update card was sent in a personal chat: typed answers ("op koers") continue in the chat."""
        if dc.active_dialog is None and not in_groepsgesprek(dc.context):
            await dc.begin_dialog(
                DIALOOG_ID,
                {
                    "context": {"periode_id": periode.id, "onderwerp_ids": [onderwerp.id], "sleutel": sleutel, "kaart": True},
                    "stil": True,
                },
            )

    async def sluit_open_kaart(self, dc: DialogContext, sleutel: str) -> None:
        """The card was confirmed: the form waiting for typed answers to it is done."""
        if (
            dc.active_dialog is not None
            and dc.active_dialog.id == DIALOOG_ID
            and dc.active_dialog.state.get("context", {}).get("sleutel") == sleutel
        ):
            await dc.end_dialog()

    async def voor_vraag(self, dc: DialogContext, state: dict[str, Any], slot: Slot) -> DialogTurnResult | None:
        """Once the onderwerp is known: load its last submitted update (offered as 'Vorige keer')."""
        context = state["context"]
        onderwerp_id = self.onderwerp_id(state)
        if onderwerp_id is None or context.get("geladen") == onderwerp_id:
            return None
        periode = self.rapportage.periode(context["periode_id"])
        if periode is None:
            return None
        onderwerp = self.diensten.kennisbank.onderwerpen[onderwerp_id]
        waarden, vorige = await self.feature.dienst.voorinvulling(periode, onderwerp)
        gebruiker = huidige_gebruiker(dc.context)
        van = self.diensten.kennisbank.persoon(getattr(vorige, "ingediend_door", "") or "")
        context.update(
            geladen=onderwerp_id,
            vorige=waarden or {},
            vorige_van=van.naam if van is not None and (gebruiker.persoon is None or van.id != gebruiker.persoon.id) else "",
        )
        return None

    async def klaar(self, dc: DialogContext, state: dict[str, Any]) -> DialogTurnResult:
        antwoorden, context = state["antwoorden"], state["context"]
        if antwoorden.get("bevestig") == WIJZIG:
            return await self._opnieuw_invullen(dc, state)
        invoer, fouten = valideer(self._ruw(state), self.rapportage)
        if invoer is None:  # cannot happen after the questions, but never save half an update
            await dc.context.send_activity("\n".join(self.feature.fout_tekst(f) for f in fouten))
            return await self._opnieuw_invullen(dc, state)
        uitkomst = await self.feature.dienst.dien_in(huidige_gebruiker(dc.context), invoer, context["sleutel"])
        if isinstance(uitkomst, Weigering):
            await dc.context.send_activity(self.feature.weigering_tekst(uitkomst))
        else:
            onderwerp = self.diensten.kennisbank.onderwerpen[invoer.onderwerp_id]
            periode = self.rapportage.periode(context["periode_id"])
            assert periode is not None  # dien_in refuses an unknown period
            await self.feature.na_indienen(dc, onderwerp, periode, uitkomst, invoer.status)
        return await dc.end_dialog()

    async def _opnieuw_invullen(self, dc: DialogContext, state: dict[str, Any]) -> DialogTurnResult:
        """'Wijzigen': ask again from the status; what was typed is offered as 'Net ingevuld'."""
        antwoorden = state["antwoorden"]
        state["context"]["concept"] = {k: antwoorden[k] for k in VELDEN if k in antwoorden}
        bewaard = {k: antwoorden[k] for k in ("onderwerp",) if k in antwoorden}
        state["antwoorden"], state["volgorde"] = bewaard, list(bewaard)
        return await self.dialoog.vraag(dc)

    def _ruw(self, state: dict[str, Any]) -> dict[str, Any]:
        antwoorden = state["antwoorden"]
        return {
            "onderwerp_id": self.onderwerp_id(state),
            "periode_id": state["context"].get("periode_id"),
            **{k: antwoorden[k] for k in VELDEN if k in antwoorden},
        }
