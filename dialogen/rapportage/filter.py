"""What an overview shows: period, directeur, soort onderwerp, which rows (status) and page.

A `Filter` travels statelessly: as the data of a card button (`als_data` / `uit_data`) and as the
typed command of the same button in a chat without cards (`als_tekst` / `uit_tekst`). Values read
back are checked against the kennisbank; anything unknown is dropped, never trusted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from dialogen.teksten import Teksten
from kennisbank.kennisbank import Kennisbank
from kennisbank.rapportage import Rapportage
from kennisbank.zoeken.normaliseren import normaliseer

SIGNALEN = "signalen"
"""Rows: afwijkingen and aandachtspunten, most serious first (the default overview)."""
ONTBREKEND = "ontbrekend"
"""Rows: onderwerpen without an update, per directeur ('wie moet nog')."""
ALLE = "alle"
"""Rows: every onderwerp with its state."""
WEERGAVEN = (SIGNALEN, ONTBREKEND, ALLE)
MAX_PAGINA = 999
_PAGINA = re.compile(r"\bpagina (\d{1,3})\b")


@dataclass(frozen=True)
class Filter:
    periode_id: str
    directeur: str | None = None
    """Persoon id of the ambtelijk opdrachtgever (directeur) on the peildatum."""
    soort: str | None = None
    """Soort onderwerp id."""
    weergave: str = SIGNALEN
    """SIGNALEN, ONTBREKEND, ALLE, or a status id (only onderwerpen with that status)."""
    pagina: int = 1

    def met(self, **velden: Any) -> Filter:
        """A copy with other values; a new selection starts at page 1."""
        if "pagina" not in velden:
            velden["pagina"] = 1
        return replace(self, **velden)

    def als_data(self) -> dict[str, Any]:
        return {
            "periode_id": self.periode_id,
            "directeur": self.directeur or "",
            "soort": self.soort or "",
            "weergave": self.weergave,
            "pagina": self.pagina,
        }

    @property
    def beperkt(self) -> bool:
        """Whether only part of the onderwerpen is counted (directeur or soort chosen)."""
        return bool(self.directeur or self.soort)


def _tekst(waarde: Any) -> str:
    return str(waarde).strip() if isinstance(waarde, (str, int)) else ""


def _pagina(waarde: Any) -> int:
    tekst = _tekst(waarde)
    return min(int(tekst), MAX_PAGINA) if tekst.isdigit() and int(tekst) > 0 else 1


def geldige_weergave(waarde: str, rapportage: Rapportage) -> str | None:
    return waarde if waarde in WEERGAVEN or rapportage.status(waarde) is not None else None


def uit_data(waarde: dict[str, Any], kennisbank: Kennisbank, rapportage: Rapportage, standaard: Filter) -> Filter:
    """A filter from a card submit: the chosen inputs (`filter_*`) win over the button's data."""

    def lees(sleutel: str) -> str:
        invoer = waarde.get(f"filter_{sleutel}")
        return _tekst(invoer if invoer is not None else waarde.get(sleutel))

    periode = rapportage.periode(lees("periode_id")) if lees("periode_id") else None
    directeur = lees("directeur")
    soort = lees("soort")
    weergave = geldige_weergave(lees("weergave"), rapportage)
    return Filter(
        periode_id=periode.id if periode else standaard.periode_id,
        directeur=directeur if kennisbank.persoon(directeur) is not None else None,
        soort=soort if any(s.id == soort for s in kennisbank.organisatie.soorten_onderwerp) else None,
        weergave=weergave or standaard.weergave,
        pagina=_pagina(waarde.get("pagina")),
    )


class FilterTaal:
    """The typed form of a filter: "overzicht rapportage Herfstrapportage 2026 Marcel Kossen
    alleen afwijking pagina 2". Words come from `dialogen/teksten/rapportage.yaml`."""

    def __init__(self, teksten: Teksten, kennisbank: Kennisbank, rapportage: Rapportage) -> None:
        self.teksten = teksten
        self.kennisbank = kennisbank
        self.rapportage = rapportage

    def _t(self, sleutel: str, **velden: Any) -> str:
        return self.teksten.tekst(f"rapportage.{sleutel}", **velden)

    def weergave_woord(self, weergave: str) -> str:
        status = self.rapportage.status(weergave)
        if status is not None:
            return self._t("filter_woord_status", status=status.naam.lower())
        return self._t(f"filter_woord_{weergave}")

    def als_tekst(self, filter_: Filter, directeuren: list[str]) -> str:
        """The command a user would type; `directeuren` are the persoon ids that may be named."""
        periode = self.rapportage.periode(filter_.periode_id)
        delen = [self._t("filter_commando"), periode.naam if periode else filter_.periode_id]
        if filter_.directeur and filter_.directeur in directeuren and (p := self.kennisbank.persoon(filter_.directeur)):
            delen.append(p.naam)
        if filter_.soort:
            delen.append(self.kennisbank.soort_naam(filter_.soort))
        if filter_.weergave != SIGNALEN:
            delen.append(self.weergave_woord(filter_.weergave))
        if filter_.pagina > 1:
            delen.append(self._t("filter_woord_pagina", pagina=filter_.pagina))
        return " ".join(delen)

    def uit_tekst(self, tekst: str, standaard: Filter, directeuren: list[str]) -> Filter:
        """Read the words of a typed overview command; what is not named keeps `standaard`."""
        kern = f" {normaliseer(tekst)} "
        directeur = next(
            (i for i in directeuren if (p := self.kennisbank.persoon(i)) and f" {normaliseer(p.naam)} " in kern), None
        )
        soort = next(
            (
                s.id
                for s in self.kennisbank.organisatie.soorten_onderwerp
                if any(f" {normaliseer(n)} " in kern for n in (s.naam, *s.aliassen))
            ),
            None,
        )
        weergave = standaard.weergave
        for kandidaat in (ONTBREKEND, ALLE, *(s.id for s in self.rapportage.statussen)):
            woorden = (
                [self.weergave_woord(kandidaat), *self.teksten.lijst(f"rapportage.filter_woorden_{kandidaat}")]
                if kandidaat in WEERGAVEN
                else [self.weergave_woord(kandidaat), *self._statuswoorden(kandidaat)]
            )
            if any(f" {normaliseer(w)} " in kern for w in woorden if normaliseer(w)):
                weergave = kandidaat
                break
        pagina = _PAGINA.search(kern)
        return Filter(standaard.periode_id, directeur, soort, weergave, _pagina(pagina.group(1)) if pagina else 1)

    def _statuswoorden(self, status_id: str) -> list[str]:
        status = self.rapportage.status(status_id)
        if status is None:
            return []
        return [woord.format(status=status.naam.lower()) for woord in self.teksten.lijst("rapportage.filter_woorden_status")]
