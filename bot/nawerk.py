"""Work of a turn that outlives its HTTP answer (a slow card invoke, acknowledged after 3.5 s).

The handler announces such work with `Nawerk.meld`; the turn transaction
(`bot.middleware.DubbeleLeveringFilter`) then finishes the turn (state written, activity marked
`klaar`, held replies sent) only when the work is done, in `afronding`. Until then the activity stays
claimed (`bezig`, lease renewed), so a retry waits, or re-runs it when the process died meanwhile.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from botbuilder.core import TurnContext

SLEUTEL = "sturingsbot.nawerk"


@dataclass
class Nawerk:
    werk: asyncio.Future
    """The work itself; its result is True when it succeeded."""
    afronding: asyncio.Future | None = field(default=None)
    """Set by the turn transaction: True once the turn is committed and its replies sent."""

    @classmethod
    def meld(cls, turn_context: TurnContext, werk: asyncio.Future) -> Nawerk:
        nawerk = cls(werk)
        turn_context.turn_state[SLEUTEL] = nawerk
        return nawerk

    @staticmethod
    def van(turn_context: TurnContext) -> Nawerk | None:
        return turn_context.turn_state.get(SLEUTEL)

    async def afgerond(self) -> bool:
        """Wait for the work and the turn's commit; True when both succeeded (without a turn
        transaction: when the work succeeded)."""
        gelukt = await self.werk
        if self.afronding is None:
            return gelukt
        try:
            return bool(await self.afronding) and gelukt
        except Exception:  # noqa: BLE001 — the turn transaction logged it and told the user
            return False
