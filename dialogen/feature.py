"""The plug-in point for a feature (opdrachtgever lookup, bestuursopdracht check, escalatie, ...).

A feature is listed once in `dialogen/register.py`. It owns intents (`dialogen/intenties/<naam>.yaml`:
example sentences the classifier learns from),
texts (`dialogen/teksten/<naam>.yaml`), its dialogs, and card actions named `<naam>.<iets>`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from botbuilder.dialogs import Dialog, DialogContext

from dialogen.featureservices import FeatureServices
from dialogen.herkenning import Herkend


class Feature:
    naam: ClassVar[str]

    def __init__(self, diensten: FeatureServices) -> None:
        self.diensten = diensten

    def dialogen(self) -> list[Dialog]:
        """Dialogs this feature adds to the root DialogSet."""
        return []

    def mag_onderbreken(self, dc: DialogContext) -> bool:
        """While one of this feature's dialogs waits for an answer: may a command of another feature
        (e.g. "statusupdate") end it? Only where nothing typed would be lost, e.g. a choice step."""
        return False

    def beantwoordt_tussendoor(self, herkend: Herkend) -> bool:
        """May this recognised intent of this feature be answered while a dialog waits, after which
        that dialog goes on (a tussenvraag, `dialogen.tussenvraag`)? Only for an intent answered at
        once, without a dialog of its own."""
        return False

    def zekerheid(self, herkend: Herkend) -> float:
        """How sure the classifier is of what this feature is asked, for the router's policy on unsure
        classifications (below `Drempels.onzeker` a text that names a known record goes to the lookup,
        and a confident document passage comes before this feature). By default the intent's own
        score; a feature that tells some of its intents apart itself (by who asks and the words)
        counts their scores together."""
        return herkend.zekerheid

    async def vervolgt(self, dc: DialogContext, herkend: Herkend) -> bool:
        """Does this recognised intent of this feature follow up on this feature's last answer in the
        conversation (escalatie: "en daarna?" after a route)? Then the router gives it to this
        feature first, however unsure the classifier was: a document passage knows no conversation."""
        return False

    async def bij_stop(self, dc: DialogContext) -> str | None:
        """On "stop" while one of this feature's dialogs waits: keep what may be kept (a form parks its
        answers) and return the text to say instead of the general "gestopt", or None."""
        return None

    async def behandel(self, dc: DialogContext, herkend: Herkend) -> bool | None:
        """One of this feature's intents was recognised: start a dialog or answer directly.

        Return `False` when there is no confident answer (and nothing was sent): the router then
        tries the `documenten` feature and finally answers an honest "weet ik niet" with
        suggestions, and logs the question. `None` or `True`: handled. `herkend.zekerheid` and
        `herkend.alternatieven` tell how sure the classifier was."""
        raise NotImplementedError

    async def behandel_actie(self, dc: DialogContext, actie: str, waarde: dict[str, Any]) -> None:
        """An Adaptive Card submit with `"actie": "<naam>.<actie>"`; handle it without relying on
        dialog state (it may come after a restart, twice, or as an invoke)."""
        await dc.context.send_activity(self.diensten.teksten.tekst("algemeen.actie_onbekend"))
