"""Escalation rules, voorbeeldvragen and trefwoorden that no question reaches (for `kennisbank check`).

Each example of a rule is taken out in turn and matched against all the others (leave-one-out,
`RegelZoeker.zonder_zichzelf`): that is how a new question in the same words would fare. Reported
as warnings, with file and line:
- a rule none of whose examples comes back to it: another rule always wins;
- a trefwoord that leads to another rule without doubt (or that another rule has too);
- a rule none of whose trefwoorden occurs in any of its own voorbeeldvragen (all words of a
  trefwoord in one question): the trefwoorden describe something else than the questions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from kennisbank.escalatie.model import EscalatieRegel
from kennisbank.escalatie.vragen import RegelZoeker
from kennisbank.meldingen import Melding
from kennisbank.yaml_lezen import Regels
from kennisbank.zoeken.normaliseren import normaliseer

BESTAND = "escalatie.yaml"


def onbereikbaar(regels: list[EscalatieRegel], geen_regel: Iterable[str], plekken: Regels) -> list[Melding]:
    """Warnings for rules and trefwoorden that no question reaches; `plekken` maps escalatie.yaml to lines."""
    zoeker = RegelZoeker(regels, geen_regel)
    index = {id(r): n for n, r in enumerate(regels)}
    bereikt: Counter[str] = Counter()
    winnaars: dict[str, Counter[str]] = {r.id: Counter() for r in regels}
    meldingen = []
    for regel, veld, nummer, keuze in zoeker.zonder_zichzelf():
        if regel in keuze.kandidaten:
            bereikt[regel.id] += 1
        elif keuze.regel is not None:
            winnaars[regel.id][keuze.regel.id] += 1
            if veld == "trefwoorden":
                trefwoord = regel.trefwoorden[nummer]
                if any(normaliseer(t) == normaliseer(trefwoord) for t in keuze.regel.trefwoorden):
                    tekst = (
                        f"trefwoord '{trefwoord}' staat ook bij regel '{keuze.regel.id}'; wie alleen dit woord "
                        "typt, krijgt de vraag welke situatie bedoeld is"
                    )
                else:
                    tekst = (
                        f"trefwoord '{trefwoord}' leidt naar regel '{keuze.regel.id}', niet naar "
                        f"'{regel.id}'; kies een trefwoord dat bij deze situatie hoort"
                    )
                meldingen.append(_melding(plekken, (index[id(regel)], veld, nummer), tekst))
    for n, regel in enumerate(regels):
        if not bereikt[regel.id]:
            wint = winnaars[regel.id].most_common(1)
            door = f" (meestal wint regel '{wint[0][0]}')" if wint else ""
            tekst = (
                f"regel '{regel.id}' is onbereikbaar: geen van zijn voorbeeldvragen of trefwoorden komt zonder "
                f"zichzelf bij deze regel uit{door}; voeg voorbeeldvragen toe in de woorden van deze situatie"
            )
            meldingen.append(_melding(plekken, (n, "id"), tekst))
        if regel.voorbeeldvragen and not any(_komt_voor(t, v) for t in regel.trefwoorden for v in regel.voorbeeldvragen):
            tekst = (
                f"geen enkel trefwoord van regel '{regel.id}' komt voor in zijn eigen voorbeeldvragen; "
                "passen de trefwoorden bij de vragen?"
            )
            meldingen.append(_melding(plekken, (n, "trefwoorden"), tekst))
    return meldingen


def _komt_voor(trefwoord: str, vraag: str) -> bool:
    """All words of the trefwoord occur in the question (as words)."""
    woorden = set(normaliseer(vraag).split())
    return all(w in woorden for w in normaliseer(trefwoord).split())


def _melding(plekken: Regels, loc: tuple, tekst: str) -> Melding:
    return Melding(BESTAND, plekken.regel(loc), tekst, "waarschuwing")
