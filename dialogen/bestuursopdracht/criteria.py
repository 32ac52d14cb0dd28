"""The answer to "welke criteria gelden voor een bestuursopdracht?": the criteria from the data,
the threshold and the sources, with a button that starts the check (it does not start by itself).

`vraagt_criteria` tells a question about the criteria ("noem eens een paar criteria") apart from a
request to check an opdracht ("criteria bestuursopdracht check", "moet X een bestuursopdracht
worden?"), with the word lists `bestuursopdracht.criteria_woorden` and `.check_woorden`.
"""

from __future__ import annotations

from botbuilder.schema import Activity

from dialogen.bestuursopdracht.weergave import CheckWeergave
from dialogen.kaarten import berichten_met_keuzes
from kennisbank.zoeken.normaliseren import normaliseer


def noemt(tekst: str, w: CheckWeergave, sleutel: str) -> bool:
    """One of the words of list `bestuursopdracht.<sleutel>` starts a word of the text."""
    woorden = f" {normaliseer(tekst)} "
    return any(f" {normaliseer(woord)}" in woorden for woord in w.lijst(sleutel))


def vraagt_criteria(tekst: str, w: CheckWeergave) -> bool:
    """True when the text asks about the criteria themselves, not for a check of an opdracht."""
    return noemt(tekst, w, "criteria_woorden") and not noemt(tekst, w, "check_woorden")


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
