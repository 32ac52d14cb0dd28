"""Issue 13 item 5: escalation's choices go through the one choice layer, through the turn pipeline.
The guided escalation is a form (`dialogen.formulier`) whose choices are numbered and read like every
choice in the bot (`dialogen.keuzevraag.kies`): a button, "2", "de vierde", "de laatste", the name or a
telling part of it; "terug" goes back. "Bedoelde je A of B?" takes the rule's name typed."""

from __future__ import annotations

from dialogen.kaarten import MAX_KNOP
from dialogen.keuzevraag import Keuze, kies
from dialogen.teksten import Teksten
from kennisbank.escalatie.route import heeft_onderwerp_nodig
from kennisbank.kennisbank import Kennisbank
from tests.conftest import TestGesprek, berichttekst_van, knoppen_van, tekst_van
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)

TEKSTEN = Teksten.laad()


def _groepen(kennisbank: Kennisbank) -> list[str]:
    return list(dict.fromkeys(r.groep for r in kennisbank.bestanden.escalatie))


def _in_groep(kennisbank: Kennisbank, groep: str) -> list:
    return [r for r in kennisbank.bestanden.escalatie if r.groep == groep]


async def _antwoord_op(gesprek: TestGesprek, antwoorden: list[dict], regel, kennisbank: Kennisbank) -> str:
    """The answer to the rule, after "Geen onderwerp" where the route asks for one."""
    if heeft_onderwerp_nodig(regel, kennisbank):
        antwoorden = await gesprek.stuur("geen onderwerp")
    return berichttekst_van(antwoorden)


async def test_de_keuzes_staan_genummerd_en_een_nummer_kiest(gesprek: TestGesprek, kennisbank: Kennisbank):
    groepen = _groepen(kennisbank)
    antwoorden = await gesprek.stuur("ik wil escaleren")
    tekst = berichttekst_van(antwoorden)
    assert TEKSTEN.tekst("escalatie.vraag_groep") in tekst
    assert all(f"{nummer}. {groep}" in tekst for nummer, groep in enumerate(groepen, 1))
    assert TEKSTEN.tekst("formulier.kies_nummer") in tekst
    assert knoppen_van(antwoorden) == groepen

    laatste_groep = _in_groep(kennisbank, groepen[-1])
    assert len(laatste_groep) > 5  # a number beyond "vijfde" must work too
    antwoorden = await gesprek.stuur(f"de {['eerste', 'tweede', 'derde', 'vierde'][len(groepen) - 1]}")
    tekst = berichttekst_van(antwoorden)
    assert TEKSTEN.tekst("escalatie.vraag_situatie_groep", groep=groepen[-1]) in tekst
    assert f"{len(laatste_groep)}. {laatste_groep[-1].situatie}" in tekst

    regel = laatste_groep[5]
    antwoord = await _antwoord_op(gesprek, await gesprek.stuur("6"), regel, kennisbank)
    assert antwoord.startswith(f"**{regel.situatie}**"), antwoord
    assert "Zo ga je te werk" in antwoord


async def test_naam_of_deel_van_de_naam_en_de_laatste(gesprek: TestGesprek, kennisbank: Kennisbank):
    await gesprek.stuur("ik wil escaleren")
    geld = next(g for g in _groepen(kennisbank) if g.lower().startswith("geld"))
    tekst = berichttekst_van(await gesprek.stuur("geld"))
    assert TEKSTEN.tekst("escalatie.vraag_situatie_groep", groep=geld) in tekst
    regel = _in_groep(kennisbank, geld)[-1]
    antwoord = await _antwoord_op(gesprek, await gesprek.stuur("de laatste"), regel, kennisbank)
    assert antwoord.startswith(f"**{regel.situatie}**"), antwoord


async def test_lange_keuzes_krijgen_een_korte_knop_en_de_lijst_de_hele_tekst(gesprek: TestGesprek, kennisbank: Kennisbank):
    """Clients cut long suggested actions off mid-word: the button is short, the numbered list in
    the message has the whole title, and a click sends the whole title."""
    lang = next(r for r in kennisbank.bestanden.escalatie if len(r.situatie) > MAX_KNOP)
    await gesprek.stuur("ik wil escaleren")
    antwoorden = await gesprek.stuur(lang.groep)
    assert lang.situatie in berichttekst_van(antwoorden)
    acties = [a for b in antwoorden for a in (b.get("suggestedActions") or {}).get("actions") or []]
    assert all(len(a["title"]) <= MAX_KNOP for a in acties)
    [knop] = [a for a in acties if a["value"] == lang.situatie]
    assert knop["title"] != lang.situatie
    antwoord = await _antwoord_op(gesprek, await gesprek.stuur(knop["value"]), lang, kennisbank)
    assert antwoord.startswith(f"**{lang.situatie}**"), antwoord


