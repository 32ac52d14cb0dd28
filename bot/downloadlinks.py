"""Short-lived, signed, single-use download links served by the bot itself (issue 13, export in
Teams). `GET /download/{token}`.

The token is `<payload>.<signature>`: base64url JSON naming the gemeente, the export (`soort`), the
period, the user (the channel user id and the kennisbank persoon) and the expiry, signed with HMAC-SHA256 under
the secret `DOWNLOAD_GEHEIM` (generated at start-up when unset: then links only work on the
instance that made them and not after a restart — several instances need one shared secret).

What "only that user" means without Teams SSO: the link is shown only in the user's personal
chat, lives a few minutes, works once (its nonce is recorded in the database, so this holds across
instances), names the user, and at download the named user must still have inzage rights. Whoever
holds the unused link within those minutes can download it; the browser request carries no Teams
identity to compare with.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.gemeente import STANDAARD_GEMEENTE
from db.modellen.fundament import VerwerkteActiviteit
from dialogen.rapportage.exportbestand import XLSX_TYPE, bouw_export, xlsx_bytes
from dialogen.teksten import Teksten
from kennisbank.kennisbank import Kennisbank
from rapportage import Rapportageregels, Rapportagestand

log = logging.getLogger(__name__)

GELDIGHEID = timedelta(minutes=5)
GEBRUIKT_GESPREK = "download-link"
"""`verwerkte_activiteit.conversatie_id` of a used link's nonce (pruned with the other rows)."""
VERZOEK_BASIS: ContextVar[str | None] = ContextVar("sturingsbot_verzoek_basis", default=None)
"""The base URL of the HTTP request whose turn runs now (the fallback when no public URL is set)."""


@dataclass(frozen=True)
class Link:
    """What a valid token names."""

    soort: str
    periode_id: str
    gebruiker_id: str
    persoon_id: str
    verloopt: datetime
    nonce: str


class OngeldigeLink(Exception):
    """A token that is not (or no longer) valid; `sleutel` names the Dutch text in toegang.yaml."""

    def __init__(self, sleutel: str, status: int = 403) -> None:
        super().__init__(sleutel)
        self.sleutel = sleutel
        self.status = status


class DownloadLinks:
    """Makes and checks one gemeente's download tokens; records used ones in its rows of the database.
    A token names its gemeente (signed): another gemeente's `DownloadLinks` refuses it."""

    def __init__(
        self,
        geheim: bytes,
        sessies: async_sessionmaker[AsyncSession],
        klok: Callable[[], datetime],
        *,
        publieke_url: str = "",
        geldigheid: timedelta = GELDIGHEID,
        gemeente: str = STANDAARD_GEMEENTE,
    ) -> None:
        self.gemeente = gemeente
        self._geheim = geheim
        self._sessies = sessies
        self._klok = klok
        self._publieke_url = publieke_url.rstrip("/")
        self.geldigheid = geldigheid

    @classmethod
    def geheim_uit(cls, waarde: str) -> bytes:
        """The configured secret, or a random one for this process (logged as a warning)."""
        if waarde:
            return waarde.encode("utf-8")
        log.warning("DOWNLOAD_GEHEIM is niet ingesteld: downloadlinks werken alleen op deze instantie tot een herstart.")
        return secrets.token_bytes(32)

    def maak(self, soort: str, periode_id: str, gebruiker_id: str, persoon_id: str) -> str:
        """The full URL of a new link."""
        verloopt = self._klok() + self.geldigheid
        inhoud = {
            "m": self.gemeente,
            "s": soort,
            "p": periode_id,
            "g": gebruiker_id,
            "o": persoon_id,
            "v": int(verloopt.timestamp()),
            "n": secrets.token_urlsafe(12),
        }
        payload = _b64(json.dumps(inhoud, separators=(",", ":"), sort_keys=True).encode("utf-8"))
        token = f"{payload}.{self._teken(payload)}"
        return f"{self.basis_url()}/download/{token}"

    def basis_url(self) -> str:
        return self._publieke_url or (VERZOEK_BASIS.get() or "").rstrip("/")

    def lees(self, token: str) -> Link:
        """The link a token names; raises `OngeldigeLink` when tampered or expired."""
        payload, punt, handtekening = token.partition(".")
        if not punt or not hmac.compare_digest(self._teken(payload), handtekening):
            raise OngeldigeLink("download_ongeldig")
        try:
            inhoud = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            verloopt = datetime.fromtimestamp(int(inhoud["v"]), tz=self._klok().tzinfo)
            link = Link(str(inhoud["s"]), str(inhoud["p"]), str(inhoud["g"]), str(inhoud["o"]), verloopt, str(inhoud["n"]))
            gemeente = str(inhoud.get("m", STANDAARD_GEMEENTE))
        except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
            raise OngeldigeLink("download_ongeldig") from None
        if gemeente != self.gemeente:
            raise OngeldigeLink("download_ongeldig")
        if self._klok() >= link.verloopt:
            raise OngeldigeLink("download_verlopen", 410)
        return link

    async def gebruik(self, link: Link) -> None:
        """Record the link as used; raises `OngeldigeLink` if it was used before."""
        try:
            async with self._sessies() as sessie, sessie.begin():
                sessie.add(VerwerkteActiviteit(conversatie_id=GEBRUIKT_GESPREK, activiteit_id=link.nonce))
        except IntegrityError:
            raise OngeldigeLink("download_al_gebruikt", 410) from None

    @staticmethod
    def gemeente_in(token: str) -> str | None:
        """The gemeente a token names, unchecked (which gemeente's `DownloadLinks` must `lees` it)."""
        payload = token.partition(".")[0]
        try:
            inhoud = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            return str(inhoud.get("m", STANDAARD_GEMEENTE))
        except (ValueError, TypeError, AttributeError, binascii.Error):
            return None

    def _teken(self, payload: str) -> str:
        return _b64(hmac.new(self._geheim, payload.encode("ascii", "replace"), hashlib.sha256).digest())


async def lever_export(
    links: DownloadLinks,
    kennisbank: Kennisbank,
    teksten: Teksten,
    sessies: async_sessionmaker[AsyncSession],
    token: str,
) -> tuple[str, str, bytes] | OngeldigeLink:
    """(file name, content type, xlsx) for a valid, unused token whose user may still export; else why not."""
    try:
        link = links.lees(token)
        rapportage = kennisbank.bestanden.rapportage
        periode = rapportage.periode(link.periode_id) if rapportage is not None else None
        if link.soort != "rapportage" or periode is None:
            raise OngeldigeLink("download_onbekend", 404)
        if not Rapportageregels(kennisbank).heeft_inzage(kennisbank.persoon(link.persoon_id)):
            raise OngeldigeLink("download_geen_inzage")
        await links.gebruik(link)
    except OngeldigeLink as fout:
        return fout
    export = await bouw_export(Rapportagestand(kennisbank, sessies), teksten, periode)
    log.info("Export %s gedownload via een link", periode.id)
    return f"rapportage-{periode.id}.xlsx", XLSX_TYPE, xlsx_bytes(export, teksten)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")
