"""A fake Bot Connector (the channel's serviceUrl): records what the bot sends, can be told to fail."""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer


class NepConnector:
    def __init__(self) -> None:
        self.berichten: list[tuple[str, dict[str, Any]]] = []
        """(conversation id, activity) of every message sent, in order."""
        self.bijgewerkt: list[tuple[str, dict[str, Any]]] = []
        """(activity id, activity) of every update (a card replaced in place)."""
        self.faal_voor: set[str] = set()
        """Conversation ids for which sending fails with a 500."""
        self.faal_bijwerken: set[str] = set()
        """Activity ids for which an update (PUT) fails with a 500."""
        self.hang_voor: set[str] = set()
        """Conversation ids for which sending never answers (until `los` is set)."""
        self.los = asyncio.Event()
        self.hangend = 0
        """How many sends are hanging right now."""
        self.leden: dict[str, dict[str, Any]] = {}
        """Teams members by user id, as GET …/members/{id} returns them (e-mail, UPN)."""
        self.ledenvragen: list[str] = []
        self.leden_hangen = False
        """A member lookup never answers (until `los` is set)."""
        self.verzoeken: list[str] = []
        """"METHOD path" of every request that reached the connector, retries included."""
        self.autorisaties: list[str] = []
        """The Authorization header of every message sent (which bot registration signed it)."""
        self._nieuw = asyncio.Event()
        app = web.Application(middlewares=[self._noteer])
        app.router.add_post("/v3/conversations/{gesprek}/activities", self._verstuur)
        app.router.add_post("/v3/conversations/{gesprek}/activities/{activiteit}", self._verstuur)
        app.router.add_put("/v3/conversations/{gesprek}/activities/{activiteit}", self._werk_bij)
        app.router.add_get("/v3/conversations/{gesprek}/members/{lid}", self._lid)
        self.server = TestServer(app)

    @web.middleware
    async def _noteer(self, request: web.Request, handler: Any) -> web.StreamResponse:
        self.verzoeken.append(f"{request.method} {request.path}")
        return await handler(request)

    async def _hang(self) -> None:
        """Hold the request until the test sets `los` (counted in `hangend` meanwhile)."""
        self.hangend += 1
        self._nieuw.set()
        try:
            await self.los.wait()
        finally:
            self.hangend -= 1

    async def _verstuur(self, request: web.Request) -> web.Response:
        gesprek = request.match_info["gesprek"]
        if gesprek in self.faal_voor:
            return web.json_response({"error": {"code": "ServiceError"}}, status=500)
        if gesprek in self.hang_voor:
            await self._hang()
            return web.json_response({"error": {"code": "ServiceError"}}, status=500)
        self.berichten.append((gesprek, await request.json()))
        self.autorisaties.append(request.headers.get("Authorization", ""))
        self._nieuw.set()
        return web.json_response({"id": f"bericht-{len(self.berichten)}"})

    async def _werk_bij(self, request: web.Request) -> web.Response:
        if request.match_info["activiteit"] in self.faal_bijwerken:
            return web.json_response({"error": {"code": "ServiceError"}}, status=500)
        self.bijgewerkt.append((request.match_info["activiteit"], await request.json()))
        self._nieuw.set()
        return web.json_response({"id": request.match_info["activiteit"]})

    async def _lid(self, request: web.Request) -> web.Response:
        lid = request.match_info["lid"]
        self.ledenvragen.append(lid)
        if self.leden_hangen:
            await self._hang()
        if lid not in self.leden:
            return web.json_response({"error": {"code": "MemberNotFoundInConversation"}}, status=404)
        return web.json_response(self.leden[lid])

    @property
    def url(self) -> str:
        return str(self.server.make_url("/"))

    @property
    def verstuurd(self) -> list[dict[str, Any]]:
        return [activiteit for _, activiteit in self.berichten]

    def per_gesprek(self) -> dict[str, list[str]]:
        uitkomst: dict[str, list[str]] = {}
        for gesprek, activiteit in self.berichten:
            uitkomst.setdefault(gesprek, []).append(activiteit.get("text", ""))
        return uitkomst

    async def wacht_op(self, aantal: int = 1, seconden: float = 5) -> list[dict[str, Any]]:
        """Wait until at least `aantal` messages arrived; fail the test after `seconden`."""
        async with asyncio.timeout(seconden):
            while len(self.berichten) < aantal:
                self._nieuw.clear()
                await self._nieuw.wait()
        return self.verstuurd

    async def wacht_op_hangend(self, aantal: int = 1, seconden: float = 5) -> None:
        """Wait until at least `aantal` sends hang (see `hang_voor`); fail the test after `seconden`."""
        async with asyncio.timeout(seconden):
            while self.hangend < aantal:
                self._nieuw.clear()
                await self._nieuw.wait()

    async def wacht_op_bijwerking(self, aantal: int = 1, seconden: float = 5) -> list[tuple[str, dict[str, Any]]]:
        """Wait until at least `aantal` updates (cards replaced in place) arrived; fail the test after `seconden`."""
        async with asyncio.timeout(seconden):
            while len(self.bijgewerkt) < aantal:
                self._nieuw.clear()
                await self._nieuw.wait()
        return self.bijgewerkt
