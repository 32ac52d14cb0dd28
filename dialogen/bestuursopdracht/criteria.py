"""The answer to "welke criteria gelden voor een bestuursopdracht?": the criteria from the data,
the threshold and the sources, with a button that starts the check (it does not start by itself).
A question about one criterium ("wat betekent afbreukrisico?", `kennisbank.criteria`) gets that
criterium explained with its source instead (`criterium_antwoord`).

`vraagt_criteria` tells a question about the criteria ("noem eens een paar criteria") apart from a
request to check an opdracht ("criteria bestuursopdracht check", "moet X een bestuursopdracht
worden?"), with the word lists `bestuursopdracht.criteria_woorden` and `.check_woorden`. A check
word that is negated ("alleen de criteria, geen check", "zonder de toets", "start de check niet":
a word of `.ontkenning_woorden` just before or after it) asks for no check (`vraagt_check`).
"""

from __future__ import annotations

from botbuilder.schema import Activity

from dialogen.bestuursopdracht.weergave import CheckWeergave
from dialogen.kaarten import berichten_met_keuzes
from kennisbank.bestuursopdracht import Criterium
from kennisbank.zoeken.normaliseren import normaliseer


def noemt(tekst: str, w: CheckWeergave, sleutel: str) -> bool:
    """One of the words of list `bestuursopdracht.<sleutel>` starts a word of the text."""
    woorden = f" {normaliseer(tekst)} "
    return any(f" {normaliseer(woord)}" in woorden for woord in w.lijst(sleutel))


ONTKENNING_VOOR = 3
"""How many words before a check word a negation may stand ("ik hoef de check niet", "zonder de toets")."""
ONTKENNING_NA = 2
"""How many words after it ("start de check niet", "de toets liever niet")."""


def vraagt_check(tekst: str, w: CheckWeergave) -> bool:
    """A check word of list `bestuursopdracht.check_woorden` starts a word of the text and is not
    negated by a word of `.ontkenning_woorden` close by ("geen check", "zonder de toets")."""
    woorden = normaliseer(tekst).split()
    check = tuple(normaliseer(woord) for woord in w.lijst("check_woorden"))
    ontkenning = {normaliseer(woord) for woord in w.lijst("ontkenning_woorden")}
    return any(
        woord.startswith(check) and ontkenning.isdisjoint(woorden[max(0, i - ONTKENNING_VOOR) : i + 1 + ONTKENNING_NA])
        for i, woord in enumerate(woorden)
    )


def vraagt_criteria(tekst: str, w: CheckWeergave) -> bool:
    """True when the text asks about the criteria themselves, not for a check of an opdracht."""
    return noemt(tekst, w, "criteria_woorden") and not vraagt_check(tekst, w)


def criteria_antwoord(w: CheckWeergave) -> list[Activity]:
    kader = w.kader
    delen = [w.t("criteria_kop")]
    grondslag = next((s for s in kader.grondslag if s.citaat and "criteria" in s.citaat), None)
    if grondslag is not None:
        delen.append(grondslag.tekst)
    delen.append("\n".join(f"{n}. {w.criterium_regel(c)}" for n, c in enumerate(kader.criteria, 1)))
    delen.append(w.drempel_tekst("criteria_drempel"))
    bronnen = [c.bron for c in kader.criteria] + [kader.drempel.keuze_bron]
    delen.append(w.t("bron", bron="; ".join(w.bronnen(bronnen))))
    delen.append(w.t("criteria_check"))
    knoppen = [(w.t("criteria_knop"), w.t("criteria_knop_tekst"))]
    return berichten_met_keuzes("\n\n".join(delen), knoppen, w.diensten.teksten.tekst("algemeen.keuzes_kop"))


def criterium_antwoord(w: CheckWeergave, criterium: Criterium, *, verwijs: bool = True) -> list[Activity]:
    """One criterium: its words, what it means, where it stands among the criteria, its source;
    buttons for all criteria and (`verwijs`: not while a check runs) for the check."""
    kader = w.kader
    delen = [
        w.t("criterium_kop", tekst=w.criterium_regel(criterium)),
        criterium.uitleg,
        w.t("criterium_plek", totaal=len(kader.criteria), drempel=w.drempel_tekst("criteria_drempel")),
        w.t("bron", bron=w.diensten.kennisbank.bron_tekst(criterium.bron)),
    ]
    knoppen = [(w.t("criterium_alle_knop"), w.t("criterium_alle_tekst"))]
    if verwijs:
        knoppen.append((w.t("criteria_knop"), w.t("criteria_knop_tekst")))
    return berichten_met_keuzes("\n\n".join(delen), knoppen, w.diensten.teksten.tekst("algemeen.keuzes_kop"))
