"""From a typed question to its core and its kind.

"wie is ambtelijk opdrachtgever voor de jeugdagenda?" -> Vraag(kern="jeugdagenda",
soort=OPDRACHTGEVER). The kind only steers which records may answer (a person never answers
"wie is AO voor X", a begrip answers "wat is een X" first); the core is what the index matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from kennisbank.zoeken.normaliseren import normaliseer


class VraagSoort(str, Enum):
    OPDRACHTGEVER = "opdrachtgever"
    """Who is (ambtelijk) opdrachtgever for / goes about X."""
    PERSOON = "persoon"
    """Reverse: what is X opdrachtgever for."""
    ROL_OF_PERSOON = "rol_of_persoon"
    """'wat doet X': a role or a person."""
    UITLEG = "uitleg"
    """'wat is/betekent X': a begrip, a role or an onderwerp."""
    ONBEKEND = "onbekend"
    """Only a topic, e.g. 'jeugdagenda?'."""


@dataclass(frozen=True)
class Vraag:
    tekst: str
    genormaliseerd: str
    kern: str
    soort: VraagSoort


_LIDWOORD = r"(?:(?:de|het|een|t|n|onze|ons|jullie|die|dat) )?"
_ROL_AO = (
    r"(?:(?:ambtelijke?|ambt|bestuurlijke?|gedelegeerde?|doorgemandateerde?) )?"
    r"(?:opdrachtgevers?|ao|opdr gever|og|eigenaar|verantwoordelijke?|trekker|aanspreekpunt"
    r"|contactpersoon|portefeuillehouder|baas|regisseur|directeur|concerndirecteur)"
)

_AANHEF = re.compile(
    r"^(?:(?:hoi|hallo|hey|hee|hi|goedemorgen|goedemiddag|dag|beste|vraagje|vraag|snelle vraag"
    r"|sorry|excuus|ha|he|yo|collegas|allen|bot|sturingsbot)\b ?)+"
)
_BEDANKT = re.compile(
    r"\b(?:alvast )?(?:bedankt|dank ?je ?wel|dankjewel|dank u|thanks|thx|tnx|please|pls|svp|aub"
    r"|alsjeblieft|alstublieft)\b.*$"
)
_INLEIDING = re.compile(
    r"^(?:(?:weet (?:iemand|jij|u|je)(?: misschien)?|mag ik (?:even )?vragen|kun (?:je|jij) "
    r"(?:me |mij )?(?:even )?(?:vertellen|zeggen)|kunt u (?:me |mij )?(?:even )?(?:vertellen|zeggen)"
    r"|ik (?:zoek|wil weten|vroeg me af|ben op zoek naar)|ik heb een vraag over"
    r"|even (?:checken|een vraag))\b ?)+"
)

# An indirect question ("kun je me vertellen wie de AO van de RUD is", "ik snap niet wat een
# gebiedsagenda is"): the lead-in, the question word, what is asked, and the verb at the end.
_INDIRECT = re.compile(
    r"^(?:(?:kun|kan|kunt) (?:je|jij|u) (?:me |mij )?(?:even |eens |misschien )?(?:vertellen|zeggen|uitleggen|opzoeken)"
    r"|(?:weet|snap|begrijp) (?:je|jij|u|iemand)(?: misschien| toevallig| ook| nog)?"
    r"|ik (?:wil|zou) (?:graag )?(?:weten|vragen|snappen)|ik (?:vraag|vroeg) me af|ik ben benieuwd"
    r"|ik (?:snap|begrijp|weet|snapte|begreep)(?: het)? (?:niet|nog niet|eigenlijk niet|echt niet)(?: goed| precies| zo goed)?"
    r"|vertel (?:me|mij)(?: eens| even)?|mag ik (?:even )?vragen|geen idee)"
    r" (?:eigenlijk |precies |nou |even ){0,2}"
    r"(wie|wat|waar|wanneer|welke|welk|hoe|hoeveel|waarom|waarvoor|waarvan|waaronder|tot wanneer"
    r"|(?:bij|aan|met|naar|onder|van|voor) wie)"
    r" (.+?) (is|zijn|was|waren|betekent|betekenen|inhoudt|inhouden|doet|doen|heeft|hebben|gaat|gaan|valt|vallen"
    r"|hoort|horen|wordt|worden|rapporteert|rapporteren|ligt|liggen|zit|zitten)$"
)
_SCHEIDBAAR = {"inhoudt": ("houdt", " in"), "inhouden": ("houden", " in")}


def als_directe_vraag(gewoon: str) -> str:
    """A normalised indirect question as the direct one ("weet jij wie de ao van de rud is" ->
    "wie is de ao van de rud"; "ik snap niet wat een gebiedsagenda is" -> "wat is een
    gebiedsagenda"); any other text as it is."""
    gevonden = _INDIRECT.match(gewoon)
    if gevonden is None:
        return gewoon
    vraagwoord, rest, werkwoord = gevonden.groups()
    werkwoord, achter = _SCHEIDBAAR.get(werkwoord, (werkwoord, ""))
    return f"{vraagwoord} {werkwoord} {rest}{achter}"


# Whole-question patterns with the core in group 1, tried in order. Linear in the text length:
# filler words around a lazy group are bounded ({0,3}), never `*`, or every step of the lazy group
# would re-scan a run of fillers (tests/test_regex_lineair.py).
_PATRONEN: tuple[tuple[re.Pattern[str], VraagSoort], ...] = tuple(
    (re.compile(patroon), soort)
    for patroon, soort in (
        # Reverse lookups.
        (
            rf"^waar (?:is|zijn) (.+?) (?:allemaal |nog |eigenlijk ){{0,3}}{_ROL_AO} (?:van|voor)(?: allemaal)?$",
            VraagSoort.PERSOON,
        ),
        (
            rf"^waar(?:voor|van) (?:is|zijn) (.+?) (?:allemaal |nog |eigenlijk ){{0,3}}{_ROL_AO}(?: allemaal)?$",
            VraagSoort.PERSOON,
        ),
        (r"^waar (?:gaat|gaan) (.+?) (?:allemaal |eigenlijk ){0,3}over$", VraagSoort.PERSOON),
        (
            r"^(?:wat|welke \w+) (?:valt|vallen|zit|zitten|hoort|horen|ligt|liggen) (?:er )?(?:allemaal )?(?:bij|onder|in (?:de )?portefeuille van) (.+)$",
            VraagSoort.PERSOON,
        ),
        (
            r"^(?:welke|wat voor) (?:onderwerpen|dossiers|zaken|projecten|agendas|portefeuille|taken|portefeuilles) (?:heeft|doet|beheert|trekt|bezit) (.+)$",
            VraagSoort.PERSOON,
        ),
        (
            r"^(?:wat|welke onderwerpen) (?:heeft|beheert|trekt) (.+?)(?: allemaal)?(?: in (?:zijn|haar|de) portefeuille)?$",
            VraagSoort.PERSOON,
        ),
        (r"^(?:de )?(?:portefeuille|onderwerpen|dossiers|portfolio) (?:van )?(.+)$", VraagSoort.PERSOON),
        (r"^(?:wat is|wat zit in) (?:de )?portefeuille van (.+)$", VraagSoort.PERSOON),
        # Roles and persons.
        (rf"^wat (?:doet|doen) {_LIDWOORD}(.+?)(?: eigenlijk| precies| allemaal){{0,3}}$", VraagSoort.ROL_OF_PERSOON),
        (
            rf"^wat (?:zijn|is) (?:de )?(?:taken|taak|rol|verantwoordelijkheden|verantwoordelijkheid) van {_LIDWOORD}(.+)$",
            VraagSoort.ROL_OF_PERSOON,
        ),
        (rf"^welke (?:taken|rol|verantwoordelijkheden) (?:heeft|hebben) {_LIDWOORD}(.+)$", VraagSoort.ROL_OF_PERSOON),
        (
            rf"^(?:de )?(?:taken|taak|rol|verantwoordelijkheden|verantwoordelijkheid) (?:van|voor) {_LIDWOORD}(.+)$",
            VraagSoort.ROL_OF_PERSOON,
        ),
        (rf"^wie is {_LIDWOORD}(.+)$", VraagSoort.ONBEKEND),
        # Definitions.
        (
            rf"^wat (?:betekent|betekenen|is|zijn|was|houdt|bedoel(?:en|t) (?:we|je|jullie|u) met|wordt (?:er )?bedoeld met|verstaan (?:we|jullie) onder) {_LIDWOORD}(.+?)(?: in| eigenlijk| precies| nou){{0,3}}$",
            VraagSoort.UITLEG,
        ),
        (rf"^(?:betekenis|definitie|uitleg|omschrijving) (?:van |over )?{_LIDWOORD}(.+)$", VraagSoort.UITLEG),
        (rf"^(?:leg )?(?:uitleg|uit wat) {_LIDWOORD}(.+?)(?: is| betekent)?$", VraagSoort.UITLEG),
    )
)

_WIE_UIT = (
    r"wie(?: (?:in|van|uit|binnen) (?:het |de |ons |onze )?"
    r"(?:college|wethouders|bestuur|directie|concerndirectie|cmt|mt|organisatie|gemeente))?"
)
"""'wie', also 'wie in het college' / 'wie van de directie': who among a body."""

# Opdrachtgever boilerplate, removed wherever it stands.
_OPDRACHTGEVER: tuple[re.Pattern[str], ...] = tuple(
    re.compile(patroon)
    for patroon in (
        rf"\b{_WIE_UIT} (?:is|zijn|was|wordt)(?: er)?(?: nu| eigenlijk| momenteel| tegenwoordig){{0,3}} {_LIDWOORD}{_ROL_AO}(?: (?:van|voor|bij|over|op))?\b",
        rf"\b{_WIE_UIT} (?:is|zijn) (?:er )?(?:verantwoordelijk|eigenaar)(?: (?:van|voor))?\b",
        rf"\b{_WIE_UIT} (?:gaat|gaan|ging) (?:er )?(?:nu |eigenlijk |momenteel ){{0,3}}over\b",
        rf"\b{_WIE_UIT} (?:heeft|doet|trekt|regelt|beheert|stuurt|coordineert|zit op|zit er op|is van)\b",
        r"\b(?:bij|met|naar|aan) wie (?:moet|kan|kun|mag|zou|ga)(?: ik| je| jij| u| we)?(?: dan)?(?: het beste)?"
        r" (?:zijn|terecht|aankloppen|schakelen|afstemmen|bellen|mailen|vragen|gaan|wenden|hebben)?"
        r"(?: met (?:vragen )?(?:over )?| voor | over | rond | omtrent | als het gaat om )?",
        r"\b(?:onder|bij) wie (?:valt|vallen|hoort|horen|ligt|liggen|zit|zitten)\b",
        r"\bwie (?:moet|kan|kun|mag)(?: ik| je| u)? (?:hebben|benaderen|bellen|mailen|spreken|vragen)\b",
        r"\bwie moet ik hebben\b",
        r"\b(?:wie|wat) (?:is|zijn) (?:het|de) (?:aanspreekpunt|contactpersoon|contact)\b",
        rf"^{_LIDWOORD}{_ROL_AO}(?: (?:van|voor|bij|over|is|op))?\b",
        rf"\b(?:wie is|wie zijn|is)? ?{_ROL_AO}$",
        r"\b(?:ambtelijk|bestuurlijk) opdrachtgeverschap (?:van|voor)\b",
        r"\bwie\b",
    )
)

_SLEUTELWOORDEN = ("opdrachtgeverschap", "opdrachtgever", "opdrachtgevers", "verantwoordelijk", "concerndirecteur")
_MAX_TIKFOUT = 2

_RESTEN = re.compile(
    r"\b(?:eigenlijk|precies|momenteel|nu|tegenwoordig|even|nou|dan|allemaal|toch|graag"
    r"|iemand|misschien|hier|daar|dit|dat|het beste|terecht|over|voor)\b"
)
_SPATIES = re.compile(r"\s+")
_LIDWOORD_VOOR = re.compile(r"^(?:(?:de|het|een|t|n) )+")


# Questions that ask what a word means (not what its value or date is): "betekenis peildatum",
# "wat betekent X", "wat verstaan we onder X", "wat houdt X in", "wat is een X". The word is group 1.
_BETEKENIS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(patroon)
    for patroon in (
        rf"^wat (?:betekent|betekenen|betekende|beteken) {_LIDWOORD}(.+?)(?: eigenlijk| precies| nou| nu| hier){{0,3}}$",
        rf"^wat (?:is|zijn|was) (?:de |het )?(?:betekenis|definitie) van {_LIDWOORD}(.+)$",
        rf"^(?:de )?(?:betekenis|definitie|uitleg|omschrijving)(?: van| over)? {_LIDWOORD}(.+)$",
        rf"^{_LIDWOORD}(\S+(?: \S+){{0,4}}) (?:betekenis|definitie|uitleg)$",
        rf"^wat (?:bedoel(?:en|t|d|de) (?:we|je|jullie|u|ze|men)|wordt (?:er )?bedoeld) met {_LIDWOORD}(.+)$",
        rf"^wat (?:verstaan|verstaat) (?:we|jullie|je|u|men) (?:hier )?onder {_LIDWOORD}(.+)$",
        rf"^wat (?:moet|moeten|kan|kun|kunnen) (?:ik|we|je|u|men) (?:hier )?(?:verstaan|lezen) onder {_LIDWOORD}(.+)$",
        rf"^wat (?:houdt|houden) {_LIDWOORD}(\S+(?: \S+){{0,4}}) in$",
        rf"^wat (?:wil|wilt) {_LIDWOORD}(\S+(?: \S+){{0,4}}) zeggen$",
        r"^wat (?:is|zijn) (?:een|n) (.+)$",
        rf"^(?:leg (?:me |mij )?(?:eens |even )?uit|kun je (?:me |mij )?(?:eens |even )?uitleggen) wat {_LIDWOORD}"
        r"(\S+(?: \S+){0,4}) (?:is|zijn|betekent|betekenen|inhoudt)$",
        rf"^leg (?:me |mij )?(?:eens |even |nog eens )?uit {_LIDWOORD}(\S+(?: \S+){{0,4}})$",
        rf"^waar (?:staat|staan) {_LIDWOORD}(\S+(?: \S+){{0,4}}) (?:eigenlijk |precies |nou )?voor$",
    )
)


