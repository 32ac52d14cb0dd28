"""Issue 13 item 7: the Microsoft 365 Agents Playground (Microsoft's offline Teams look-alike) as a
second real client. The real bot (create_app, SQLite, local anonymous mode, the test clock:
22 November 2026, the herfstrapportage is open) runs once for the module; one Playground process
per person (it has no user switch), on loopback; headless Debian Chromium drives its page.

Every test leaves a screenshot in test-artifacts/e2e/playground/ (also when it fails), asserts on
what the page shows, and checks in the database that what was submitted is stored.
"""

from __future__ import annotations

import re
import socket
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.app import create_app
from bot.settings import STANDAARD_KENNISBANK, Settings
from dialogen.teksten import Teksten
from kennisbank.kennisbank import Kennisbank
from tests.conftest import Klok
from tests.e2e.agentsplayground import (
    Playground,
    PlaygroundOntbreekt,
    bot_account,
    controleer_installatie,
    gebruikers,
    groepschat_naam,
    kanaal_naam,
    luisteradressen,
    netwerkadressen,
    persoonlijk_gesprek,
)
from tests.e2e.conftest import ARTEFACTEN, Achtergrond, Botlog
from tests.e2e.playground_chat import SCHERM, PlaygroundChat, ruwe_markdown

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("chromium")]

BOT = bot_account()
BOTNAAM = BOT["name"]
MANAGER, CONTROLLER, DELEGATE, MEDEWERKER, TEAMONDERSTEUNER = (
    "marcel-kossen",
    "noor-visser",
    "bram-de-wit",
    "iris-medewerker",
    "kees-teamondersteuner",
)
PERIODE = "herfst-2026"
PERSOONLIJK = "Personal Chat"
"""The personal chat in the Playground's tree of chats."""


@dataclass
class BotOmgeving:
    url: str
    database: Path
    werkmap: Path
    log: Botlog
    """What the bot logs (it runs in this process): a failed expectation on a page shows what it
    logged for that turn."""

    def rijen(self, sql: str, *parameters: Any) -> list[sqlite3.Row]:
        """Read the bot's SQLite database as it is now (what was really stored)."""
        with closing(sqlite3.connect(self.database)) as verbinding:
            verbinding.row_factory = sqlite3.Row
            return verbinding.execute(sql, parameters).fetchall()


@pytest.fixture(scope="module")
def teksten() -> Teksten:
    return Teksten.laad()


@pytest.fixture(scope="module")
def bot(achtergrond: Achtergrond, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotOmgeving]:
    """The bot as in production (local anonymous mode), one per module, on a free loopback port."""
    werkmap = tmp_path_factory.mktemp("agentsplayground")
    database = werkmap / "sturingsbot.db"
    settings = Settings(database_url=f"sqlite+aiosqlite:///{database}", kennisbank=STANDAARD_KENNISBANK, herinneringen=False)
    with Botlog().aan() as log:
        runner, url = achtergrond.start(create_app(settings, klok=Klok()))
        yield BotOmgeving(url, database, werkmap, log)
        achtergrond.stop(runner)


@pytest.fixture(scope="module")
def playground(bot: BotOmgeving) -> Iterator[Callable[[str], Playground]]:
    """`playground(persoon_id)`: that person's Playground, started on first use, stopped at the end."""
    try:
        controleer_installatie()
    except PlaygroundOntbreekt as fout:
        pytest.fail(str(fout), pytrace=False)
    gestart: dict[str, Playground] = {}

    def als(persoon_id: str) -> Playground:
        if persoon_id not in gestart:
            gestart[persoon_id] = Playground.start(bot.url, persoon_id, bot.werkmap / "playground")
        return gestart[persoon_id]

    yield als
    for proces in gestart.values():
        proces.stop()


@dataclass
class Pagina:
    """One person's page on their Playground, kept for the module: opening the Playground's page
    costs about 3 s of Chromium, and the bot's state of that person's conversations is the module's
    anyway (one bot, one Playground per person)."""

    context: Any
    chat: PlaygroundChat
    fouten: list[str]