async def test_terug_gaat_naar_de_vorige_keuze(gesprek: TestGesprek, kennisbank: Kennisbank):
    groepen = _groepen(kennisbank)
    await gesprek.stuur("ik wil escaleren")
    await gesprek.stuur("2")
    antwoorden = await gesprek.stuur("terug")
    assert TEKSTEN.tekst("escalatie.vraag_groep") in berichttekst_van(antwoorden)
    assert knoppen_van(antwoorden)[: len(groepen)] == groepen
    tekst = berichttekst_van(await gesprek.stuur("1"))
    assert TEKSTEN.tekst("escalatie.vraag_situatie_groep", groep=groepen[0]) in tekst


async def test_situatie_in_eigen_woorden_bij_de_eerste_vraag_en_dan_terug(gesprek: TestGesprek, kennisbank: Kennisbank):
    """The first answer names the situation itself: the group is filled in too, and "terug" undoes
    the situation first (so the group's situations are offered)."""
    regel = next(r for r in kennisbank.bestanden.escalatie if r.id == "cmt-geen-overeenstemming")
    await gesprek.stuur("ik wil escaleren")
    antwoorden = await gesprek.stuur("het CMT komt er niet uit")
    if heeft_onderwerp_nodig(regel, kennisbank):
        assert TEKSTEN.tekst("escalatie.vraag_onderwerp", situatie=regel.situatie) in berichttekst_van(antwoorden)
        tekst = berichttekst_van(await gesprek.stuur("terug"))
        assert TEKSTEN.tekst("escalatie.vraag_situatie_groep", groep=regel.groep) in tekst
        assert f"{_in_groep(kennisbank, regel.groep).index(regel) + 1}. {regel.situatie}" in tekst
    else:
        assert berichttekst_van(antwoorden).startswith(f"**{regel.situatie}**")


async def test_onbekende_keuze_zegt_het_en_vraagt_opnieuw_met_nummers(gesprek: TestGesprek, kennisbank: Kennisbank):
    await gesprek.stuur("ik wil escaleren")
    tekst = berichttekst_van(await gesprek.stuur("9"))
    assert TEKSTEN.tekst("escalatie.fout_keuze") in tekst
    assert f"1. {_groepen(kennisbank)[0]}" in tekst


async def test_bedoelde_je_neemt_de_getypte_naam_van_de_regel(gesprek: TestGesprek, kennisbank: Kennisbank, met_intentie):
    met_intentie("escalatie.vraag")
    antwoorden = await gesprek.stuur("proces loopt stroef en te weinig capaciteit")
    kaart = antwoorden[0]["attachments"][0]["content"]
    assert kaart["text"] == TEKSTEN.tekst("escalatie.vraag_bedoel_je")
    regels = {r.id: r for r in kennisbank.bestanden.escalatie}
    tekst = tekst_van(await gesprek.stuur("knelpunt in de uitvoering"))
    assert tekst.startswith(f"**{regels['knelpunt-uitvoering'].situatie}**"), tekst


async def test_console_toont_de_nummers_ook(bot_client, kennisbank: Kennisbank):
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    tekst = berichttekst_van(await console.stuur("ik wil escaleren"))
    assert f"1. {_groepen(kennisbank)[0]}" in tekst


def test_een_nummer_boven_de_vijf_kiest_in_een_lange_lijst():
    keuzes = [Keuze(f"Optie {i}", str(i), f"optie {i}") for i in range(1, 13)]
    assert kies("12", keuzes) == 11 and kies("nummer 7", keuzes) == 6
    assert kies("13", keuzes) is None and kies("0", keuzes) is None


async def test_opnieuw_bij_een_keuze_vraagt_dezelfde_keuze_opnieuw(gesprek: TestGesprek):
    """Regression: "opnieuw" while "Bedoelde je A of B?" waits restarted the choice without its
    options: an empty question without buttons, and the next answer was lost."""
    eerst = await gesprek.stuur("wie gaat over regionaal")
    titels = knoppen_van(eerst)
    assert len(titels) >= 2
    opnieuw = await gesprek.stuur("opnieuw")
    assert knoppen_van(opnieuw) == titels
    assert f"**{titels[1]}**" in tekst_van(await gesprek.stuur("2"))


async def test_opnieuw_in_de_begeleide_escalatie_begint_bij_de_eerste_vraag(gesprek: TestGesprek, kennisbank: Kennisbank):
    await gesprek.stuur("ik wil escaleren")
    await gesprek.stuur("2")
    tekst = berichttekst_van(await gesprek.stuur("opnieuw"))
    assert TEKSTEN.tekst("escalatie.vraag_groep") in tekst and f"1. {_groepen(kennisbank)[0]}" in tekst
