"""The SQL-backed botbuilder Storage: round trips, eTag optimistic concurrency, delete."""

from __future__ import annotations

import pytest
from botbuilder.dialogs import DialogState

from bot.sql_storage import EtagConflict, SqlStorage

pytestmark = pytest.mark.beide_databases  # the database is what is tested: SQLite and PostgreSQL


async def test_write_then_read_round_trips_sdk_objects(engine):
    opslag = SqlStorage(engine)
    status = {"DialogState": DialogState(), "teller": 3}
    await opslag.write({"gesprek/1": status})
    gelezen = await opslag.read(["gesprek/1", "bestaat-niet"])
    assert set(gelezen) == {"gesprek/1"}
    assert gelezen["gesprek/1"]["teller"] == 3
    assert isinstance(gelezen["gesprek/1"]["DialogState"], DialogState)
    assert gelezen["gesprek/1"]["e_tag"]


async def test_stale_etag_is_refused(engine):
    opslag = SqlStorage(engine)
    await opslag.write({"k": {"waarde": 1}})
    eerste = (await opslag.read(["k"]))["k"]
    tweede = (await opslag.read(["k"]))["k"]
    eerste["waarde"] = 2
    await opslag.write({"k": eerste})
    tweede["waarde"] = 3
    with pytest.raises(EtagConflict):
        await opslag.write({"k": tweede})
    assert (await opslag.read(["k"]))["k"]["waarde"] == 2


async def test_star_etag_overwrites(engine):
    opslag = SqlStorage(engine)
    await opslag.write({"k": {"waarde": 1}})
    await opslag.write({"k": {"waarde": 5, "e_tag": "*"}})
    assert (await opslag.read(["k"]))["k"]["waarde"] == 5


async def test_delete_removes_items(engine):
    opslag = SqlStorage(engine)
    await opslag.write({"a": {"x": 1}, "b": {"x": 2}})
    await opslag.delete(["a"])
    assert set(await opslag.read(["a", "b"])) == {"b"}


async def test_etag_changes_on_every_write(engine):
    opslag = SqlStorage(engine)
    status = {"x": 1}
    await opslag.write({"k": status})
    eerste = status["e_tag"]
    await opslag.write({"k": status})
    assert status["e_tag"] != eerste
    assert (await opslag.read(["k"]))["k"]["e_tag"] == status["e_tag"]


async def test_a_turn_serialises_its_conversation_state_once(gesprek, services, monkeypatch):
    """Speed (issue 10): the SDK serialised the state for a "hash" when reading it and again at the
    end of the turn, the storage a third time to write it, the SDK a fourth for the next hash. The
    stored text is the hash now: one serialisation per turn, and the dialog still goes on."""
    from jsonpickle.pickler import Pickler

    from tests.conftest import tekst_van

    assert "Waar gaat het over?" in tekst_van(await gesprek.stuur("ik wil escaleren"))
    geserialiseerd: list[object] = []
    flatten = Pickler.flatten

    def tel(self, obj, *args, **kwargs):
        geserialiseerd.append(obj)
        return flatten(self, obj, *args, **kwargs)

    monkeypatch.setattr(Pickler, "flatten", tel)
    vervolg = tekst_van(await gesprek.stuur("Meningsverschil"))  # a dialog step: the state changes
    assert "welke situatie" in vervolg
    assert len(geserialiseerd) == 1, geserialiseerd
