"""Teams specifics that don't belong in the dialogs: group-chat mentions and card replacement."""

from __future__ import annotations

import re

from botbuilder.schema import Activity, ActivityTypes

BERICHT = "application/vnd.microsoft.activity.message"
"""Invoke response type: show a short message to the user."""
GROEPSGESPREKKEN = frozenset({"channel", "groupChat"})
_MENTION_TAG = re.compile(r"<at>[^<]*</at>", re.IGNORECASE)
"""Linear: from each '<at>' it looks no further than the next '<' (a name has no '<' in Teams' markup)."""


def is_groepsgesprek(activity: Activity) -> bool:
    soort = activity.conversation.conversation_type if activity.conversation else None
    return soort in GROEPSGESPREKKEN


def bot_genoemd(activity: Activity) -> bool:
    """True when the bot (the recipient) is @mentioned in the message."""
    if activity.recipient is None:
        return False
    for entiteit in activity.entities or []:
        if (entiteit.type or "").lower() != "mention":
            continue
        gegevens = entiteit.additional_properties or {}  # the SDK keeps 'mentioned' here
        genoemd = gegevens.get("mentioned") or {}
        if genoemd.get("id") == activity.recipient.id:
            return True
    return False


def verwijder_mentions(activity: Activity) -> str:
    """The text without the bot's @mention (and stray <at> tags), trimmed; '' for no text."""
    tekst = activity.text or ""
    if activity.recipient is not None and tekst:
        # Literal replacement, linear. (The SDK's remove_recipient_mention builds a regex from the
        # sender-supplied mention text; it only works by accident, because it html-escapes first.)
        for entiteit in activity.entities or []:
            gegevens = getattr(entiteit, "additional_properties", None) or {}
            genoemd = gegevens.get("mentioned") if isinstance(gegevens, dict) else None
            naam = gegevens.get("text") if isinstance(genoemd, dict) and genoemd.get("id") == activity.recipient.id else None
            if isinstance(naam, str) and naam:
                tekst = tekst.replace(naam, " ")
    tekst = _MENTION_TAG.sub(" ", tekst)
    return " ".join(tekst.split())


def kaart_update(origineel_id: str, bijlage) -> Activity:
    """An activity that replaces the message `origineel_id` (a submitted card) in place."""
    return Activity(type=ActivityTypes.message, id=origineel_id, attachments=[bijlage])
