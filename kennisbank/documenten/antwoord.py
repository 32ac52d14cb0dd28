"""Which passages answer a question: above the threshold, the best one, plus a second close one."""

from __future__ import annotations

from kennisbank.documenten.model import Passage
from kennisbank.documenten.zoeker import PassageZoeker, Treffer

DREMPEL = 0.18
"""Minimum score of the best passage; chosen on tests/documenten/ontwikkelvragen.yaml (bench/README.md)."""
DEKKING = 0.75
"""A passage that holds at least this (IDF-weighted) share of the question's words ..."""
DEKKING_DREMPEL = 0.12
"""... is quoted from this lower score: a long passage that answers a short question scores low
by its cosine, while out-of-scope questions keep words no passage holds."""
TWEEDE_FACTOR = 0.8
"""A second passage of the same document is quoted too when it scores at least this share of the best."""
MAX_CITAAT = 600
"""Both passages together stay under this many characters; otherwise only the best is quoted."""


def kies_passages(zoeker: PassageZoeker, vraag: str, drempel: float = DREMPEL, *, dekking: bool = True) -> list[Passage]:
    """The passage(s) to quote for `vraag`, or [] when nothing is confident enough. With `dekking`
    False only the score counts (not the `DEKKING` rule): for a question the recogniser gave to
    another feature, where a passage must be sure to beat that feature's answer."""
    treffers = zoeker.zoek(vraag, aantal=2)
    if not treffers or not _zeker_genoeg(treffers[0], drempel, dekking):
        return []
    beste = treffers[0]
    gekozen = [beste.passage]
    if len(treffers) > 1 and _tweede_past(beste, treffers[1]):
        gekozen.append(treffers[1].passage)
    return gekozen


def _zeker_genoeg(treffer: Treffer, drempel: float, dekking: bool) -> bool:
    if treffer.score >= drempel:
        return True
    return dekking and treffer.dekking >= DEKKING and treffer.score >= drempel * DEKKING_DREMPEL / DREMPEL


def _tweede_past(beste: Treffer, tweede: Treffer) -> bool:
    return (
        tweede.passage.document == beste.passage.document
        and tweede.score >= beste.score * TWEEDE_FACTOR
        and len(beste.passage.tekst) + len(tweede.passage.tekst) <= MAX_CITAAT
    )


def ingekort(tekst: str, maximum: int = MAX_CITAAT) -> str:
    """`tekst` when short; else its first whole lines or sentences within `maximum`, then '…'.

    Never cuts inside a word and never changes a word: the quote stays literal."""
    if len(tekst) <= maximum:
        return tekst
    stuk = tekst[:maximum]
    for grens in ("\n", ". ", "; ", ", ", " "):
        plek = stuk.rfind(grens)
        if plek >= maximum // 3:
            return stuk[: plek + (1 if grens.startswith(".") or grens.startswith(";") else 0)].rstrip(" ,;\n") + " …"
    return stuk.rstrip() + " …"