@pytest.fixture(scope="module")
def paginas(achtergrond: Achtergrond) -> Iterator[dict[str, Pagina]]:
    open_: dict[str, Pagina] = {}
    yield open_
    for pagina in open_.values():
        achtergrond.voer_uit(pagina.context.close())


@pytest.fixture
def chat_als(
    achtergrond: Achtergrond,
    browser: Any,
    playground: Callable[[str], Playground],
    paginas: dict[str, Pagina],
    bot: BotOmgeving,
    request: pytest.FixtureRequest,
) -> Iterator[Callable[[str], PlaygroundChat]]:
    """`chat_als(persoon_id)`: that person's page on their Playground, on the personal chat; what it
    showed before is left out (`antwoord(0)` is the first answer to what this test does). The first
    time a fresh browser context opens it and waits for the bot's welcome. A screenshot of each page
    at the end of the test, always; a JavaScript error on a page during the test fails it."""
    gebruikt: list[Pagina] = []

    def open_als(persoon_id: str) -> PlaygroundChat:
        naam = re.sub(r"[^\w.-]+", "-", f"{request.node.name}-{persoon_id}").strip("-")
        pagina = paginas.get(persoon_id)
        if pagina is None:
            pagina = paginas[persoon_id] = _open_pagina(achtergrond, browser, playground(persoon_id), naam, bot.log)
            pagina.chat.open()
        else:
            pagina.chat.naam = naam
            pagina.chat.kies_gesprek(PERSOONLIJK)
        gebruikt.append(pagina)
        return pagina.chat

    try:
        yield open_als
        fouten = [f for pagina in gebruikt for f in pagina.fouten]
        assert not fouten, f"JavaScript-fouten op de pagina: {fouten}"
    finally:
        for pagina in gebruikt:
            pagina.fouten.clear()
            pagina.chat.screenshot()


def _open_pagina(achtergrond: Achtergrond, browser: Any, proces: Playground, naam: str, botlog: Botlog) -> Pagina:
    context = achtergrond.voer_uit(browser.new_context(locale="nl-NL", viewport=SCHERM, accept_downloads=True))
    # Offline: the page asks a CDN for fonts; only loopback is allowed.
    achtergrond.voer_uit(context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/])"), lambda route: route.abort()))
    pagina = achtergrond.voer_uit(context.new_page())
    fouten: list[str] = []
    pagina.on("pageerror", lambda fout: fouten.append(str(fout)))
    chat = PlaygroundChat(achtergrond, pagina, proces.url, BOTNAAM, naam, ARTEFACTEN / "playground", botlog)
    return Pagina(context, chat, fouten)


def geen_ruwe_markdown(chat: PlaygroundChat, bericht: Any) -> None:
    gezien = chat.tekst(bericht)
    assert not ruwe_markdown(gezien), f"De Playground toont ruwe markdown: {ruwe_markdown(gezien)} in\n{gezien}"


# --- the process --------------------------------------------------------------------------------


def test_playground_luistert_alleen_op_loopback(playground: Callable[[str], Playground]) -> None:
    """It has no host option (0.2.28 listens on every interface); the preload keeps it on 127.0.0.1."""
    proces = playground(MANAGER)

    assert luisteradressen(proces.poort) == {"127.0.0.1"}
    for adres in netwerkadressen():
        with socket.socket(socket.AF_INET6 if ":" in adres else socket.AF_INET) as s:
            assert s.connect_ex((adres, proces.poort)) != 0, f"De Playground is bereikbaar op {adres}"


