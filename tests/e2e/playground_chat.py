"""A user in the Agents Playground's page: picks a chat, types (with an @mention), clicks card and
suggested-action buttons, and reads what the bot answered since the last thing the user did.

The page's classes are generated (Fluent UI), so everything is found by role and ARIA label:
a chat message has a child labelled "Message header"; the bot's messages (and the bot's replies in
a channel thread) carry its avatar, an image named after the bot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.e2e.conftest import Achtergrond, Botlog, Verwachting

INVOER = '[data-lexical-editor="true"]'
MENTION = "span.mention"
"""An @mention picked from the mention list, inside the message box (typed "@..." is plain text)."""
EIGEN_BERICHT = (
    'div:has(> [aria-label="Message header"]):not(:has(> [aria-label="Message header"] [aria-label="Message author"]))'
)
TYPEAHEAD = "Typeahead menu"
SCHERM = {"width": 1400, "height": 1000}


def bot_berichten(binnen: Any, botnaam: str) -> Any:
    """The bot's messages inside `binnen` (the page, or one channel thread), oldest first."""
    return binnen.locator(f'div:has(> div > [role="img"][aria-label="{botnaam}"]):not([role="treeitem"] *)')


async def expect_waarde(veld: Any, waarde: str) -> None:
    from playwright.async_api import expect

    await expect(veld).to_have_value(waarde)


def ruwe_markdown(tekst: str) -> list[str]:
    """Markdown a reader should never see (the client showed the source instead of rendering it)."""
    patronen = [r"\*\*[^*\n]+\*\*", r"(?m)^\s*[-*] \S", r"(?<![\w/])_[^_\n]+_(?![\w/])", r"\]\(https?://"]
    return [m.group(0) for p in patronen for m in re.finditer(p, tekst)]


@dataclass(frozen=True)
class Download:
    url: str
    suggested_filename: str
    pad: Path


