"""The echo bot as a developer writes it from the SDK sample, in its own process: aiohttp +
botbuilder's CloudAdapter, `expectReplies` answered in the body, nothing of Sturingsbot imported (so
none of its SDK corrections, bot/sdk_compat.py). Used by `bench.beurt_processen`.

    python bench/echo_zoals_geleverd.py PORT
"""

from __future__ import annotations

import sys
from types import SimpleNamespace

from aiohttp import web
from botbuilder.core import ActivityHandler, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity


class EchoBot(ActivityHandler):
    async def on_message_activity(self, turn_context: TurnContext) -> None:
        await turn_context.send_activity(f"Echo: {turn_context.activity.text}")


def app() -> web.Application:
    configuratie = SimpleNamespace(APP_ID="", APP_PASSWORD="", APP_TYPE="MultiTenant", APP_TENANTID="")
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(configuratie))
    bot = EchoBot()

    async def berichten(request: web.Request) -> web.Response:
        activity = Activity().deserialize(await request.json())
        antwoord = await adapter.process_activity(request.headers.get("Authorization", ""), activity, bot.on_turn)
        return web.json_response(antwoord.body, status=antwoord.status)

    async def gezond(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    toepassing = web.Application()
    toepassing.router.add_post("/api/messages", berichten)
    toepassing.router.add_get("/healthz", gezond)
    return toepassing


if __name__ == "__main__":
    web.run_app(app(), host="127.0.0.1", port=int(sys.argv[1]), print=None)
