"""End-to-end fixtures: the real bot (create_app) and, separately, the Web Chat page with the local
Direct Line stand-in, both on free ports in a background event loop; Microsoft's Web Chat runs in
headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

Nothing here skips: a missing Chromium, Playwright or Web Chat bundle fails the run with a message
that says how to install it (`bash scripts/installeer-e2e.sh`). Every test leaves a screenshot of
the final page in test-artifacts/e2e/<test>.png (also when it fails).
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import socket
import threading
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from bot.app import create_app
from bot.cli import webchat as webchat_cli
from bot.directline import DirectLineOpslag
from bot.settings import STANDAARD_KENNISBANK, Settings
from bot.webchat_server import (
    DIRECTLINE,
    PROJECTMAP,
    STANDAARD_BUNDEL,
    BundelOntbreekt,
    controleer_bundel,
    identiteiten_uit,
    maak_webchat_app,
)
from kennisbank.kennisbank import Kennisbank

CHROMIUM = Path(os.environ.get("STURINGSBOT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTEFACTEN = PROJECTMAP / "test-artifacts" / "e2e"
WACHTTIJD_MS = 10_000
INSTALLEER = "Installeer het met `bash scripts/installeer-e2e.sh`."

SENDBOX = '[data-id="webchat-sendbox-input"]'
BOT_BERICHT = ".webchat__bubble:not(.webchat__bubble--from-user)"
EIGEN_BERICHT = ".webchat__bubble--from-user"
BEZIG_MET_VERZENDEN = ".webchat__activity-status--sending"
VERZENDEN_MISLUKT = "Verzenden mislukt"  # Web Chat's nl-NL text for a message the channel did not accept


# --- servers in a background event loop ----------------------------------------------------


class Achtergrond:
    """An event loop in a thread that runs aiohttp apps on free ports (the tests themselves are sync)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._draad = threading.Thread(target=self.loop.run_forever, name="e2e-servers", daemon=True)
        self._draad.start()

    def voer_uit(self, coro: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=60)

    def start(self, app: web.Application, poort: int = 0) -> tuple[web.AppRunner, str]:
        async def starten() -> tuple[web.AppRunner, str]:
            runner = web.AppRunner(app)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", poort).start()
            return runner, f"http://127.0.0.1:{runner.addresses[0][1]}"

        return self.voer_uit(starten())

    def stop(self, runner: web.AppRunner) -> None:
        self.voer_uit(runner.cleanup())

    def sluit(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._draad.join(timeout=10)
        self.loop.close()


@pytest.fixture(scope="session")
def achtergrond() -> Iterator[Achtergrond]:
    achtergrond = Achtergrond()
    yield achtergrond
    achtergrond.sluit()


@dataclass
class Omgeving:
    bot_url: str
    webchat_url: str
    directline: DirectLineOpslag

    def gebruikersberichten(self) -> list[dict[str, Any]]:
        """What Web Chat really sent (as echoed by the stand-in), oldest first, over all conversations."""
        berichten = []
        for gesprek in self.directline._gesprekken.values():
            berichten += [a for a in gesprek.vanaf(0) if (a.get("from") or {}).get("role") == "user"]
        return sorted(berichten, key=lambda a: a["timestamp"])


@pytest.fixture
def omgeving(achtergrond: Achtergrond, database_url: str, klok: Any, kennisbank: Kennisbank) -> Iterator[Omgeving]:
    """The bot exactly as in production (local anonymous mode) and, in front of it, page + stand-in.

    The clock is the shared test clock (22 November 2026: the herfstrapportage is open).
    """
    settings = Settings(database_url=database_url, kennisbank=STANDAARD_KENNISBANK, herinneringen=False)
    bot_runner, bot_url = achtergrond.start(create_app(settings, klok=klok))
    webchat_app = maak_webchat_app(f"{bot_url}/api/messages", identiteiten=identiteiten_uit(lambda: kennisbank))
    webchat_runner, webchat_url = achtergrond.start(webchat_app)
    yield Omgeving(bot_url, webchat_url, webchat_app[DIRECTLINE])
    achtergrond.stop(webchat_runner)
    achtergrond.stop(bot_runner)


@pytest.fixture
def lokaal(achtergrond: Achtergrond, database_url: str) -> Iterator[Omgeving]:
    """What `python -m bot webchat --als marcel-kossen` serves: bot, page and stand-in on one port."""
    poort = vrije_poort()
    settings = Settings(port=poort, database_url=database_url, kennisbank=STANDAARD_KENNISBANK, herinneringen=False)
    app = webchat_cli.maak_app(settings, "marcel-kossen")
    runner, url = achtergrond.start(app, poort)
    yield Omgeving(url, url, app[DIRECTLINE])
    achtergrond.stop(runner)


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the browser and the page --------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(achtergrond: Achtergrond) -> Iterator[Any]:
    """Headless Chromium, driven by Playwright's async API inside the background loop.

    (The sync API would leave an event loop running in the test thread, which breaks the shared
    database fixtures that call asyncio.run.)
    """
    if not CHROMIUM.is_file():
        pytest.fail(f"Chromium ontbreekt ({CHROMIUM}). {INSTALLEER}", pytrace=False)
    try:
        controleer_bundel(STANDAARD_BUNDEL)
    except BundelOntbreekt as fout:
        pytest.fail(str(fout), pytrace=False)
    try:
        from playwright.async_api import async_playwright, expect
    except ImportError:
        pytest.fail(f"Het Python-pakket playwright ontbreekt. {INSTALLEER}", pytrace=False)
    expect.set_options(timeout=WACHTTIJD_MS)

    async def starten() -> tuple[Any, Any]:
        playwright = await async_playwright().start()
        return playwright, await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

    playwright, chromium = achtergrond.voer_uit(starten())
    yield chromium
    achtergrond.voer_uit(chromium.close())
    achtergrond.voer_uit(playwright.stop())


class Verwachting:
    """Playwright's `expect(...)` assertions (they wait and retry), called from the sync test; a
    failure's message ends with `toelichting()` (e.g. what the bot logged meanwhile), when given."""

    def __init__(self, achtergrond: Achtergrond, doel: Any, toelichting: Callable[[], str] | None = None) -> None:
        from playwright.async_api import expect

        self._achtergrond = achtergrond
        self._verwachting = expect(doel)
        self._toelichting = toelichting

    def __getattr__(self, naam: str) -> Any:
        methode = getattr(self._verwachting, naam)

        def verwacht(*args: Any, **kwargs: Any) -> Any:
            try:
                return self._achtergrond.voer_uit(methode(*args, **kwargs))
            except AssertionError as fout:
                if self._toelichting is None:
                    raise
                raise AssertionError(f"{fout}\n\n{self._toelichting()}") from fout

        return verwacht


class Botlog(logging.Handler):
    """What the bot that runs in this process logged: its own loggers and the HTTP stack's (access
    lines: what reached /api/messages) at DEBUG, every other logger's WARNING. `markeer()` before a
    user's action; `sinds_markering()` is then what the bot logged for that turn, for a failure's message."""

    LOGGERS = ("bot", "dialogen", "kennisbank", "aiohttp.access", "aiohttp.server", "aiohttp.web", "botbuilder", "botframework")

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(relativeCreated)d ms %(levelname)s %(name)s: %(message)s"))
        self._regels: list[logging.LogRecord] = []
        self._vanaf = 0
        self._slot = threading.Lock()  # records come from the servers' thread

    def emit(self, record: logging.LogRecord) -> None:
        with self._slot:
            self._regels.append(record)

    def markeer(self) -> None:
        with self._slot:
            self._vanaf = len(self._regels)

    def sinds_markering(self) -> str:
        with self._slot:
            regels = [self.format(r) for r in self._regels[self._vanaf :]]
        return "Wat de bot logde sinds de laatste actie:\n" + ("\n".join(regels) or "(niets)")

    @contextmanager
    def aan(self) -> Iterator[Botlog]:
        """Installed on the root logger, with the bot's loggers at DEBUG, for the `with` block."""
        wortel = logging.getLogger()
        niveaus = {naam: logging.getLogger(naam).level for naam in self.LOGGERS}
        for naam in self.LOGGERS:
            logging.getLogger(naam).setLevel(logging.DEBUG)
        wortel.addHandler(self)
        try:
            yield self
        finally:
            wortel.removeHandler(self)
            for naam, niveau in niveaus.items():
                logging.getLogger(naam).setLevel(niveau)


class WebChat:
    """A user in the browser: types, clicks, and reads what the bot answered since the last message."""

    def __init__(self, achtergrond: Achtergrond, pagina: Any, omgeving: Omgeving, naam: str) -> None:
        self.achtergrond = achtergrond
        self.pagina = pagina
        self.omgeving = omgeving
        self.naam = naam
        self.bot_berichten = pagina.locator(BOT_BERICHT)
        self.eigen_berichten = pagina.locator(EIGEN_BERICHT)
        self._bot_voor = 0
        self._eigen_voor = 0

    def verwacht(self, doel: Any) -> Verwachting:
        return Verwachting(self.achtergrond, doel)

    def open(self, als: str | None = None) -> None:
        self._wacht(self.pagina.goto(f"{self.omgeving.webchat_url}/webchat/" + (f"?als={als}" if als else "")))
        self.verwacht(self.pagina.locator(SENDBOX)).to_be_editable()

    def stuur(self, tekst: str) -> None:
        self._markeer()
        invoer = self.pagina.locator(SENDBOX)
        self._wacht(invoer.fill(tekst))
        self._wacht(invoer.press("Enter"))
        self.controleer_verzonden(tekst)

    def klik(self, knop: str) -> None:
        """Click a button in the bot's last answers (a card button or a suggested action)."""
        self._markeer()
        self._wacht(self.pagina.get_by_role("button", name=knop, exact=True).last.click())

    def vul_in(self, veld: Any, waarde: str | bool) -> None:
        """Fill a card input: text for a text box, True to check a radio button or toggle."""
        self._wacht(veld.check() if waarde is True else veld.fill(waarde))

    def kies(self, keuzelijst: Any, titel: str) -> None:
        self._wacht(keuzelijst.select_option(label=titel))

    def controleer_verzonden(self, tekst: str) -> None:
        """The user's message shows once and was accepted: Web Chat got the echo with its clientActivityID.

        (Without a matching echo the message stays 'Wordt verzonden', shows a second time, then fails.)
        """
        self.verwacht(self.eigen_berichten.nth(self._eigen_voor)).to_contain_text(tekst)
        self.verwacht(self.pagina.locator(BEZIG_MET_VERZENDEN)).to_have_count(0)
        self.verwacht(self.eigen_berichten).to_have_count(self._eigen_voor + 1)
        self.verwacht(self.pagina.get_by_text(VERZENDEN_MISLUKT)).to_have_count(0)

    def antwoord(self, nummer: int = 0) -> Any:
        """The bot's `nummer`-th message (0 = first) after the last thing the user sent; waits for it."""
        bericht = self.bot_berichten.nth(self._bot_voor + nummer)
        self.verwacht(bericht).to_be_visible()
        return bericht

    def tekst(self, locator: Any) -> str:
        """The text as rendered (what the user reads), without waiting."""
        return self._wacht(locator.inner_text())

    def aantal_antwoorden(self) -> int:
        return self._wacht(self.bot_berichten.count()) - self._bot_voor

    def screenshot(self, stap: str | None = None) -> Path:
        """The whole conversation: the page is made as tall as the transcript for the picture."""
        ARTEFACTEN.mkdir(parents=True, exist_ok=True)
        pad = ARTEFACTEN / (f"{self.naam}-{stap}.png" if stap else f"{self.naam}.png")
        self._wacht(self._screenshot(pad))
        return pad

    async def _screenshot(self, pad: Path) -> None:
        viewport = self.pagina.viewport_size
        extra = await self.pagina.evaluate(
            "() => { const t = document.querySelector('.webchat__basic-transcript__scrollable');"
            " return t ? Math.max(0, t.scrollHeight - t.clientHeight) : 0; }"
        )
        if extra:
            await self.pagina.set_viewport_size({"width": viewport["width"], "height": min(viewport["height"] + extra, 8000)})
            # The transcript lays out again at the new height: two animation frames, not a fixed wait.
            await self.pagina.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        await self.pagina.screenshot(path=str(pad), full_page=True)
        if extra:
            await self.pagina.set_viewport_size(viewport)

    def _markeer(self) -> None:
        self._bot_voor = self._wacht(self.bot_berichten.count())
        self._eigen_voor = self._wacht(self.eigen_berichten.count())

    def _wacht(self, coro: Any) -> Any:
        return self.achtergrond.voer_uit(coro)


@contextmanager
def open_webchat(achtergrond: Achtergrond, browser: Any, omgeving: Omgeving, naam: str) -> Iterator[WebChat]:
    """A fresh browser context (no cookies or storage) with the page; a screenshot at the end, always."""
    context = achtergrond.voer_uit(browser.new_context(locale="nl-NL", viewport={"width": 900, "height": 900}))
    pagina = achtergrond.voer_uit(context.new_page())
    fouten: list[str] = []
    pagina.on("pageerror", lambda fout: fouten.append(str(fout)))
    chat = WebChat(achtergrond, pagina, omgeving, re.sub(r"[^\w.-]+", "-", naam).strip("-"))
    try:
        yield chat
        assert not fouten, f"JavaScript-fouten op de pagina: {fouten}"
    finally:
        chat.screenshot()
        achtergrond.voer_uit(context.close())


@pytest.fixture
def webchat(achtergrond: Achtergrond, browser: Any, omgeving: Omgeving, request: pytest.FixtureRequest) -> Iterator[WebChat]:
    with open_webchat(achtergrond, browser, omgeving, request.node.name) as chat:
        yield chat


@pytest.fixture
def lokale_webchat(achtergrond: Achtergrond, browser: Any, lokaal: Omgeving, request: pytest.FixtureRequest) -> Iterator[WebChat]:
    with open_webchat(achtergrond, browser, lokaal, request.node.name) as chat:
        yield chat
