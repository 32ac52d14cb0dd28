"""The turn transaction (issue 10, items 1 and 14): an activity counts as handled only together with
its state, a crashed turn re-runs on retry without storing anything twice, a retry waits for a turn
still running elsewhere, and the loser of a state conflict gets one clear message."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, insert, select, text, update

from bot.middleware import DubbeleLeveringFilter
from db.base import nu
from db.migreren import downgrade, upgrade
from db.modellen.bestuursopdracht import BestuursopdrachtCheck
from db.modellen.fundament import BEZIG, KLAAR, BotStatus, VerwerkteActiviteit
from db.modellen.rapportage import Statusupdate
from tests.conftest import TestGesprek, tekst_van
from tests.test_rapportage_gesprek import kaarten, klik

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL


def filter_van(services) -> DubbeleLeveringFilter:
    return next(m for m in services.adapter._middleware._middleware if isinstance(m, DubbeleLeveringFilter))


async def status_van(services, activiteit_id: str) -> str | None:
    """The activity's marker once the waiting ones are written (on PostgreSQL a turn without state
    writes leaves its `klaar` to the next claim, or to a timer, see `DubbeleLeveringFilter`)."""
    await filter_van(services).schrijf_markeringen()
    async with services.sessies() as sessie:
        return await sessie.scalar(select(VerwerkteActiviteit.status).where(VerwerkteActiviteit.activiteit_id == activiteit_id))


async def aantal(services, model) -> int:
    async with services.sessies() as sessie:
        return await sessie.scalar(select(func.count()).select_from(model))


async def stuur_en_crash(services, gesprek: TestGesprek, tekst=None, *, waarde=None, id: str) -> None:
    """Handle a turn, then put the database back as a `kill -9` after the turn's effects committed
    (but before its state and marker) would have left it: old state, the claim `bezig`, lease over."""
    async with services.sessies() as sessie:
        voor = [
            (r.sleutel, r.data, r.etag)
            for r in (await sessie.execute(select(BotStatus.sleutel, BotStatus.data, BotStatus.etag))).all()
        ]
    assert await gesprek.stuur(tekst, waarde=waarde, id=id)
    async with services.sessies.begin() as sessie:
        await sessie.execute(delete(BotStatus))
        for sleutel, data, etag in voor:
            await sessie.execute(insert(BotStatus).values(gemeente=services.gemeente.id, sleutel=sleutel, data=data, etag=etag))
        await sessie.execute(
            update(VerwerkteActiviteit)
            .where(VerwerkteActiviteit.activiteit_id == id)
            .values(status=BEZIG, eigenaar="gestorven-proces", verloopt_op=nu() - timedelta(seconds=1))
        )


async def test_card_submit_of_a_crashed_turn_is_rerun_and_stored_once(gesprek: TestGesprek, services):
    gesprek.als = "marcel-kossen"
    keuze = kaarten(await gesprek.stuur("statusupdate"))[0]
    kaart = kaarten(await gesprek.stuur(waarde=klik(keuze, "Op koers", "sociale-agenda")))[0]
    await stuur_en_crash(services, gesprek, waarde=klik(kaart, "Bevestigen"), id="bevestig-1")
    assert await aantal(services, Statusupdate) == 1  # the effect committed before the "crash"
    herhaling = await gesprek.stuur(waarde=klik(kaart, "Bevestigen"), id="bevestig-1")  # Teams retries
    assert "al ontvangen" in tekst_van(herhaling)
    assert await aantal(services, Statusupdate) == 1
    assert await status_van(services, "bevestig-1") == KLAAR
    assert await gesprek.stuur(waarde=klik(kaart, "Bevestigen"), id="bevestig-1") == []  # now it is done


async def test_text_dialog_turn_that_crashed_after_storing_is_rerun_without_a_second_update(bot_client, kennisbank, services):
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
    console.als = "bram-de-wit"
    await console.stuur("statusupdate")
    assert "Klopt dit?" in tekst_van(await console.stuur("Op koers"))
    await stuur_en_crash(services, console, "Bevestigen", id="tekst-bevestig")
    herhaling = tekst_van(await console.stuur("Bevestigen", id="tekst-bevestig"))
    assert "versie 1" in herhaling
    assert await aantal(services, Statusupdate) == 1
    # the dialog ended with the re-run: the next message is a new question, not the summary again
    assert "Klopt dit?" not in tekst_van(await console.stuur("help")).met_knoppen


async def test_bestuursopdracht_text_check_that_crashed_is_rerun_and_stored_once(bot_client, kennisbank, services):
    console = TestGesprek(bot_client, kennisbank, kanaal="console")
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


async def test_retry_while_the_turn_still_runs_waits_and_is_not_handled_twice(gesprek: TestGesprek, services, monkeypatch):
    gesprek.als = "marcel-kossen"
    keuze = kaarten(await gesprek.stuur("statusupdate"))[0]
    kaart = kaarten(await gesprek.stuur(waarde=klik(keuze, "Op koers", "sociale-agenda")))[0]
    filter_ = filter_van(services)
    herhaling_wacht, origineel_wacht = asyncio.Event(), filter_._neem_over_na_afloop
    verwerk = services.router.verwerk
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
    monkeypatch.setattr(services.router, "verwerk", traag)
    antwoorden = await asyncio.gather(
        gesprek.stuur(waarde=klik(kaart, "Bevestigen"), id="traag-1"),
        gesprek.stuur(waarde=klik(kaart, "Bevestigen"), id="traag-1"),
    )
    # either delivery may reach the bot first (two concurrent requests): one answers, the other nothing
    leeg, beantwoord = sorted(antwoorden, key=len)
    assert "opgeslagen als versie 1" in tekst_van(beantwoord) and leeg == []
    assert beurten == 1 and await aantal(services, Statusupdate) == 1


async def test_conflicting_turns_over_http_the_loser_gets_only_the_conflict_message(
    bot_client, kennisbank, services, monkeypatch
):
    """Two messages of one conversation at once: both read the same state; the one that saves
    second gets exactly one message (resend), not the stale question before it."""
    gesprek = TestGesprek(bot_client, kennisbank)
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
    winnaars = [a for a in antwoorden if "kruiste een ander bericht" not in tekst_van(a).met_knoppen]
    assert len(verliezers) == 1 and len(winnaars) == 1, antwoorden
    assert len(verliezers[0]) == 1  # only the conflict text
    assert winnaars[0] and "er ging iets mis" not in tekst_van(winnaars[0]).met_knoppen
    monkeypatch.setattr(opslag, "read", lees)
    assert "kruiste" not in tekst_van(await gesprek.stuur("help")).met_knoppen  # the conversation goes on


async def test_old_markers_are_still_pruned(gesprek: TestGesprek, services):
    async with services.sessies.begin() as sessie:
        await sessie.execute(
            insert(VerwerkteActiviteit).values(
                gemeente=services.gemeente.id,
                conversatie_id="oud",
                activiteit_id="oud-1",
                ontvangen_op=nu() - timedelta(days=3),
                status=KLAAR,
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


async def test_a_turn_takes_two_database_round_trips_claim_with_state_then_state_with_marker(gesprek: TestGesprek, services):
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


async def _statements(services, doe):
    """The SQL statements the engine runs while `doe()` runs."""
    from sqlalchemy import event

    gezien: list[str] = []
    luisteraar = lambda _c, _cur, statement, *_: gezien.append(" ".join(statement.split()))  # noqa: E731
    event.listen(services.engine.sync_engine, "before_cursor_execute", luisteraar)
    try:
        uitkomst = await doe()
    finally:
        event.remove(services.engine.sync_engine, "before_cursor_execute", luisteraar)
    return gezien, uitkomst


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_on_postgresql_a_turn_is_two_statements_and_a_memory_change_needs_no_disk_flush(gesprek: TestGesprek, services):
    """Claim + state read is one statement, state + `klaar` another (each its own transaction). A
    dialog step waits for the disk; a change of the conversation memory alone does not."""
    assert services.engine.dialect.name == "postgresql"
    assert "Waar gaat het over?" in tekst_van(await gesprek.stuur("ik wil escaleren"))
    gezien, vervolg = await _statements(services, lambda: gesprek.stuur("Meningsverschil"))
    assert "welke situatie" in tekst_van(vervolg)
    assert len(gezien) == 2 and all(s.startswith("WITH") for s in gezien), gezien
    assert "set_config" in gezien[0] and "set_config" not in gezien[1]  # the dialog's state waits for the disk
    await gesprek.stuur("stop")
    assert "Flora van Houwelingen" in tekst_van(await gesprek.stuur("wie is ambtelijk opdrachtgever van de duurzaamheidsagenda?"))
    gezien, antwoord = await _statements(services, lambda: gesprek.stuur("wie is ambtelijk opdrachtgever van de jeugdagenda?"))
    assert "Kossen" in tekst_van(antwoord)
    [afronding] = [s for s in gezien if "bot_status SET" in s or "INTO bot_status" in s]
    assert "set_config" in afronding  # only the remembered onderwerp changed: no flush needed


async def test_a_turn_whose_claim_was_taken_over_writes_no_state(gesprek: TestGesprek, services, monkeypatch):
    """The one-statement finish on PostgreSQL (and the transaction on SQLite) writes nothing when
    a retry took the activity over meanwhile: that retry's run counts."""
    assert "Waar gaat het over?" in tekst_van(await gesprek.stuur("ik wil escaleren"))
    async with services.sessies() as sessie:
        voor = (await sessie.execute(select(BotStatus.sleutel, BotStatus.etag))).all()
    verwerk = services.router.verwerk

    async def overgenomen(turn_context):
        await verwerk(turn_context)
        async with services.sessies.begin() as sessie:
            await sessie.execute(
                update(VerwerkteActiviteit)
                .where(VerwerkteActiviteit.activiteit_id == "overgenomen")
                .values(eigenaar="een-herhaling")
            )

    monkeypatch.setattr(services.router, "verwerk", overgenomen)
    assert await gesprek.stuur("Meningsverschil", id="overgenomen") == []
    async with services.sessies() as sessie:
        assert (await sessie.execute(select(BotStatus.sleutel, BotStatus.etag))).all() == voor
        assert (
            await sessie.scalar(select(VerwerkteActiviteit.status).where(VerwerkteActiviteit.activiteit_id == "overgenomen"))
            == BEZIG
        )


