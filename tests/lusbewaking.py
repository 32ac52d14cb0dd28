"""Watchdog for the tests' event loops: a loop that cannot close fails its test instead of stalling the run.

pytest-asyncio closes each test's loop with `asyncio.Runner.close()`. On Python 3.11 that cancels the
tasks the test left behind and waits for them without a bound, then waits for the loop's default
executor threads without a bound. A task that swallows its cancellation, or a thread that never
returns, then stalls the whole run with idle workers (seen twice at 97-99 %: in CI that is a timeout
after 90 minutes without a name). Here both waits are bounded (`WACHTTIJD`); what is left is printed
with its stack, at once on the worker's stderr and in the test's error, and the test fails.
"""

from __future__ import annotations

import asyncio
import asyncio.base_events
import asyncio.runners
import contextlib
import io
import sys
import threading
import traceback
from typing import Any

WACHTTIJD = 20.0
"""Seconds a test's leftover tasks get to finish after their cancellation, and its executor threads to end."""


class LusSluitFout(RuntimeError):
    """A test's event loop did not close: its leftover tasks or threads are named in the message."""


UITVOER: Any = sys.__stderr__
"""Where a report is printed at once, so it is seen even when the worker never reports again."""


def _meld(bericht: str) -> LusSluitFout:
    print(bericht, file=UITVOER, flush=True)
    return LusSluitFout(bericht)


def _taakstapels(taken: set[asyncio.Task[Any]]) -> str:
    uit = io.StringIO()
    for taak in taken:
        uit.write(f"\n--- {taak!r}\n")
        taak.print_stack(file=uit)
    return uit.getvalue()


def _begrensd_annuleren(loop: asyncio.AbstractEventLoop) -> None:
    """`asyncio.runners._cancel_all_tasks`, with a bound on the wait."""
    te_annuleren = asyncio.all_tasks(loop)
    if not te_annuleren:
        return
    for taak in te_annuleren:
        taak.cancel()
    _, blijvers = loop.run_until_complete(asyncio.wait(te_annuleren, timeout=WACHTTIJD))
    if blijvers:
        raise _meld(f"{len(blijvers)} taak/taken stopte(n) niet binnen {WACHTTIJD:.0f} s na annuleren:{_taakstapels(blijvers)}")
    for taak in te_annuleren:
        if not taak.cancelled() and taak.exception() is not None:
            loop.call_exception_handler(
                {"message": "unhandled exception during test loop shutdown", "exception": taak.exception(), "task": taak}
            )


async def _begrensd_executor_sluiten(self: asyncio.base_events.BaseEventLoop) -> None:
    """`BaseEventLoop.shutdown_default_executor`, with a bound on the wait (as Python 3.12 has)."""
    self._executor_shutdown_called = True  # type: ignore[attr-defined]
    uitvoerder = self._default_executor  # type: ignore[attr-defined]
    if uitvoerder is None:
        return
    draden = list(getattr(uitvoerder, "_threads", ()))
    klaar = self.create_future()

    def gereed() -> None:
        if not klaar.done():
            klaar.set_result(None)

    def sluit() -> None:
        uitvoerder.shutdown(wait=True)
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile (after a timeout)
            self.call_soon_threadsafe(gereed)

    threading.Thread(target=sluit, daemon=True, name="lusbewaking-executor").start()
    try:
        await asyncio.wait_for(asyncio.shield(klaar), WACHTTIJD)
    except TimeoutError:
        stapels = sys._current_frames()
        levend = [d for d in draden if d.is_alive()]
        tekst = "".join(
            f"\n--- {d.name}\n{''.join(traceback.format_stack(stapels[d.ident]))}" for d in levend if d.ident in stapels
        )
        raise _meld(f"{len(levend)} executor-draad/draden eindigde(n) niet binnen {WACHTTIJD:.0f} s:{tekst}") from None


def installeer() -> None:
    asyncio.runners._cancel_all_tasks = _begrensd_annuleren  # type: ignore[attr-defined]
    asyncio.base_events.BaseEventLoop.shutdown_default_executor = _begrensd_executor_sluiten  # type: ignore[method-assign]
