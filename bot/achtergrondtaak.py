"""Stopping a background task (reminders, clean-up) without swallowing the caller's own cancellation."""

from __future__ import annotations

import asyncio
from typing import Any


async def stop(taak: asyncio.Task[Any]) -> None:
    """Cancel `taak` and wait until it has ended. When the caller is itself cancelled meanwhile (a
    shutdown that is cut short), that cancellation goes on up instead of being taken for the task's."""
    taak.cancel()
    try:
        await taak
    except asyncio.CancelledError:
        huidige = asyncio.current_task()
        if huidige is not None and huidige.cancelling():
            raise
