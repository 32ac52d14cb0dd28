"""The natural question set (`tests/vragen/natuurlijk/*.yaml`): loading, and judging a reply.

Labels say what a right answer must contain, not which intent or feature gave it (see README.md in
this folder). Used by `tests/test_natuurlijke_vragen.py` and `bench/nauwkeurigheid.py`.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from kennisbank.kennisbank import Kennisbank

MAP = Path(__file__).resolve().parent
ALGEMENE_TEKSTEN = MAP.parents[2] / "dialogen" / "teksten" / "algemeen.yaml"

# The test clock: the Herfstrapportage 2026 is open (peildatum 1 oktober, deadline 4 december 2026).
MOMENT = datetime.fromisoformat("2026-11-22T10:00:00+01:00")
# Who asks when a question has no `als` and its file none either: a known employee of the first
# example who is nobody's opdrachtgever. A file for another kennisbank names its own (`als:` at the top).
STANDAARD_VRAGER = "daan-bakker"
# The kennisbank a file is asked against when it names none (`kennisbank:` at the top): a folder in kennisbank/.
KENNISBANKEN = MAP.parents[2] / "kennisbank"
EERSTE_KENNISBANK = "voorbeeld"
# The newest held-out sets, written while others taught the bot and never shown to them: not part of
# the 95 % gate but measured apart against their own floor (APART_MINIMAAL in the gate test), so they
# stay an honest measure of questions nobody tuned for. Remove a name to count the file in the gate.
APART_GEMETEN: frozenset[str] = frozenset(
    {"blind_4.yaml", "blind_cmt.yaml", "blind_5.yaml", "blind_cmt_2.yaml", "blind_6.yaml", "blind_cmt_3.yaml"}
)

LABELS = {
    "bevat",
    "bevat_een_van",
    "niet_bevat",
    "noemt",
    "mag_noemen",
    "geen_namen",
    "onbekend",
    "kaart",
    "geen_kaart",
    "niet_bestuurlijk_genoemd",
}
SLEUTELS = LABELS | {"vraag", "familie", "als", "daarna"}
KAARTEN = {"bestuursopdracht-check", "statusupdate"}

# `niet_bestuurlijk_genoemd`: a line that names a person next to one of these words claims that
# person is the bestuurlijk opdrachtgever, unless the line says it is not known or is about the
# ambtelijk opdrachtgever.
BESTUURLIJKE_WOORDEN = ("bestuurlijk", "bestuurlijke", "wethouder", "portefeuillehouder", "collegelid", "bo")
# `noemt`: another person counts as a wrong answer when named on a line with one of these words.
OPDRACHTGEVER_WOORDEN = ("opdrachtgever", "ao", "portefeuille")
AFSTAND_WOORDEN = ("ambtelijk", "ambtelijke", "niet", "geen", "onbekend", "nergens", "ao")


class VragensetFout(ValueError):
    """A mistake in a question file, with the file and the question."""


@dataclass(frozen=True)
class Vraag:
    vraag: str
    familie: str
    bestand: str
    labels: dict[str, Any]
    als: str = STANDAARD_VRAGER
    daarna: str | None = None
    kennisbank: str = EERSTE_KENNISBANK  # the folder in kennisbank/ the question is asked against

    @property
    def gemeten(self) -> bool:
        """Part of the 95 % accuracy gate (its file is not in APART_GEMETEN)."""
        return self.bestand not in APART_GEMETEN


@dataclass
class Uitslag:
    vraag: Vraag
    goed: bool
    redenen: list[str]
    antwoord: str
    noemt_persoon: bool
    seconden: float = 0.0
    beurten: list[list[dict[str, Any]]] = field(default_factory=list, repr=False)


# --- loading ------------------------------------------------------------------------------


def laad_vragen(map: Path = MAP) -> list[Vraag]:
    """All questions of all files (also those APART_GEMETEN); a malformed item raises VragensetFout
    naming file and question. A file may name its kennisbank and its default asker at the top."""
    vragen: list[Vraag] = []
    for pad in sorted(map.glob("*.yaml")):
        inhoud = yaml.safe_load(pad.read_text(encoding="utf-8"))
        if not isinstance(inhoud, dict) or not isinstance(inhoud.get("vragen"), list):
            raise VragensetFout(f"{pad.name}: verwacht 'familie' en een lijst 'vragen'")
        kennisbank = inhoud.get("kennisbank", EERSTE_KENNISBANK)
        if not isinstance(kennisbank, str) or not (kennisbank_pad(kennisbank) / "organisatie.yaml").is_file():
            raise VragensetFout(f"{pad.name}: 'kennisbank' {kennisbank!r} is geen map met een kennisbank in {KENNISBANKEN}")
        als = inhoud.get("als", STANDAARD_VRAGER)
        for item in inhoud["vragen"]:
            vragen.append(_vraag(pad.name, inhoud.get("familie"), item, kennisbank=kennisbank, als=als))
    return vragen


def kennisbank_pad(naam: str) -> Path:
    """The folder of the kennisbank a question file names (`voorbeeld`, `voorbeeld_cmt`, ...)."""
    return KENNISBANKEN / naam


def per_kennisbank(vragen: Iterable[Vraag]) -> dict[str, list[Vraag]]:
    """The questions grouped by the kennisbank they are asked against, in first-seen order."""
    groepen: dict[str, list[Vraag]] = {}
    for vraag in vragen:
        groepen.setdefault(vraag.kennisbank, []).append(vraag)
    return groepen


def _vraag(bestand: str, familie: Any, item: Any, *, kennisbank: str = EERSTE_KENNISBANK, als: str = STANDAARD_VRAGER) -> Vraag:
    if not isinstance(item, dict) or not isinstance(item.get("vraag"), str) or not item["vraag"].strip():
        raise VragensetFout(f"{bestand}: item zonder tekst in 'vraag': {item!r}")
    plek = f"{bestand}: {item['vraag']!r}"
    onbekend = set(item) - SLEUTELS
    if onbekend:
        raise VragensetFout(f"{plek}: onbekende sleutel(s) {sorted(onbekend)}")
    labels = {k: v for k, v in item.items() if k in LABELS}
    if not labels:
        raise VragensetFout(f"{plek}: geen label")
    for sleutel in ("bevat", "bevat_een_van", "niet_bevat", "noemt", "mag_noemen"):
        waarde = labels.get(sleutel)
        if waarde is not None and (not isinstance(waarde, list) or not waarde or not all(_is_tekst_of_keuze(w) for w in waarde)):
            raise VragensetFout(f"{plek}: '{sleutel}' moet een niet-lege lijst van teksten (of lijsten van teksten) zijn")
    if "kaart" in labels and labels["kaart"] not in KAARTEN:
        raise VragensetFout(f"{plek}: onbekende kaart {labels['kaart']!r} (kies uit {sorted(KAARTEN)})")
    familie = item.get("familie", familie)
    if not isinstance(familie, str) or not familie:
        raise VragensetFout(f"{plek}: geen familie")
    return Vraag(item["vraag"], familie, bestand, labels, item.get("als") or als, item.get("daarna"), kennisbank)


def _is_tekst_of_keuze(waarde: Any) -> bool:
    if isinstance(waarde, str):
        return bool(waarde.strip())
    return isinstance(waarde, list) and bool(waarde) and all(isinstance(w, (str, int)) for w in waarde)


# --- text -------------------------------------------------------------------------------------


def normaliseer(tekst: str) -> str:
    """Lowercase, no diacritics, every non-alphanumeric character a space, single spaces."""
    zonder = unicodedata.normalize("NFKD", str(tekst))
    zonder = "".join(t for t in zonder if not unicodedata.combining(t)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", zonder).split())


def _begint_woord(marker: str, tekst: str) -> bool:
    """`marker` occurs in `tekst` starting at a word (both normalised); its end may run on."""
    m = normaliseer(marker)
    return bool(m) and f" {m}" in f" {tekst}"


def _heel_woord(marker: str, tekst: str) -> bool:
    m = normaliseer(marker)
    return bool(m) and f" {m} " in f" {tekst} "


def antwoordtekst(beurt: list[dict[str, Any]]) -> str:
    """What answers the question: message texts and the texts of cards, not buttons, not choices."""
    delen: list[str] = []
    for activiteit in beurt:
        delen.append(activiteit.get("text") or "")
        for bijlage in activiteit.get("attachments") or []:
            inhoud = bijlage.get("content")
            if not isinstance(inhoud, dict):
                continue
            if bijlage.get("contentType") == "application/vnd.microsoft.card.adaptive":
                delen.extend(_adaptieve_teksten(inhoud.get("body") or []))
            else:  # hero/thumbnail: title and text are content, buttons are not
                delen.extend(str(inhoud.get(k) or "") for k in ("title", "subtitle", "text"))
    return "\n".join(d for d in delen if d)


def _adaptieve_teksten(elementen: Any) -> Iterator[str]:
    if isinstance(elementen, dict):
        elementen = [elementen]
    for element in elementen if isinstance(elementen, list) else []:
        if not isinstance(element, dict):
            continue
        soort = str(element.get("type", ""))
        if soort.startswith("Input.") or soort.startswith("Action."):
            continue
        if soort == "TextBlock":
            yield str(element.get("text") or "")
        elif soort == "RichTextBlock":
            yield " ".join(str(i.get("text") or "") for i in element.get("inlines") or [] if isinstance(i, dict))
        elif soort == "FactSet":
            for feit in element.get("facts") or []:
                yield f"{feit.get('title', '')} {feit.get('value', '')}"
        for sleutel in ("items", "columns", "body"):
            if sleutel in element:
                yield from _adaptieve_teksten(element[sleutel])


def alle_tekst(beurt: list[dict[str, Any]]) -> str:
    """Everything a user can read, buttons and suggested actions included."""
    delen = [antwoordtekst(beurt)]
    for activiteit in beurt:
        for actie in (activiteit.get("suggestedActions") or {}).get("actions") or []:
            delen.append(str(actie.get("title") or ""))
        for bijlage in activiteit.get("attachments") or []:
            delen.extend(_alle_strings(bijlage.get("content"), ("title", "text", "label", "placeholder", "value", "subtitle")))
    return "\n".join(d for d in delen if d)


def _alle_strings(inhoud: Any, sleutels: tuple[str, ...]) -> Iterator[str]:
    if isinstance(inhoud, dict):
        for sleutel, waarde in inhoud.items():
            if sleutel in sleutels and isinstance(waarde, str):
                yield waarde
            elif isinstance(waarde, (dict, list)):
                yield from _alle_strings(waarde, sleutels)
    elif isinstance(inhoud, list):
        for waarde in inhoud:
            yield from _alle_strings(waarde, sleutels)


# --- cards ----------------------------------------------------------------------------------


def _adaptieve_kaarten(beurt: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for activiteit in beurt:
        for bijlage in activiteit.get("attachments") or []:
            if bijlage.get("contentType") == "application/vnd.microsoft.card.adaptive" and isinstance(
                bijlage.get("content"), dict
            ):
                yield bijlage["content"]


def _bevat_element(inhoud: Any, soort: str) -> bool:
    if isinstance(inhoud, dict):
        return inhoud.get("type") == soort or any(_bevat_element(w, soort) for w in inhoud.values())
    if isinstance(inhoud, list):
        return any(_bevat_element(w, soort) for w in inhoud)
    return False


def _acties(inhoud: Any) -> Iterator[str]:
    if isinstance(inhoud, dict):
        if isinstance(inhoud.get("actie"), str):
            yield inhoud["actie"]
        for waarde in inhoud.values():
            yield from _acties(waarde)
    elif isinstance(inhoud, list):
        for waarde in inhoud:
            yield from _acties(waarde)


def heeft_kaart(beurt: list[dict[str, Any]], kaart: str) -> bool:
    """`bestuursopdracht-check`: a card with criteria to tick (toggles).
    `statusupdate`: a card whose buttons submit a status update (actions `rapportage.*`)."""
    for inhoud in _adaptieve_kaarten(beurt):
        if kaart == "bestuursopdracht-check" and _bevat_element(inhoud, "Input.Toggle"):
            return True
        if kaart == "statusupdate" and any(a.startswith("rapportage.") for a in _acties(inhoud)):
            return True
    return False


# --- judging --------------------------------------------------------------------------------


class Rechter:
    """Judges the replies to one question against its labels, with the kennisbank's people."""

    def __init__(self, kennisbank: Kennisbank, fouttekst: str | None = None) -> None:
        self.personen = [(p.naam, _naamvormen(p.naam)) for p in kennisbank.bestanden.personen]
        if fouttekst is None:
            fouttekst = yaml.safe_load(ALGEMENE_TEKSTEN.read_text(encoding="utf-8"))["fout"]
        self.fout = normaliseer(fouttekst)

    def genoemde_personen(self, tekst: str) -> list[str]:
        genormaliseerd = normaliseer(tekst)
        return [naam for naam, vormen in self.personen if any(_heel_woord(v, genormaliseerd) for v in vormen)]

    def beoordeel(self, vraag: Vraag, beurten: list[list[dict[str, Any]]]) -> tuple[bool, list[str], str, bool]:
        """(right?, reasons it is not, the answer text of the first turn, whether any name shows anywhere)."""
        labels = vraag.labels
        eerste = beurten[0] if beurten else []
        tekst = antwoordtekst(eerste)
        norm = normaliseer(tekst)
        overal = [n for b in beurten for n in self.genoemde_personen(alle_tekst(b))]
        redenen: list[str] = []
        if not any(a.get("type") == "message" for a in eerste):
            redenen.append("geen antwoord")
        if self.fout and self.fout in normaliseer(alle_tekst(eerste)):
            redenen.append("foutmelding")
        for item in labels.get("bevat") or []:
            keuzes = item if isinstance(item, list) else [item]
            if not any(_begint_woord(str(k), norm) for k in keuzes):
                redenen.append(f"mist {keuzes if len(keuzes) > 1 else keuzes[0]!r}")
        if labels.get("bevat_een_van") and not any(_begint_woord(str(k), norm) for k in labels["bevat_een_van"]):
            redenen.append(f"mist een van {labels['bevat_een_van']!r}")
        for item in labels.get("niet_bevat") or []:
            if _begint_woord(str(item), norm):
                redenen.append(f"bevat {item!r}")
        if labels.get("noemt"):
            redenen.extend(self._noemt(labels["noemt"], labels.get("mag_noemen") or [], tekst))
        genoemd = self.genoemde_personen(tekst)
        if labels.get("geen_namen") and genoemd:
            redenen.append(f"noemt {genoemd}")
        if labels.get("onbekend") and overal:
            redenen.append(f"onbekend onderwerp, toch een naam: {sorted(set(overal))}")
        if labels.get("niet_bestuurlijk_genoemd"):
            redenen.extend(self._bestuurlijke_claims(tekst))
        if labels.get("kaart") and not any(heeft_kaart(b, labels["kaart"]) for b in beurten):
            redenen.append(f"geen kaart {labels['kaart']}")
        if labels.get("geen_kaart") and heeft_kaart(eerste, "bestuursopdracht-check"):
            redenen.append("start ten onrechte een check")
        return not redenen, redenen, tekst, bool(overal)

    def _noemt(self, noemt: list[str], mag: list[str], tekst: str) -> list[str]:
        norm = normaliseer(tekst)
        redenen = [f"mist {n!r}" for n in noemt if not _heel_woord(n, norm)]
        toegestaan = [normaliseer(n) for n in [*noemt, *mag]]
        andere = [
            naam
            for naam in self.als_opdrachtgever_genoemd(tekst)
            if not any(_heel_woord(t, normaliseer(naam)) for t in toegestaan)
        ]
        if andere:
            redenen.append(f"noemt ook {andere} als opdrachtgever")
        return redenen

    def als_opdrachtgever_genoemd(self, tekst: str) -> list[str]:
        """People named on a line about an opdrachtgever, or on a list line (a list of onderwerpen
        with their opdrachtgevers). A person mentioned in passing in a description does not count."""
        namen: list[str] = []
        for regel in tekst.splitlines():
            norm = normaliseer(regel)
            lijstregel = re.match(r"\s*([-•–]|\*\s)", regel) is not None
            if lijstregel or any(_begint_woord(w, norm) for w in OPDRACHTGEVER_WOORDEN):
                namen.extend(n for n in self.genoemde_personen(regel) if n not in namen)
        return namen

    def _bestuurlijke_claims(self, tekst: str) -> list[str]:
        claims = []
        for regel in tekst.splitlines():
            norm = normaliseer(regel)
            if not self.genoemde_personen(regel):
                continue
            if any(_heel_woord(w, norm) for w in BESTUURLIJKE_WOORDEN) and not any(_heel_woord(w, norm) for w in AFSTAND_WOORDEN):
                claims.append(f"noemt een persoon als bestuurlijk: {regel.strip()[:120]!r}")
        return claims


