"""The turn transaction (issue 10, items 1 and 14): an activity counts as handled only together with
its state, a crashed turn re-runs on retry without storing anything twice, a retry waits for a turn
still running elsewhere, and the loser of a state conflict gets one clear message."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import delete, func, insert, select, text, update

from bot.middleware import DubbeleLeveringFilter
from db.base import nu
from db.migreren import downgrade, upgrade
from db.modellen.bestuursopdracht import BestuursopdrachtCheck
from db.modellen.fundament import BEZIG, KLAAR, BotStatus, VerwerkteActiviteit
from db.modellen.rapportage import Statusupdate
from tests.conftest import Gesprek, tekst_van
from tests.test_rapportage_gesprek import kaarten, klik


def filter_van(services) -> DubbeleLeveringFilter:
    return next(m for m in services.adapter._middleware._middleware if isinstance(m, DubbeleLeveringFilter))


async def aantal(services, model) -> int:
    async with services.sessies() as sessie:
        return await sessie.scalar(select(func.count()).select_from(model))


async def stuur_en_crash(services, gesprek: Gesprek, tekst=None, *, waarde=None, id: str) -> None:
    """Handle a turn, then put the database back as a `kill -9` after the turn's effects committed
    (but before its state and marker) would have left it: old state, the claim `bezig`, lease over."""
    async with services.sessies() as sessie:
        voor = [(r.sleutel, r.data, r.etag) for r in (await sessie.execute(select(BotStatus.sleutel, BotStatus.data, BotStatus.etag))).all()]
    assert await gesprek.stuur(tekst, waarde=waarde, id=id)
    async with services.sessies.begin() as sessie:
        await sessie.execute(delete(BotStatus))
        for sleutel, data, etag in voor:
            await sessie.execute(insert(BotStatus).values(sleutel=sleutel, data=data, etag=etag))
        await sessie.execute(
            update(VerwerkteActiviteit)
            .where(VerwerkteActiviteit.activiteit_id == id)
            .values(status=BEZIG, eigenaar="gestorven-proces", verloopt_op=nu() - timedelta(seconds=1))
        )


async def test_card_submit_of_a_crashed_turn_is_rerun_and_stored_once(gesprek: Gesprek, services):
    gesprek.als = "marcel-kossen"
    keuze = kaarten(await gesprek.stuur("statusupdate"))[0]
    kaart = kaarten(await gesprek.stuur(waarde=klik(keuze, "Op koers", "sociale-agenda")))[0]
    await stuur_en_crash(services, gesprek, waarde=klik(kaart, "Bevestigen"), id="bevestig-1")
    assert await aantal(services, Statusupdate) == 1  # the effect committed before the "crash"
    herhaling = await gesprek.stuur(waarde=klik(kaart, "Bevestigen"), id="bevestig-1")  # Teams retries
    assert "al ontvangen" in tekst_van(herhaling) or "opgeslagen" in tekst_van(herhaling)
    assert await aantal(services, Statusupdate) == 1
    async with services.sessies() as sessie:
        assert await sessie.scalar(select(VerwerkteActiviteit.status).where(VerwerkteActiviteit.activiteit_id == "bevestig-1")) == KLAAR
    assert await gesprek.stuur(waarde=klik(kaart, "Bevestigen"), id="bevestig-1") == []  # now it is done


async def test_text_dialog_turn_that_crashed_after_storing_is_rerun_without_a_second_update(bot_client, kennisbank, services):
    console = Gesprek(bot_client, kennisbank, kanaal="console")
    console.als = "bram-de-wit"
    await console.stuur("statusupdate")
    assert "Klopt dit?" in tekst_van(await console.stuur("Op koers"))
    await stuur_en_crash(services, console, "Bevestigen", id="tekst-bevestig")
    herhaling = tekst_van(await console.stuur("Bevestigen", id="tekst-bevestig"))
    assert "versie 1" in herhaling
    assert await aantal(services, Statusupdate) == 1
    # the dialog ended with the re-run: the next message is a new question, not the summary again
    assert "Klopt dit?" not in tekst_van(await console.stuur("help"))


async def test_bestuursopdracht_text_check_that_crashed_is_rerun_and_stored_once(bot_client, kennisbank, services):
    console = Gesprek(bot_client, kennisbank, kanaal="console")
    console.als = "marcel-kossen"
    tekst = tekst_van(await console.stuur("bestuursopdracht check voor nieuwbouw zwembad"))
    for _ in range(40):
        if "notitie" in tekst.lower():
            break
        tekst = tekst_van(await console.stuur("nee"))
    else:
        raise AssertionError(tekst)
    await stuur_en_crash(services, console, "Geen notitie", id="check-klaar")
    assert await aantal(services, BestuursopdrachtCheck) == 1
    assert tekst_van(await console.stuur("Geen notitie", id="check-klaar"))
    assert await aantal(services, BestuursopdrachtCheck) == 1


async def test_retry_while_the_turn_still_runs_waits_and_is_not_handled_twice(gesprek: Gesprek, services, monkeypatch):
    gesprek.als = "marcel-kossen"
    keuze = kaarten(await gesprek.stuur("statusupdate"))[0]
    kaart = kaarten(await gesprek.stuur(waarde=klik(keuze, "Op koers", "sociale-agenda")))[0]
    filter_ = filter_van(services)
    herhaling_wacht, origineel_wacht = asyncio.Event(), filter_._neem_over_na_afloop
    verwerk = services.gesprek.verwerk
    beurten = 0

    async def wacht_en_meld(*args):
        herhaling_wacht.set()
        return await origineel_wacht(*args)

    async def traag(turn_context):
        nonlocal beurten
        beurten += 1
        await herhaling_wacht.wait()  # the first delivery is still running when the retry arrives
        await verwerk(turn_context)

    monkeypatch.setattr(filter_, "_neem_over_na_afloop", wacht_en_meld)
    monkeypatch.setattr(services.gesprek, "verwerk", traag)
    eerste, tweede = await asyncio.gather(
        gesprek.stuur(waarde=klik(kaart, "Bevestigen"), id="traag-1"),
        gesprek.stuur(waarde=klik(kaart, "Bevestigen"), id="traag-1"),
    )
    assert "opgeslagen als versie 1" in tekst_van(eerste) and tweede == []
    assert beurten == 1 and await aantal(services, Statusupdate) == 1


async def test_conflicting_turns_over_http_the_loser_gets_only_the_conflict_message(bot_client, kennisbank, services, monkeypatch):
    """Two messages of one conversation at once: both read the same state; the one that saves
    second gets exactly one message (resend), not the stale question before it."""
    gesprek = Gesprek(bot_client, kennisbank)
    await gesprek.stuur("ik wil escaleren")  # a dialog is waiting for a choice
    opslag = services.bot.conversation_state._storage
    lees = opslag.read
    gelezen, beide = 0, asyncio.Event()

    async def samen(sleutels):  # both turns have read the same state before either goes on
        nonlocal gelezen
        status = await lees(sleutels)
        if any(s.startswith("msteams/conversations/") for s in sleutels):
            gelezen += 1
            if gelezen == 2:
                beide.set()
            await asyncio.wait_for(beide.wait(), timeout=10)
        return status

    monkeypatch.setattr(opslag, "read", samen)
    antwoorden = await asyncio.gather(gesprek.stuur("Meningsverschil"), gesprek.stuur("Geld en budget"))
    verliezers = [a for a in antwoorden if "kruiste een ander bericht" in tekst_van(a)]
    winnaars = [a for a in antwoorden if "kruiste een ander bericht" not in tekst_van(a)]
    assert len(verliezers) == 1 and len(winnaars) == 1, antwoorden
    assert len(verliezers[0]) == 1  # only the conflict text
    assert winnaars[0] and "er ging iets mis" not in tekst_van(winnaars[0])
    monkeypatch.setattr(opslag, "read", lees)
    assert "kruiste" not in tekst_van(await gesprek.stuur("help"))  # the conversation goes on


async def test_old_markers_are_still_pruned(gesprek: Gesprek, services):
    async with services.sessies.begin() as sessie:
        await sessie.execute(
            insert(VerwerkteActiviteit).values(
                conversatie_id="oud", activiteit_id="oud-1", ontvangen_op=nu() - timedelta(days=3), status=KLAAR
            )
        )
    filter_van(services)._teller = 499
    assert await gesprek.stuur("help")
    async with services.sessies() as sessie:
        ids = set(await sessie.scalars(select(VerwerkteActiviteit.activiteit_id)))
    assert "oud-1" not in ids and len(ids) == 1


async def test_migration_marks_existing_markers_klaar(engine):
    await downgrade(engine, "0003")
    async with engine.begin() as verbinding:
        await verbinding.execute(
            text("INSERT INTO verwerkte_activiteit (conversatie_id, activiteit_id, ontvangen_op) VALUES ('c', 'a', :t)"),
            {"t": nu()},
        )
    await upgrade(engine)
    async with engine.connect() as verbinding:
        rij = (await verbinding.execute(select(VerwerkteActiviteit.__table__))).one()
    assert (rij.status, rij.eigenaar, rij.verloopt_op) == (KLAAR, None, None)


async def test_a_turn_takes_two_database_round_trips_claim_with_state_then_state_with_marker(gesprek: Gesprek, services):
    """Speed: the claim transaction also reads the conversation state; the state save and the
    `klaar` marker are one transaction. So a plain turn checks out a connection twice."""
    from sqlalchemy import event

    assert "Waar gaat het over?" in tekst_van(await gesprek.stuur("ik wil escaleren"))
    uitgecheckt: list[int] = []
    luisteraar = lambda *_: uitgecheckt.append(1)  # noqa: E731
    event.listen(services.engine.sync_engine.pool, "checkout", luisteraar)
    try:
        vervolg = tekst_van(await gesprek.stuur("Meningsverschil"))
    finally:
        event.remove(services.engine.sync_engine.pool, "checkout", luisteraar)
    assert "welke situatie" in vervolg  # the dialog went on: state read and written
    assert len(uitgecheckt) == 2