# "... sectorcontract staan, wat is dat?": a question about the meaning of something named before it.
_WAT_IS_DAT = re.compile(
    r"^(.+?) (?:en )?(?:wat (?:is|zijn|betekent|betekenen|betekende|houdt|houden|wil|was) (?:dat|dit|die|deze|dat woord|die term)"
    r"|wat (?:bedoelen|bedoelt|bedoeld) (?:ze|ze daar|ze hier|men|jullie|je|ze er) ?(?:mee|daarmee|hiermee)?)"
    r"(?: (?:nou|eigenlijk|precies|dan|voor iets|in|zeggen|ook alweer|toch)){0,3}$"
)


def betekenis_na_zin(tekst: str) -> str | None:
    """What comes before a closing "wat is dat?" ("ik zie steeds sectorcontract staan, wat is dat")
    when the question asks the meaning of something the sentence named before; None otherwise."""
    gevonden = _WAT_IS_DAT.match(normaliseer(tekst))
    return gevonden.group(1) if gevonden else None


_VULWOORDEN = re.compile(r" (?:eigenlijk|nou|precies|toch)(?= )")
"""Filler inside a meaning question ("wat bedoelen ze eigenlijk met X"): the patterns read it without."""


def betekenis_van(tekst: str) -> str | None:
    """The word whose meaning the question asks ("wat betekent peildatum" -> "peildatum"), or None
    when the question does not ask for a meaning ("wat is de peildatum" asks for a date)."""
    kaal = _BEDANKT.sub("", normaliseer(tekst)).strip()
    kaal = _INLEIDING.sub("", als_directe_vraag(_AANHEF.sub("", kaal).strip())).strip()
    kaal = _VULWOORDEN.sub("", kaal)
    for patroon in _BETEKENIS:
        gevonden = patroon.match(kaal)
        if gevonden:
            return _schoon(gevonden.group(1)) or None
    return None