def test_configuratie_kent_vijf_mensen_uit_de_kennisbank(kennisbank: Kennisbank) -> None:
    """Manager/AO, controller, delegate from the kennisbank (recognised by aadObjectId), and a staff
    member and a teamondersteuner the bot does not know by name."""
    mensen = gebruikers()
    assert len(mensen) == 6
    per_aad = {p.aad_object_id: p for p in kennisbank.bestanden.personen if p.aad_object_id}
    assert per_aad[mensen[MANAGER]["aadObjectId"]].id == MANAGER
    assert per_aad[mensen[CONTROLLER]["aadObjectId"]].id == CONTROLLER
    assert per_aad[mensen[DELEGATE]["aadObjectId"]].id == DELEGATE
    assert mensen[MEDEWERKER]["aadObjectId"] not in per_aad
    assert mensen[TEAMONDERSTEUNER]["aadObjectId"] not in per_aad


def test_playground_toont_markdown_met_voorgestelde_acties_ruw(
    chat_als, playground: Callable[[str], Playground], achtergrond: Achtergrond
) -> None:
    """The client quirk behind issue 13 item 1, and proof that `geen_ruwe_markdown` can fail: the same
    Markdown, sent into the personal chat through the Playground's own connector (as the bot would),
    is rendered alone but shown raw when the message also has suggested actions."""
    chat = chat_als(TEAMONDERSTEUNER)
    gesprek = persoonlijk_gesprek(TEAMONDERSTEUNER)
    tekst = "**Vet** en een lijst:\n\n- eerste punt\n- tweede punt"
    chat.markeer()

    for acties in ([], [{"type": "imBack", "title": "Verder", "value": "verder"}]):
        activiteit = {"type": "message", "from": BOT, "text": tekst, "textFormat": "markdown"}
        if acties:
            activiteit["suggestedActions"] = {"actions": acties}
        status = achtergrond.voer_uit(
            _post(f"{playground(TEAMONDERSTEUNER).url}_connector/v3/conversations/{gesprek}/activities", activiteit)
        )
        assert status in (200, 201)

    alleen = chat.antwoord(0)
    chat.verwacht(alleen.locator("strong")).to_have_text("Vet")
    assert ruwe_markdown(chat.tekst(alleen)) == []
    met_acties = chat.antwoord(1)
    chat.verwacht(chat.pagina.get_by_role("button", name="Verder")).to_be_visible()
    assert "**Vet**" in ruwe_markdown(chat.tekst(met_acties))


async def _post(url: str, json: dict[str, Any]) -> int:
    async with aiohttp.ClientSession() as sessie, sessie.post(url, json=json) as antwoord:
        return antwoord.status


async def _get_status(url: str) -> int:
    async with aiohttp.ClientSession() as sessie, sessie.get(url) as antwoord:
        return antwoord.status


# --- personal chat ------------------------------------------------------------------------------


def test_wie_is_ambtelijk_opdrachtgever(chat_als) -> None:
    chat = chat_als(MEDEWERKER)

    chat.stuur("wie is ambtelijk opdrachtgever voor de jeugdagenda?")

    antwoord = chat.antwoord()
    chat.verwacht(antwoord).to_contain_text("Jeugdagenda")
    chat.verwacht(antwoord).to_contain_text("Ambtelijk opdrachtgever: Marcel Kossen")
    chat.verwacht(antwoord).to_contain_text("Bron:")
    chat.verwacht(antwoord.locator("strong").filter(has_text="Marcel Kossen")).to_have_count(1)  # rendered bold
    geen_ruwe_markdown(chat, antwoord)
    assert chat.aantal_antwoorden() == 1


