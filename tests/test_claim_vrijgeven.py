"""A failed or cancelled turn and its claim: releasing the claim never holds the turn up.

A failed turn releases its claim so a retry runs it again at once; that write is bounded
(`VRIJGEVEN_TIMEOUT`). A cancelled turn (shutdown, a closing event loop) releases nothing: it does no
database work while being cancelled, and its lease expires by itself."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import bot.middleware as middleware
from db.modellen.fundament import BEZIG
from tests.conftest import TestGesprek
from tests.test_beurttransactie import filter_van, status_van


class _SchrijvenHangt:
    """The turn filter's storage, except that its write transactions wait forever (counted)."""

    def __init__(self, opslag) -> None:
        self._opslag = opslag
        self.pogingen = 0

    def __getattr__(self, naam: str):
        return getattr(self._opslag, naam)

    @asynccontextmanager
    async def schrijf_transactie(self):
        self.pogingen += 1
        await asyncio.Event().wait()
        yield None


def _schrijven_hangt(services, monkeypatch) -> _SchrijvenHangt:
    filter_ = filter_van(services)
    hangt = _SchrijvenHangt(filter_._opslag)
    monkeypatch.setattr(filter_, "_opslag", hangt)
    return hangt


async def test_a_failed_turn_whose_claim_cannot_be_released_still_answers(gesprek: TestGesprek, services, monkeypatch):
    async def stuk(_turn_context):
        raise RuntimeError("kapot")

    monkeypatch.setattr(services.router, "verwerk", stuk)
    pogingen = _schrijven_hangt(services, monkeypatch)
    monkeypatch.setattr(middleware, "VRIJGEVEN_TIMEOUT", 0.05)
    antwoorden = await asyncio.wait_for(gesprek.stuur("wie is opdrachtgever voor de jeugdagenda", id="stuk-1"), 10)
    assert pogingen.pogingen == 1  # it tried to release ...
    assert antwoorden  # ... gave up, and the user still got the error message
    monkeypatch.undo()
    assert await status_van(services, "stuk-1") == BEZIG  # not released: the lease expires by itself


async def test_a_cancelled_turn_does_no_database_work_while_it_is_cancelled(gesprek: TestGesprek, services, monkeypatch):
    taken: list[asyncio.Task] = []
    begonnen = asyncio.Event()

    async def blijft_hangen(_turn_context):
        taak = asyncio.current_task()
        assert taak is not None
        taken.append(taak)  # the server's task running this turn (the process shuts down while it runs)
        begonnen.set()
        await asyncio.Event().wait()

    monkeypatch.setattr(services.router, "verwerk", blijft_hangen)
    verzoek = asyncio.ensure_future(gesprek.post(gesprek.activiteit(text="hallo", id="geannuleerd-1")))
    await asyncio.wait_for(begonnen.wait(), 10)
    pogingen = _schrijven_hangt(services, monkeypatch)
    taken[0].cancel()
    await asyncio.wait_for(asyncio.gather(taken[0], return_exceptions=True), 10)  # ends: nothing to wait for
    assert pogingen.pogingen == 0  # no release attempted while cancelled
    verzoek.cancel()
    await asyncio.gather(verzoek, return_exceptions=True)
    monkeypatch.undo()
    assert await status_van(services, "geannuleerd-1") == BEZIG  # the lease expires by itself
