"""Turn middleware (the outermost): when the database is unreachable or stalls past its timeouts,
the user gets a Dutch message and the request a normal answer, logged as one line.

Without it the error would reach the adapter's turn error handler: a traceback in the log, the
generic error text, and an attempt to wipe the dialog state (which fails too, the database being
down). Nothing is stored in that turn, so the user is told to send the message again later; the
engine's pool reconnects by itself once the database is back (`pool_pre_ping`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from botbuilder.core import InvokeResponse, Middleware, TurnContext
from botbuilder.schema import Activity, ActivityTypes
from sqlalchemy import exc as sa_exc

from bot.teams import BERICHT
from dialogen.teksten import Teksten

log = logging.getLogger(__name__)


def is_database_onbereikbaar(fout: BaseException) -> bool:
    """True for a connection that can't be made, is lost, or times out (not for a bad statement)."""
    if isinstance(fout, (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError)):
        return True
    if isinstance(fout, sa_exc.DBAPIError) and fout.connection_invalidated:
        return True
    if isinstance(fout, (TimeoutError, ConnectionError, OSError)):
        # a bare timeout or socket error: count it only when it came from the database driver
        return _van_database_driver(fout)
    return False


def _van_database_driver(fout: BaseException) -> bool:
    tb = fout.__traceback__
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if module.startswith(("asyncpg", "aiosqlite", "sqlalchemy")):
            return True
        tb = tb.tb_next
    return False


class DatabaseBewaking(Middleware):
    def __init__(self, teksten: Teksten) -> None:
        self._teksten = teksten

    async def on_turn(self, context: TurnContext, logic: Callable[[], Awaitable]):
        try:
            return await logic()
        except asyncio.CancelledError:
            raise
        except Exception as fout:
            if not is_database_onbereikbaar(fout):
                raise
            log.warning("Database onbereikbaar tijdens een beurt (%s); de gebruiker is ingelicht", type(fout).__name__)
            await self._meld(context)
            return None

    async def _meld(self, context: TurnContext) -> None:
        tekst = self._teksten.tekst("toegang.database_onbereikbaar")
        try:
            if context.activity.type == ActivityTypes.invoke:
                await context.send_activity(
                    Activity(
                        type=ActivityTypes.invoke_response,
                        value=InvokeResponse(status=200, body={"statusCode": 200, "type": BERICHT, "value": tekst}),
                    )
                )
            elif context.activity.type == ActivityTypes.message:
                await context.send_activity(tekst)
        except Exception:  # noqa: BLE001 — the channel may be unreachable too
            log.warning("Melding 'database onbereikbaar' kon niet worden verstuurd")