def test_bestuursopdracht_check_kaart_versturen(chat_als, bot: BotOmgeving, teksten: Teksten, kennisbank: Kennisbank) -> None:
    criteria = kennisbank.bestanden.bestuursopdracht.criteria
    chat = chat_als(MANAGER)
    chat.stuur("moet de jeugdagenda een bestuursopdracht worden?")
    kaart = chat.berichten.filter(has=chat.pagina.get_by_role("checkbox")).last
    chat.verwacht(kaart).to_contain_text("Jeugdagenda")
    toggles = kaart.get_by_role("checkbox")
    chat.verwacht(toggles).to_have_count(len(criteria))

    for nummer in range(5):
        chat.vul_in(toggles.nth(nummer), True)
    chat.vul_in(kaart.get_by_role("textbox", name=re.compile(r"^Notitie")), "Raad wil dit in 2027 af")
    chat.screenshot("ingevuld")
    chat.klik(teksten.tekst("bestuursopdracht.kaart_versturen"), binnen=kaart)

    advies = chat.berichten.filter(has_text="Advies:").last
    chat.verwacht(advies).to_contain_text("Advies: Bestuursopdracht nodig")
    chat.verwacht(advies).to_contain_text(f"gelden 5 van de {len(criteria)} criteria")
    chat.verwacht(advies).to_contain_text("Notitie: Raad wil dit in 2027 af")
    geen_ruwe_markdown(chat, advies)
    opgeslagen = bot.rijen("SELECT * FROM bestuursopdracht_check WHERE persoon_id = ?", MANAGER)
    assert [(r["aantal_geldend"], r["advies"], r["notitie"], r["kanaal"]) for r in opgeslagen] == [
        (5, "nodig", "Raad wil dit in 2027 af", "msteams")
    ]


def test_escalatie_vraag_met_toon_bron(chat_als, teksten: Teksten) -> None:
    chat = chat_als(TEAMONDERSTEUNER)

    chat.stuur("Mag ik een meningsverschil met een ander team bij de wethouder neerleggen?")

    antwoord = chat.antwoord()
    chat.verwacht(antwoord).to_contain_text("Ambtelijk opdrachtgever")
    geen_ruwe_markdown(chat, antwoord)
    stappen = chat.tekst(antwoord).split("Zo ga je te werk:")[1].split("Bron:")[0]
    assert "wethouder" not in stappen.lower() and "college" not in stappen.lower()
    kaart = chat.berichten.filter(has=chat.pagina.get_by_role("button", name=teksten.tekst("escalatie.knop_bron"))).last
    chat.screenshot("antwoord")
    voor = chat.tekst(kaart)

    chat.klik(teksten.tekst("escalatie.knop_bron"), binnen=kaart)

    chat.verwacht(kaart).to_contain_text("factsheet VI")
    assert len(chat.tekst(kaart)) > len(voor) + 100  # the quote opened inside the card
    assert chat.aantal_antwoorden() == 0  # showing the source is the client's, no turn


def test_escalatie_stap_voor_stap(chat_als, teksten: Teksten) -> None:
    """The prompts carry suggested actions, so the Playground would show their Markdown raw.

    The choices are typed (what a suggested action sends anyway): the Playground shows suggested
    actions only under the last message, and on a busy machine it sometimes puts the user's message
    after the bot's answer, which hides them. Each choice is a question plus a second message with
    the hint and the buttons: the next choice is typed only when both are there, so a message still
    arriving is never read as the answer to the next one."""
    kies = teksten.tekst("formulier.kies_nummer")
    chat = chat_als(MEDEWERKER)
    chat.stuur("ik wil escaleren")
    chat.verwacht(chat.antwoord()).to_contain_text(teksten.tekst("escalatie.vraag_groep"))
    chat.verwacht(chat.antwoord(1)).to_contain_text(kies)
    chat.stuur("Knelpunt of vastgelopen werk")
    chat.verwacht(chat.antwoord()).to_contain_text(
        teksten.tekst("escalatie.vraag_situatie_groep", groep="Knelpunt of vastgelopen werk")
    )
    chat.verwacht(chat.antwoord(1)).to_contain_text(kies)
    chat.stuur("De opdracht past niet binnen de kaders of middelen")
    vraag = chat.antwoord()
    chat.verwacht(vraag).to_contain_text("Over welk onderwerp gaat het?")
    chat.verwacht(vraag).to_contain_text(f"kies dan {teksten.tekst('escalatie.knop_geen_onderwerp')}")
    chat.screenshot("vraag-onderwerp")
    geen_ruwe_markdown(chat, vraag)

    chat.stuur("Jeugd agenda")

    route = chat.antwoord()
    chat.verwacht(route).to_contain_text("Zo ga je te werk:")
    chat.verwacht(route).to_contain_text("Marcel Kossen")
    geen_ruwe_markdown(chat, route)


