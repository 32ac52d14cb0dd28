"""Issue 7: Microsoft's Web Chat (a client nobody on this project wrote) talks to the real bot.

Each flow runs once, on SQLite (the database is not what these test), and leaves screenshots in
test-artifacts/e2e/. Under pytest-xdist they share one worker, so Chromium starts once.
"""

from __future__ import annotations

import re

import pytest

from dialogen.teksten import Teksten

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("chromium")]


@pytest.fixture(scope="module")
def teksten() -> Teksten:
    return Teksten.laad()


def zonder_opmaak(tekst: str) -> str:
    """What Web Chat shows of a Markdown text: no ** or _ markers."""
    return re.sub(r"\*\*|(?<!\w)_|_(?!\w)", "", tekst)


def test_welkom_verschijnt_eenmaal_bij_het_openen(webchat, teksten: Teksten) -> None:
    webchat.open()

    eerste_zin = zonder_opmaak(teksten.tekst("algemeen.welkom")).split(".")[0]
    webchat.verwacht(webchat.antwoord()).to_contain_text(eerste_zin)
    webchat.verwacht(webchat.pagina).to_have_title("Sturingsbot — lokaal uitproberen")
    webchat.stuur("help")  # a later turn: by now a second welcome would have arrived too
    webchat.verwacht(webchat.antwoord()).to_contain_text(zonder_opmaak(teksten.tekst("algemeen.hulp_titel")))
    webchat.verwacht(webchat.bot_berichten.filter(has_text=eerste_zin)).to_have_count(1)


def test_opdrachtgever_vraag_met_tikfout(webchat) -> None:
    webchat.open()
    webchat.verwacht(webchat.antwoord()).to_be_visible()  # the welcome

    webchat.stuur("wie is ambtelijk opdrachtgever voor de jeugdagneda?")

    antwoord = webchat.antwoord()
    webchat.verwacht(antwoord).to_contain_text("Jeugdagenda")
    webchat.verwacht(antwoord).to_contain_text("Ambtelijk opdrachtgever: Marcel Kossen")
    webchat.verwacht(antwoord).to_contain_text("Bron:")
    assert webchat.aantal_antwoorden() == 1


def test_bedoelde_u_knop_klikken(webchat, teksten: Teksten) -> None:
    webchat.open()
    webchat.verwacht(webchat.antwoord()).to_be_visible()
    webchat.stuur("wie gaat over sociale media")
    kaart = webchat.antwoord()
    webchat.verwacht(kaart).to_contain_text(zonder_opmaak(teksten.tekst("opdrachtgever.bedoelde_je_een")))
    webchat.verwacht(kaart.get_by_role("button", name="Sociale agenda")).to_be_visible()
    webchat.screenshot("keuzes")

    webchat.klik("Sociale agenda")

    gekozen = teksten.tekst("opdrachtgever.knop_onderwerp", naam="Sociale agenda")
    webchat.controleer_verzonden(gekozen)
    antwoord = webchat.antwoord()
    webchat.verwacht(antwoord).to_contain_text("Sociale agenda")
    webchat.verwacht(antwoord).to_contain_text("Ambtelijk opdrachtgever: Marcel Kossen")
    laatste = webchat.omgeving.gebruikersberichten()[-1]
    assert (laatste["type"], laatste["text"]) == ("message", gekozen)  # imBack: the button's value as text


def test_onbekend_onderwerp_krijgt_geen_naam(webchat, teksten: Teksten) -> None:
    webchat.open()
    webchat.verwacht(webchat.antwoord()).to_be_visible()

    webchat.stuur("wie is opdrachtgever voor de marsmissie")

    antwoord = webchat.antwoord()
    webchat.verwacht(antwoord).to_contain_text(zonder_opmaak(teksten.tekst("opdrachtgever.niet_gevonden")))
    webchat.verwacht(antwoord).not_to_contain_text("Ambtelijk opdrachtgever:")


def test_python_m_bot_webchat_bot_en_pagina_op_een_poort_als_persoon(lokale_webchat) -> None:
    """`python -m bot webchat --als marcel-kossen`: the page chats as that persoon (aadObjectId from the kennisbank)."""
    lokale_webchat.open()
    lokale_webchat.verwacht(lokale_webchat.pagina.locator("#wie")).to_have_text("Je chat als Marcel Kossen.")
    lokale_webchat.verwacht(lokale_webchat.antwoord()).to_be_visible()

    lokale_webchat.stuur("waar is Marcel Kossen opdrachtgever voor?")

    lokale_webchat.verwacht(lokale_webchat.antwoord()).to_contain_text("Jeugdagenda")
    verstuurd = lokale_webchat.omgeving.gebruikersberichten()[-1]
    assert verstuurd["from"]["aadObjectId"] == "3f2b6c1e-5a7d-4e21-9b0c-1a2d3e4f5a03"


