"""`rapportage.export`: the controller's xlsx in Teams ("exporteer herfst 2026").

Only persons with inzage rights (`rapportage.Rapportageregels.heeft_inzage`) may export, and only in their
personal chat: the reply is an Adaptive Card with an `Action.OpenUrl` button to a short-lived,
single-use signed link that the bot serves itself (`bot.downloadlinks`, `GET /download/{token}`).
The console chat, which cannot open links, gets the CLI command for operators.
"Opslaan in OneDrive" on the card starts the Teams file-consent flow instead (`toestemming`; the
upload itself is `bot.bestandstoestemming`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from botbuilder.core import MessageFactory
from botbuilder.dialogs import DialogContext
from botbuilder.schema import Attachment

from dialogen.gebruiker import huidige_gebruiker
from dialogen.herkenning import Herkend
from dialogen.kaarten import adaptive_card, kaarten_mogelijk, submit_actie
from dialogen.rapportage.exportbestand import bouw_export, xlsx_bytes
from kennisbank.rapportage import Periode

if TYPE_CHECKING:
    from dialogen.rapportage.feature import RapportageFeature

SOORT = "rapportage"
GROEPSGESPREKKEN = frozenset({"groupChat", "channel"})
GELDIG_MINUTEN = 5
ACTIE_ONEDRIVE = "rapportage.export_onedrive"
TOESTEMMING = "application/vnd.microsoft.teams.card.file.consent"


class ExportAntwoord:
    """Answers one export request."""

    def __init__(self, feature: RapportageFeature) -> None:
        self.feature = feature
        self.diensten = feature.diensten
        self.dienst = feature.dienst

    async def behandel(self, dc: DialogContext, herkend: Herkend) -> None:
        context = dc.context
        gebruiker = huidige_gebruiker(context)
        if gebruiker.persoon is None or not self.dienst.regels.heeft_inzage(gebruiker.persoon):
            await context.send_activity(self.feature.t("export_geen_inzage", namen=self._wie_wel()))
            return
        periode = self.periode(herkend.tekst)
        if periode is None:
            perioden = self.dienst.rapportage.perioden_rond(self.dienst.vandaag(), 1)
            await context.send_activity(
                self.feature.t(
                    "export_geen_periode",
                    voorbeeld=perioden[0].naam if perioden else "",
                    perioden=", ".join(p.naam for p in perioden),
                )
            )
            return
        if not kaarten_mogelijk(context):
            await context.send_activity(self.feature.t("export_console", periode=periode.id))
            return
        if context.activity.conversation and context.activity.conversation.conversation_type in GROEPSGESPREKKEN:
            await context.send_activity(self.feature.t("export_alleen_persoonlijk", periode=periode.naam))
            return
        url = self.diensten.downloadlink(SOORT, periode.id, gebruiker.kanaal_id or "", gebruiker.persoon.id)
        if not url.startswith(("http://", "https://")):
            await context.send_activity(self.feature.t("export_geen_link", periode=periode.id))
            return
        onderwerpen = self.dienst.regels.zichtbare_onderwerpen(gebruiker.persoon, periode.peildatum)
        overzicht = await self.dienst.stand.overzicht(periode, onderwerpen)
        await context.send_activity(
            MessageFactory.attachment(self.kaart(periode, url, len(overzicht.regels), overzicht.ingediend))
        )

    def periode(self, tekst: str) -> Periode | None:
        """The period named ('herfst 2026', 'lenterapportage'), else the current one."""
        rapportage = self.dienst.rapportage
        vandaag = self.dienst.vandaag()
        return rapportage.zoek_periode(tekst, vandaag) or rapportage.actuele_periode(vandaag)

    def kaart(self, periode: Periode, url: str, aantal: int, ingediend: int) -> Any:
        t = self.feature.t
        body = [
            {
                "type": "TextBlock",
                "text": t("export_kaart_titel", periode=periode.naam),
                "weight": "Bolder",
                "size": "Medium",
                "wrap": True,
            },
            {
                "type": "TextBlock",
                "text": t("export_kaart_tekst", periode=periode.naam, aantal=aantal, ingediend=ingediend),
                "wrap": True,
            },
            {
                "type": "TextBlock",
                "text": t("export_kaart_geldig", minuten=GELDIG_MINUTEN),
                "wrap": True,
                "isSubtle": True,
                "size": "Small",
            },
        ]
        onedrive = submit_actie(t("export_knop_onedrive"), {"actie": ACTIE_ONEDRIVE, "periode_id": periode.id})
        return adaptive_card(body, [{"type": "Action.OpenUrl", "title": t("export_knop"), "url": url}, onedrive])

    async def toestemming(self, dc: DialogContext, periode: Periode | None) -> None:
        """'Opslaan in OneDrive': the Teams file-consent card; the upload follows on the user's
        consent (`fileConsent/invoke`, handled by `bot.bestandstoestemming`)."""
        context = dc.context
        gebruiker = huidige_gebruiker(context)
        if gebruiker.persoon is None or not self.dienst.regels.heeft_inzage(gebruiker.persoon):
            await context.send_activity(self.feature.t("export_geen_inzage", namen=self._wie_wel()))
            return
        if periode is None:
            await context.send_activity(self.diensten.teksten.tekst("algemeen.actie_onbekend"))
            return
        if not kaarten_mogelijk(context) or (
            context.activity.conversation and context.activity.conversation.conversation_type in GROEPSGESPREKKEN
        ):
            await context.send_activity(self.feature.t("export_alleen_persoonlijk", periode=periode.naam))
            return
        inhoud = xlsx_bytes(await bouw_export(self.dienst.stand, self.diensten.teksten, periode), self.diensten.teksten)
        gegevens = {"periode_id": periode.id, "persoon_id": gebruiker.persoon.id}
        kaart = Attachment(
            content_type=TOESTEMMING,
            name=f"rapportage-{periode.id}.xlsx",
            content={
                "description": self.feature.t("export_toestemming_tekst", periode=periode.naam),
                "sizeInBytes": len(inhoud),
                "acceptContext": gegevens,
                "declineContext": gegevens,
            },
        )
        await context.send_activity(MessageFactory.attachment(kaart))

    def _wie_wel(self) -> str:
        namen = [p.naam for p in self.dienst.regels.met_inzage()]
        return self.dienst.opsomming(list(dict.fromkeys(namen))) if namen else self.feature.t("de_controller")