# --- the manager and the controller -------------------------------------------------------------


def test_statusupdate_kaart_invullen_en_bevestigen(chat_als, bot: BotOmgeving, teksten: Teksten) -> None:
    versies = lambda: bot.rijen(  # noqa: E731
        "SELECT * FROM statusupdate WHERE onderwerp_id = 'jeugdagenda' AND periode_id = ? ORDER BY versie", PERIODE
    )
    eerder = len(versies())
    chat = chat_als(MANAGER)
    chat.stuur("statusupdate jeugdagenda")
    kaart = chat.antwoord()
    chat.verwacht(kaart).to_contain_text("Statusupdate: Jeugdagenda")

    vul_statusupdate_in(
        chat, kaart, "Afwijking", "Aanbesteding vertraagd", financieel=("Tegenvaller", "€ 12.500"), maatregel="Tijdelijke inhuur"
    )
    chat.screenshot("ingevuld")
    chat.klik(teksten.tekst("rapportage.knop_controleren"), binnen=kaart)

    samenvatting = chat.antwoord()
    chat.verwacht(samenvatting).to_contain_text("Klopt dit?")
    chat.verwacht(samenvatting).to_contain_text("Tegenvaller van € 12.500,00")
    chat.screenshot("samenvatting")
    assert len(versies()) == eerder  # nothing stored before Bevestigen
    chat.klik(teksten.tekst("rapportage.knop_bevestigen"), binnen=samenvatting)

    bevestiging = chat.antwoord()
    chat.verwacht(bevestiging).to_contain_text("Jeugdagenda")
    chat.verwacht(bevestiging).to_contain_text(f"opgeslagen als versie {eerder + 1}")
    geen_ruwe_markdown(chat, bevestiging)
    # The Playground sends the submit with replyToId: the summary is replaced in place, nothing to click twice.
    chat.verwacht(samenvatting).to_contain_text(f"Doorgegeven (versie {eerder + 1})")
    chat.verwacht(samenvatting.get_by_role("button", name=teksten.tekst("rapportage.knop_bevestigen"))).to_have_count(0)
    nieuw = versies()[eerder:]
    assert [
        (
            r["versie"],
            r["status"],
            r["toelichting"],
            r["financieel_soort"],
            float(r["financieel_bedrag"]),
            r["maatregel"],
            r["ingediend_door"],
        )
        for r in nieuw
    ] == [(eerder + 1, "afwijking", "Aanbesteding vertraagd", "tegenvaller", 12500.0, "Tijdelijke inhuur", MANAGER)]


def test_gedelegeerde_geeft_door_en_de_opdrachtgever_krijgt_bericht(chat_als, bot: BotOmgeving, teksten: Teksten) -> None:
    """Two people, two Playgrounds: the delegate submits for the Jeugdagenda; the ambtelijk
    opdrachtgever (who chatted with the bot before) gets a message in his own personal chat."""
    opdrachtgever = chat_als(MANAGER)
    opdrachtgever.markeer()
    eerder = (
        bot.rijen("SELECT max(versie) AS v FROM statusupdate WHERE onderwerp_id = 'jeugdagenda' AND periode_id = ?", PERIODE)[0][
            "v"
        ]
        or 0
    )
    gedelegeerde = chat_als(DELEGATE)

    gedelegeerde.stuur("statusupdate jeugdagenda")
    kaart = gedelegeerde.antwoord()
    chat_tekst = gedelegeerde.tekst(kaart)
    assert ("Ingevuld met de update van Marcel Kossen" in chat_tekst) == bool(eerder)  # whose update is prefilled
    vul_statusupdate_in(gedelegeerde, kaart, "Aandachtspunt", "Inhuur loopt af in januari")
    gedelegeerde.klik(teksten.tekst("rapportage.knop_controleren"), binnen=kaart)
    samenvatting = gedelegeerde.antwoord()
    gedelegeerde.verwacht(samenvatting).to_contain_text("Klopt dit?")
    gedelegeerde.klik(teksten.tekst("rapportage.knop_bevestigen"), binnen=samenvatting)

    gedelegeerde.verwacht(gedelegeerde.antwoord()).to_contain_text(f"opgeslagen als versie {eerder + 1}")
    gedelegeerde.verwacht(gedelegeerde.berichten.filter(has_text="Ik heb Marcel Kossen")).to_have_count(1)
    melding = opdrachtgever.antwoord()
    opdrachtgever.verwacht(melding).to_contain_text("Bram de Wit heeft de statusupdate voor Jeugdagenda")
    geen_ruwe_markdown(opdrachtgever, melding)
    laatste = bot.rijen("SELECT * FROM statusupdate WHERE onderwerp_id = 'jeugdagenda' ORDER BY versie DESC")[0]
    assert (laatste["versie"], laatste["status"], laatste["toelichting"], laatste["ingediend_door"]) == (
        eerder + 1,
        "aandachtspunt",
        "Inhuur loopt af in januari",
        DELEGATE,
    )