_WIE_IS = re.compile(rf"^wie (?:is|zijn|was|waren)(?: er)?(?: nu| eigenlijk| momenteel| hier| bij ons){{0,3}} {_LIDWOORD}(.+)$")


def wie_is(tekst: str) -> str | None:
    """What follows "wie is (de)" in a question ("wie is de algemeen directeur" -> "algemeen
    directeur"), for a second reading when the words of a name were taken for question boilerplate
    (the "directeur" of "algemeen directeur"); None for any other question."""
    kaal = _BEDANKT.sub("", normaliseer(tekst)).strip()
    kaal = _INLEIDING.sub("", als_directe_vraag(_AANHEF.sub("", kaal).strip())).strip()
    gevonden = _WIE_IS.match(kaal)
    return _schoon(gevonden.group(1)) or None if gevonden else None


def ontleed(tekst: str) -> Vraag:
    """Strip greetings, thanks and question boilerplate; tell what kind of answer is wanted."""
    genormaliseerd = normaliseer(tekst)
    kaal = _BEDANKT.sub("", _herstel_sleutelwoorden(genormaliseerd)).strip()
    kaal = _INLEIDING.sub("", als_directe_vraag(_AANHEF.sub("", kaal).strip())).strip()
    for patroon, soort in _PATRONEN:
        gevonden = patroon.match(kaal)
        if gevonden:
            if soort is not VraagSoort.ONBEKEND:
                return Vraag(tekst, genormaliseerd, _schoon(gevonden.group(1)), soort)
            kaal = gevonden.group(1)
            break
    kern = _schoon(_opdrachtgever_kern(kaal))
    if not kern:  # 'wie is concerndirecteur': the whole rest is the subject
        return Vraag(tekst, genormaliseerd, _schoon(kaal), VraagSoort.ONBEKEND)
    soort = VraagSoort.OPDRACHTGEVER if kern != _schoon(kaal) else VraagSoort.ONBEKEND
    return Vraag(tekst, genormaliseerd, kern, soort)