def _naamvormen(naam: str) -> list[str]:
    """Full name and surname ("Kossen"; a short surname keeps its tussenvoegsel: "de Wit")."""
    woorden = naam.split()
    achternaam = woorden[-1]
    if len(achternaam) <= 3 and len(woorden) > 2:
        achternaam = " ".join(woorden[-2:])
    return [naam, achternaam]


# --- asking the bot -------------------------------------------------------------------------


async def stel(gesprek_maker, rechter: Rechter, vraag: Vraag) -> Uitslag:
    """Ask one question in a fresh conversation (plus `daarna` when a card is expected and not yet
    shown) and judge it. `gesprek_maker()` returns a tests.conftest.Gesprek-like object."""
    gesprek = gesprek_maker()
    begin = time.perf_counter()
    beurten = [await gesprek.stuur(vraag.vraag, als=vraag.als)]
    seconden = time.perf_counter() - begin
    kaart = vraag.labels.get("kaart")
    if vraag.daarna and kaart and not heeft_kaart(beurten[0], kaart):
        beurten.append(await gesprek.stuur(vraag.daarna, als=vraag.als))
    goed, redenen, tekst, naam = rechter.beoordeel(vraag, beurten)
    return Uitslag(vraag, goed, redenen, tekst, naam, seconden, beurten)


