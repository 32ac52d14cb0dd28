"""Serves Microsoft's Web Chat page and bundle plus the local Direct Line stand-in, pointed at a bot.

Routes: `GET /webchat/` (the page), `GET /webchat/webchat.js` (the bundle from
node_modules/botframework-webchat/dist), `GET /webchat/gebruiker[?als=PERSOON_ID]` (who the page chats
as) and the stand-in under `/v3`. Add them to the bot's own app (`python -m bot webchat`) or run them
as a separate app in front of a bot elsewhere (the end-to-end tests).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.directline import OPSLAG, DirectLineOpslag, maak_directline_app
from kennisbank.kennisbank import Kennisbank

PROJECTMAP = Path(__file__).resolve().parent.parent
STANDAARD_BUNDEL = PROJECTMAP / "node_modules" / "botframework-webchat" / "dist" / "webchat.js"
PAGINA = Path(__file__).resolve().parent / "webchat" / "index.html"

DIRECTLINE = web.AppKey("webchat_directline", DirectLineOpslag)
# persoon id -> {"id", "name", "aadObjectId"} for `?als=`, or None when unknown
Identiteiten = Callable[[str], dict[str, Any] | None]


class BundelOntbreekt(FileNotFoundError):
    """The Web Chat bundle is not installed; the message says how to get it."""


def identiteiten_uit(kennisbank: Callable[[], Kennisbank]) -> Identiteiten:
    """`?als=PERSOON_ID` as that persoon: name and aadObjectId, the way Teams identifies a user."""

    def identiteit(persoon_id: str) -> dict[str, Any] | None:
        persoon = kennisbank().persoon(persoon_id)
        if persoon is None:
            return None
        gebruiker = {"id": f"webchat-{persoon.id}", "name": persoon.naam}
        if persoon.aad_object_id:
            gebruiker["aadObjectId"] = persoon.aad_object_id
        return gebruiker

    return identiteit


def controleer_bundel(bundel: Path) -> None:
    if not bundel.is_file():
        raise BundelOntbreekt(
            f"De Web Chat-bundel ontbreekt ({bundel}). Voer eerst `npm install` uit in {PROJECTMAP} "
            "(of `bash scripts/installeer-e2e.sh`) en probeer het opnieuw."
        )


def voeg_webchat_toe(
    app: web.Application,
    *,
    bot_url: str,
    bundel: Path = STANDAARD_BUNDEL,
    service_url: str | None = None,
    identiteiten: Identiteiten | None = None,
    standaard_als: str | None = None,
    tenant_id: str | None = None,
) -> DirectLineOpslag:
    """Add the page, the bundle and the stand-in (forwarding to `bot_url`) to `app`; returns the stand-in's store.
    `tenant_id`: the Teams tenant the stand-in sends (`bot.directline.maak_directline_app`)."""
    controleer_bundel(bundel)
    directline = maak_directline_app(bot_url, service_url=service_url, tenant_id=tenant_id)

    async def pagina(_request: web.Request) -> web.FileResponse:
        return web.FileResponse(PAGINA, headers={"Cache-Control": "no-store"})

    async def bundel_bestand(_request: web.Request) -> web.FileResponse:
        return web.FileResponse(bundel)

    async def gebruiker(request: web.Request) -> web.Response:
        als = request.query.get("als") or standaard_als
        if not als:
            return web.json_response({"id": f"gebruiker-{uuid.uuid4().hex[:12]}", "name": "Lokale gebruiker"})
        identiteit = identiteiten(als) if identiteiten else None
        if identiteit is None:
            return web.json_response({"fout": f"Persoon '{als}' staat niet in de kennisbank."}, status=404)
        return web.json_response(identiteit)

    async def naar_pagina(_request: web.Request) -> web.Response:
        raise web.HTTPFound("/webchat/")

    app.router.add_get("/webchat", naar_pagina)
    app.router.add_get("/webchat/", pagina)
    app.router.add_get("/webchat/webchat.js", bundel_bestand)
    app.router.add_get("/webchat/gebruiker", gebruiker)
    app.add_subapp("/v3", directline)
    app[DIRECTLINE] = directline[OPSLAG]
    return directline[OPSLAG]


def maak_webchat_app(bot_url: str, **opties: Any) -> web.Application:
    """A standalone app with only the page and the stand-in, in front of the bot at `bot_url`."""
    app = web.Application()
    voeg_webchat_toe(app, bot_url=bot_url, **opties)
    return app
