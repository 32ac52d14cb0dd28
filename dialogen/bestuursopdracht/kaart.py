"""The Adaptive Card (1.5) of the check: every criterium a toggle with its explanation, a note
(the form slots of `dialogen.bestuursopdracht.dialoog`), and submit data that carries everything needed to handle it statelessly (sleutel, opdracht, kenmerk)."""

from __future__ import annotations

from typing import Any

from botbuilder.schema import Attachment

from dialogen.bestuursopdracht.weergave import CheckWeergave
from dialogen.formulier import Slot, kaartvelden
from dialogen.kaarteigenaar import VOOR
from dialogen.kaarten import adaptive_card, submit_actie
from dialogen.opmaak import letterlijk

NAAM = "bestuursopdracht"
ACTIE_BEOORDEEL = f"{NAAM}.beoordeel"
ACTIE_OPNIEUW = f"{NAAM}.opnieuw"
ACTIE_ANNULEER = f"{NAAM}.annuleer"
INPUT_VOORVOEGSEL = "criterium_"
INPUT_NOTITIE = "notitie"
MAX_NOTITIE = 2000


def input_id(criterium_id: str) -> str:
    return f"{INPUT_VOORVOEGSEL}{criterium_id}"


def geldende_ids(waarde: dict[str, Any]) -> list[str]:
    """The criterium ids switched on in a submit (toggle value "true")."""
    return [
        sleutel.removeprefix(INPUT_VOORVOEGSEL)
        for sleutel, aan in waarde.items()
        if sleutel.startswith(INPUT_VOORVOEGSEL) and str(aan).lower() == "true"
    ]


def check_kaart(
    weergave: CheckWeergave,
    slots: list[Slot],
    *,
    sleutel: str,
    opdracht: str,
    onderwerp_id: str | None,
    koppeling: str,
    voor: str,
) -> Attachment:
    """The card for one person (`voor`, see dialogen.kaarteigenaar): only they may submit it. Its
    inputs are the check's form slots (`CheckDialogen.kaartslots`), drawn by `dialogen.formulier`."""
    kader = weergave.kader
    body: list[dict[str, Any]] = [
        {
            "type": "TextBlock",
            "text": weergave.t("kaart_titel", opdracht=letterlijk(opdracht)),
            "wrap": True,
            "size": "Medium",
            "weight": "Bolder",
        },
        {"type": "TextBlock", "text": koppeling, "wrap": True, "isSubtle": True},
        {"type": "TextBlock", "text": weergave.drempel_tekst("kaart_uitleg"), "wrap": True},
        *kaartvelden(slots),
        {
            "type": "TextBlock",
            "text": weergave.t("bron", bron="; ".join(weergave.bronnen(c.bron for c in kader.criteria))),
            "wrap": True,
            "isSubtle": True,
            "size": "Small",
        },
    ]
    gegevens = {"sleutel": sleutel, "opdracht": opdracht, "onderwerp_id": onderwerp_id, "kenmerk": kader.kenmerk, VOOR: voor}
    acties = [
        submit_actie(weergave.t("kaart_versturen"), {"actie": ACTIE_BEOORDEEL, **gegevens}, stijl="positive"),
        _zonder_invoer(submit_actie(weergave.t("kaart_opnieuw"), {"actie": ACTIE_OPNIEUW, **gegevens})),
        _zonder_invoer(submit_actie(weergave.t("kaart_annuleren"), {"actie": ACTIE_ANNULEER, **gegevens})),
    ]
    return adaptive_card(body, acties)


def melding_kaart(tekst: str) -> Attachment:
    """A card with one line, to replace a card that may not be submitted again."""
    return adaptive_card([{"type": "TextBlock", "text": tekst, "wrap": True}])


def _zonder_invoer(actie: dict[str, Any]) -> dict[str, Any]:
    """Buttons that must not send (or validate) the inputs."""
    return {**actie, "associatedInputs": "none"}
