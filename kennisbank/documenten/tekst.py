"""Dutch-aware terms for the passage index: lowercase, no diacritics, no function or question
words, compounds split on words the documents use, verb forms joined to the documents' infinitive,
typos corrected to the documents' words, and a light suffix stemmer."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from kennisbank.zoeken.normaliseren import STOPWOORDEN, Splitser, normaliseer

VRAAGWOORDEN = frozenset(
    """
    wie wat hoe waar wanneer waarom welk welke hoeveel waarvoor waarmee waarover wat's
    gaat gaan doet doen doe heb hebt word weet weten zit zitten staat staan krijg krijgt
    iemand iets alles niets niks jullie jou jouw zo als hier daar dat hoi hallo hey goedemorgen
    goedemiddag alvast bedankt dank thanks vraag vraagje even snel precies eigenlijk ergens
    niet allemaal bedoelen bedoeld bedoelt betekent betekenen verstaan houdt laat laten nu vaak veel lang
    volgens mogen kunnen wil willen
    ff effe check checken nou zon zn mn dr hoor joh oke ok aub svp pls please alsjeblieft
    ging gingen moest moesten hoef hoeft hoeven kon konden zal zullen wilde wou had hadden gehad
    ben bent waren geweest werd werden vertel vertellen uitleg ene beetje soort ongeveer ooit
    gewoon gewone echt heel zomaar uberhaupt trouwens overigens misschien denk valt vallen bezig mee
    enzo enz enzovoort etc zoiets ding dingen dingetjes gebruikt gebruiken heen eruit erin erbij erover ermee
    daarvan daarover hierover zoal bijvoorbeeld bv
    """.split()
)
"""Words that say how someone asks, not what about: they never make a passage match. Chat words
('ff', 'nou', "zo'n") and verb forms the documents never use ('moest', 'ging') too: a word the
documents don't use weighs as the rarest, so without this a filler word would sink a good match."""

_STERK = {
    vorm: infinitief
    for infinitief, vormen in {
        "komen": "kwam kwamen gekomen",
        "doen": "deed deden",
        "zitten": "zat zaten",
        "staan": "stond stonden",
        "krijgen": "kreeg kregen",
        "geven": "gaf gaven",
        "nemen": "nam namen genomen",
        "spreken": "sprak spraken gesproken",
        "bespreken": "besprak bespraken besproken",
        "beginnen": "begon begonnen",
        "verschijnen": "verscheen verschenen",
        "houden": "hield hielden",
        "blijven": "bleef bleven gebleven",
        "schrijven": "schreef schreven geschreven",
        "kiezen": "koos kozen gekozen",
        "vinden": "vond vonden gevonden",
        "sluiten": "sloot sloten gesloten",
        "besluiten": "besloot besloten",
        "ontstaan": "ontstond ontstonden",
        "brengen": "bracht brachten gebracht",
        "denken": "dacht dachten gedacht",
        "zoeken": "zocht zochten gezocht",
        "kopen": "kocht kochten gekocht",
        "trekken": "trok trokken getrokken",
        "vragen": "vroeg vroegen",
        "dragen": "droeg droegen",
    }.items()
    for vorm in vormen.split()
}
"""Past forms of strong verbs, which no suffix rule joins to their infinitive: a question's 'kwam' or
'besproken' is then a form of the documents' 'komen' or a word near their 'bespreking', not a word
they never use (which weighs as the rarest and sinks the passage that answers)."""
_WEG = STOPWOORDEN | VRAAGWOORDEN | {vorm for vorm, infinitief in _STERK.items() if infinitief in VRAAGWOORDEN}
_WAT_HOE = re.compile(r"\b(wat|hoe) ?vraag\b")
"""'WAT-vraag' and 'HOE-vraag' are terms of the documents, not question words."""
_LETTER_STREEP = re.compile(r"(?<![^\W\d_])([^\W\d_])-(?=[^\W\d_]{2})")
"""A single letter hyphened to a word is one word ('W-vragen', 'e-mail'): without this the letter is lost."""
_WEGLATING = re.compile(r"(?<![^\W_])([^\W\d_]{2,})-\s*(en|of|tot|\/)\s+([^\W\d_]{5,})")
"""'lente- en herfstbrief', 'mee- of tegenvallers': the first word shares the second's last part."""
_MIN_STAM = 4
_MIN_TYPO = 6
_MAX_ONTHOUDEN = 20_000
"""Remembered spellings and verb forms per index; beyond this (endless new words typed by users)
the memory starts over, so it never grows without bound."""
_MAX_WOORD = 40
"""Longer 'words' are noise (no Dutch compound in the documents comes close); skipping them keeps
the compound splitter linear."""


