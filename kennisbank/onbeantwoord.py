"""The learning loop: group the questions the bot could not answer confidently, and say per group
which one-line edit in the kennisbank teaches it.

Pure logic (no database, no environment): `bot/cli/onbeantwoord.py` reads the logged questions
and prints `rapport(groepeer(vragen), kennisbank_map)`. A group is the questions whose texts are
alike, shown with the nearest candidate most of them had (an intent, onderwerp, person, rol,
begrip); its edit is an example sentence for `<kennisbank>/intenties/<functie>.yaml` or an alias in
the record's file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from rapidfuzz import fuzz

GELIJK = 70
"""Texts at least this alike (rapidfuzz token_set_ratio, 0–100) share a group."""

_BESTAND_PER_SOORT = {
    "onderwerp": "onderwerpen.yaml",
    "persoon": "personen.yaml",
    "rol": "rollen.yaml",
    "begrip": "begrippen.yaml",
    "soort_werk": "soorten_werk.yaml",
}


@dataclass(frozen=True)
class OnbeantwoordeVraag:
    vraag: str
    kern: str
    uitkomst: str
    kandidaten: Sequence[dict] = ()
    gesteld_op: datetime | None = None

    @property
    def naaste(self) -> dict | None:
        """The best candidate the bot considered (intent or record), if any."""
        return self.kandidaten[0] if self.kandidaten else None


@dataclass
class Groep:
    vragen: list[OnbeantwoordeVraag] = field(default_factory=list)

    @property
    def naaste(self) -> dict | None:
        """The nearest candidate most questions of the group had (the first of them on a tie)."""
        kandidaten = [v.naaste for v in self.vragen if v.naaste]
        if not kandidaten:
            return None
        sleutels = [(k.get("soort"), k.get("id")) for k in kandidaten]
        beste = max(dict.fromkeys(sleutels), key=sleutels.count)
        return kandidaten[sleutels.index(beste)]

    @property
    def voorbeeld(self) -> OnbeantwoordeVraag:
        """The shortest question: the clearest example sentence or alias."""
        return min(self.vragen, key=lambda v: (len(v.vraag), v.vraag))


def groepeer(vragen: Iterable[OnbeantwoordeVraag], gelijk: int = GELIJK) -> list[Groep]:
    """Alike texts share a group (the same question typed twice, with or without a greeting); the
    largest group first. A group's nearest candidate is the one most of its questions had."""
    groepen: list[Groep] = []
    for vraag in vragen:
        for groep in groepen:
            if fuzz.token_set_ratio(vraag.kern, groep.vragen[0].kern) >= gelijk:
                groep.vragen.append(vraag)
                break
        else:
            groepen.append(Groep([vraag]))
    return sorted(groepen, key=lambda g: (-len(g.vragen), g.voorbeeld.vraag))


def bewerking(groep: Groep, kennisbank_map: str) -> str:
    """The exact one-line edit a maintainer can make for this group."""
    naaste = groep.naaste
    voorbeeld = groep.voorbeeld
    if naaste is None:
        return (
            f"voeg in {kennisbank_map}/intenties/<functie>.yaml bij de intentie die dit had moeten beantwoorden "
            f"toe onder voorbeelden:  - {_yaml(voorbeeld.vraag)}"
        )
    if naaste.get("soort") == "intentie":
        functie, _, intentie = str(naaste.get("id")).partition(".")
        return (
            f"voeg in {kennisbank_map}/intenties/{functie}.yaml bij '- intentie: {intentie}' "
            f"toe onder voorbeelden:  - {_yaml(voorbeeld.vraag)}"
        )
    bestand = _BESTAND_PER_SOORT.get(str(naaste.get("soort")), "de kennisbank")
    return (
        f"als '{naaste.get('naam')}' bedoeld is: voeg in {kennisbank_map}/{bestand} bij id '{naaste.get('id')}' "
        f"toe onder aliassen:  - {_yaml(voorbeeld.kern)}"
    )


def rapport(groepen: list[Groep], kennisbank_map: str) -> list[str]:
    """Readable lines: per group its size, nearest candidate, the questions and the edit."""
    regels: list[str] = []
    for nummer, groep in enumerate(groepen, start=1):
        naaste = groep.naaste
        if naaste is None:
            dichtst = "geen kandidaat"
        elif naaste.get("soort") == "intentie":
            dichtst = f"dichtstbijzijnde intentie: {naaste.get('id')} ({float(naaste.get('score', 0)):.2f})"
        else:
            dichtst = f"dichtstbijzijnde {naaste.get('soort')}: {naaste.get('naam')} ({float(naaste.get('score', 0)):.2f})"
        regels.append(f"{nummer}. {len(groep.vragen)}x — {dichtst}")
        for vraag in groep.vragen[:5]:
            wanneer = f"{vraag.gesteld_op:%Y-%m-%d %H:%M}  " if vraag.gesteld_op else ""
            regels.append(f"   {wanneer}{vraag.vraag}")
        if len(groep.vragen) > 5:
            regels.append(f"   … en nog {len(groep.vragen) - 5}")
        regels.append(f"   → {bewerking(groep, kennisbank_map)}")
        regels.append("")
    return regels


def _yaml(tekst: str) -> str:
    """The text as a safe YAML list item (quoted when needed)."""
    tekst = " ".join(tekst.split())
    if any(teken in tekst for teken in ":#'\"[]{}&*!|>%@`") or tekst[:1] in "-?,":
        return "'" + tekst.replace("'", "''") + "'"
    return tekst
