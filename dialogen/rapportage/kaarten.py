"""The Adaptive Cards of a statusupdate: pick an onderwerp, the update form, the summary to
confirm, and the receipt that replaces it. Every submit carries what the handler needs
(onderwerp, periode, sleutel), so it works after a restart or twice."""

from __future__ import annotations

from typing import Any

from botbuilder.schema import Attachment

from db.modellen.rapportage import Statusupdate
from dialogen.formulier import kaartvelden
from dialogen.kaarteigenaar import VOOR
from dialogen.kaarten import adaptive_card, submit_actie
from dialogen.kaarten_tekst import GETYPT
from dialogen.opmaak import letterlijk
from dialogen.rapportage.filter import Filter
from dialogen.rapportage.invoer import GEEN, als_data, financieel_sleutel
from dialogen.rapportage.overzicht import datum, kort
from dialogen.rapportage.overzichtkaart import ACTIE_OVERZICHT
from dialogen.rapportage.updateformulier import kaartslots
from dialogen.teksten import Teksten
from kennisbank.model import Onderwerp
from kennisbank.rapportage import Periode, Rapportage
from rapportage import Onderwerpstand

ACTIE_KAART = "rapportage.kaart"
ACTIE_CONTROLEER = "rapportage.controleer"
ACTIE_BEVESTIG = "rapportage.bevestig"
ACTIE_WIJZIG = "rapportage.wijzig"