def stam(woord: str) -> str:
    """Light Dutch stemmer: 'budgetten' -> 'budget', 'rapportages' -> 'rapportag', 'begrotingen' ->
    'begroting', 'financiële' -> 'financi' (an adjective in -ieel with its noun in -iën)."""
    if len(woord) <= _MIN_STAM or woord.isdigit():
        return woord
    if woord.endswith("heden"):
        woord = woord[:-5] + "heid"
    if woord.endswith("heid") and len(woord) >= 9:
        woord = woord[:-4]  # 'tevredenheid' and 'tevreden', 'gelaagdheid' and 'gelaagd' find each other
    for uitgang in ("en", "s", "'s"):
        if woord.endswith(uitgang) and len(woord) - len(uitgang) >= _MIN_STAM:
            woord = woord[: -len(uitgang)]
            break
    if woord.endswith("e") and len(woord) > _MIN_STAM:
        woord = woord[:-1]
    if woord.endswith(("ieel", "iel")) and len(woord) >= 7:
        return woord[: woord.rindex("ie") + 1]  # 'financieel', 'financiële' and 'financiën' find each other
    for afleiding in ("ing", "er"):
        if woord.endswith(afleiding) and len(woord) - len(afleiding) >= 5:
            woord = woord[: -len(afleiding)]
            break
    if len(woord) > _MIN_STAM and woord[-1] == woord[-2] and woord[-1] not in "aeiou":
        woord = woord[:-1]
    return woord


