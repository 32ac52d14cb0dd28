"""A local Direct Line 3.0 stand-in, so Microsoft's Web Chat can talk to the bot without Azure.

Client side (what Web Chat calls, polling only — no WebSocket):
`POST /v3/directline/tokens/generate`, `POST /v3/directline/tokens/refresh`,
`POST /v3/directline/conversations`, `GET /v3/directline/conversations/{id}[?watermark=]`,
`GET|POST /v3/directline/conversations/{id}/activities[?watermark=]`.

Bot side (what the bot's connector client calls at our `serviceUrl`):
`POST /v3/conversations/{id}/activities[/{replyToId}]`, `PUT|DELETE /v3/conversations/{id}/activities/{activityId}`.

User activities are forwarded to the bot's `/api/messages` as a channel would (channelId `directline`,
our serviceUrl, ids, timestamps; everything the client sent is kept, `channelData` included) and echoed
back to the client only when the bot accepted them, so Web Chat shows a failed send otherwise.
Memory is bounded: at most `max_gesprekken` conversations and `max_activiteiten` activities each.
Mount the factory's result at `/v3`: `app.add_subapp("/v3", maak_directline_app(bot_url))`.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
from aiohttp import web

log = logging.getLogger(__name__)

KANAAL = "directline"
TOKEN_GELDIGHEID = timedelta(hours=1)
BOT_TIMEOUT = aiohttp.ClientTimeout(total=60)
MAX_BODY = 1024 * 1024


class DirectLineFout(Exception):
    """A request the stand-in refuses; becomes a Direct Line error body `{"error": {code, message}}`."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message

    def response(self) -> web.Response:
        return web.json_response({"error": {"code": self.code, "message": self.message}}, status=self.status)


@dataclass
class Token:
    waarde: str
    gesprek_id: str
    gebruiker: dict[str, Any]
    verloopt: datetime


@dataclass
class DirectLineGesprek:
    """One conversation: the activity stream a client reads with a watermark (its position in the stream)."""

    id: str
    gebruiker: dict[str, Any]
    max_activiteiten: int
    stroom: deque[tuple[int, dict[str, Any]]] = field(init=False)
    volgende_positie: int = 0
    volgende_id: int = 0
    laatste_tijd: datetime | None = None

    def __post_init__(self) -> None:
        self.stroom = deque(maxlen=self.max_activiteiten)

    def nieuw_id(self) -> str:
        self.volgende_id += 1
        return f"{self.id}|{self.volgende_id:07d}"

    def voeg_toe(self, activiteit: dict[str, Any]) -> None:
        self.stroom.append((self.volgende_positie, activiteit))
        self.volgende_positie += 1

    def vanaf(self, watermark: int) -> list[dict[str, Any]]:
        return [activiteit for positie, activiteit in self.stroom if positie >= watermark]

    def zoek(self, activiteit_id: str) -> dict[str, Any] | None:
        return next((a for _, a in self.stroom if a.get("id") == activiteit_id), None)

    def verwijder(self, activiteit_id: str) -> bool:
        gebleven = [(p, a) for p, a in self.stroom if a.get("id") != activiteit_id]
        if len(gebleven) == len(self.stroom):
            return False
        self.stroom = deque(gebleven, maxlen=self.max_activiteiten)
        return True