class Kaarten:
    def __init__(self, teksten: Teksten, rapportage: Rapportage, voor: str | None = None) -> None:
        self.teksten = teksten
        self.rapportage = rapportage
        self.voor = voor
        """Who the cards are made for (dialogen.kaarteigenaar): every submit carries it."""

    def _eigen(self, data: dict[str, Any]) -> dict[str, Any]:
        return {**data, VOOR: self.voor} if self.voor else data

    def _t(self, sleutel: str, **velden: Any) -> str:
        return self.teksten.tekst(f"rapportage.{sleutel}", **velden)

    def _kop(self, onderwerp: Onderwerp, periode: Periode) -> list[dict[str, Any]]:
        return [
            {
                "type": "TextBlock",
                "text": self._t("kaart_titel", onderwerp=onderwerp.naam),
                "weight": "Bolder",
                "size": "Medium",
                "wrap": True,
            },
            {
                "type": "TextBlock",
                "text": self._t(
                    "kaart_periode", periode=periode.naam, peildatum=datum(periode.peildatum), deadline=datum(periode.deadline)
                ),
                "isSubtle": True,
                "wrap": True,
                "spacing": "None",
            },
        ]

    def kies_onderwerp(self, periode: Periode, regels: list[tuple[Onderwerp, str | None]], sleutel: str) -> Attachment:
        """One row per own onderwerp with its state, an 'Op koers' quick button and 'Bijwerken'."""
        body: list[dict[str, Any]] = [
            {
                "type": "TextBlock",
                "text": self._t("kies_titel", periode=periode.naam),
                "weight": "Bolder",
                "size": "Medium",
                "wrap": True,
            },
            {
                "type": "TextBlock",
                "text": self._t("kies_uitleg", deadline=datum(periode.deadline)),
                "isSubtle": True,
                "wrap": True,
            },
        ]
        snel = self.rapportage.snelste_status
        for onderwerp, stand in regels:
            basis = self._eigen({"onderwerp_id": onderwerp.id, "periode_id": periode.id, "sleutel": f"{sleutel}-{onderwerp.id}"})
            body.append(
                {
                    "type": "Container",
                    "separator": True,
                    "items": [
                        {"type": "TextBlock", "text": f"**{onderwerp.naam}**", "wrap": True},
                        {
                            "type": "TextBlock",
                            "text": stand or self._t("nog_niet_ingediend"),
                            "isSubtle": True,
                            "wrap": True,
                            "spacing": "None",
                        },
                        {
                            "type": "ActionSet",
                            "actions": [
                                {
                                    **submit_actie(snel.naam, {"actie": ACTIE_CONTROLEER, "snel": snel.id, **basis}),
                                    "associatedInputs": "none",
                                },
                                submit_actie(self._t("knop_bijwerken"), {"actie": ACTIE_KAART, **basis}),
                            ],
                        },
                    ],
                }
            )
        return adaptive_card(body)

    def formulier(
        self,
        onderwerp: Onderwerp,
        periode: Periode,
        sleutel: str,
        waarden: dict[str, str] | None = None,
        vorige: str | None = None,
        fouten: list[str] | None = None,
    ) -> Attachment:
        """The whole update on one card, pre-filled with `waarden` (the previous update or the last try)."""
        w = waarden or {}
        snel = self.rapportage.snelste_status
        body = self._kop(onderwerp, periode)
        if vorige:
            body.append({"type": "TextBlock", "text": vorige, "wrap": True, "isSubtle": True})
        for fout in fouten or []:
            body.append({"type": "TextBlock", "text": fout, "wrap": True, "color": "Attention", "weight": "Bolder"})
        body += kaartvelden(
            kaartslots(self.teksten, self.rapportage),
            {**w, "status": w.get("status") or snel.id, "financieel": w.get("financieel") or GEEN},
        )
        basis = self._eigen({"onderwerp_id": onderwerp.id, "periode_id": periode.id, "sleutel": sleutel})
        acties = [
            submit_actie(self._t("knop_controleren"), {"actie": ACTIE_CONTROLEER, **basis}, stijl="positive"),
            {
                **submit_actie(self._t("knop_snel", status=snel.naam), {"actie": ACTIE_CONTROLEER, "snel": snel.id, **basis}),
                "associatedInputs": "none",
            },
        ]
        return adaptive_card(body, acties)

    def feiten(self, update: Statusupdate, *, ingekort: bool = False) -> list[dict[str, str]]:
        """Status, toelichting, financieel effect and maatregel (`ingekort`: long texts shortened)."""
        status = self.rapportage.status(update.status)
        data = als_data(update)
        tekst = kort if ingekort else (lambda t: t or "")
        feiten = [{"title": self._t("veld_status_kort"), "value": status.naam if status else update.status}]
        if update.toelichting:
            feiten.append({"title": self._t("veld_toelichting_kort"), "value": letterlijk(tekst(update.toelichting))})
        if update.financieel_soort:
            feiten.append(
                {
                    "title": self._t("veld_financieel_kort"),
                    "value": self._t(
                        "financieel_waarde", soort=self._t(financieel_sleutel(update.financieel_soort)), bedrag=data["bedrag"]
                    ),
                }
            )
        if update.maatregel:
            feiten.append({"title": self._t("veld_maatregel_kort"), "value": letterlijk(tekst(update.maatregel))})
        return feiten

    def samenvatting(self, onderwerp: Onderwerp, periode: Periode, update: Statusupdate, sleutel: str) -> Attachment:
        body = self._kop(onderwerp, periode) + [
            {"type": "TextBlock", "text": self._t("samenvatting_vraag"), "wrap": True},
            {"type": "FactSet", "facts": self.feiten(update)},
        ]
        data = self._eigen({**als_data(update), "sleutel": sleutel})
        acties = [
            submit_actie(self._t("knop_bevestigen"), {"actie": ACTIE_BEVESTIG, **data}, stijl="positive"),
            submit_actie(self._t("knop_wijzigen"), {"actie": ACTIE_WIJZIG, **data}),
        ]
        return adaptive_card(body, acties)

    def ontvangen(self, onderwerp: Onderwerp, periode: Periode, update: Statusupdate, versie: int) -> Attachment:
        """Replaces the summary after saving: no buttons that could submit it again, one to correct."""
        body = self._kop(onderwerp, periode) + [
            {
                "type": "TextBlock",
                "text": self._t("ontvangen_titel", versie=versie),
                "wrap": True,
                "color": "Good",
                "weight": "Bolder",
            },
            {"type": "FactSet", "facts": self.feiten(update)},
        ]
        acties = [
            submit_actie(
                self._t("knop_wijzigen"),
                self._eigen({"actie": ACTIE_KAART, "onderwerp_id": onderwerp.id, "periode_id": periode.id}),
            )
        ]
        return adaptive_card(body, acties)

    def stand(self, stand: Onderwerpstand, regels: list[str], knoppen: list[dict[str, Any]]) -> Attachment:
        """Where one onderwerp stands in a round: the heading, `regels` (version, who, when; or who
        must still submit), the latest version's facts (long texts shortened) and `knoppen`."""
        body = self._kop(stand.onderwerp, stand.periode)
        body += [{"type": "TextBlock", "text": regel, "wrap": True, "spacing": "Small"} for regel in regels]
        if stand.laatste is not None:
            body.append({"type": "FactSet", "facts": self.feiten(stand.laatste, ingekort=True)})
        return adaptive_card(body, knoppen)

    def bijwerkknop(self, titel: str, onderwerp: Onderwerp, periode: Periode, sleutel: str) -> dict[str, Any]:
        """Opens the update card of this onderwerp (typed: "statusupdate <onderwerp>")."""
        data = {"actie": ACTIE_KAART, "onderwerp_id": onderwerp.id, "periode_id": periode.id, "sleutel": sleutel}
        return submit_actie(titel, self._eigen({**data, GETYPT: self._t("update_commando", onderwerp=onderwerp.naam)}))

    def overzichtknop(self, titel: str, filter_: Filter, getypt: str) -> dict[str, Any]:
        """The overview card with this filter (typed: `getypt`)."""
        return {
            **submit_actie(titel, self._eigen({"actie": ACTIE_OVERZICHT, **filter_.als_data(), GETYPT: getypt})),
            "associatedInputs": "none",
        }