class Termen:
    """Turns text into index terms; compound splitting, verb forms and typo correction use the
    documents' own words (`woordenschat`), so a word the documents use is never changed. Words in
    `bekend` (a synonym's) are real words too: never 'corrected', and an elision may complete to
    one; verb forms and compound splits lead only to the documents' words (a verb form joined to a
    synonym's infinitive instead lost a question of the natural set)."""

    def __init__(self, woordenschat: Iterable[str], bekend: Iterable[str] = ()) -> None:
        woorden = set(woordenschat)
        self._splitser = Splitser(w for w in woorden if len(w) >= 5)
        self._woordenschat = frozenset(woorden)
        self._bekend = self._woordenschat | frozenset(bekend)
        self._infinitief: dict[str, str] = {}
        self._spelling: dict[str, str] = {}
        self._lang = sorted(w for w in woorden if len(w) >= _MIN_TYPO - 1)
        self._stammen = frozenset(stam(w) for w in woorden if len(w) >= _MIN_TYPO)

    def __call__(self, tekst: str) -> list[str]:
        """Index terms: each word's stem, plus the stems of its parts when it is a compound."""
        return self.analyse(tekst)[0]

    def analyse(self, tekst: str) -> tuple[list[str], frozenset[str]]:
        """Index terms (as `__call__`) and the stems of the whole words alone (no compound parts)."""
        uit: list[str] = []
        heel: set[str] = set()
        for woord in self._woorden(tekst):
            heel.add(stam(woord))
            uit.append(stam(woord))
            delen = self._splitser.splits(woord)
            if len(delen) > 1:
                uit.extend(stam(d) for d in delen if d not in _WEG)
        return uit, frozenset(heel)

    def kerntermen(self, tekst: str, *, samenvoegen: bool = True) -> list[tuple[str, tuple[str, ...]]]:
        """What a question is about: each word once, as (stem, stems of its compound parts).

        Two words the documents write as one ('rapportage moment', 'gebieds agenda') are one term
        (unless not `samenvoegen`: a synonym phrase keeps its own words)."""
        uit: dict[str, tuple[str, ...]] = {}
        woorden = self._woorden(tekst)
        index = 0
        while index < len(woorden):
            woord = woorden[index]
            if samenvoegen and index + 1 < len(woorden) and (samen := self._samengesteld(woord, woorden[index + 1])):
                woord = samen
                index += 1
            delen = self._splitser.splits(woord)
            uit.setdefault(stam(woord), tuple(stam(d) for d in delen) if len(delen) > 1 else ())
            index += 1
        return list(uit.items())

    def delen(self, woord: str) -> tuple[str, ...]:
        """The stems of the parts of compound `woord` (normalised); also two words of the documents
        written as one that the splitter leaves whole ('collegelid' -> colleg, lid); () if none."""
        delen = self._splitser.splits(woord)
        if len(delen) > 1:
            return tuple(stam(d) for d in delen)
        for lengte in range(len(woord) - 3, 2, -1):
            voor, na = woord[:lengte], woord[lengte:]
            if na in self._bekend and (voor in self._bekend or (voor.endswith("s") and voor[:-1] in self._bekend)):
                return (stam(voor if voor in self._bekend else voor[:-1]), stam(na))
        return ()

    def _samengesteld(self, eerste: str, tweede: str) -> str | None:
        """`eerste` + `tweede` as the one word the documents use ('rapportagemoment',
        'bedrijfsvoeringsreserve'), else None."""
        if len(eerste) < 3 or len(tweede) < 3:
            return None
        for verbinding in ("", "s", "en"):
            samen = self._werkwoord(eerste + verbinding + tweede)  # no typo correction: a join must be exact
            if samen in self._woordenschat:
                return samen
        return None

    def samengetrokken(self, vraag: str) -> str:
        """`vraag` (normalised) with a separable verb joined when its particle ends the question, the
        verb alone is a question word ('zit', 'gaat', 'staat': no search term) and the joined verb is
        a word of the documents or shares their stem ('wie zit het overleg voor' -> 'wie voorzitten
        het overleg': the documents' 'voorzitter'). A verb that is a search term stays apart, as the
        passages keep it ('stelt ... vast')."""
        woorden = normaliseer(vraag).split()
        if len(woorden) < 3 or woorden[-1] not in _SCHEIDBAAR:
            return vraag
        deeltje = woorden[-1]
        for index, woord in enumerate(woorden[:-1]):
            if woord not in VRAAGWOORDEN:
                continue
            kernen = [woord, woord[:-1]] if woord.endswith("t") and len(woord) > 3 else [woord]
            for kern in kernen:
                for infinitief in _infinitieven(kern):
                    samen = deeltje + infinitief
                    if samen in self._woordenschat or stam(samen) in self._stammen:
                        return " ".join([*woorden[:index], samen, *woorden[index + 1 : -1]])
        return vraag

    def _woorden(self, tekst: str) -> list[str]:
        kern = _WAT_HOE.sub(r"\1vraag", normaliseer(_LETTER_STREEP.sub(r"\1", _WEGLATING.sub(self._aangevuld, tekst))))
        return [self._woord(_STERK.get(w, w)) for w in kern.split() if w not in _WEG and 2 <= len(w) <= _MAX_WOORD]

    def aanvullingen(self, tekst: str) -> list[str]:
        """The words an elision in `tekst` stands for ('lente- en herfstbrief' -> ['lentebrief']),
        normalised; the index adds them to its vocabulary so that typo correction keeps them."""
        uit: list[str] = []
        for gevonden in _WEGLATING.finditer(tekst):
            staart = self._staart(normaliseer(gevonden.group(1)), normaliseer(gevonden.group(3)))
            if staart:
                uit.append(normaliseer(gevonden.group(1) + staart))
        return uit

    def _aangevuld(self, gevonden: re.Match[str]) -> str:
        """'lente- en herfstbrief' -> 'lentebrief en herfstbrief'."""
        eerste, voeg, tweede = gevonden.groups()
        staart = self._staart(normaliseer(eerste), normaliseer(tweede))
        return f"{eerste}{staart} {voeg} {tweede}" if staart else gevonden.group(0)

    def _staart(self, eerste: str, woord: str) -> str | None:
        """The last part of compound `woord` that completes `eerste`: from the compound splitter,
        else what follows its longest first part the documents use, when that is a word of theirs
        (without a linking 's') or completes `eerste` to one ('mee' + 'tegenvallers' -> 'vallers')."""
        delen = self._splitser.splits(woord)
        if len(delen) > 1:
            return delen[-1]
        for lengte in range(len(woord) - 3, 2, -1):
            if woord[:lengte] in self._bekend:
                rest = woord[lengte:]
                if rest.startswith("s") and rest[1:] in self._bekend:
                    return rest[1:]
                return rest if rest in self._bekend or eerste + rest in self._bekend else None
        return None

    def _woord(self, woord: str) -> str:
        """The documents' form of a word: a verb form or diminutive of one of their words first,
        else a typo of one corrected (and then its verb form)."""
        vorm = self._werkwoord(woord)
        if vorm != woord:
            return vorm
        gespeld = self._gespeld(woord)
        return self._werkwoord(gespeld) if gespeld != woord else woord

    def _gespeld(self, woord: str) -> str:
        """A typo of a documents' word becomes that word ('vergadring' -> 'vergadering'): one edit
        for words of 6 letters or more, two from 10; a word the documents use or a compound of
        their words stays as typed."""
        if len(woord) < _MIN_TYPO or woord in self._bekend or woord.isdigit():
            return woord
        if woord not in self._spelling:
            if len(self._spelling) >= _MAX_ONTHOUDEN:
                self._spelling.clear()
            grens = 2 if len(woord) >= 10 else 1
            gevonden = process.extractOne(woord, self._lang, scorer=Levenshtein.distance, score_cutoff=grens)
            beste = gevonden[0] if gevonden else woord
            if beste != woord and len(self._splitser.splits(woord)) > 1:
                beste = woord
            self._spelling[woord] = beste
        return self._spelling[woord]

    def _werkwoord(self, woord: str) -> str:
        """'toetst' -> 'toetsen', 'beoordeeld' -> 'beoordelen', 'vastgesteld' -> 'vaststellen',
        'rapporteerde' -> 'rapporteren', 'lijstje' -> 'lijst' when the documents use that word: a
        verb's forms find each other; a word without such a form in the documents stays."""
        if len(woord) < 5:
            return woord
        if woord not in self._infinitief:
            if len(self._infinitief) >= _MAX_ONTHOUDEN:
                self._infinitief.clear()
            self._infinitief[woord] = next((k for k in _grondvormen(woord) if k in self._woordenschat), woord)
        return self._infinitief[woord]


