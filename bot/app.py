"""The aiohttp application: `create_app(settings)` is the composition root for HTTP."""

from __future__ import annotations

import asyncio
import hmac
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import datetime

from aiohttp import web
from aiohttp.web_urldispatcher import MatchInfoError
from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ActivityTypes
from msrest.serialization import Model as MsrestModel
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bot.downloadlinks import VERZOEK_BASIS, DownloadLinks, OngeldigeLink, lever_export
from bot.gemeenten import tenant_van
from bot.herinneringen import herinneringen_actief
from bot.invoer import OngeldigeInvoer, lees_activiteit
from bot.logboek import bescherm_logs
from bot.metrieken import INHOUDSTYPE, Metrieken
from bot.opschonen import opschonen_actief
from bot.sdk_compat import activiteit_uit_json
from bot.services import GemeenteBot, Installatie, lokale_klok, open_installatie
from bot.settings import Settings
from dialogen.register import FeatureFactory, maak_features

log = logging.getLogger(__name__)

GEMEENTEBOT = web.AppKey("services", GemeenteBot)
"""The default (first) gemeente's services."""
INSTALLATIE = web.AppKey("installatie", Installatie)
"""Every gemeente's services; a turn goes to the one of its Teams tenant."""
METRIEKEN = web.AppKey("metrieken", Metrieken)
STOPT = web.AppKey("stopt", asyncio.Event)
"""Set on shutdown (SIGTERM): /readyz answers 503 so the load balancer stops sending turns."""
METRICS_ADRES = web.AppKey("metrics_adres", list)
"""[(host, port)] of the separate metrics port, when it runs (port 0 in tests: the one chosen)."""
GEZONDHEID_TIMEOUT = 3.0
MAX_BODY = 1024 * 1024  # Bot Framework activities are small; cards with inputs stay far below this


def create_app(
    settings: Settings, *, klok: Callable[[], datetime] = lokale_klok, features: FeatureFactory = maak_features
) -> web.Application:
    """The app; `features` chooses the features (all of them unless a test or benchmark says otherwise)."""
    bescherm_logs()
    app = web.Application(middlewares=[fout_middleware], client_max_size=MAX_BODY)
    app[METRIEKEN] = Metrieken()
    app[STOPT] = asyncio.Event()
    app[METRICS_ADRES] = []

    async def services_ctx(app: web.Application) -> AsyncIterator[None]:
        async with open_installatie(settings, klok=klok, features=features) as installatie:
            app[INSTALLATIE] = installatie
            app[GEMEENTEBOT] = installatie.standaard
            if installatie.gemeenten.anoniem(settings):
                log.warning(
                    "Lokale anonieme modus: geen MicrosoftAppId ingesteld, dus GEEN kanaalauthenticatie. "
                    "Gebruik dit alleen lokaal; zet MicrosoftAppId/MicrosoftAppPassword/MicrosoftAppTenantId voor Teams."
                )
            async with AsyncExitStack() as achtergrond:
                for services in installatie.per_gemeente.values():
                    if settings.herinneringen and services.gemeente.herinneringen:
                        await achtergrond.enter_async_context(herinneringen_actief(services, klok=klok))
                    await achtergrond.enter_async_context(opschonen_actief(services))
                if settings.metrics_port is not None:
                    await achtergrond.enter_async_context(_metrics_poort(app, settings))
                yield

    async def stoppen(app: web.Application) -> None:
        app[STOPT].set()
        log.info("Sturingsbot stopt: geen nieuwe beurten, lopende beurten worden afgemaakt")

    app.cleanup_ctx.append(services_ctx)
    app.on_shutdown.append(stoppen)
    setup_routes(app)
    return app


def setup_routes(app: web.Application) -> None:
    app.router.add_post("/api/messages", berichten)
    app.router.add_get("/healthz", gezondheid)
    app.router.add_get("/readyz", gereed)
    app.router.add_get("/metrics", metrics_met_token)
    app.router.add_get("/download/{token}", download)


