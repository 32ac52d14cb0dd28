"""The rapportage domain (issue 14): which onderwerpen count for a period, who may and who must
submit, who sees what, the overview's figures, and the stored updates. No botbuilder, no aiohttp:
the chat (`dialogen.rapportage`), the export, the reminders (`bot.herinneringen`) and any later
dashboard call this package, so they give one answer."""

from rapportage.cijfers import Groep, Overzicht, Regel, Statustelling, is_te_laat, maak_overzicht, tel
from rapportage.onderwerpstand import Onderwerpstand
from rapportage.regels import Rapportageregels, Reden
from rapportage.stand import Rapportagestand

__all__ = [
    "Groep",
    "Onderwerpstand",
    "Overzicht",
    "Rapportageregels",
    "Rapportagestand",
    "Reden",
    "Regel",
    "Statustelling",
    "is_te_laat",
    "maak_overzicht",
    "tel",
]