_SCHEIDBAAR = tuple("aan af bij door in mee na om onder op over toe uit vast voor terug samen".split())
"""Separable verb prefixes: their participle has 'ge' after the prefix ('vastgesteld', 'uitgewerkt')."""
_VERKLEINING = ("etjes", "etje", "tjes", "tje", "pjes", "pje", "jes", "je")


def _grondvormen(woord: str) -> list[str]:
    """Candidate base forms of `woord`, most likely first: infinitives of a verb form (present
    'stelt', participle 'gesteld'/'vastgesteld'/'beoordeeld', past 'stelde'/'stelden'), then their
    action nouns ('afgerekend' -> 'afrekening'), and the noun of a diminutive ('lijstje' -> 'lijst')."""
    uit: list[str] = []
    kernen: list[str] = []
    if woord.endswith(("t", "d")):
        kernen.append(woord[:-1])
    if woord.endswith(("de", "te")) and len(woord) >= 6:
        kernen.append(woord[:-2])
    if woord.endswith(("den", "ten")) and len(woord) >= 7:
        kernen.append(woord[:-3])
    stammen: list[str] = []
    for kern in kernen:
        if kern.startswith("ge") and len(kern) >= 5:
            stammen.append(kern[2:])
        for voorvoegsel in _SCHEIDBAAR:
            rest = kern[len(voorvoegsel) :]
            if kern.startswith(voorvoegsel) and rest.startswith("ge") and len(rest) >= 5:
                stammen.append(voorvoegsel + rest[2:])
        if len(kern) >= 4:
            stammen.append(kern)
    for kern in stammen:
        uit += _infinitieven(kern)
    uit += [kern + "ing" for kern in stammen]  # no infinitive in the documents: the action noun ('afgerekend' -> 'afrekening')
    for uitgang in _VERKLEINING:
        if woord.endswith(uitgang) and len(woord) - len(uitgang) >= 3:
            uit.append(woord[: -len(uitgang)])
    return uit


def _infinitieven(kern: str) -> list[str]:
    """Candidate infinitives of a verb stem: 'toets' -> toetsen, 'stel' -> stellen, 'beoordeel' -> beoordelen."""
    uit = [kern + "en", kern + kern[-1] + "en"]
    if len(kern) >= 3 and kern[-2] == kern[-3] and kern[-2] in "aeou" and kern[-1] not in "aeiou":
        uit.append(kern[:-2] + kern[-1] + "en")
    return uit