async def berichten(request: web.Request) -> web.Response:
    """Bot Framework activities in, counted and timed in the metrics (`_verwerk` does the work)."""
    metrieken = request.app[METRIEKEN]
    begin = time.perf_counter()
    gelezen: list[Activity] = []
    metrieken.in_behandeling.inc()
    uitkomst = "fout"  # an exception: fout_middleware answers 500 and counts it
    try:
        antwoord = await _verwerk(request, gelezen)
        uitkomst = "ok" if antwoord.status < 400 else "geweigerd"
    finally:
        metrieken.in_behandeling.dec()
        activiteit = gelezen[0] if gelezen else None
        metrieken.beurt(
            getattr(activiteit, "channel_id", None), getattr(activiteit, "type", None), uitkomst, time.perf_counter() - begin
        )
    return antwoord


async def _verwerk(request: web.Request, gelezen: list[Activity]) -> web.Response:
    """Bot Framework activities in; `expectReplies` answered in the body, others with 201/200.
    The activity's Teams tenant chooses the gemeente; an unknown tenant is refused (`_weiger`)."""
    installatie = request.app[INSTALLATIE]
    services = installatie.standaard
    metrieken = request.app[METRIEKEN]
    teksten = services.diensten.teksten
    if request.content_type != "application/json":
        metrieken.fout("inhoudstype")
        return _fout(415, teksten.tekst("toegang.verkeerd_type"))
    try:
        body = lees_activiteit(await request.read())
        activity = activiteit_uit_json(body)
    except OngeldigeInvoer as fout:
        metrieken.fout("invoer")
        return _fout(400, teksten.tekst(f"toegang.{fout.sleutel}", **fout.velden))
    except web.HTTPException:
        raise
    except Exception:  # noqa: BLE001 — msrest raises several types for bad shapes
        metrieken.fout("invoer")
        return _fout(400, teksten.tekst("toegang.onleesbaar"))
    gelezen.append(activity)
    gemeente = installatie.voor_activiteit(activity)
    # The gemeente's own adapter checks the token: its audience must be that gemeente's app id, so an
    # activity claiming tenant B but signed for A's bot is refused here. An unknown tenant's token is
    # checked by the installation's registrations (`Installatie.weigeraars`).
    kandidaten = [gemeente.adapter] if gemeente is not None else installatie.weigeraars
    aanvaard = await _authenticeer(kandidaten, activity, request.headers.get("Authorization", ""))
    if aanvaard is None:
        metrieken.fout("authenticatie")
        return _fout(401, teksten.tekst("toegang.niet_geautoriseerd"))
    adapter, authenticatie = aanvaard
    if gemeente is None:
        metrieken.fout("onbekende_gemeente")
        return await _weiger(installatie, adapter, authenticatie, activity)
    VERZOEK_BASIS.set(f"{request.scheme}://{request.host}")  # download links when PUBLIEKE_URL is unset
    antwoord = await gemeente.adapter.process_activity(authenticatie, activity, gemeente.bot.on_turn)
    if antwoord is None:
        return web.Response(status=201)
    return web.json_response(_als_json(antwoord.body), status=antwoord.status or 200)


async def _authenticeer(adapters: list[CloudAdapter], activity: Activity, autorisatie: str):
    """(adapter, authentication result) of the first adapter that accepts the request's token, or None."""
    reden = "geen registratie"
    for adapter in adapters:
        try:
            return adapter, await adapter.bot_framework_authentication.authenticate_request(activity, autorisatie)
        except Exception as fout:  # noqa: BLE001 — any failure to authenticate is a 401, never a 500
            reden = type(fout).__name__
    log.warning("Verzoek geweigerd: geen geldig Bot Framework-token (%s)", reden)
    return None


