"""Late updates (issue 13): after the deadline an opdrachtgever asks the controller, in Teams, whether
an update may still come; the controller allows it with one click, and the opdrachtgever is told.

- `rapportage.laat_vragen` (card button under "de deadline was …", or typed "late update <onderwerp>"):
  every controller (`inzage_rollen`) gets a card with **Toestaan** through `FeatureServices.proactief`.
- `rapportage.laat_toestaan` (controllers only): records the permission for that person and period
  (`rapportage.Rapportagestand.sta_laat_toe`), and tells the opdrachtgever. From then on, submitting
  for that period is allowed; such versions are shown as late in the overview (submitted after the
  deadline day).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from botbuilder.core import MessageFactory
from botbuilder.dialogs import DialogContext
from botbuilder.schema import Attachment

from dialogen.gebruiker import huidige_gebruiker
from dialogen.kaarten import adaptive_card, submit_actie
from dialogen.kaarten_tekst import GETYPT, kaart_of_tekst
from dialogen.rapportage.overzicht import datum
from kennisbank.model import Onderwerp
from kennisbank.rapportage import Periode

if TYPE_CHECKING:
    from dialogen.rapportage.feature import RapportageFeature

ACTIE_VRAGEN = "rapportage.laat_vragen"
ACTIE_TOESTAAN = "rapportage.laat_toestaan"


class LateUpdates:
    def __init__(self, feature: RapportageFeature) -> None:
        self.feature = feature
        self.diensten = feature.diensten
        self.dienst = feature.dienst
        self.t = feature.t

    async def toegestaan(self, periode: Periode, persoon_id: str) -> bool:
        return await self.dienst.stand.laat_toegestaan(periode, persoon_id)

    def vraagknop(self, onderwerp: Onderwerp, periode: Periode) -> Attachment:
        """A small card under the refusal: ask the controller for a late update."""
        data = {
            "actie": ACTIE_VRAGEN,
            "onderwerp_id": onderwerp.id,
            "periode_id": periode.id,
            GETYPT: self.t("laat_commando", onderwerp=onderwerp.naam.lower()),
        }
        return adaptive_card(
            [{"type": "TextBlock", "text": self.t("laat_uitleg", periode=periode.naam), "wrap": True}],
            [submit_actie(self.t("knop_laat_vragen"), data)],
        )

    async def stuur_vraagknop(self, dc: DialogContext, onderwerp: Onderwerp, periode: Periode) -> None:
        await dc.context.send_activities(
            kaart_of_tekst(dc.context, self.vraagknop(onderwerp, periode), self.diensten.teksten.tekst("algemeen.keuzes_kop"))
        )

    async def vraag(self, dc: DialogContext, onderwerp: Onderwerp, periode: Periode) -> None:
        gebruiker = huidige_gebruiker(dc.context)
        vandaag = self.dienst.vandaag()
        if gebruiker.persoon is None or not self.dienst.regels.mag_indienen(gebruiker.persoon, onderwerp, periode.peildatum):
            weigering = self.dienst.weigering_indienen(gebruiker, onderwerp, periode)
            await dc.context.send_activity(
                self.feature.weigering_tekst(weigering) if weigering else self.t("onbekende_gebruiker")
            )
            return
        if vandaag <= periode.deadline:
            await dc.context.send_activity(self.t("laat_nog_open", periode=periode.naam, deadline=datum(periode.deadline)))
            return
        if await self.toegestaan(periode, gebruiker.persoon.id):
            await dc.context.send_activity(self.t("laat_al_toegestaan", onderwerp=onderwerp.naam, periode=periode.naam))
            return
        controllers = self.dienst.regels.met_inzage()
        stuur = self.diensten.proactief
        bereikt = []
        for controller in controllers:
            kaart = adaptive_card(
                [
                    {
                        "type": "TextBlock",
                        "wrap": True,
                        "text": self.t(
                            "laat_verzoek",
                            naam=gebruiker.persoon.naam,
                            onderwerp=onderwerp.naam,
                            periode=periode.naam,
                            deadline=datum(periode.deadline),
                        ),
                    }
                ],
                [
                    submit_actie(
                        self.t("knop_laat_toestaan", naam=gebruiker.persoon.naam),
                        {
                            "actie": ACTIE_TOESTAAN,
                            "onderwerp_id": onderwerp.id,
                            "periode_id": periode.id,
                            "persoon_id": gebruiker.persoon.id,
                        },
                    )
                ],
            )
            if await stuur(controller.id, MessageFactory.attachment(kaart)):
                bereikt.append(controller.naam)
        if bereikt:
            await dc.context.send_activity(
                self.t("laat_gevraagd", namen=self.dienst.opsomming(bereikt), onderwerp=onderwerp.naam)
            )
        else:
            namen = self.dienst.opsomming([c.naam for c in controllers]) if controllers else self.t("de_controller")
            await dc.context.send_activity(self.t("laat_niet_bereikt", namen=namen))

    async def sta_toe(self, dc: DialogContext, onderwerp: Onderwerp, periode: Periode, persoon_id: str) -> None:
        gebruiker = huidige_gebruiker(dc.context)
        kennisbank = self.diensten.kennisbank
        if not self.dienst.regels.heeft_inzage(gebruiker.persoon):
            await dc.context.send_activity(self.t("laat_geen_inzage"))
            return
        persoon = kennisbank.persoon(persoon_id)
        if persoon is None or not self.dienst.regels.mag_indienen(persoon, onderwerp, periode.peildatum):
            await dc.context.send_activity(self.diensten.teksten.tekst("algemeen.actie_onbekend"))
            return
        if not await self.toegestaan(periode, persoon.id):
            await self.dienst.stand.sta_laat_toe(periode, persoon.id)
            stuur = self.diensten.proactief
            afzender = gebruiker.persoon.naam if gebruiker.persoon else ""
            bericht = self.t(
                "laat_bericht_toegestaan",
                controller=afzender,
                onderwerp=onderwerp.naam,
                periode=periode.naam,
                commando=self.t("laat_start", onderwerp=onderwerp.naam.lower()),
            )
            bereikt = await stuur(persoon.id, bericht)
            sleutel = "laat_toegestaan" if bereikt else "laat_toegestaan_niet_bereikt"
        else:
            sleutel = "laat_was_al_toegestaan"
        await dc.context.send_activity(self.t(sleutel, naam=persoon.naam, onderwerp=onderwerp.naam, periode=periode.naam))