class DirectLineOpslag:
    """Tokens and conversations in memory, oldest evicted first; `klok` gives aware datetimes."""

    def __init__(
        self,
        *,
        max_gesprekken: int = 200,
        max_activiteiten: int = 500,
        token_geldigheid: timedelta = TOKEN_GELDIGHEID,
        klok: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.max_gesprekken = max_gesprekken
        self.max_activiteiten = max_activiteiten
        self.token_geldigheid = token_geldigheid
        self.klok = klok
        self._tokens: OrderedDict[str, Token] = OrderedDict()
        self._gesprekken: OrderedDict[str, DirectLineGesprek] = OrderedDict()

    # tokens
    def nieuw_token(self, gesprek_id: str, gebruiker: dict[str, Any]) -> Token:
        token = Token(secrets.token_urlsafe(32), gesprek_id, gebruiker, self.klok() + self.token_geldigheid)
        self._tokens[token.waarde] = token
        while len(self._tokens) > 4 * self.max_gesprekken:
            self._tokens.popitem(last=False)
        return token

    def token(self, autorisatie: str | None) -> Token:
        """The valid token from an `Authorization: Bearer …` header, or a 403 Direct Line error."""
        schema, _, waarde = (autorisatie or "").partition(" ")
        token = self._tokens.get(waarde.strip()) if schema.lower() == "bearer" else None
        if token is None:
            raise DirectLineFout(403, "TokenInvalid", "Missing or unknown token.")
        if token.verloopt <= self.klok():
            raise DirectLineFout(403, "TokenExpired", "Token expired; generate a new one.")
        return token

    # conversations
    def gesprek(self, gesprek_id: str) -> DirectLineGesprek | None:
        gesprek = self._gesprekken.get(gesprek_id)
        if gesprek is not None:
            self._gesprekken.move_to_end(gesprek_id)
        return gesprek

    def open_gesprek(self, gesprek_id: str, gebruiker: dict[str, Any]) -> DirectLineGesprek:
        gesprek = DirectLineGesprek(gesprek_id, gebruiker, self.max_activiteiten)
        self._gesprekken[gesprek_id] = gesprek
        while len(self._gesprekken) > self.max_gesprekken:
            self._gesprekken.popitem(last=False)
        return gesprek

    def tijdstempel(self, gesprek: DirectLineGesprek) -> str:
        """Now, strictly later (by at least 1 ms, Web Chat's resolution) than the previous one."""
        nu = self.klok()
        if gesprek.laatste_tijd is not None and nu <= gesprek.laatste_tijd:
            nu = gesprek.laatste_tijd + timedelta(milliseconds=1)
        gesprek.laatste_tijd = nu
        return nu.isoformat(timespec="milliseconds").replace("+00:00", "Z")


OPSLAG = web.AppKey("directline_opslag", DirectLineOpslag)
_SESSIE = web.AppKey("directline_sessie", aiohttp.ClientSession)


def maak_directline_app(
    bot_url: str,
    *,
    service_url: str | None = None,
    bot_id: str = "sturingsbot",
    bot_naam: str = "Sturingsbot",
    opslag: DirectLineOpslag | None = None,
    tenant_id: str | None = None,
) -> web.Application:
    """The stand-in as a sub-application for `/v3`, forwarding to `bot_url` (the bot's /api/messages).

    `service_url` is the origin the bot posts replies to; by default the origin of the client's request.
    `tenant_id`, when given, goes into every activity's `channelData.tenant.id`, as Teams sends it, so a
    bot serving several gemeenten (GEMEENTEN) knows whose conversation it is.
    """
    app = web.Application(middlewares=[_fout_middleware], client_max_size=MAX_BODY)
    app[OPSLAG] = opslag if opslag is not None else DirectLineOpslag()
    bot_account = {"id": bot_id, "name": bot_naam, "role": "bot"}

    async def sessie_ctx(app: web.Application) -> AsyncIterator[None]:
        async with aiohttp.ClientSession(timeout=BOT_TIMEOUT) as sessie:
            app[_SESSIE] = sessie
            yield

    app.cleanup_ctx.append(sessie_ctx)

    def eigen_service_url(request: web.Request) -> str:
        return service_url or str(request.url.origin())

    async def naar_bot(request: web.Request, gesprek: DirectLineGesprek, activiteit: dict[str, Any]) -> None:
        activiteit.update(
            channelId=KANAAL,
            serviceUrl=eigen_service_url(request),
            conversation={"id": gesprek.id},
            recipient=bot_account,
        )
        if tenant_id:
            kanaaldata = activiteit.get("channelData")
            activiteit["channelData"] = {**(kanaaldata if isinstance(kanaaldata, dict) else {}), "tenant": {"id": tenant_id}}
        try:
            async with request.app[_SESSIE].post(bot_url, json=activiteit) as antwoord:
                if antwoord.status >= 300:
                    tekst = (await antwoord.text())[:300]
                    raise DirectLineFout(502, "BotError", f"Bot answered HTTP {antwoord.status}: {tekst}")
        except (aiohttp.ClientError, TimeoutError) as fout:
            raise DirectLineFout(502, "BotUnavailable", f"Bot not reachable at {bot_url}: {type(fout).__name__}") from None

    # client side
    async def token_genereren(request: web.Request) -> web.Response:
        body = await _json(request, verplicht=False)
        gebruiker = body.get("user") or {}
        if not isinstance(gebruiker, dict) or not isinstance(gebruiker.get("id", ""), str):
            raise DirectLineFout(400, "BadArgument", "'user' must be an object with a string 'id'.")
        gebruiker = {k: v for k, v in gebruiker.items() if k in ("id", "name", "aadObjectId") and isinstance(v, str)}
        gebruiker.setdefault("id", f"dl_{uuid.uuid4().hex[:16]}")
        token = request.app[OPSLAG].nieuw_token(uuid.uuid4().hex, gebruiker)
        return web.json_response(_token_body(request.app[OPSLAG], token))

    async def token_verversen(request: web.Request) -> web.Response:
        opslag = request.app[OPSLAG]
        oud = opslag.token(request.headers.get("Authorization"))
        return web.json_response(_token_body(opslag, opslag.nieuw_token(oud.gesprek_id, oud.gebruiker)))

    async def gesprek_starten(request: web.Request) -> web.Response:
        opslag = request.app[OPSLAG]
        token = opslag.token(request.headers.get("Authorization"))
        if opslag.gesprek(token.gesprek_id) is not None:
            return web.json_response(_token_body(opslag, token), status=200)
        gesprek = opslag.open_gesprek(token.gesprek_id, token.gebruiker)
        gebruiker = {**token.gebruiker, "role": "user"}
        update = {
            "type": "conversationUpdate",
            "id": gesprek.nieuw_id(),
            "timestamp": opslag.tijdstempel(gesprek),
            "from": gebruiker,
            "membersAdded": [{"id": bot_id, "name": bot_naam}, token.gebruiker],
        }
        try:
            await naar_bot(request, gesprek, update)
        except DirectLineFout as fout:  # the conversation exists; the client can still send
            log.warning("conversationUpdate niet afgeleverd: %s", fout.message)
        return web.json_response(_token_body(opslag, token), status=201)

    def geautoriseerd_gesprek(request: web.Request) -> DirectLineGesprek:
        opslag = request.app[OPSLAG]
        token = opslag.token(request.headers.get("Authorization"))
        gesprek_id = request.match_info["gesprek"]
        if token.gesprek_id != gesprek_id:
            raise DirectLineFout(403, "TokenInvalid", "Token is for another conversation.")
        gesprek = opslag.gesprek(gesprek_id)
        if gesprek is None:
            raise DirectLineFout(404, "BadArgument", "Conversation not found; start a new one.")
        return gesprek

    async def gesprek_hervatten(request: web.Request) -> web.Response:
        geautoriseerd_gesprek(request)
        opslag = request.app[OPSLAG]
        return web.json_response(_token_body(opslag, opslag.token(request.headers.get("Authorization"))))

    async def activiteiten_ophalen(request: web.Request) -> web.Response:
        gesprek = geautoriseerd_gesprek(request)
        watermark = request.query.get("watermark") or "0"
        if not watermark.isdigit():
            raise DirectLineFout(400, "BadArgument", "watermark must be a non-negative integer.")
        return web.json_response({"activities": gesprek.vanaf(int(watermark)), "watermark": str(gesprek.volgende_positie)})

    async def activiteit_sturen(request: web.Request) -> web.Response:
        gesprek = geautoriseerd_gesprek(request)
        activiteit = await _json(request, verplicht=True)
        if not isinstance(activiteit.get("type"), str) or not activiteit["type"]:
            raise DirectLineFout(400, "BadArgument", "An activity needs a 'type'.")
        opslag = request.app[OPSLAG]
        activiteit["id"] = gesprek.nieuw_id()
        activiteit["timestamp"] = opslag.tijdstempel(gesprek)
        activiteit["from"] = _afzender(activiteit.get("from"), gesprek.gebruiker)
        await naar_bot(request, gesprek, activiteit)
        gesprek.voeg_toe(activiteit)
        return web.json_response({"id": activiteit["id"]})

    # bot side (the connector API the bot's replies use)
    def bekend_gesprek(request: web.Request) -> DirectLineGesprek:
        gesprek = request.app[OPSLAG].gesprek(request.match_info["gesprek"])
        if gesprek is None:
            raise DirectLineFout(404, "ConversationNotFound", "Conversation not found.")
        return gesprek

    async def antwoord_ontvangen(request: web.Request) -> web.Response:
        gesprek = bekend_gesprek(request)
        activiteit = await _json(request, verplicht=True)
        activiteit["id"] = gesprek.nieuw_id()
        activiteit["timestamp"] = request.app[OPSLAG].tijdstempel(gesprek)
        activiteit["channelId"] = KANAAL
        activiteit["conversation"] = {"id": gesprek.id}
        if "antwoord_op" in request.match_info:
            activiteit.setdefault("replyToId", request.match_info["antwoord_op"])
        activiteit.setdefault("from", bot_account)
        gesprek.voeg_toe(activiteit)
        return web.json_response({"id": activiteit["id"]})

    async def antwoord_bijwerken(request: web.Request) -> web.Response:
        gesprek = bekend_gesprek(request)
        activiteit_id = request.match_info["activiteit"]
        origineel = gesprek.zoek(activiteit_id)
        if origineel is None:
            raise DirectLineFout(404, "NotFound", "Activity not found (or no longer kept).")
        nieuw = await _json(request, verplicht=True)
        # same id and timestamp: Web Chat replaces the message where it was
        nieuw.update(id=activiteit_id, timestamp=origineel["timestamp"], channelId=KANAAL, conversation={"id": gesprek.id})
        nieuw.setdefault("from", origineel.get("from", bot_account))
        gesprek.verwijder(activiteit_id)
        gesprek.voeg_toe(nieuw)
        return web.json_response({"id": activiteit_id})

    async def antwoord_verwijderen(request: web.Request) -> web.Response:
        gesprek = bekend_gesprek(request)
        if not gesprek.verwijder(request.match_info["activiteit"]):
            raise DirectLineFout(404, "NotFound", "Activity not found (or no longer kept).")
        return web.Response(status=200)

    app.router.add_post("/directline/tokens/generate", token_genereren)
    app.router.add_post("/directline/tokens/refresh", token_verversen)
    app.router.add_post("/directline/conversations", gesprek_starten)
    app.router.add_get("/directline/conversations/{gesprek}", gesprek_hervatten)
    app.router.add_get("/directline/conversations/{gesprek}/activities", activiteiten_ophalen)
    app.router.add_post("/directline/conversations/{gesprek}/activities", activiteit_sturen)
    app.router.add_post("/conversations/{gesprek}/activities", antwoord_ontvangen)
    app.router.add_post("/conversations/{gesprek}/activities/{antwoord_op}", antwoord_ontvangen)
    app.router.add_put("/conversations/{gesprek}/activities/{activiteit}", antwoord_bijwerken)
    app.router.add_delete("/conversations/{gesprek}/activities/{activiteit}", antwoord_verwijderen)
    return app


def _afzender(afzender: object, gebruiker: dict[str, Any]) -> dict[str, Any]:
    """The client's `from`; missing, or the token's user, it is completed from the token (name, aadObjectId)."""
    if not isinstance(afzender, dict) or not afzender.get("id"):
        return {**gebruiker, "role": "user"}
    if afzender["id"] == gebruiker.get("id"):
        return {**gebruiker, "role": "user", **afzender}
    return afzender


def _token_body(opslag: DirectLineOpslag, token: Token) -> dict[str, Any]:
    seconden = max(0, int((token.verloopt - opslag.klok()).total_seconds()))
    return {"conversationId": token.gesprek_id, "token": token.waarde, "expires_in": seconden}


async def _json(request: web.Request, *, verplicht: bool) -> dict[str, Any]:
    if not verplicht and not request.can_read_body:
        return {}
    try:
        body = await request.json()
    except ValueError:
        raise DirectLineFout(400, "BadArgument", "Body is not valid JSON.") from None
    if body is None and not verplicht:
        return {}
    if not isinstance(body, dict):
        raise DirectLineFout(400, "BadArgument", "Body must be a JSON object.")
    return body


@web.middleware
async def _fout_middleware(request: web.Request, handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except DirectLineFout as fout:
        return fout.response()