async def _weiger(installatie: Installatie, weigeraar: CloudAdapter, authenticatie, activity: Activity) -> web.Response:
    """A tenant no gemeente is configured for: a message gets one Dutch answer in its conversation
    (through an adapter without middleware: no claim, state, reference or question is stored),
    anything else a 403. Logged with the tenant id (an organisation's, not a person's), which the
    operator needs to add it to GEMEENTEN."""
    log.warning("Activiteit van een tenant zonder gemeente geweigerd (tenant %r)", (tenant_van(activity) or "")[:100])
    tekst = installatie.standaard.diensten.teksten.tekst("toegang.onbekende_gemeente")
    if activity.type != ActivityTypes.message:
        return _fout(403, tekst)

    async def meld(turn_context: TurnContext) -> None:
        await turn_context.send_activity(tekst)

    try:
        antwoord = await weigeraar.process_activity(authenticatie, activity, meld)
    except Exception as fout:  # noqa: BLE001 — the channel did not take the answer: still a refusal, not a 500
        log.warning("Weigering kon niet naar het kanaal worden gestuurd (%s)", type(fout).__name__)
        return _fout(403, tekst)
    if antwoord is None:
        return web.Response(status=201)
    return web.json_response(_als_json(antwoord.body), status=antwoord.status or 200)


async def download(request: web.Request) -> web.Response:
    """A signed, single-use export link (`bot.downloadlinks`): the file, or a 4xx with a Dutch message.
    The token names its gemeente; that gemeente's links check it (another's refuse it)."""
    token = request.match_info["token"]
    installatie = request.app[INSTALLATIE]
    services = installatie.voor_gemeente(DownloadLinks.gemeente_in(token)) or installatie.standaard
    uitkomst = await lever_export(services.downloads, services.kennisbank, services.diensten.teksten, services.sessies, token)
    if isinstance(uitkomst, OngeldigeLink):
        return _fout(uitkomst.status, services.diensten.teksten.tekst(f"toegang.{uitkomst.sleutel}"))
    naam, soort, inhoud = uitkomst
    return web.Response(
        body=inhoud,
        content_type=soort,
        headers={"Content-Disposition": f'attachment; filename="{naam}"', "Cache-Control": "no-store"},
    )


async def gezondheid(request: web.Request) -> web.Response:
    """200 with what is loaded, or 503 within `GEZONDHEID_TIMEOUT` s when the database doesn't answer."""
    services = request.app[GEMEENTEBOT]
    fout = await _database_fout(services)
    if fout is not None:
        log.warning("Gezondheidscontrole: database niet bereikbaar (%s)", type(fout).__name__)
        return web.json_response({"status": "fout", "database": "onbereikbaar"}, status=503)
    return web.json_response(
        {
            "status": "ok",
            "database": services.engine.dialect.name,
            "kennisbank": services.kennisbank.organisatie.naam,
            "onderwerpen": len(services.kennisbank.onderwerpen),
            "gemeenten": len(request.app[INSTALLATIE].per_gemeente),
        }
    )


async def gereed(request: web.Request) -> web.Response:
    """Readiness: 200 when the kennisbank is loaded and the database answers within
    `GEZONDHEID_TIMEOUT` s; 503 otherwise, and from the moment the process is stopping."""
    if request.app[STOPT].is_set():
        return web.json_response({"status": "stopt"}, status=503)
    services = request.app.get(GEMEENTEBOT)
    if services is None or services.kennisbank is None:
        return web.json_response({"status": "niet_gereed", "kennisbank": "niet_geladen"}, status=503)
    fout = await _database_fout(services)
    if fout is not None:
        log.warning("Gereedheidscontrole: database niet bereikbaar (%s)", type(fout).__name__)
        return web.json_response({"status": "niet_gereed", "database": "onbereikbaar"}, status=503)
    return web.json_response({"status": "gereed", "database": services.engine.dialect.name, "kennisbank": "geladen"})


