"""What a conversation remembers for a follow-up question without a name ("wie was het hiervoor?",
"en daarvoor?"): the onderwerpen of the last answer that named any, with the role and the day it
was about; and the escalation route given last with the step the conversation is at, for "en als ze
er dan nog niet uitkomen?" (`Route`). Kept in the conversation state, so it is saved with the turn
and survives a restart.

The composition root builds one per gemeente (`FeatureServices.geheugen`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from botbuilder.core import ConversationState, TurnContext

EIGENSCHAP = "Gespreksgeheugen"
"""Its property in the conversation state (a light one: `bot.sql_storage.LICHTE_EIGENSCHAPPEN`)."""


@dataclass(frozen=True)
class Route:
    """The escalation route given last: its rule, the onderwerp its names were for, and the step
    the conversation is at (1 after the whole route, then the step a follow-up answered)."""

    regel: str
    onderwerp: str | None = None
    stap: int = 1


@dataclass(frozen=True)
class Onthouden:
    onderwerpen: tuple[str, ...] = ()
    """Onderwerp ids of the last answer."""
    rol: str | None = None
    """The role that answer was about (None: not one in particular, ambtelijk by default)."""
    dag: date | None = None
    """The day that answer was about (None: today)."""
    route: Route | None = None
    """The escalation route given last, until an answer about onderwerpen replaces what is remembered."""


class Gespreksgeheugen:
    def __init__(self, conversation_state: ConversationState) -> None:
        self._eigenschap = conversation_state.create_property(EIGENSCHAP)

    async def lees(self, context: TurnContext) -> Onthouden:
        opgeslagen = await self._eigenschap.get(context, dict)
        if not isinstance(opgeslagen, dict):
            return Onthouden()
        ids = opgeslagen.get("onderwerpen")
        dag = opgeslagen.get("dag")
        try:
            dag = date.fromisoformat(dag) if isinstance(dag, str) else None
        except ValueError:
            dag = None
        rol = opgeslagen.get("rol")
        return Onthouden(
            tuple(i for i in ids if isinstance(i, str)) if isinstance(ids, list) else (),
            rol if isinstance(rol, str) else None,
            dag,
            _route(opgeslagen.get("route")),
        )

    async def onthoud(self, context: TurnContext, onthouden: Onthouden) -> None:
        """Plain JSON values only: the state is stored as text."""
        await self._eigenschap.set(
            context,
            {
                "onderwerpen": list(onthouden.onderwerpen),
                "rol": onthouden.rol,
                "dag": onthouden.dag.isoformat() if onthouden.dag else None,
                "route": asdict(onthouden.route) if onthouden.route else None,
            },
        )


def _route(opgeslagen: object) -> Route | None:
    """A stored route, or None for anything else (an older state without one, a damaged value)."""
    if not isinstance(opgeslagen, dict) or not isinstance(opgeslagen.get("regel"), str):
        return None
    onderwerp, stap = opgeslagen.get("onderwerp"), opgeslagen.get("stap")
    return Route(
        opgeslagen["regel"],
        onderwerp if isinstance(onderwerp, str) else None,
        stap if isinstance(stap, int) and not isinstance(stap, bool) and stap >= 1 else 1,
    )