# --- feature flows ---------------------------------------------------------------------------


def escalatie_route_voor_de_jeugdagenda(webchat, teksten: Teksten):
    """'ik wil escaleren', two suggested-action clicks, an onderwerp with a typo; returns the route."""
    webchat.open()
    webchat.verwacht(webchat.antwoord()).to_be_visible()
    webchat.stuur("ik wil escaleren")
    webchat.verwacht(webchat.antwoord()).to_contain_text(zonder_opmaak(teksten.tekst("escalatie.vraag_groep")))
    webchat.screenshot("groepen")
    webchat.klik("Knelpunt of vastgelopen werk")
    webchat.controleer_verzonden("Knelpunt of vastgelopen werk")
    webchat.verwacht(webchat.antwoord()).to_be_visible()
    webchat.klik("De opdracht past niet binnen de kaders of middelen")
    webchat.controleer_verzonden("De opdracht past niet binnen de kaders of middelen")
    webchat.verwacht(webchat.antwoord()).to_contain_text("Over welk onderwerp gaat het?")
    webchat.stuur("Jeugd agenda")
    return webchat.antwoord()


def test_escalatie_stap_voor_stap_met_knoppen(webchat, teksten: Teksten) -> None:
    route = escalatie_route_voor_de_jeugdagenda(webchat, teksten)

    webchat.verwacht(route).to_contain_text("Zo ga je te werk:")
    webchat.verwacht(route).to_contain_text("Marcel Kossen")
    webchat.verwacht(route).to_contain_text("Bram de Wit")
    webchat.verwacht(route).to_contain_text("Ardwin Lantain")
    # The don'ts and the quote are behind the card's buttons (issue 11: short answers).
    kaart = webchat.antwoord(1)  # Web Chat shows the card as the next bubble
    webchat.verwacht(kaart).to_contain_text("Toon bron")
    webchat.klik("Niet doen")
    webchat.verwacht(kaart).to_contain_text("Niet doen:")
    # as rendered by Web Chat (first seen here: the spaces around "samen met" were lost, fixed in 9dbd83f)
    assert "(Marcel Kossen) samen met Adjunct-directeur (Bram de Wit)" in webchat.tekst(route)


def test_statusupdate_kaart_invullen_controleren_en_bevestigen(webchat, teksten: Teksten) -> None:
    webchat.open(als="marcel-kossen")
    webchat.verwacht(webchat.antwoord()).to_be_visible()
    webchat.stuur("statusupdate jeugdagenda")
    kaart = webchat.antwoord()
    webchat.verwacht(kaart).to_contain_text("Statusupdate: Jeugdagenda")

    webchat.vul_in(kaart.get_by_role("radio", name=re.compile(r"^Afwijking")), True)
    webchat.vul_in(kaart.get_by_role("textbox", name=re.compile(r"^Toelichting")), "Aanbesteding vertraagd")
    webchat.kies(kaart.get_by_role("combobox", name=re.compile(r"^Financieel")), "Tegenvaller")
    webchat.vul_in(kaart.get_by_role("textbox", name=re.compile(r"^Bedrag")), "€ 12.500")
    webchat.vul_in(kaart.get_by_role("textbox", name=re.compile(r"^Maatregel")), "Tijdelijke inhuur")
    webchat.screenshot("ingevuld")
    webchat.klik(teksten.tekst("rapportage.knop_controleren"))

    samenvatting = webchat.antwoord()
    webchat.verwacht(samenvatting).to_contain_text("Tegenvaller van € 12.500,00")
    webchat.verwacht(samenvatting).to_contain_text("Klopt dit?")
    verstuurd = webchat.omgeving.gebruikersberichten()[-1]  # what the submit really sent
    assert verstuurd["value"]["actie"].startswith("rapportage.")
    assert {k: verstuurd["value"][k] for k in ("status", "toelichting", "financieel", "bedrag", "maatregel")} == {
        "status": "afwijking",
        "toelichting": "Aanbesteding vertraagd",
        "financieel": "tegenvaller",
        "bedrag": "€ 12.500",
        "maatregel": "Tijdelijke inhuur",
    }
    webchat.screenshot("samenvatting")
    webchat.klik(teksten.tekst("rapportage.knop_bevestigen"))

    webchat.verwacht(webchat.antwoord()).to_contain_text("opgeslagen als versie 1")
    # Web Chat sends no replyToId with a card submit, so the bot cannot replace the card in place:
    # the summary stays clickable, and a second click must not store anything twice.
    webchat.klik(teksten.tekst("rapportage.knop_bevestigen"))
    webchat.verwacht(webchat.antwoord()).to_contain_text("had ik al ontvangen (versie 1)")


