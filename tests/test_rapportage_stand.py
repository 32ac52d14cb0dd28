"""Issue 14: the stored side of the rapportage domain (`rapportage.Rapportagestand`) on SQLite and
PostgreSQL, without a bot: who must still submit after what was stored, the overview's latest and
previous versions, storing once per sleutel, the late-update permission. The small kennisbank of
`tests/test_rapportage_domein.py`."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from db.modellen.rapportage import Herinnering, Herinneringsresultaat, Statusupdate
from rapportage import Rapportagestand, Reden
from tests.test_rapportage_domein import _kennisbank


@pytest.fixture
def stand(sessies) -> Rapportagestand:
    return Rapportagestand(_kennisbank(), sessies)


def _periode(stand: Rapportagestand, periode_id: str = "lente-2027"):
    periode = stand.regels.rapportage.periode(periode_id)
    assert periode is not None
    return periode


def _nieuw(onderwerp_id: str, status: str, sleutel: str, periode_id: str = "lente-2027") -> Statusupdate:
    return Statusupdate(
        periode_id=periode_id, onderwerp_id=onderwerp_id, status=status, ingediend_door="dirk-een", sleutel=sleutel
    )


def _namen(ontbrekend) -> dict[str, list[str]]:
    return {persoon: [o.id for o in onderwerpen] for persoon, onderwerpen in ontbrekend.items()}


async def test_who_must_still_submit_follows_what_is_stored(stand: Rapportagestand) -> None:
    periode = _periode(stand)
    assert _namen(await stand.ontbrekend(periode)) == {
        "dirk-een": ["haven", "brug"],
        "gea-gedelegeerd": ["haven"],
        "dirk-twee": ["park"],
    }
    await stand.bewaar(_nieuw("haven", "op-koers", "s1"))
    await stand.bewaar(_nieuw("park", "op-koers", "s2", periode_id="herfst-2026"))  # another period does not count
    assert _namen(await stand.ontbrekend(periode)) == {"dirk-een": ["brug"], "dirk-twee": ["park"]}
    assert _namen(await stand.ontbrekend(periode, directeur_id="dirk-een")) == {"dirk-een": ["brug"]}


async def test_overview_has_the_latest_version_next_to_the_previous_period(stand: Rapportagestand) -> None:
    await stand.bewaar(_nieuw("haven", "aandacht", "h-herfst", periode_id="herfst-2026"))
    await stand.bewaar(_nieuw("haven", "op-koers", "h1"))
    await stand.bewaar(_nieuw("haven", "afwijking", "h2"))
    periode = _periode(stand)
    overzicht = await stand.overzicht(periode, stand.regels.onderwerpen(periode.peildatum))
    [haven] = [r for r in overzicht.regels if r.onderwerp.id == "haven"]
    assert haven.laatste is not None and (haven.laatste.versie, haven.laatste.status) == (2, "afwijking")
    assert haven.vorige is not None and haven.vorige.status == "aandacht"
    assert overzicht.telling() == {"afwijking": 1} and overzicht.ingediend == 1
    assert [v.versie for v in await stand.historie(periode)] == [1, 2]


async def test_storing_is_once_per_sleutel_and_leaves_the_given_update_unsaved(stand: Rapportagestand) -> None:
    nieuw = _nieuw("brug", "op-koers", "dubbel")
    eerste = await stand.bewaar(nieuw)
    tweede = await stand.bewaar(nieuw)  # a retry of the same submission
    assert (eerste.nieuw, tweede.nieuw) == (True, False)
    assert eerste.update.id == tweede.update.id and eerste.update.versie == 1
    assert nieuw.id is None and nieuw.versie is None  # the caller's instance is a template, never the stored row
    vorige = await stand.vorige_update(_periode(stand), stand.kennisbank.onderwerpen["brug"])
    assert vorige is not None and vorige.inhoud() == nieuw.inhoud()


async def test_a_late_update_permission_is_per_person_and_period(stand: Rapportagestand, sessies) -> None:
    periode = _periode(stand)
    assert not await stand.laat_toegestaan(periode, "dirk-twee")
    await stand.sta_laat_toe(periode, "dirk-twee")
    assert await stand.laat_toegestaan(periode, "dirk-twee")
    assert not await stand.laat_toegestaan(periode, "dirk-een")
    assert not await stand.laat_toegestaan(_periode(stand, "herfst-2026"), "dirk-twee")
    async with sessies() as sessie:
        rij = await sessie.scalar(select(Herinnering))
    assert rij.resultaat is Herinneringsresultaat.LAAT_TOEGESTAAN  # read back as the enum, not a bare string
    assert rij.moment == datetime.combine(periode.deadline, time(23, 59, 59), tzinfo=stand.regels.rapportage.zone)


async def test_a_late_permission_lifts_only_the_deadline(stand: Rapportagestand) -> None:
    periode, persoon = _periode(stand), stand.kennisbank.persoon
    haven, na_deadline = stand.kennisbank.onderwerpen["haven"], date(2027, 4, 25)
    assert await stand.waarom_niet_nu(persoon("dirk-een"), haven, periode, na_deadline) is Reden.DEADLINE_VERSTREKEN
    await stand.sta_laat_toe(periode, "dirk-een")
    assert await stand.waarom_niet_nu(persoon("dirk-een"), haven, periode, na_deadline) is None
    assert await stand.waarom_niet_nu(persoon("gea-gedelegeerd"), haven, periode, na_deadline) is Reden.DEADLINE_VERSTREKEN
    await stand.sta_laat_toe(periode, "carla-controller")
    assert await stand.waarom_niet_nu(persoon("carla-controller"), haven, periode, na_deadline) is Reden.GEEN_RECHT
