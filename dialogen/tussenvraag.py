"""A question asked in between ("tussenvraag") while a dialog waits: answered, then the dialog goes on.

A guided step (a criterium of the check, the status of a statusupdate) waits for its answer. A user
who asks something else meanwhile ("wat doet een gedelegeerd opdrachtgever eigenlijk") gets the
answer, and then the same question again ("We gaan verder met de check.") with every earlier answer
kept. The step machinery (`dialogen.formulier.FormulierDialoog`) knows whether a message is a valid
answer; this module decides whether it is a question to answer aside, and answers it. A message is a
tussenvraag when:
- the waiting step cannot read it as its answer: ja/nee/weet ik niet, a choice, a date, an amount,
  and the step's own words (terug, "vraag 2 moest ja zijn") always go to the step;
- it is recognised with confidence (a command rule, or `zekerheid` >= `ZEKER` and `nabijheid` >=
  `NABIJ`) as an intent whose feature answers at once, without a dialog of its own
  (`Feature.beantwoordt_tussendoor`: lookups, uitleg, documenten, escalation routes, rapportage facts,
  the check's own facts). A command that starts another dialog keeps the router's rules
  (`Feature.mag_onderbreken`); stop, opnieuw and help are handled by the router before any dialog.

A free-text step (a toelichting, the check's note, the opdracht's name) takes any text as its answer.
There only a message that plainly reads as one question (`leest_als_vraag`: ends in "?" or opens with
a question word, one sentence) and is recognised as above counts, and it is not answered at once:
the step asks back "Is dit je antwoord op de vraag, of wil je dat ik dit beantwoord?" and holds the
text, so nothing needs typing again. Asking beats guessing here: a toelichting answered as if it
were a question would have to be typed again, and a question stored as a toelichting ends up in the
rapportage that a controller reads; one click costs less than either.

The side answer runs on a dialog stack of its own (a fresh `DialogState`), never on the waiting
one: that stack and its answers are left as they were and stored with the turn as always (a Teams
retry of the activity is dropped by the turn's dedupe, `bot.middleware`). A side answer that would
open a dialog of its own ("Bedoelde je A of B?") offers it as buttons only (`keuzevraag.ALLEEN_KNOPPEN`):
each button sends a full question, which is again a tussenvraag, and a typed "nee" is the waiting
step's answer, as the last question the user saw was that step's.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping

from botbuilder.core import TurnContext
from botbuilder.dialogs import DialogContext, DialogSet, DialogState

from dialogen.feature import Feature
from dialogen.formulier import HERKEND
from dialogen.herkenning import Herkend
from dialogen.keuzevraag import ALLEEN_KNOPPEN
from dialogen.teksten import Teksten
from kennisbank.zoeken.normaliseren import normaliseer

WACHTENDE_DIALOOG = "sturingsbot.wachtende_dialoog"
"""Turn state while a side answer is given: the id of the dialog that waits (`wachtende_dialoog`)."""
ZEKER = 0.9
"""A classified message counts as a tussenvraag only this sure (as sure as a command that interrupts)."""
NABIJ = 0.4
"""... and only this close to an example sentence (above the out-of-scope threshold of 0.3: a
message barely in scope, "waarom vraag je dat", is more likely a reaction to the step)."""
_VOLGENDE_ZIN = re.compile(r"[.!?;]\s+\S")
"""A sentence end before the end of the text: several sentences read as a toelichting, not a question."""


def vraagwoorden(teksten: Teksten) -> frozenset[str]:
    """The question words a sentence may open with (`formulier.vraagwoorden`), normalised, for `leest_als_vraag`."""
    return frozenset(normaliseer(w) for w in teksten.lijst("formulier.vraagwoorden"))


def leest_als_vraag(tekst: str, vraagwoorden: frozenset[str]) -> bool:
    """One sentence that ends in "?" or opens with a question word ("wie is ...", "hoe vaak ...")."""
    tekst = tekst.strip()
    woorden = normaliseer(tekst).split()
    if not woorden or _VOLGENDE_ZIN.search(tekst.rstrip("?!. ")):
        return False
    return tekst.endswith("?") or woorden[0] in vraagwoorden


def wachtende_dialoog(context: TurnContext) -> str | None:
    """While a question asked in between is answered: the id of the dialog that waits (the check
    does not say "typ bestuursopdracht check" while it runs); otherwise None."""
    wachtend = context.turn_state.get(WACHTENDE_DIALOOG)
    return wachtend if isinstance(wachtend, str) else None


class Tussenvragen:
    """The router's side (`FeatureServices.tussenvragen`): recognise a tussenvraag, and answer one
    with the router's usual routing on a dialog stack of its own."""

    def __init__(
        self,
        herken: Callable[[str], Herkend],
        features: Mapping[str, Feature],
        beantwoord: Callable[[DialogContext, Herkend], Awaitable[None]],
        dialogen: DialogSet,
        vraagwoorden: frozenset[str],
    ) -> None:
        self._herken = herken
        self._features = features
        self._beantwoord = beantwoord
        self._dialogen = dialogen
        self._vraagwoorden = vraagwoorden

    def is_tussenvraag(self, context: TurnContext, tekst: str, *, vrij: bool = False) -> bool:
        """Is `tekst` (a message the waiting step cannot read, or with `vrij` a free-text step's
        answer) a question to answer aside? See the module's docstring."""
        herkend = self.herkend(context, tekst)
        feature = self._features.get(herkend.feature)
        if feature is None or not feature.beantwoordt_tussendoor(herkend):
            return False
        if not herkend.door_regel and (herkend.zekerheid < ZEKER or herkend.nabijheid < NABIJ):
            return False
        return not vrij or leest_als_vraag(tekst, self._vraagwoorden)

    async def beantwoord(self, context: TurnContext, tekst: str, *, wachtend: str | None = None) -> None:
        """Answer `tekst` as if no dialog waited, without touching the waiting dialog's stack.
        `wachtend`: the id of the dialog that waits, for an answer that should not point the user
        at what is already under way (`wachtende_dialoog`)."""
        apart = DialogContext(self._dialogen, context, DialogState())
        context.turn_state[ALLEEN_KNOPPEN] = True
        context.turn_state[WACHTENDE_DIALOOG] = wachtend
        try:
            await self._beantwoord(apart, self.herkend(context, tekst))
        finally:
            context.turn_state.pop(ALLEEN_KNOPPEN, None)
            context.turn_state.pop(WACHTENDE_DIALOOG, None)

    def herkend(self, context: TurnContext, tekst: str) -> Herkend:
        """What the router recognised in this turn's message, or in `tekst` when that is another text."""
        herkend = context.turn_state.get(HERKEND)
        if isinstance(herkend, Herkend) and tekst.strip() == (context.activity.text or "").strip():
            return herkend
        return self._herken(tekst)
