"""Checks on an incoming request body before the SDK sees it.

Everything here runs before the turn, so a bad request is refused with a 400 and a Dutch reason,
and never reaches the adapter's error handler (which would reset the conversation's dialog).

- JSON that Python cannot read safely (integers of more than 4,300 digits, nesting deeper than
  the C parser allows) and nesting deeper than `MAX_DIEPTE` are refused.
- Strings are cleaned: NUL characters are dropped (PostgreSQL refuses them in text) and lone
  surrogates become U+FFFD (they cannot be encoded as UTF-8).
- The fields the host and the database rely on must have the right shape: ids are strings of at
  most `MAX_ID` characters (the database columns), `channelId` and an http(s) `serviceUrl` are
  present, Teams' `channelData` parts are objects.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DIEPTE = 64
"""Deepest nesting of objects and lists accepted; real activities (with cards) stay below 20."""
MAX_ID = 400
"""Longest id accepted: the length of the id columns in the database."""

_ONVEILIG_IN_ID = re.compile(r"[\x00-\x1f\x7f%{}<>\"\\^`]")
"""Characters no channel puts in an id; they break the connector's URLs (ids are path segments)."""
_TEKSTVELDEN = ("text", "name", "locale", "textFormat", "deliveryMode", "inputHint", "speak", "summary", "action")
_KANAALDATA_OBJECTEN = ("team", "channel", "tenant", "meeting", "settings", "eventType")


class OngeldigeInvoer(ValueError):
    """The request cannot be handled; `sleutel` names the Dutch reason in `toegang.yaml`."""

    def __init__(self, sleutel: str, **velden: Any) -> None:
        super().__init__(sleutel)
        self.sleutel = sleutel
        self.velden = velden


def lees_activiteit(ruw: bytes) -> dict[str, Any]:
    """Parse, clean and check a request body; raises `OngeldigeInvoer` with the reason."""
    try:
        body = json.loads(ruw.decode("utf-8"))
    except RecursionError:
        raise OngeldigeInvoer("te_diep", maximum=MAX_DIEPTE) from None
    except ValueError:  # JSONDecodeError, UnicodeDecodeError, integers over the digit limit
        raise OngeldigeInvoer("geen_json") from None
    body = schoon(body)
    controleer_activiteit(body)
    return body


def schoon(waarde: Any) -> Any:
    """A copy with every string cleaned; raises `OngeldigeInvoer` when nested too deep."""
    return _schoon(waarde, 0)


def _schoon(waarde: Any, diepte: int) -> Any:
    if isinstance(waarde, str):
        return schone_tekst(waarde)
    if isinstance(waarde, (dict, list)):
        if diepte >= MAX_DIEPTE:
            raise OngeldigeInvoer("te_diep", maximum=MAX_DIEPTE)
        if isinstance(waarde, dict):
            return {schone_tekst(k): _schoon(v, diepte + 1) for k, v in waarde.items()}
        return [_schoon(v, diepte + 1) for v in waarde]
    return waarde


def schone_tekst(tekst: str) -> str:
    """Without NUL characters, and with lone surrogates replaced by U+FFFD."""
    if "\x00" in tekst:
        tekst = tekst.replace("\x00", "")
    try:
        tekst.encode("utf-8")
    except UnicodeEncodeError:
        tekst = tekst.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return tekst


def controleer_activiteit(body: Any) -> None:
    """Refuse what the SDK, the Teams handler or the database cannot handle."""
    if not isinstance(body, dict) or not isinstance(body.get("type"), str) or not body["type"]:
        raise OngeldigeInvoer("geen_activiteit")
    gesprek = body.get("conversation")
    if not isinstance(gesprek, dict) or not isinstance(gesprek.get("id"), str) or not gesprek["id"]:
        raise OngeldigeInvoer("geen_gesprek")
    if not isinstance(body.get("channelId"), str) or not body["channelId"].strip():
        raise OngeldigeInvoer("geen_kanaal")
    service_url = body.get("serviceUrl")
    if not isinstance(service_url, str) or not service_url.startswith(("https://", "http://")):
        raise OngeldigeInvoer("geen_service_url")
    for naam in _TEKSTVELDEN:
        if body.get(naam) is not None and not isinstance(body[naam], str):
            raise OngeldigeInvoer("veld_ongeldig", veld=naam)
    for naam in ("from", "recipient"):
        if body.get(naam) is not None and not isinstance(body[naam], dict):
            raise OngeldigeInvoer("veld_ongeldig", veld=naam)
    ids = {
        "id": body.get("id"),
        "replyToId": body.get("replyToId"),
        "channelId": body.get("channelId"),
        "conversation.id": gesprek.get("id"),
        "from.id": (body.get("from") or {}).get("id"),
        "from.aadObjectId": (body.get("from") or {}).get("aadObjectId"),
        "recipient.id": (body.get("recipient") or {}).get("id"),
    }
    for veld, waarde in ids.items():
        if waarde is None:
            continue
        if not isinstance(waarde, str) or _ONVEILIG_IN_ID.search(waarde):
            raise OngeldigeInvoer("veld_ongeldig", veld=veld)
        if len(waarde) > MAX_ID:
            raise OngeldigeInvoer("id_te_lang", veld=veld, maximum=MAX_ID)
    for naam in ("entities", "attachments", "membersAdded", "membersRemoved"):
        lijst = body.get(naam)
        if lijst is not None and (not isinstance(lijst, list) or not all(isinstance(i, dict) for i in lijst)):
            raise OngeldigeInvoer("veld_ongeldig", veld=naam)
    for entiteit in body.get("entities") or []:
        if str(entiteit.get("type", "")).lower() == "mention":
            genoemd = entiteit.get("mentioned")
            if not isinstance(genoemd, dict) or not isinstance(genoemd.get("id"), str):
                raise OngeldigeInvoer("veld_ongeldig", veld="entities.mentioned")
    for naam in ("membersAdded", "membersRemoved"):
        for lid in body.get(naam) or []:
            if not isinstance(lid.get("id"), str) or not lid["id"] or len(lid["id"]) > MAX_ID:
                raise OngeldigeInvoer("veld_ongeldig", veld=f"{naam}.id")
    kanaaldata = body.get("channelData")
    if kanaaldata is not None:
        if not isinstance(kanaaldata, dict):
            raise OngeldigeInvoer("veld_ongeldig", veld="channelData")
        for naam in _KANAALDATA_OBJECTEN:
            deel = kanaaldata.get(naam)
            if naam == "eventType":
                if deel is not None and not isinstance(deel, str):
                    raise OngeldigeInvoer("veld_ongeldig", veld="channelData.eventType")
            elif deel is not None and not isinstance(deel, dict):
                raise OngeldigeInvoer("veld_ongeldig", veld=f"channelData.{naam}")