def test_bestuursopdracht_check_kaart_met_toggles(webchat, teksten: Teksten, kennisbank) -> None:
    criteria = kennisbank.bestanden.bestuursopdracht.criteria
    webchat.open(als="marcel-kossen")
    webchat.verwacht(webchat.antwoord()).to_be_visible()
    webchat.stuur("moet de jeugdagenda een bestuursopdracht worden?")
    kaart = webchat.bot_berichten.filter(has=webchat.pagina.get_by_role("checkbox")).last
    webchat.verwacht(kaart).to_contain_text("Jeugdagenda")
    toggles = kaart.get_by_role("checkbox")
    webchat.verwacht(toggles).to_have_count(len(criteria))
    webchat.verwacht(toggles.first).to_have_accessible_name(re.compile(re.escape(criteria[0].tekst[:40])))

    for nummer in range(5):
        webchat.vul_in(toggles.nth(nummer), True)
    webchat.vul_in(kaart.get_by_role("textbox", name=re.compile(r"^Notitie")), "Raad wil dit in 2027 af")
    webchat.screenshot("ingevuld")
    webchat.klik(teksten.tekst("bestuursopdracht.kaart_versturen"))

    advies = webchat.antwoord()
    webchat.verwacht(advies).to_contain_text("Advies: Bestuursopdracht nodig")
    webchat.verwacht(advies).to_contain_text(f"gelden 5 van de {len(criteria)} criteria")
    webchat.verwacht(advies).to_contain_text("Voor Jeugdagenda is de ambtelijk opdrachtgever waarschijnlijk Marcel Kossen")
    webchat.verwacht(advies).to_contain_text("Notitie: Raad wil dit in 2027 af")
    verstuurd = webchat.omgeving.gebruikersberichten()[-1]["value"]  # what the submit really sent
    assert verstuurd["actie"] == "bestuursopdracht.beoordeel"
    assert verstuurd["notitie"] == "Raad wil dit in 2027 af"
    assert sum(1 for sleutel, waarde in verstuurd.items() if waarde == "true" and sleutel != "actie") == 5

    # The same card submitted again (Web Chat keeps cards clickable): nothing is stored twice.
    webchat.klik(teksten.tekst("bestuursopdracht.kaart_versturen"))
    webchat.verwacht(webchat.antwoord()).to_contain_text("Deze check was al opgeslagen")
    webchat.stuur("mijn checks")
    lijst = webchat.antwoord()
    webchat.verwacht(lijst).to_contain_text("Je laatste checks:")
    assert webchat.tekst(lijst).count("Bestuursopdracht nodig (5 van") == 1
    webchat.screenshot("nogmaals")


def test_meningsverschil_direct_gevraagd_nooit_naar_de_wethouder(webchat) -> None:
    """Issue 4 as a teamondersteuner asks it, rendered by a real client."""
    webchat.open()
    webchat.verwacht(webchat.antwoord()).to_be_visible()

    webchat.stuur("Mag ik een meningsverschil met een ander team bij de wethouder neerleggen?")

    antwoord = webchat.antwoord()
    webchat.verwacht(antwoord).to_contain_text("Nee.")
    webchat.verwacht(antwoord).to_contain_text("Ambtelijk opdrachtgever")
    kaart = webchat.antwoord(1)
    webchat.verwacht(kaart).to_contain_text("Toon bron")
    gelezen = webchat.tekst(antwoord)
    stappen = gelezen.split("Zo ga je te werk:")[1].split("Tip:")[0].split("Bron:")[0]
    assert "wethouder" not in stappen.lower() and "college" not in stappen.lower()
    webchat.klik("Toon bron")  # the answer stays short (issue 13); the source opens in the card itself
    webchat.verwacht(kaart).to_contain_text("factsheet VI")


def test_overzicht_kaart_wisselen_en_bladeren(webchat, teksten: Teksten) -> None:
    """Issue 13: the controller's overview is a card; its buttons switch the view and page, statelessly."""
    webchat.open(als="noor-visser")
    webchat.verwacht(webchat.antwoord()).to_be_visible()
    webchat.stuur("overzicht rapportage")
    kaart = webchat.antwoord()
    webchat.verwacht(kaart).to_contain_text("Doorgegeven: 0 van 38 onderwerpen")
    webchat.verwacht(kaart.get_by_role("button", name=teksten.tekst("rapportage.knop_filteren"))).to_be_visible()
    webchat.screenshot("overzicht")
    webchat.klik(teksten.tekst("rapportage.knop_alle"))
    alle = webchat.antwoord()
    webchat.verwacht(alle).to_contain_text("Pagina 1 van 4")
    webchat.klik(teksten.tekst("rapportage.knop_volgende_pagina"))
    webchat.verwacht(webchat.antwoord()).to_contain_text("Pagina 2 van 4")
    webchat.screenshot("overzicht-pagina-2")