class PlaygroundChat:
    """The Playground's page for one person; sync methods that run Playwright in the background loop."""

    def __init__(
        self,
        achtergrond: Achtergrond,
        pagina: Any,
        url: str,
        botnaam: str,
        naam: str,
        artefacten: Path,
        botlog: Botlog | None = None,
    ) -> None:
        self.achtergrond = achtergrond
        self.pagina = pagina
        self.url = url
        self.botnaam = botnaam
        self.naam = naam
        self.artefacten = artefacten
        self.botlog = botlog
        """What the bot logs; a failed expectation shows what it logged since the user's last action."""
        self.berichten = bot_berichten(pagina, botnaam)
        self.eigen_berichten = pagina.locator(EIGEN_BERICHT)
        self._bot_voor = 0
        self._eigen_voor = 0

    # --- navigation ---------------------------------------------------------------------------

    def open(self) -> None:
        """Open the page on the personal chat and wait for the bot's welcome."""
        self._wacht(self.pagina.goto(self.url))
        self.verwacht(self.pagina.locator(INVOER).last).to_be_editable()
        self.verwacht(self.berichten.first).to_be_visible()

    def kies_gesprek(self, naam: str) -> None:
        """Click a chat or channel in the left tree ("Personal Chat", the group chat, "Team - Kanaal")."""
        self._wacht(self.pagina.get_by_role("treeitem", name=naam, exact=True).click())
        self.verwacht(self.pagina.locator(INVOER).last).to_be_editable()
        self._markeer()

    # --- typing and clicking ------------------------------------------------------------------

    def stuur(self, tekst: str, *, noem_bot: bool = False) -> None:
        """Type `tekst` (after an @mention of the bot, picked from the mention list) and press Enter;
        waits until the page shows it as the user's message."""
        self._markeer()
        veld = self.pagina.locator(INVOER).last
        self._typ(veld, tekst, noem_bot)
        self._wacht(veld.press("Enter"))
        self.verwacht(self.eigen_berichten.nth(self._eigen_voor)).to_contain_text(tekst)

    def plaats_bericht(self, tekst: str) -> Any:
        """In a channel: a new post that @mentions the bot; returns the thread (the post's group). The
        same text may have been posted before (a test run again on the module's page): the new thread
        is the one after those, as the channel lists posts oldest first."""
        self._markeer()
        post = self.pagina.get_by_role("button", name="Post", exact=True)
        nieuw = self.pagina.get_by_role("group").filter(has=post)
        veld = nieuw.locator(INVOER)
        draden = self.pagina.get_by_role("group").filter(has_not=post).filter(has_text=tekst)
        voor = self._wacht(draden.count())
        self._typ(veld, tekst, noem_bot=True)
        self._wacht(post.click())
        self.verwacht(veld).to_have_text("")  # the Playground took the post (and emptied the box)
        self.verwacht(draden).to_have_count(voor + 1)
        return draden.nth(voor)

    def antwoord_in_draad(self, draad: Any, tekst: str, nummer: int = 0) -> Any:
        """Reply in a channel thread (mentioning the bot); returns the bot's `nummer`-th reply after it."""
        replies = bot_berichten(draad, self.botnaam)
        voor = self._wacht(replies.count())
        if self.botlog is not None:
            self.botlog.markeer()
        veld = draad.locator(INVOER)
        self._typ(veld, tekst, noem_bot=True)
        self._wacht(veld.press("Enter"))
        self.verwacht(veld).to_have_text("")
        self.verwacht(draad).to_contain_text(tekst)
        antwoord = replies.nth(voor + nummer)
        self.verwacht(antwoord).to_be_visible()
        return antwoord

    def antwoorden_in(self, draad: Any) -> Any:
        """The bot's replies in a channel thread."""
        return bot_berichten(draad, self.botnaam)

    def download(self, knop: str, binnen: Any) -> Download:
        """Click a button that opens a link (Action.OpenUrl) and save what the browser downloads."""
        return self._wacht(self._download(binnen.get_by_role("link", name=knop, exact=True).last))

    async def _download(self, knop: Any) -> Download:
        # The Playground opens the link in a new window; Chromium reports the download to the chat page.
        async with self.pagina.expect_download() as bestand:
            await knop.click()
        gedownload = await bestand.value
        pad = self.artefacten / f"{self.naam}-{gedownload.suggested_filename}"
        await gedownload.save_as(pad)
        for venster in self.pagina.context.pages:
            if venster is not self.pagina:
                await venster.close()
        return Download(gedownload.url, gedownload.suggested_filename, pad)

    def klik(self, knop: str, binnen: Any = None) -> None:
        """Click a button (card action or suggested action) in the bot's last messages."""
        self._markeer()
        bereik = binnen if binnen is not None else self.pagina
        self._wacht(bereik.get_by_role("button", name=knop, exact=True).last.click())

    def vul_in(self, veld: Any, waarde: str | bool) -> None:
        self._wacht(veld.check() if waarde is True else veld.fill(waarde))

    def kies(self, keuzelijst: Any, titel: str) -> None:
        """Pick `titel` in a card's choice list (the Playground renders a Fluent combobox, not a <select>)."""
        self._wacht(self._kies(keuzelijst, titel))

    async def _kies(self, keuzelijst: Any, titel: str) -> None:
        if await keuzelijst.evaluate("el => el.tagName") == "SELECT":
            await keuzelijst.select_option(label=titel)
            return
        await keuzelijst.click()
        await self.pagina.get_by_role("option", name=titel, exact=True).click()
        await expect_waarde(keuzelijst, titel)

    # --- reading --------------------------------------------------------------------------------

    def antwoord(self, nummer: int = 0) -> Any:
        """The bot's `nummer`-th message (0 = first) after the user's last action; waits for it."""
        bericht = self.berichten.nth(self._bot_voor + nummer)
        self.verwacht(bericht).to_be_visible()
        return bericht

    def aantal_antwoorden(self) -> int:
        return self._wacht(self.berichten.count()) - self._bot_voor

    def tekst(self, locator: Any) -> str:
        """The text as rendered (what the user reads)."""
        return self._wacht(locator.inner_text())

    def verwacht(self, doel: Any) -> Verwachting:
        return Verwachting(self.achtergrond, doel, self.botlog.sinds_markering if self.botlog is not None else None)

    def screenshot(self, stap: str | None = None) -> Path:
        """The whole conversation: the page is made as tall as the message list for the picture."""
        self.artefacten.mkdir(parents=True, exist_ok=True)
        pad = self.artefacten / (f"{self.naam}-{stap}.png" if stap else f"{self.naam}.png")
        self._wacht(self._screenshot(pad))
        return pad

    # --- internals ------------------------------------------------------------------------------

    def _typ(self, veld: Any, tekst: str, noem_bot: bool) -> None:
        """Type into `veld` (after an @mention picked from the mention list); returns once the box
        holds exactly the mention and the whole text, so what is sent is what was meant. (Typed key
        by key: on a busy machine a re-render, such as the last answer's suggested actions, can take
        the focus.)"""
        self._wacht(veld.click())
        if noem_bot:
            self._wacht(self.pagina.keyboard.type("@" + self.botnaam[:3]))
            keuze = self.pagina.get_by_role("listbox", name=TYPEAHEAD).get_by_text(self.botnaam, exact=True)
            self._wacht(keuze.click())
            self.verwacht(veld.locator(MENTION)).to_have_text([self.botnaam])  # a mention, not the typed "@..."
            self._wacht(self.pagina.keyboard.type(" "))
        self._wacht(self.pagina.keyboard.type(tekst))
        self.verwacht(veld).to_have_text(f"{self.botnaam} {tekst}" if noem_bot else tekst)

    async def _screenshot(self, pad: Path) -> None:
        extra = await self.pagina.evaluate(
            """() => { let hoogste = 0;
                for (const el of document.querySelectorAll('div')) {
                  const stijl = getComputedStyle(el);
                  if (/(auto|scroll)/.test(stijl.overflowY) && el.scrollHeight > el.clientHeight + 1)
                    hoogste = Math.max(hoogste, el.scrollHeight - el.clientHeight);
                } return hoogste; }"""
        )
        if extra:
            await self.pagina.set_viewport_size({"width": SCHERM["width"], "height": min(SCHERM["height"] + extra, 8000)})
        await self.pagina.screenshot(path=str(pad), full_page=True)
        if extra:
            await self.pagina.set_viewport_size(SCHERM)

    def markeer(self) -> None:
        """From now on `antwoord(0)` is the bot's next message (for messages the user did not ask for)."""
        self._markeer()

    def _markeer(self) -> None:
        if self.botlog is not None:
            self.botlog.markeer()
        self._bot_voor = self._wacht(self.berichten.count())
        self._eigen_voor = self._wacht(self.eigen_berichten.count())

    def _wacht(self, coro: Any) -> Any:
        return self.achtergrond.voer_uit(coro)
