"""The Teams file-consent flow for the controller's export (issue 13): "Opslaan in OneDrive" on the
export card sends a file-consent card (`dialogen.rapportage.export`); Teams asks the user, creates
the file in their OneDrive and sends `fileConsent/invoke` with an upload URL; here the xlsx is
built again (rights checked now, not trusted from the card) and PUT to that URL, then a file-info
card shows the file in the chat. A declined request changes nothing.

Anything malformed gets a Dutch 400, never a 500; the upload has a timeout and a failure is one
Dutch message in the chat.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

import aiohttp
from botbuilder.core import InvokeResponse, MessageFactory, TurnContext
from botbuilder.schema import Attachment
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogen.gebruiker import huidige_gebruiker
from dialogen.rapportage.exportbestand import bouw_export, xlsx_bytes
from dialogen.teksten import Teksten
from kennisbank.kennisbank import Kennisbank
from rapportage import Rapportageregels, Rapportagestand

log = logging.getLogger(__name__)
UPLOAD_TIMEOUT = 20.0
BESTANDSINFO = "application/vnd.microsoft.teams.card.file.info"
UPLOAD_SCHEMAS: tuple[str, ...] = ("https://",)
"""Upload URLs accepted (Teams gives an https OneDrive URL; tests point it at a local fake)."""


class BestandsToestemming:
    def __init__(
        self, kennisbank: Kennisbank, teksten: Teksten, sessies: async_sessionmaker[AsyncSession], timeout: float = UPLOAD_TIMEOUT
    ) -> None:
        self.kennisbank = kennisbank
        self.teksten = teksten
        self.sessies = sessies
        self.timeout = timeout

    def _t(self, sleutel: str, **velden: Any) -> str:
        return self.teksten.tekst(f"rapportage.{sleutel}", **velden)

    async def behandel(self, turn_context: TurnContext) -> InvokeResponse:
        waarde = turn_context.activity.value
        context = waarde.get("context") if isinstance(waarde, dict) else None
        actie = waarde.get("action") if isinstance(waarde, dict) else None
        if (
            not isinstance(context, dict)
            or waarde.get("type") != "fileUpload"
            or actie not in ("accept", "decline")
            or not isinstance(context.get("periode_id"), str)
        ):
            return _fout(self._t("export_toestemming_ongeldig"))
        if actie == "decline":
            await turn_context.send_activity(self._t("export_toestemming_geweigerd"))
            return InvokeResponse(status=int(HTTPStatus.OK))
        info = waarde.get("uploadInfo")
        upload_url = info.get("uploadUrl") if isinstance(info, dict) else None
        if not isinstance(upload_url, str) or not upload_url.startswith(UPLOAD_SCHEMAS):
            return _fout(self._t("export_toestemming_ongeldig"))
        rapportage = self.kennisbank.bestanden.rapportage
        periode = rapportage.periode(context["periode_id"]) if rapportage is not None else None
        gebruiker = huidige_gebruiker(turn_context)
        if periode is None or not Rapportageregels(self.kennisbank).heeft_inzage(gebruiker.persoon):
            await turn_context.send_activity(self._t("export_geen_inzage", namen=self._t("de_controller")))
            return InvokeResponse(status=int(HTTPStatus.OK))
        inhoud = xlsx_bytes(
            await bouw_export(Rapportagestand(self.kennisbank, self.sessies), self.teksten, periode), self.teksten
        )
        if not await self._upload(upload_url, inhoud):
            await turn_context.send_activity(self._t("export_upload_mislukt", periode=periode.naam))
            return InvokeResponse(status=int(HTTPStatus.OK))
        kaart = Attachment(
            content_type=BESTANDSINFO,
            name=str(info.get("name") or f"rapportage-{periode.id}.xlsx"),
            content_url=str(info.get("contentUrl") or ""),
            content={"uniqueId": str(info.get("uniqueId") or ""), "fileType": str(info.get("fileType") or "xlsx")},
        )
        bericht = MessageFactory.attachment(kaart)
        bericht.text = self._t("export_opgeslagen", periode=periode.naam)
        await turn_context.send_activity(bericht)
        return InvokeResponse(status=int(HTTPStatus.OK))

    async def _upload(self, url: str, inhoud: bytes) -> bool:
        kop = {"Content-Length": str(len(inhoud)), "Content-Range": f"bytes 0-{len(inhoud) - 1}/{len(inhoud)}"}
        try:
            async with (
                aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout)) as sessie,
                sessie.put(url, data=inhoud, headers=kop) as antwoord,
            ):
                if antwoord.status >= 300:
                    log.warning("Upload naar OneDrive geweigerd (HTTP %s)", antwoord.status)
                    return False
        except (aiohttp.ClientError, TimeoutError) as fout:
            log.warning("Upload naar OneDrive mislukt (%s)", type(fout).__name__)
            return False
        return True


def _fout(tekst: str) -> InvokeResponse:
    return InvokeResponse(status=int(HTTPStatus.BAD_REQUEST), body={"code": "BadRequest", "message": tekst})
