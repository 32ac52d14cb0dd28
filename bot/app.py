"""The aiohttp application: `create_app(settings)` is the composition root for HTTP."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from datetime import datetime

from aiohttp import web
from botbuilder.schema import Activity
from msrest.serialization import Model as MsrestModel
from sqlalchemy import text

from bot.herinneringen import herinneringen_actief
from bot.logboek import bescherm_logs
from bot.opschonen import opschonen_actief
from bot.invoer import OngeldigeInvoer, lees_activiteit
from bot.services import Services, lokale_klok, open_services
from bot.settings import Settings
from dialogen.register import FunctieFabriek, maak_functies

log = logging.getLogger(__name__)

SERVICES = web.AppKey("services", Services)
GEZONDHEID_TIMEOUT = 3.0
MAX_BODY = 1024 * 1024  # Bot Framework activities are small; cards with inputs stay far below this


def create_app(
    settings: Settings, *, klok: Callable[[], datetime] = lokale_klok, functies: FunctieFabriek = maak_functies
) -> web.Application:
    """The app; `functies` chooses the features (all of them unless a test or benchmark says otherwise)."""
    bescherm_logs()
    app = web.Application(middlewares=[fout_middleware], client_max_size=MAX_BODY)

    async def services_ctx(app: web.Application) -> AsyncIterator[None]:
        async with open_services(settings, klok=klok, functies=functies) as services:
            app[SERVICES] = services
            if settings.lokaal:
                log.warning(
                    "Lokale anonieme modus: geen MicrosoftAppId ingesteld, dus GEEN kanaalauthenticatie. "
                    "Gebruik dit alleen lokaal; zet MicrosoftAppId/MicrosoftAppPassword/MicrosoftAppTenantId voor Teams."
                )
            async with AsyncExitStack() as achtergrond:
                if settings.herinneringen:
                    await achtergrond.enter_async_context(herinneringen_actief(services, klok=klok))
                await achtergrond.enter_async_context(opschonen_actief(services))
                yield

    app.cleanup_ctx.append(services_ctx)
    setup_routes(app)
    return app


def setup_routes(app: web.Application) -> None:
    app.router.add_post("/api/messages", berichten)
    app.router.add_get("/healthz", gezondheid)


async def berichten(request: web.Request) -> web.Response:
    """Bot Framework activities in; `expectReplies` answered in the body, others with 201/200."""
    services = request.app[SERVICES]
    teksten = services.diensten.teksten
    if request.content_type != "application/json":
        return _fout(415, teksten.tekst("toegang.verkeerd_type"))
    try:
        body = lees_activiteit(await request.read())
        activity = Activity().deserialize(body)
    except OngeldigeInvoer as fout:
        return _fout(400, teksten.tekst(f"toegang.{fout.sleutel}", **fout.velden))
    except web.HTTPException:
        raise
    except Exception:  # noqa: BLE001 — msrest raises several types for bad shapes
        return _fout(400, teksten.tekst("toegang.onleesbaar"))
    try:
        authenticatie = await services.adapter.bot_framework_authentication.authenticate_request(
            activity, request.headers.get("Authorization", "")
        )
    except Exception as fout:  # noqa: BLE001 — any failure to authenticate is a 401, never a 500
        log.warning("Verzoek geweigerd: geen geldig Bot Framework-token (%s)", type(fout).__name__)
        return _fout(401, teksten.tekst("toegang.niet_geautoriseerd"))
    antwoord = await services.adapter.process_activity(authenticatie, activity, services.bot.on_turn)
    if antwoord is None:
        return web.Response(status=201)
    return web.json_response(_als_json(antwoord.body), status=antwoord.status or 200)


async def gezondheid(request: web.Request) -> web.Response:
    """200 with what is loaded, or 503 within `GEZONDHEID_TIMEOUT` s when the database doesn't answer.

    The probe runs as its own task: a hung connection may take longer to cancel (asyncpg asks the
    server to cancel too) than the answer may wait."""
    services = request.app[SERVICES]
    proef = asyncio.ensure_future(_database_proef(services))
    klaar, _ = await asyncio.wait({proef}, timeout=GEZONDHEID_TIMEOUT)
    fout = proef.exception() if klaar else TimeoutError()
    if not klaar:
        proef.cancel()
        proef.add_done_callback(lambda taak: taak.cancelled() or taak.exception())
    if fout is not None:
        log.warning("Gezondheidscontrole: database niet bereikbaar (%s)", type(fout).__name__)
        return web.json_response({"status": "fout", "database": "onbereikbaar"}, status=503)
    return web.json_response(
        {
            "status": "ok",
            "database": services.engine.dialect.name,
            "kennisbank": services.kennisbank.organisatie.naam,
            "onderwerpen": len(services.kennisbank.onderwerpen),
        }
    )


async def _database_proef(services: Services) -> None:
    async with services.engine.connect() as verbinding:
        await verbinding.execute(text("SELECT 1"))


@web.middleware
async def fout_middleware(request: web.Request, handler) -> web.StreamResponse:
    """Unexpected errors become a short Dutch JSON error, never a stack trace."""
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except Exception:
        log.exception("Onverwachte fout bij %s %s", request.method, request.path)
        return _fout(500, "Er ging iets mis aan de kant van Sturingsbot.")


def _fout(status: int, melding: str) -> web.Response:
    return web.json_response({"fout": melding}, status=status)


def _als_json(body: object) -> object:
    if isinstance(body, MsrestModel):
        return body.serialize()
    if isinstance(body, list):
        return [_als_json(b) for b in body]
    return body
