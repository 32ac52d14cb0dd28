"""The entity finder: which onderwerpen, personen, rollen, begrippen, ... a sentence mentions.

    vinder = EntiteitVinder(namen)            # once: (Doel, name) pairs, names and aliases
    for vermelding in vinder.vind("wie is AO v/d RUD en de reg. brandweer?"):
        vermelding.beste, vermelding.kandidaten, vermelding.begin, vermelding.eind

Wherever a name stands in the sentence, with typos, abbreviations (`afkortingen.yaml`, applied to
the question and to the names alike) and extra words around it. How it stays fast on 10,000
onderwerpen: the question's words are looked up exactly and, for typos, through a one-deletion
index of the vocabulary (symmetric delete); only records sharing a not-too-common word with the
question are aligned and scored; contiguous windows are looked up as exact names in a dict.
rapidfuzz only verifies the few typo candidates and compares the matched span with the name.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from kennisbank.zoeken.index import Doel
from kennisbank.zoeken.normaliseren import GENERIEKE_WOORDEN, STOPWOORDEN, Splitser, zonder_accenten

AFKORTINGEN = Path(__file__).with_name("afkortingen.yaml")

MINIMUM = 0.55
"""Records scoring below this are not reported."""
GEWICHT_GENERIEK = 0.25
TYPO_GELIJK = 80.0
"""rapidfuzz ratio from which two words of 5+ letters count as the same word (a typo)."""
HEEL_GELIJK = 88.0
"""rapidfuzz ratio from which a matched span counts as the whole name (spacing, typos)."""
TYPO_PLAFOND = 0.97
"""A typo never scores as an exact match."""
STRAF_GAT = 0.08
"""Per extra question word inside a matched span."""
STRAF_DEEL = 0.15
"""Per extra part of a compound the name only partly covers ('jeugd' in 'jeugdzorg')."""
MAX_GATEN = 2
MAX_VENSTER = 8
"""Longest name, in words, that is looked up as an exact window."""

_TOKEN = re.compile(r"[0-9a-zA-Z\u00c0-\u024f]+(?:['\u2019][a-zA-Z]+)*|&")


@dataclass(frozen=True)
class Term:
    """One content word of a text with the character span of the token it comes from."""

    woord: str
    begin: int
    eind: int
    heel_begin: bool
    """True when this word starts its token (not the second part of a split compound)."""
    heel_eind: bool


@dataclass(frozen=True)
class Entiteit:
    """A record mentioned at tekst[begin:eind]; `exact` = a name or alias typed in full."""

    soort: str
    id: str
    naam: str
    begin: int
    eind: int
    score: float
    exact: bool


@dataclass(frozen=True)
class Vermelding:
    """One place in the sentence and the records that may be meant there, best first."""

    begin: int
    eind: int
    tekst: str
    kandidaten: tuple[Entiteit, ...]

    @property
    def beste(self) -> Entiteit:
        return self.kandidaten[0]


@dataclass(frozen=True)
class _Ingang:
    doel: Doel
    termen: tuple[str, ...]
    compact: str


def laad_afkortingen(pad: Path = AFKORTINGEN) -> dict[tuple[str, ...], tuple[str, ...]]:
    """The abbreviation list as token tuples; a malformed entry stops with a Dutch message."""
    data = yaml.safe_load(pad.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{pad.name}: verwacht 'afkorting: betekenis' per regel")
    uit: dict[tuple[str, ...], tuple[str, ...]] = {}
    for afkorting, betekenis in data.items():
        if not isinstance(afkorting, str) or not isinstance(betekenis, str) or not betekenis.strip():
            raise ValueError(f"{pad.name}: '{afkorting}' heeft geen betekenis (tekst) achter de dubbele punt")
        sleutel = tuple(w for w, _, _ in tokens(afkorting))
        if sleutel:
            uit[sleutel] = tuple(w for w, _, _ in tokens(betekenis))
    return uit


def tokens(tekst: str) -> list[tuple[str, int, int]]:
    """Normalised words with their span: lowercase, no accents, '&' as 'en', "agenda's" -> 'agendas',
    "Jelle's" -> 'jelle'."""
    uit = []
    for m in _TOKEN.finditer(tekst):
        ruw = m.group(0)
        if ruw[:1].isupper() and ruw[-2:-1] in ("'", "\u2019") and ruw[-1:] in ("s", "S"):
            ruw = ruw[:-2]  # a name's possessive: "Jelle's portefeuille" (but "agenda's" stays a plural)
        woord = "en" if ruw == "&" else zonder_accenten(ruw).lower().replace("'", "").replace("\u2019", "")
        uit.append((woord, m.start(), m.end()))
    return uit


class EntiteitVinder:
    """Built once from (Doel, name) pairs; `vind(tekst)` returns the Vermeldingen in order."""

    def __init__(
        self,
        namen: list[tuple[Doel, str]],
        *,
        afkortingen: dict[tuple[str, ...], tuple[str, ...]] | None = None,
        plafond: int | None = None,
    ) -> None:
        self._afkortingen = laad_afkortingen() if afkortingen is None else afkortingen
        self._afkorting_max = max((len(k) for k in self._afkortingen), default=1)
        ruwe = [(doel, self._woorden(naam)) for doel, naam in namen]
        woordenschat = {w for _, ws in ruwe for w, _, _ in ws if w not in STOPWOORDEN}
        self.splitser = Splitser(woordenschat)

        self._ingangen: list[_Ingang] = []
        gezien: set[tuple[Doel, tuple[str, ...]]] = set()
        for doel, ws in ruwe:
            termen_ = tuple(t.woord for t in self._termen(ws))
            if termen_ and (doel, termen_) not in gezien:
                gezien.add((doel, termen_))
                self._ingangen.append(_Ingang(doel, termen_, "".join(termen_)))

        self._exact: dict[str, list[int]] = defaultdict(list)
        posting: dict[str, list[int]] = defaultdict(list)
        per_doel: dict[Doel, set[str]] = defaultdict(set)
        for nummer, ingang in enumerate(self._ingangen):
            self._exact[ingang.compact].append(nummer)
            for woord in dict.fromkeys(ingang.termen):
                posting[woord].append(nummer)
            per_doel[ingang.doel].update(ingang.termen)
        aantal = max(1, len(per_doel))
        df: dict[str, int] = defaultdict(int)
        for termen in per_doel.values():
            for w in termen:
                df[w] += 1
        self._idf = {w: math.log(1 + aantal / n) for w, n in df.items()}
        self._plafond = plafond if plafond is not None else max(60, len(self._ingangen) // 200)
        self._gewichten = [tuple(self.gewicht(w) for w in i.termen) for i in self._ingangen]
        self._totaal = [sum(g) for g in self._gewichten]
        self._posting = {w: tuple(n) for w, n in posting.items()}
        self._weglatingen: dict[str, list[str]] = defaultdict(list)
        for woord in self._posting:
            if len(woord) >= 5:
                for variant in _weglatingen(woord):
                    self._weglatingen[variant].append(woord)
        self._lijkt_op = lru_cache(maxsize=20_000)(self._lijkt_op_zonder_cache)

    # ---- text to terms -------------------------------------------------------------------

    def _woorden(self, tekst: str) -> list[tuple[str, int, int]]:
        """Tokens with abbreviations expanded (the expansion keeps the abbreviation's span)."""
        ruw = tokens(tekst)
        uit: list[tuple[str, int, int]] = []
        i = 0
        while i < len(ruw):
            for lengte in range(min(self._afkorting_max, len(ruw) - i), 0, -1):
                sleutel = tuple(w for w, _, _ in ruw[i : i + lengte])
                betekenis = self._afkortingen.get(sleutel)
                if betekenis is not None:
                    begin, eind = ruw[i][1], ruw[i + lengte - 1][2]
                    uit.extend((w, begin, eind) for w in betekenis)
                    i += lengte
                    break
            else:
                uit.append(ruw[i])
                i += 1
        return uit

    def _termen(self, woorden: list[tuple[str, int, int]]) -> list[Term]:
        uit: list[Term] = []
        for woord, begin, eind in woorden:
            if woord in STOPWOORDEN:
                continue
            delen = self.splitser.splits(woord)
            for n, deel in enumerate(delen):
                uit.append(Term(deel, begin, eind, n == 0, n == len(delen) - 1))
        return uit

    def termen(self, tekst: str) -> list[Term]:
        """The content words of `tekst` as the finder sees them (for callers and tests)."""
        return self._termen(self._woorden(tekst))

    def gewicht(self, woord: str) -> float:
        idf = self._idf.get(woord, math.log(2))
        return idf * GEWICHT_GENERIEK if woord in GENERIEKE_WOORDEN else idf

    # ---- finding -------------------------------------------------------------------------

    def vind(self, tekst: str, soorten: frozenset[str] | None = None) -> list[Vermelding]:
        """The records mentioned in `tekst`, grouped per place, in order of appearance."""
        termen_ = self.termen(tekst)
        if not termen_:
            return []
        beste: dict[Doel, Entiteit] = {}

        def meld(ingang: _Ingang, van: int, tot: int, score: float, exact: bool) -> None:
            if soorten is not None and ingang.doel.soort not in soorten:
                return
            d = ingang.doel
            nieuw = Entiteit(d.soort, d.id, d.naam, termen_[van].begin, termen_[tot].eind, round(score, 3), exact)
            vorige = beste.get(d)
            if vorige is None or _beter(nieuw, vorige):
                beste[d] = nieuw

        # 1. Exact names: every window of contiguous words, compared as one space-free string.
        for van in range(len(termen_)):
            compact = ""
            for tot in range(van, min(len(termen_), van + MAX_VENSTER)):
                compact += termen_[tot].woord
                for nummer in self._exact.get(compact, ()):
                    heel = termen_[van].heel_begin and termen_[tot].heel_eind
                    meld(self._ingangen[nummer], van, tot, 1.0 if heel else 1.0 - STRAF_DEEL, heel)

        # 2. Partial names and typos: align each candidate record's words with the question.
        treffers: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for positie, term in enumerate(termen_):
            for woord, gelijkenis in self._lijkt_op(term.woord):
                treffers[woord].append((positie, gelijkenis))
        # Candidates share a not-too-common word with the question; an upper bound of their score
        # (every shared word counted as fully matched) skips most of them before aligning.
        bovengrens: dict[int, float] = defaultdict(float)
        algemeen: list[tuple[str, float]] = []
        for woord, opties in treffers.items():
            lijst = self._posting[woord]
            bijdrage = self.gewicht(woord) * max(s for _, s in opties)
            if len(lijst) > self._plafond:
                algemeen.append((woord, bijdrage))
                continue
            for nummer in lijst:
                bovengrens[nummer] += bijdrage
        for nummer, grens in bovengrens.items():
            for woord, bijdrage in algemeen:
                if woord in self._ingangen[nummer].termen:
                    grens += bijdrage
            if grens < MINIMUM * self._totaal[nummer]:
                continue
            ingang = self._ingangen[nummer]
            uitlijning = self._lijn_uit(nummer, treffers, termen_)
            if uitlijning is not None:
                van, tot, score = uitlijning
                if score >= MINIMUM:
                    meld(ingang, van, tot, score, False)
        return _groepeer(tekst, beste.values())

    def _lijkt_op_zonder_cache(self, woord: str) -> tuple[tuple[str, float], ...]:
        """Vocabulary words equal to `woord` (1.0) or a likely typo of it (< 1.0)."""
        uit: dict[str, float] = {}
        if woord in self._posting:
            uit[woord] = 1.0
        if len(woord) >= 5:
            varianten = {woord, *_weglatingen(woord)}
            for variant in varianten:
                for ander in [*self._weglatingen.get(variant, ()), *([variant] if variant in self._posting else [])]:
                    if ander in uit or len(ander) < 5:
                        continue
                    ratio = fuzz.ratio(woord, ander)
                    if ratio >= TYPO_GELIJK:
                        uit[ander] = min(TYPO_PLAFOND, ratio / 100)
        return tuple(uit.items())

    def _lijn_uit(
        self, nummer: int, treffers: dict[str, list[tuple[int, float]]], termen_: list[Term]
    ) -> tuple[int, int, float] | None:
        """(first, last position, score) of the record's words in the question, or None."""
        ingang = self._ingangen[nummer]
        gewichten = self._gewichten[nummer]
        totaal = self._totaal[nummer]
        opties = [treffers.get(w, ()) for w in ingang.termen]
        # Anchor on the most telling matched word; take every other word near it.
        anker_keuze = [(g * max(s for _, s in o), o) for g, o in zip(gewichten, opties) if o]
        if not anker_keuze:
            return None
        _, anker_opties = max(anker_keuze, key=lambda x: x[0])
        anker = max(anker_opties, key=lambda x: x[1])[0]
        gedekt = 0.0
        posities: set[int] = set()
        alleen_generiek = True
        for gewicht, optie, woord in zip(gewichten, opties, ingang.termen):
            if not optie:
                continue
            positie, gelijkenis = max(optie, key=lambda x: x[1] - 0.02 * abs(x[0] - anker))
            if abs(positie - anker) > len(ingang.termen) + MAX_GATEN:
                continue
            gedekt += gewicht * gelijkenis
            posities.add(positie)
            if woord not in GENERIEKE_WOORDEN:
                alleen_generiek = False
        if alleen_generiek:
            return None  # 'agenda' alone names no onderwerp
        van, tot = min(posities), max(posities)
        gaten = (tot - van + 1) - len(posities)
        if gaten > MAX_GATEN:
            return None
        delen = 0
        while van > 0 and not termen_[van].heel_begin:
            van, delen = van - 1, delen + 1
        while tot < len(termen_) - 1 and not termen_[tot].heel_eind:
            tot, delen = tot + 1, delen + 1
        score = gedekt / totaal - STRAF_GAT * gaten - STRAF_DEEL * delen
        if score < 0.999 and len(ingang.compact) >= 5:
            # Spacing and typos across word borders: the matched span as one string.
            span = "".join(t.woord for t in termen_[van : tot + 1])
            heel = fuzz.ratio(span, ingang.compact)
            if heel >= HEEL_GELIJK:
                score = max(score, min(TYPO_PLAFOND, heel / 100))
        return van, tot, min(score, TYPO_PLAFOND)


def _beter(nieuw: Entiteit, vorige: Entiteit) -> bool:
    """Higher score first, then exact, then the longer span ('DGB-personeel' over 'DGB')."""
    return (nieuw.score, nieuw.exact, nieuw.eind - nieuw.begin) > (vorige.score, vorige.exact, vorige.eind - vorige.begin)


def _weglatingen(woord: str) -> set[str]:
    return {woord[:i] + woord[i + 1 :] for i in range(len(woord))}


def _groepeer(tekst: str, entiteiten) -> list[Vermelding]:
    """Overlapping mentions become one Vermelding whose best record decides its place."""
    groepen: list[list[Entiteit]] = []
    for entiteit in sorted(entiteiten, key=lambda e: (-e.score, -(e.eind - e.begin), e.naam)):
        for groep in groepen:
            eerste = groep[0]
            if entiteit.begin < eerste.eind and eerste.begin < entiteit.eind:
                groep.append(entiteit)
                break
        else:
            groepen.append([entiteit])
    uit = [Vermelding(g[0].begin, g[0].eind, tekst[g[0].begin : g[0].eind], tuple(g)) for g in groepen]
    return sorted(uit, key=lambda v: v.begin)