def vul_statusupdate_in(
    chat: PlaygroundChat,
    kaart: Any,
    status: str,
    toelichting: str,
    *,
    financieel: tuple[str, str] | None = None,
    maatregel: str | None = None,
) -> None:
    chat.vul_in(kaart.get_by_role("radio", name=re.compile(rf"^{status}")), True)
    chat.vul_in(kaart.get_by_role("textbox", name=re.compile(r"^Toelichting")), toelichting)
    if financieel:
        chat.kies(kaart.get_by_role("combobox", name=re.compile(r"^Financieel")), financieel[0])
        chat.vul_in(kaart.get_by_role("textbox", name=re.compile(r"^Bedrag")), financieel[1])
    if maatregel:
        chat.vul_in(kaart.get_by_role("textbox", name=re.compile(r"^Maatregel")), maatregel)


def test_controller_overzicht_filter_wie_moet_nog_en_export(
    chat_als, bot: BotOmgeving, teksten: Teksten, kennisbank: Kennisbank, achtergrond: Achtergrond
) -> None:
    t = lambda sleutel: teksten.tekst(f"rapportage.{sleutel}")  # noqa: E731
    totaal = len(kennisbank.bestanden.onderwerpen)
    ingediend = len(bot.rijen("SELECT DISTINCT onderwerp_id FROM statusupdate WHERE periode_id = ?", PERIODE))
    chat = chat_als(CONTROLLER)

    chat.stuur("overzicht rapportage")
    kaart = chat.antwoord()
    chat.verwacht(kaart).to_contain_text(f"Doorgegeven: {ingediend} van {totaal} onderwerpen")
    geen_ruwe_markdown(chat, kaart)
    chat.screenshot("overzicht")

    # Filteren: only Flora van Houwelingen's onderwerpen, all of them; the card changes in place.
    chat.klik(t("knop_filteren"), binnen=kaart)
    chat.kies(kaart.get_by_role("combobox", name=re.compile(r"^Directeur")), "Flora van Houwelingen")
    chat.kies(kaart.get_by_role("combobox", name=re.compile(r"^Toon")), "alle onderwerpen")
    chat.klik(t("knop_toon"), binnen=kaart)
    chat.verwacht(kaart).to_contain_text("Filter: Flora van Houwelingen")
    chat.verwacht(kaart).to_contain_text("Duurzaamheidsagenda")
    chat.verwacht(kaart).not_to_contain_text("Jeugdagenda")
    assert chat.aantal_antwoorden() == 0  # replaced, not sent again
    chat.screenshot("gefilterd")

    chat.stuur("wie moet nog?")
    nog = chat.antwoord()
    chat.verwacht(nog).to_contain_text(f"Nog niet doorgegeven voor de Herfstrapportage 2026: {totaal - ingediend} onderwerpen")
    chat.verwacht(nog).to_contain_text("Jelle Arentsen")
    chat.verwacht(nog.get_by_role("button", name="Herinner Jelle Arentsen")).to_be_visible()
    geen_ruwe_markdown(chat, nog)
    chat.screenshot("wie-moet-nog")

    chat.stuur("exporteer herfst 2026")
    export = chat.antwoord()
    chat.verwacht(export).to_contain_text("Export Herfstrapportage 2026")
    chat.verwacht(export).to_contain_text(f"{totaal} onderwerpen, {ingediend} doorgegeven")
    download = chat.download(t("export_knop"), binnen=export)
    assert download.url.startswith(f"{bot.url}/download/")
    assert download.suggested_filename.endswith(".xlsx")
    versies = len(bot.rijen("SELECT id FROM statusupdate WHERE periode_id = ?", PERIODE))
    assert _xlsx_inhoud(download.pad) == (totaal, ingediend, versies)
    gebruikt = bot.rijen("SELECT count(*) AS n FROM verwerkte_activiteit WHERE conversatie_id = 'download-link'")
    assert gebruikt[0]["n"] == 1  # the link is single-use: its nonce is recorded
    assert 400 <= achtergrond.voer_uit(_get_status(download.url)) < 500  # a second time: refused, no 500

    # "Opslaan in OneDrive": the bot sends Teams' file-consent card, which the Playground does not
    # render (0.2.28); the upload itself is tested with a fake connector (tests/test_export_onedrive.py).
    chat.klik(t("export_knop_onedrive"), binnen=export)
    chat.verwacht(chat.antwoord()).to_contain_text("File Consent Card is not supported")


