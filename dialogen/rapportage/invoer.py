"""What a manager submits for one onderwerp, checked against the kennisbank rules.

Card inputs and text answers both end up as a raw dict (the form's field names: `financieel`,
`bedrag`); `valideer` turns it into an unsaved `Statusupdate` (the stored record's own type, with
only its content) or a list of `Fout`s (a text key in `dialogen/teksten/rapportage.yaml` plus its
fields); `als_data` is the way back, for card data and dialog state. Nothing here talks to the
channel or the database.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from db.modellen.rapportage import Financieel, Statusupdate
from kennisbank.bedragen import BedragFout, formatteer_bedrag, lees_bedrag, twee_lezingen
from kennisbank.rapportage import Rapportage

GEEN = "geen"
"""The form's answer for 'no financial effect' (stored as no `financieel_soort`)."""
MAX_TEKST = 4000


@dataclass(frozen=True)
class Fout:
    veld: str
    sleutel: str
    """Text key without the 'rapportage.' prefix, e.g. 'fout_toelichting_verplicht'."""
    velden: tuple[tuple[str, str], ...] = ()


def financieel_sleutel(soort: str | None) -> str:
    """The text key (without 'rapportage.') naming a financial kind; a kind this version doesn't know
    (stored by a newer version, `db.base.OnbekendeWaarde`) gets the neutral 'financieel_onbekend'."""
    return f"financieel_{soort or GEEN}" if (soort or GEEN) in (GEEN, *Financieel) else "financieel_onbekend"


def als_data(update: Statusupdate) -> dict[str, str]:
    """Plain strings for card data and dialog state (JSON-safe, read back by `valideer`)."""
    return {
        "onderwerp_id": update.onderwerp_id,
        "periode_id": update.periode_id,
        "status": update.status,
        "toelichting": update.toelichting or "",
        "financieel": str(update.financieel_soort or GEEN),  # plain text, also for an OnbekendeWaarde
        "bedrag": formatteer_bedrag(update.financieel_bedrag) if update.financieel_bedrag is not None else "",
        "maatregel": update.maatregel or "",
    }


def vingerafdruk(update: Statusupdate) -> str:
    """Short hash of the content (`Statusupdate.inhoud`): part of the idempotency key, so a changed
    update is a new one and the same one sent twice is stored once."""
    inhoud = json.dumps({k: str(v) for k, v in update.inhoud().items()}, sort_keys=True)
    return hashlib.sha256(inhoud.encode()).hexdigest()[:16]


def _tekst(waarde: Any) -> str | None:
    if waarde is None:
        return None
    tekst = str(waarde).strip()
    return tekst or None


def zegt_iets(tekst: str | None) -> str | None:
    """The text if it has a letter or digit; "-", "x", "." and the like say nothing."""
    if tekst is None or not any(teken.isalnum() for teken in tekst):
        return None
    if len(tekst) == 1 and tekst.casefold() in "x":
        return None
    return tekst


def valideer(ruw: dict[str, Any], rapportage: Rapportage) -> tuple[Statusupdate | None, list[Fout]]:
    """Check a submission: known status, required toelichting/maatregel, a sane amount."""
    fouten: list[Fout] = []
    status = rapportage.status(_tekst(ruw.get("status"))) or rapportage.zoek_status(_tekst(ruw.get("status")) or "")
    if status is None:
        fouten.append(Fout("status", "fout_status"))
    toelichting = zegt_iets(_tekst(ruw.get("toelichting")))
    maatregel = zegt_iets(_tekst(ruw.get("maatregel")))
    for veld, waarde in (("toelichting", toelichting), ("maatregel", maatregel)):
        if waarde is not None and len(waarde) > MAX_TEKST:
            fouten.append(Fout(veld, "fout_te_lang", (("maximum", str(MAX_TEKST)),)))
    if status is not None and status.toelichting_verplicht and toelichting is None:
        fouten.append(Fout("toelichting", "fout_toelichting_verplicht", (("status", status.naam),)))
    if status is not None and status.maatregel_verplicht and maatregel is None:
        fouten.append(Fout("maatregel", "fout_maatregel_verplicht", (("status", status.naam),)))
    soort = (_tekst(ruw.get("financieel")) or GEEN).casefold()
    bedrag_tekst = _tekst(ruw.get("bedrag"))
    bedrag: Decimal | None = None
    if soort not in (GEEN, *Financieel):
        fouten.append(Fout("financieel", "fout_financieel"))
    elif soort == GEEN:
        if bedrag_tekst is not None:
            fouten.append(Fout("financieel", "fout_bedrag_zonder_soort"))
    elif bedrag_tekst is None:
        fouten.append(Fout("bedrag", "fout_bedrag_verplicht", (("soort", soort),)))
    else:
        try:
            bedrag = lees_bedrag(bedrag_tekst, rapportage.bedragen.maximum)
        except BedragFout as fout:
            velden: tuple[tuple[str, str], ...] = (
                ("invoer", bedrag_tekst),
                ("maximum", formatteer_bedrag(rapportage.bedragen.maximum)),
            )
            lezingen = twee_lezingen(bedrag_tekst) if fout.reden == "dubbelzinnig" else None
            if lezingen is not None:  # ask which one: "Bedoel je € 1,20 of € 1.200?"
                velden += (("klein", formatteer_bedrag(lezingen[0])), ("groot", formatteer_bedrag(lezingen[1])))
                fouten.append(Fout("bedrag", "bedrag_welke", velden))
            else:
                fouten.append(Fout("bedrag", f"bedrag_{fout.reden}", velden))
    onderwerp_id, periode_id = _tekst(ruw.get("onderwerp_id")), _tekst(ruw.get("periode_id"))
    if onderwerp_id is None or periode_id is None:
        fouten.append(Fout("onderwerp", "fout_onvolledig"))
    if fouten or status is None or onderwerp_id is None or periode_id is None:
        return None, fouten
    return (
        Statusupdate(
            onderwerp_id=onderwerp_id,
            periode_id=periode_id,
            status=status.id,
            toelichting=toelichting,
            financieel_soort=None if soort == GEEN else Financieel(soort),
            financieel_bedrag=bedrag,
            maatregel=maatregel,
        ),
        [],
    )