async def test_a_claim_committed_just_before_its_connection_broke_is_found_again(gesprek: TestGesprek, services, monkeypatch):
    """No pool ping: a dead connection is found on use, and the claim is tried once more. If the first
    try did commit before the connection broke, the retry finds its own claim and the turn runs."""
    from sqlalchemy.exc import DBAPIError

    filter_ = filter_van(services)
    echte_claim, pogingen = filter_._claim, []

    async def verbinding_breekt_na_commit(*args):
        pogingen.append(args)
        claim = await echte_claim(*args)
        if len(pogingen) == 1:
            raise DBAPIError("INSERT", {}, ConnectionError("verbinding verbroken"), connection_invalidated=True)
        return claim

    monkeypatch.setattr(filter_, "_claim", verbinding_breekt_na_commit)
    monkeypatch.setattr(filter_, "_wachttijd", timedelta(seconds=1))
    antwoord = tekst_van(await gesprek.stuur("help", id="breuk-1"))
    assert antwoord and len(pogingen) == 2
    assert await status_van(services, "breuk-1") == KLAAR


async def _status_nu(services, activiteit_id: str) -> str | None:
    async with services.sessies() as sessie:
        return await sessie.scalar(select(VerwerkteActiviteit.status).where(VerwerkteActiviteit.activiteit_id == activiteit_id))


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_on_postgresql_a_turn_without_state_writes_is_one_statement_its_marker_goes_with_the_next_claim(
    gesprek: TestGesprek, services, monkeypatch
):
    """Speed: a turn that writes no state is ONE statement (claim + state read); its `klaar` marker
    waits for the next claim's statement. A retry of it is still dropped."""
    monkeypatch.setattr(filter_van(services), "_uitstel", 60.0)  # no timer in this test: only a claim writes it
    assert await gesprek.stuur("help")  # the conversation's state exists from here on
    gezien, antwoord = await _statements(services, lambda: gesprek.stuur("help", id="zonder-status"))
    assert antwoord and len(gezien) == 1 and gezien[0].startswith("WITH claim"), gezien
    assert await _status_nu(services, "zonder-status") == BEZIG  # answered; the marker waits
    gezien, antwoord = await _statements(services, lambda: gesprek.stuur("help", id="de-volgende"))
    assert antwoord and len(gezien) == 1 and gezien[0].startswith("WITH eerder_klaar"), gezien
    assert await _status_nu(services, "zonder-status") == KLAAR  # written by the next turn's claim
    assert await gesprek.stuur("help", id="de-volgende") == []  # a retry writes what waits, then finds it done
    assert await _status_nu(services, "de-volgende") == KLAAR
    assert await gesprek.stuur("help", id="zonder-status") == []


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_on_postgresql_a_waiting_marker_is_written_without_a_next_turn_and_on_shutdown(
    gesprek: TestGesprek, services, monkeypatch
):
    assert await gesprek.stuur("help", id="alleen")
    deadline = asyncio.get_running_loop().time() + 10  # only guards against hanging: the timer is 0.1 s
    while await _status_nu(services, "alleen") != KLAAR:
        assert asyncio.get_running_loop().time() < deadline, "the waiting marker was never written"
        await asyncio.sleep(0.05)
    monkeypatch.setattr(filter_van(services), "_uitstel", 60.0)
    assert await gesprek.stuur("help", id="bij-het-stoppen")
    assert await _status_nu(services, "bij-het-stoppen") == BEZIG
    await services.dedupe.sluit()  # what open_installatie does on shutdown
    assert await _status_nu(services, "bij-het-stoppen") == KLAAR


async def test_a_turn_without_state_writes_that_ran_long_marks_itself_and_drops_its_replies_when_taken_over(
    gesprek: TestGesprek, services, monkeypatch
):
    """Late in its lease a retry may have taken a turn over: then the turn writes its marker itself,
    finds its claim lost, and sends nothing (the retry's run counts)."""
    assert await gesprek.stuur("help")
    filter_ = filter_van(services)
    monkeypatch.setattr(filter_, "_ruim_binnen_lease", lambda _claim: False)  # as if the turn took most of its lease
    verwerk = services.router.verwerk

    async def overgenomen(turn_context):
        await verwerk(turn_context)
        async with services.sessies.begin() as sessie:
            await sessie.execute(
                update(VerwerkteActiviteit).where(VerwerkteActiviteit.activiteit_id == "lang").values(eigenaar="een-herhaling")
            )

    monkeypatch.setattr(services.router, "verwerk", overgenomen)
    assert await gesprek.stuur("help", id="lang") == []
    assert await status_van(services, "lang") == BEZIG