def _xlsx_inhoud(pad: Path) -> tuple[int, int, int]:
    """(onderwerpen, of which submitted, versions in the history) of the downloaded export."""
    from openpyxl import load_workbook

    werkboek = load_workbook(pad, read_only=True)
    try:
        stand = [r for r in list(werkboek.worksheets[0].iter_rows(values_only=True))[1:] if any(r)]
        historie = [r for r in list(werkboek.worksheets[1].iter_rows(values_only=True))[1:] if any(r)]
        kolom = [str(c) for c in next(werkboek.worksheets[0].iter_rows(values_only=True))].index("Status")
        return len(stand), sum(1 for r in stand if r[kolom]), len(historie)
    finally:
        werkboek.close()


# --- group chat and channel ---------------------------------------------------------------------


def test_groepschat_alleen_met_mention(chat_als, playground: Callable[[str], Playground]) -> None:
    chat = chat_als(TEAMONDERSTEUNER)
    chat.kies_gesprek(groepschat_naam())

    chat.stuur("wie is ambtelijk opdrachtgever voor de binnenstad?")  # no @mention: the bot keeps quiet
    chat.stuur("wie is ambtelijk opdrachtgever voor de binnenstad?", noem_bot=True)

    antwoord = chat.antwoord()
    chat.verwacht(antwoord).to_contain_text("Ambtelijk opdrachtgever: Jelle Arentsen")
    geen_ruwe_markdown(chat, antwoord)
    assert chat.aantal_antwoorden() == 1
    chat.verwacht(chat.berichten.filter(has_text="Jelle Arentsen")).to_have_count(1)


# Known flake, cause not found: about 1 full run in 12 the first reply in the thread never shows, although
# the bot took the post (HTTP 201, not ignored for a missing mention). One rerun, visible as "R" in the
# report; a second failure fails the run. The failure message prints what the bot logged for the turn.
@pytest.mark.flaky(reruns=1)
def test_kanaal_draad(chat_als) -> None:
    chat = chat_als(MANAGER)
    chat.kies_gesprek(kanaal_naam())

    draad = chat.plaats_bericht("wie is ambtelijk opdrachtgever voor de duurzaamheidsagenda?")
    eerste = chat.antwoorden_in(draad).first
    chat.verwacht(eerste).to_contain_text("Ambtelijk opdrachtgever: Flora van Houwelingen")
    tweede = chat.antwoord_in_draad(draad, "en voor de binnenstad?")

    chat.verwacht(tweede).to_contain_text("Jelle Arentsen")
    geen_ruwe_markdown(chat, tweede)
