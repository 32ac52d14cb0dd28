"""The opdracht's name read from a request to start the bestuursopdracht check: the sentence around
the name goes, the name stays as the user typed it (`dialogen.bestuursopdracht.opdrachtnaam`), also
through the turn pipeline, where the check names it in its introduction."""

from __future__ import annotations

import pytest

from dialogen.bestuursopdracht.opdrachtnaam import opdracht_in_tekst, opdrachtnaam
from dialogen.intentiedata import laad_intenties
from kennisbank.zoeken.normaliseren import normaliseer
from tests.conftest import TestGesprek, tekst_van
from tests.test_bestuursopdracht_gesprek import ALS

GROEPEN = laad_intenties()["bestuursopdracht.start"].groepen


def naam(tekst: str) -> str | None:
    """As the feature reads it: the intent's `opdracht` group (as the recogniser fills it in), else
    the patterns, then the name."""
    gevonden = next((m.group("opdracht") for p in GROEPEN if (m := p.search(normaliseer(tekst)))), None)
    return opdrachtnaam(gevonden or opdracht_in_tekst(tekst), tekst)


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        (
            "is er voor de herinrichting van het stationsplein een bestuursopdracht nodig?",
            "de herinrichting van het stationsplein",
        ),
        ("is voor de herinrichting van het plein een bestuursopdracht nodig", "de herinrichting van het plein"),
        ("moet er voor de verduurzaming van het vastgoed een bestuursopdracht komen", "de verduurzaming van het vastgoed"),
        ("is er eigenlijk voor de nieuwe sporthal een bestuursopdracht nodig", "de nieuwe sporthal"),
        ("moet er nu echt voor het stationsplein een bestuursopdracht komen", "het stationsplein"),
        ("hebben we voor de herinrichting van het marktplein een bestuursopdracht nodig", "de herinrichting van het marktplein"),
        ("check of we voor de markt een bestuursopdracht nodig hebben", "de markt"),
        (
            "is er voor de herinrichting van het stationsplein eigenlijk wel een bestuursopdracht nodig of niet",
            "de herinrichting van het stationsplein",
        ),
        ("moet de pilot buurtbudgetten een bestuursopdracht zijn?", "de pilot buurtbudgetten"),
        ("moet het nieuwe armoedeplan een bestuursopdracht krijgen", "het nieuwe armoedeplan"),
        ("moet de visie op de binnenhaven een bestuursopdracht worden", "de visie op de binnenhaven"),
        ("wordt de transitie naar aardgasvrije wijken een bestuursopdracht", "de transitie naar aardgasvrije wijken"),
        ("heeft het project nieuwe sportvelden een bestuursopdracht nodig?", "het project nieuwe sportvelden"),
        ("ik wil weten of de aanpak laaggeletterdheid een bestuursopdracht wordt", "de aanpak laaggeletterdheid"),
        ("bestuursopdracht check voor nieuwbouw zwembad", "nieuwbouw zwembad"),
        ("check voor het programma vitale wijken", "het programma vitale wijken"),
        ("check voor de nieuwbouw van het zwembad graag", "de nieuwbouw van het zwembad"),
        ("check voor de nieuwe sporthal nodig?", "de nieuwe sporthal"),
        ("bestuursopdracht check voor de markt, is dat nodig?", "de markt"),
        ("bestuursopdracht nodig voor het warmtenet?", "het warmtenet"),
        ("is een bestuursopdracht nodig voor de nieuwe huisvestingsstrategie", "de nieuwe huisvestingsstrategie"),
        ("bestuursopdracht ja of nee voor de herinrichting van de markt", "de herinrichting van de markt"),
        # real names come back as typed: capitals, hyphens
        ("Moet Vernieuwing Stationsplein een bestuursopdracht worden?", "Vernieuwing Stationsplein"),
        ("Is er voor de Vernieuwing Stationsplein een bestuursopdracht nodig?", "de Vernieuwing Stationsplein"),
        ("is er voor het IKC-programma Noord een bestuursopdracht nodig", "het IKC-programma Noord"),
        ("moet de Jeugdagenda een bestuursopdracht worden?", "de Jeugdagenda"),
        # no name: only sentence words, a pronoun or a generic word
        ("moeten we daar een bestuursopdracht van maken", None),
        ("check of mijn project een bestuursopdracht moet zijn", None),
        ("kun je checken of dit een bestuursopdracht is", None),
        ("we moeten iets nieuws opzetten, is dat een bestuursopdracht?", None),
        ("is er hiervoor een bestuursopdracht nodig", None),
    ],
)
def test_de_naam_zonder_de_zin_eromheen(tekst: str, verwacht: str | None) -> None:
    assert naam(tekst) == verwacht


async def test_de_check_noemt_de_opdracht_bij_zijn_naam(bot_client, kennisbank) -> None:
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = ALS
    tekst = tekst_van(await console.stuur("is er voor de herinrichting van het stationsplein een bestuursopdracht nodig?"))
    assert "korte vragen over **De herinrichting van het stationsplein**" in tekst
    await console.stuur("stop")
    tekst = tekst_van(await console.stuur("Moet Vernieuwing Stationsplein een bestuursopdracht worden?"))
    assert "korte vragen over **Vernieuwing Stationsplein**" in tekst