async def metrics_met_token(request: web.Request) -> web.Response:
    """/metrics on the bot's own port: only with `Authorization: Bearer <METRICS_TOKEN>`;
    404 when no token is configured (the endpoint does not exist there)."""
    services = request.app[GEMEENTEBOT]
    token = services.settings.metrics_token
    if not token:
        raise web.HTTPNotFound()
    gegeven = request.headers.get("Authorization", "")
    if not hmac.compare_digest(gegeven.encode(), f"Bearer {token}".encode()):
        return web.json_response(
            {"fout": services.diensten.teksten.tekst("toegang.niet_geautoriseerd")},
            status=401,
            headers={"WWW-Authenticate": "Bearer"},
        )
    return await _metrics(request.app)


async def _metrics(app: web.Application) -> web.Response:
    metrieken = app[METRIEKEN]
    await metrieken.ververs(app[GEMEENTEBOT].engine)
    return web.Response(body=metrieken.tekst(), headers={"Content-Type": INHOUDSTYPE})


@asynccontextmanager
async def _metrics_poort(app: web.Application, settings: Settings) -> AsyncIterator[None]:
    """A second listener serving only GET /metrics, on `METRICS_HOST` (loopback by default)."""

    async def alleen_metrics(_request: web.Request) -> web.Response:
        return await _metrics(app)

    metrics_app = web.Application()
    metrics_app.router.add_get("/metrics", alleen_metrics)
    runner = web.AppRunner(metrics_app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, settings.metrics_host, settings.metrics_port)
    await site.start()
    adres = runner.addresses[0]
    app[METRICS_ADRES].append((adres[0], adres[1]))
    log.info("Metrieken op http://%s:%s/metrics", adres[0], adres[1])
    try:
        yield
    finally:
        await runner.cleanup()


async def _database_fout(services: GemeenteBot) -> BaseException | None:
    """Why the database did not answer within `GEZONDHEID_TIMEOUT` s, or None when it did.

    The probe runs as its own task: a hung connection may take longer to cancel (asyncpg asks the
    server to cancel too) than the answer may wait."""
    proef = asyncio.ensure_future(_database_proef(services))
    klaar, _ = await asyncio.wait({proef}, timeout=GEZONDHEID_TIMEOUT)
    if klaar:
        return proef.exception()
    proef.cancel()
    proef.add_done_callback(lambda taak: taak.cancelled() or taak.exception())
    return TimeoutError()


async def _database_proef(services: GemeenteBot) -> None:
    """SELECT 1; once more on a fresh connection when the pooled one died (the pool is not pinged)."""
    for poging in range(2):
        try:
            async with services.engine.connect() as verbinding:
                await verbinding.execute(text("SELECT 1"))
            return
        except DBAPIError as fout:
            if not fout.connection_invalidated or poging:
                raise


@web.middleware
async def fout_middleware(request: web.Request, handler) -> web.StreamResponse:
    """Unexpected errors become a short Dutch JSON error, never a stack trace; so do an address or a
    method the bot does not have (aiohttp's own answer is English: '404: Not Found')."""
    if isinstance(request.match_info, MatchInfoError):
        geen_route = request.match_info.http_exception
        if isinstance(geen_route, web.HTTPMethodNotAllowed):
            toegestaan = ", ".join(sorted(geen_route.allowed_methods))
            antwoord = _fout(405, f"{request.method} kan niet op {request.path}; wel: {toegestaan}.")
            antwoord.headers["Allow"] = toegestaan
            return antwoord
        return _fout(
            geen_route.status,
            "Dit adres kent Sturingsbot niet. Berichten gaan naar POST /api/messages; "
            "de controles zijn GET /healthz en GET /readyz.",
        )
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except Exception:
        log.exception("Onverwachte fout bij %s %s", request.method, request.path)
        if METRIEKEN in request.app:
            request.app[METRIEKEN].fout("onverwacht")
        return _fout(500, "Er ging iets mis aan de kant van Sturingsbot.")


def _fout(status: int, melding: str) -> web.Response:
    return web.json_response({"fout": melding}, status=status)


def _als_json(body: object) -> object:
    if isinstance(body, MsrestModel):
        return body.serialize()
    if isinstance(body, list):
        return [_als_json(b) for b in body]
    return body