def per_familie(uitslagen: Iterable[Uitslag]) -> dict[str, tuple[int, int]]:
    """familie -> (right, total), in file order."""
    telling: dict[str, tuple[int, int]] = {}
    for u in uitslagen:
        goed, totaal = telling.get(u.vraag.familie, (0, 0))
        telling[u.vraag.familie] = (goed + u.goed, totaal + 1)
    return telling


def rapport(uitslagen: list[Uitslag], *, toon_fouten: bool) -> str:
    """Accuracy overall and per family; the failing questions only when asked for."""
    goed = sum(u.goed for u in uitslagen)
    regels = [f"natuurlijke vragen: {goed}/{len(uitslagen)} = {goed / max(len(uitslagen), 1):.1%}"]
    for familie, (g, t) in per_familie(uitslagen).items():
        regels.append(f"  {familie:<18} {g:>3}/{t:<3} {g / t:6.1%}")
    onbekend = [u for u in uitslagen if u.vraag.labels.get("onbekend")]
    if onbekend:
        zonder = sum(not u.noemt_persoon for u in onbekend)
        regels.append(f"  onbekend zonder naam: {zonder}/{len(onbekend)}")
    if toon_fouten:
        for u in uitslagen:
            if not u.goed:
                antwoord = " ".join(u.antwoord.split())[:300]
                regels.append(
                    f"FOUT [{u.vraag.familie}] {u.vraag.vraag!r} ({u.vraag.als}): {'; '.join(u.redenen)}\n     -> {antwoord}"
                )
    return "\n".join(regels)
