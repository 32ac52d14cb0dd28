"""Issue 14 item 5: the bot's Zoeker takes the day a question is about (when none is named) from the
app's clock at every call, not from the day it was built."""

from __future__ import annotations

from datetime import date, datetime

from bot.services import TIJDZONE, GemeenteBot
from kennisbank.kennisbank import Kennisbank
from kennisbank.zoeken import Zoeker
from tests.conftest import Klok


def test_met_klok_follows_the_clock_and_leaves_the_original_alone(kennisbank: Kennisbank) -> None:
    dag = [date(2025, 6, 1)]
    zoeker = Zoeker(kennisbank, vandaag=date(2020, 1, 1))
    met_klok = zoeker.met_klok(lambda: dag[0])
    assert met_klok.vandaag() == date(2025, 6, 1)
    dag[0] = date(2026, 3, 2)
    assert met_klok.vandaag() == date(2026, 3, 2)
    assert zoeker.vandaag() == date(2020, 1, 1)
    assert met_klok.index is zoeker.index  # the indexes are shared, not rebuilt


async def test_the_bots_zoeker_follows_the_app_clock(services: GemeenteBot, klok: Klok) -> None:
    assert services.diensten.zoeker.vandaag() == klok().date()
    klok.zet(datetime(2027, 2, 3, 9, 0, tzinfo=TIJDZONE))
    assert services.diensten.zoeker.vandaag() == date(2027, 2, 3)
