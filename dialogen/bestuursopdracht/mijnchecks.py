"""'mijn checks' as an Adaptive Card: the user's checks, newest first, filtered by advies, with paging.

Buttons carry their state (`bestuursopdracht.mijn_checks` with `advies` and `pagina`) and the typed
command ("mijn checks twijfel pagina 2"), so the card works after a restart, twice, as an invoke,
and as text in the console (`dialogen.kaarten_tekst`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from botbuilder.schema import Attachment

from db.modellen.bestuursopdracht import BestuursopdrachtCheck
from dialogen.bestuursopdracht.weergave import CheckWeergave
from dialogen.kaarten import adaptive_card, submit_actie
from dialogen.kaarten_tekst import GETYPT
from dialogen.opmaak import letterlijk
from kennisbank.bestuursopdracht import Uitkomst
from kennisbank.zoeken.normaliseren import normaliseer

ACTIE = "bestuursopdracht.mijn_checks"
PER_PAGINA = 8
MAX_CHECKS = 500
"""Checks read for one card (newest first); older ones are in the beheerder's CSV export."""
_PAGINA = re.compile(r"\bpagina (\d{1,3})\b")


def lees_filter(waarde: dict[str, Any]) -> tuple[str | None, int]:
    """(advies or None, page) from card data; unknown values are dropped."""
    advies = waarde.get("advies")
    advies = advies if advies in {u.value for u in Uitkomst} else None
    pagina = str(waarde.get("pagina") or "1")
    return advies, min(int(pagina), 999) if pagina.isdigit() and int(pagina) > 0 else 1


def filter_uit_tekst(tekst: str, w: CheckWeergave) -> tuple[str | None, int]:
    """(advies or None, page) from a typed "mijn checks niet nodig pagina 2"."""
    kern = f" {normaliseer(tekst)} "
    # the longest word first: "niet nodig" before "nodig"
    woorden = sorted(((normaliseer(w.t(f"mijn_checks_woord_{u.value}")), u.value) for u in Uitkomst), key=lambda x: -len(x[0]))
    advies = next((u for woord, u in woorden if f" {woord} " in kern), None)
    pagina = _PAGINA.search(kern)
    return advies, min(int(pagina.group(1)), 999) if pagina and int(pagina.group(1)) > 0 else 1


def checks_kaart(w: CheckWeergave, checks: Sequence[BestuursopdrachtCheck], advies: str | None, pagina: int) -> Attachment:
    gekozen = [c for c in checks if advies is None or c.advies == advies]
    aantal_paginas = max(1, -(-len(gekozen) // PER_PAGINA))
    pagina = min(max(pagina, 1), aantal_paginas)
    body: list[dict[str, Any]] = [{"type": "TextBlock", "text": w.t("mijn_checks_kop"), "wrap": True, "size": "Medium"}]
    if advies:
        body.append(
            {
                "type": "TextBlock",
                "text": w.t("mijn_checks_filter", advies=w.advies_titel(advies)),
                "wrap": True,
                "isSubtle": True,
            }
        )
    if not gekozen:
        body.append(
            {"type": "TextBlock", "text": w.t("mijn_checks_leeg" if not checks else "mijn_checks_geen_met_filter"), "wrap": True}
        )
    for check in gekozen[(pagina - 1) * PER_PAGINA : pagina * PER_PAGINA]:
        body.append(
            {
                "type": "Container",
                "separator": True,
                "items": [
                    {
                        "type": "TextBlock",
                        "wrap": True,
                        "text": w.t(
                            "mijn_checks_regel",
                            moment=w.moment(check.uitgevoerd_op),
                            opdracht=letterlijk(check.opdracht),
                            advies=w.advies_titel(check.advies),
                            aantal=check.aantal_geldend,
                            totaal=len(check.antwoorden),
                        ),
                    }
                ],
            }
        )
    if aantal_paginas > 1:
        body.append(
            {
                "type": "TextBlock",
                "text": w.t("mijn_checks_pagina", nummer=pagina, aantal=aantal_paginas),
                "isSubtle": True,
                "wrap": True,
            }
        )
    if checks:
        body.append({"type": "TextBlock", "text": w.t("mijn_checks_slot"), "isSubtle": True, "wrap": True, "size": "Small"})
    acties = []
    if pagina > 1:
        acties.append(_knop(w, w.t("mijn_checks_vorige"), advies, pagina - 1))
    if pagina < aantal_paginas:
        acties.append(_knop(w, w.t("mijn_checks_volgende"), advies, pagina + 1))
    if checks:
        for uitkomst in (None, *(u.value for u in Uitkomst)):
            if uitkomst != advies:
                titel = w.t("mijn_checks_alle") if uitkomst is None else w.t(f"mijn_checks_woord_{uitkomst}").capitalize()
                acties.append(_knop(w, titel, uitkomst, 1))
    return adaptive_card(body, acties[:6])


def _knop(w: CheckWeergave, titel: str, advies: str | None, pagina: int) -> dict[str, Any]:
    woorden = [w.t("mijn_checks_commando")]
    if advies:
        woorden.append(w.t(f"mijn_checks_woord_{advies}"))
    if pagina > 1:
        woorden.append(w.t("mijn_checks_woord_pagina", pagina=pagina))
    data = {"actie": ACTIE, "advies": advies or "", "pagina": pagina, GETYPT: " ".join(woorden)}
    return {**submit_actie(titel, data), "associatedInputs": "none"}