def _herstel_sleutelwoorden(tekst: str) -> str:
    """'opdrachtgevr', 'opdrachgever' → 'opdrachtgever': a typo in the question's own words must not
    turn the boilerplate into the subject (it would then match the role 'ambtelijk opdrachtgever').
    A typo is at most two edits; another word that looks alike is left alone ('concerndirectie' is
    not 'concerndirecteur', 'verantwoordelijkheid' and 'concerndirecteuren' are words of their own)."""
    woorden = tekst.split(" ")
    for i, woord in enumerate(woorden):
        if len(woord) >= 10 and woord not in _SLEUTELWOORDEN:
            for juist in _SLEUTELWOORDEN:
                if (
                    fuzz.ratio(woord, juist) >= 85
                    and DamerauLevenshtein.distance(woord, juist) <= _MAX_TIKFOUT
                    and not woord.startswith(juist)
                ):
                    woorden[i] = juist
                    break
    return " ".join(woorden)


def _opdrachtgever_kern(tekst: str) -> str:
    for patroon in _OPDRACHTGEVER:
        tekst = patroon.sub(" ", tekst)
    return tekst


def _schoon(tekst: str) -> str:
    kern = _SPATIES.sub(" ", _RESTEN.sub(" ", tekst)).strip()
    return _LIDWOORD_VOOR.sub("", kern)
