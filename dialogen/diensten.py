"""The services every feature receives through its constructor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.gemeente import STANDAARD_GEMEENTE
from dialogen.teksten import Teksten
from kennisbank.kennisbank import Kennisbank


@dataclass
class Diensten:
    kennisbank: Kennisbank
    sessies: async_sessionmaker[AsyncSession]
    teksten: Teksten
    klok: Callable[[], datetime]
    """Now, timezone-aware; tests replace it to set the date."""
    extra: dict[str, Any]
    """Shared per-app objects a feature builds once (e.g. the Zoeker), keyed by name."""
    gemeente: str = STANDAARD_GEMEENTE
    """The gemeente these services belong to; `sessies` already see only its rows (`db.gemeente`)."""
