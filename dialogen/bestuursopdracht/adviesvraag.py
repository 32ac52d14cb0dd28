"""The answer to a question about the check's advice ("de check zegt twijfel, wat nu?", "wat
betekent geen bestuursopdracht nodig?"): the advice the question names, with its next steps, what
the ambtelijk opdrachtgever then arranges, and the sources; every advice in short when it names none.

Which advice a question names: the word lists `bestuursopdracht.advies_woorden_<uitkomst>`, read
"niet nodig" first, so "geen bestuursopdracht nodig" is not also read as "nodig".
"""

from __future__ import annotations

from dialogen.bestuursopdracht.weergave import CheckWeergave
from kennisbank.bestuursopdracht import Uitkomst
from kennisbank.zoeken.normaliseren import normaliseer

LEESVOLGORDE = (Uitkomst.NIET_NODIG, Uitkomst.TWIJFEL, Uitkomst.NODIG)


def genoemde_adviezen(tekst: str, w: CheckWeergave) -> list[Uitkomst]:
    """The advice(s) the question names, in the kennisbank's order (nodig, twijfel, niet nodig)."""
    woorden = f" {normaliseer(tekst)} "
    genoemd: set[Uitkomst] = set()
    for uitkomst in LEESVOLGORDE:
        if uitkomst is Uitkomst.TWIJFEL and w.kader.adviezen.twijfel is None:
            continue
        for woord in w.lijst(f"advies_woorden_{uitkomst.value}"):
            vorm = f" {normaliseer(woord)} "
            if vorm in woorden:
                genoemd.add(uitkomst)
                woorden = woorden.replace(vorm, " | ")  # read once: "geen ... nodig" is not "nodig" too
    return [u for u in Uitkomst if u in genoemd]


def advies_antwoord(tekst: str, w: CheckWeergave) -> str:
    """The named advice(s) in full, or every advice in short; both with the organisation's threshold."""
    genoemd = genoemde_adviezen(tekst, w)
    if genoemd:
        delen = [deel for uitkomst in genoemd for deel in w.advies_uitleg(uitkomst)]
        return "\n\n".join([*delen, w.kader.drempel.keuze, w.t("verwijs_check")])
    adviezen = [u for u in Uitkomst if u is not Uitkomst.TWIJFEL or w.kader.adviezen.twijfel is not None]
    regels = [w.t("advies_regel", titel=w.kader.advies(u).titel, tekst=w.kader.advies(u).tekst) for u in adviezen]
    bronnen = w.bronnen([*(w.kader.advies(u).bron for u in adviezen), w.kader.drempel.keuze_bron])
    delen = [w.t("advies_alle_kop"), w.kader.drempel.keuze, "\n".join(regels)]
    return "\n\n".join([*delen, w.t("advies_alle_vervolg"), w.t("bron", bron="; ".join(bronnen)), w.t("verwijs_check")])
