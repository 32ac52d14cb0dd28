"""The tests' loop watchdog (tests/lusbewaking.py): a test loop that cannot close fails with the culprit named."""

from __future__ import annotations

import asyncio
import io
import threading
import time

import pytest

from tests import lusbewaking


@pytest.fixture
def kort(monkeypatch):
    monkeypatch.setattr(lusbewaking, "WACHTTIJD", 0.3)
    monkeypatch.setattr(lusbewaking, "UITVOER", io.StringIO())


def test_a_task_that_swallows_its_cancellation_fails_the_close_with_its_stack(kort):
    los = asyncio.Event()

    async def koppig() -> None:
        while True:
            try:
                await los.wait()
                return
            except asyncio.CancelledError:
                continue  # the defect this guards against

    async def test() -> asyncio.Task[None]:
        taak = asyncio.get_running_loop().create_task(koppig(), name="koppige-taak")
        await asyncio.sleep(0)  # it runs up to its wait
        return taak

    runner = asyncio.Runner()
    taak = runner.run(test())
    begin = time.monotonic()
    with pytest.raises(lusbewaking.LusSluitFout, match="koppige-taak") as fout:
        runner.close()
    assert time.monotonic() - begin < 5
    assert "koppig" in str(fout.value)  # the stack names the coroutine
    assert taak.done() is False
    taak._log_destroy_pending = False  # type: ignore[attr-defined]  # left pending on purpose, in a closed loop


def test_a_thread_that_never_returns_fails_the_close_with_its_stack(kort):
    los = threading.Event()

    def blijft_hangen() -> None:
        los.wait()

    async def test() -> None:
        asyncio.get_running_loop().run_in_executor(None, blijft_hangen)

    runner = asyncio.Runner()
    runner.run(test())
    try:
        with pytest.raises(lusbewaking.LusSluitFout, match="blijft_hangen"):
            runner.close()
    finally:
        los.set()


def test_a_loop_that_can_close_closes_as_before(kort):
    async def netjes() -> None:
        await asyncio.sleep(3600)

    async def test() -> None:
        asyncio.get_running_loop().create_task(netjes())
        await asyncio.to_thread(time.sleep, 0.01)

    runner = asyncio.Runner()
    runner.run(test())
    runner.close()  # the sleeping task is cancelled, the executor ends: no error
