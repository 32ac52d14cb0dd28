"""Issue 13 item 6 ("What was seen", wording and layout): rules every reply keeps, checked on real
conversations through the turn pipeline in Teams and in the console:
- no text line right after a list item (Markdown pulls it into the last bullet);
- no message with both a Markdown list and suggested actions (some clients then show raw Markdown);
- "typ het nummer" only where numbers are shown in the same reply;
- "je", never "u";
- no source line twice in one message;
- an answer opens with "Ja." or "Nee." only after a yes/no question.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import pytest

from bot.webchat_server import PROJECTMAP
from dialogen.kaarten import LIJSTREGEL
from tests.conftest import TestGesprek
from tests.test_overzicht_kaarten import _vul, elementen
from tests.test_rapportage_gesprek import kaarten

CONTROLLER = "noor-visser"
GESPREKKEN: list[tuple[str | None, list[str]]] = [
    (None, ["help"]),
    (CONTROLLER, ["overzicht rapportage", "wie moet nog", "overzicht rapportage alle onderwerpen"]),
    (None, ["ik wil escaleren", "2", "terug", "1", "1", "jeugdagenda"]),
    (None, ["ik wil escaleren", "Geld en budget", "1", "qwxyz", "zzzqq"]),
    (
        None,
        [
            "we gaan over het budget heen, wat nu?",
            "het CMT komt er niet uit",
            "Mag ik een meningsverschil met een ander team bij de wethouder neerleggen?",
        ],
    ),
    ("marcel-kossen", ["we zijn het oneens met een ander team over de jeugdagenda, wat nu?"]),
    (
        None,
        [
            "wie gaat over regionaal",
            "de eerste",
            "wie gaat over sociale media",
            "ja",
            "wie gaat over duurzaamheid",
            "wat is een sectorcontract?",
            "hoeveel criteria moeten gelden?",
        ],
    ),
    (None, ["bestuursopdracht check", "nieuwbouw zwembad", "ja", "nee", "weet ik niet", "stop", "bestuursopdracht check"]),
    ("marcel-kossen", ["statusupdate", "1", "op koers", "stop", "mijn checks"]),
]
_VRAAGWOORD_NUMMER = re.compile(r"typ (?:het|een) nummer", re.IGNORECASE)
_GENUMMERD = re.compile(r"^\s*1\.\s", re.MULTILINE)
_FORMEEL = re.compile(r"\b(?:u|uw)\b(?![.-])")
_JA_NEE_ANTWOORD = re.compile(r"^(?:Ja|Nee)\.(?:\s|$)", re.MULTILINE)
_JA_NEE_VRAAG = re.compile(r"^(?:mag|kan|kun|moet|is|ben|heb|zijn|mogen|kunnen|moeten)\b", re.IGNORECASE)


def _teksten(activiteit: dict[str, Any]) -> list[str]:
    """The message text and every text block of its cards (each shown as one Markdown block)."""
    teksten = [activiteit.get("text") or ""]

    def blokken(knoop: Any) -> None:
        if isinstance(knoop, dict):
            if knoop.get("type") == "TextBlock" or "buttons" in knoop:  # a hero card's text is Markdown too
                teksten.append(str(knoop.get("text") or ""))
            for waarde in knoop.values():
                blokken(waarde)
        elif isinstance(knoop, list):
            for item in knoop:
                blokken(item)

    for bijlage in activiteit.get("attachments") or []:
        blokken(bijlage.get("content"))
    return [t for t in teksten if t]


def tekst_na_lijst(tekst: str) -> str | None:
    """The first line that directly follows a list item without a blank line, and is not one itself."""
    regels = tekst.split("\n")
    for vorige, regel in zip(regels, regels[1:]):
        if LIJSTREGEL.match(vorige) and regel.strip() and not LIJSTREGEL.match(regel) and not regel.startswith((" ", "\t")):
            return regel
    return None


def overtredingen(vraag: str, antwoorden: list[dict[str, Any]]) -> list[str]:
    fouten = []
    alle = [t for a in antwoorden for t in _teksten(a)]
    for activiteit in antwoorden:
        for tekst in _teksten(activiteit):
            if (regel := tekst_na_lijst(tekst)) is not None:
                fouten.append(f"tekst na een lijst: {regel!r}")
            if _FORMEEL.search(tekst):
                fouten.append(f"'u' in {tekst[:80]!r}")
            bronnen = [r for r in tekst.split("\n") if r.startswith("Bron:")]
            if len(bronnen) != len(set(bronnen)):
                fouten.append(f"bronregel twee keer: {bronnen}")
            if _JA_NEE_ANTWOORD.search(tekst) and not _JA_NEE_VRAAG.match(vraag):
                fouten.append(f"'Ja.'/'Nee.' zonder ja/nee-vraag: {tekst[:120]!r}")
        if (activiteit.get("suggestedActions") or {}).get("actions") and LIJSTREGEL.search(activiteit.get("text") or ""):
            fouten.append(f"lijst en knoppen in één bericht: {activiteit.get('text', '')[:80]!r}")
    if any(_VRAAGWOORD_NUMMER.search(t) for t in alle) and not any(_GENUMMERD.search(t) for t in alle):
        fouten.append(f"'typ het nummer' zonder nummers: {[t[:60] for t in alle]}")
    return fouten


@pytest.mark.parametrize("kanaal", ["msteams", "console"])
@pytest.mark.parametrize(("als", "berichten"), GESPREKKEN, ids=lambda w: w[0] if isinstance(w, list) else str(w))
async def test_elk_antwoord_houdt_de_schrijfregels(bot_client, kennisbank, kanaal: str, als: str | None, berichten: list[str]):
    gesprek = TestGesprek(bot_client, kennisbank, kanaal=kanaal)
    gesprek.als = als
    fouten = []
    for bericht in berichten:
        fouten += [f"{bericht!r}: {f}" for f in overtredingen(bericht, await gesprek.stuur(bericht))]
    assert not fouten, "\n".join(fouten)


def test_de_controles_kunnen_falen():
    """Each check finds what it is for (a check that cannot fail is no check)."""
    assert tekst_na_lijst("Kop:\n- een\n- twee\nDaarna tekst") == "Daarna tekst"
    assert tekst_na_lijst("Kop:\n- een\n- twee\n\nDaarna tekst") is None
    assert tekst_na_lijst("- een\n  - Maatregel: x\n- twee") is None
    knoppen = {"suggestedActions": {"actions": [{"title": "A"}]}}
    assert overtredingen("x", [{"text": "Kies:\n- a\n- b", **knoppen}])
    assert overtredingen("x", [{"text": "Kies er een, of typ het nummer."}])
    assert not overtredingen("x", [{"text": "Welke?\n\n1. A\n2. B"}, {"text": "Kies een knop, of typ het nummer.", **knoppen}])
    assert overtredingen("wat nu?", [{"text": "**Situatie**\n\nNee. Zo ga je te werk."}])
    assert not overtredingen("mag ik dat?", [{"text": "Nee. Zo ga je te werk."}])
    assert overtredingen("x", [{"text": "Bron: A\nBron: A"}]) and overtredingen("x", [{"text": "Kunt u dat?"}])


def test_web_chat_zegt_ook_je():
    """Web Chat's own nl-NL strings (the send box says "Typ uw bericht") are overridden on the page
    wherever they say "u" or "uw"; a newer Web Chat with another such string fails here."""
    strings = PROJECTMAP / "node_modules" / "botframework-webchat-api" / "src" / "localization" / "nl-NL.json"
    assert strings.exists(), f"{strings} ontbreekt: voer `npm install` uit"
    formeel = {k for k, v in json.loads(strings.read_text(encoding="utf-8")).items() if isinstance(v, str) and _FORMEEL.search(v)}
    assert formeel  # the check finds something to override
    pagina = (PROJECTMAP / "bot" / "webchat" / "index.html").read_text(encoding="utf-8")
    overschreven = re.search(r"overrideLocalizedStrings:\s*(\{[^}]*\})", pagina)
    assert overschreven is not None
    assert formeel <= set(re.findall(r"(\w+):", overschreven.group(1)))
    assert not _FORMEEL.search(overschreven.group(1))


async def test_geen_geneste_lijst_in_een_kaart(gesprek: TestGesprek, services):
    """Card Markdown has no nested lists: Web Chat showed the overview's "  - Maatregel: …" as a
    bullet of its own, as if it were another onderwerp. The details are quiet lines under the row."""
    await _vul(
        services,
        "jeugdagenda",
        "afwijking",
        maatregel="Inkoop versnellen",
        financieel_soort="tegenvaller",
        financieel_bedrag=Decimal("1000"),
    )
    gesprek.als = CONTROLLER
    kaart = kaarten(await gesprek.stuur("overzicht rapportage"))[0]
    blokken = [b["text"] for b in elementen(kaart, "TextBlock")]
    assert not [b for b in blokken if re.search(r"^\s+[-*]\s", b, re.MULTILINE)]
    rij = next(i for i, b in enumerate(blokken) if "Jeugdagenda" in b and "Afwijking" in b)
    onder = blokken[rij + 1 : rij + 4]  # (+ "Na de deadline doorgegeven" when stored after it)
    assert {"Maatregel: Inkoop versnellen", "Financieel: tegenvaller van € 1.000,00"} <= set(onder)
