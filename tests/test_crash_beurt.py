"""Crash test (issue 10, item 1) against real processes and a real PostgreSQL: `python -m bot` on its
own fresh database, a burst of status-update submits, the process killed mid-burst, a restart, and
the un-acknowledged activities retried with the same ids, as Teams does. Every submit ends up
stored exactly once.

Three ways to die: `kill -9` at a random moment of the burst, and two deterministic ones from
`bot.crashproef`: just before a status update commits (the old filter had already marked the
activity processed: its retry was dropped and the submit lost), and after the effects committed
but before the turn transaction (state + `klaar` marker): the retry re-runs, idempotent by sleutel.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.settings import STANDAARD_KENNISBANK
from tests.botproces import wacht_tot_bereikbaar
from tests.postgres_beheer import tijdelijke_database

ROOT = Path(__file__).resolve().parent.parent
BURST = 24
pytestmark = pytest.mark.postgres


@pytest.fixture
def eigen_database():
    with tijdelijke_database("sturingsbot_crash") as url:
        yield url


@pytest.fixture
def kennisbank_met_open_periode(tmp_path) -> Path:
    """The shipped kennisbank with one rapportage period open today (the process uses the real clock)."""
    map_ = tmp_path / "kennisbank"
    shutil.copytree(STANDAARD_KENNISBANK, map_)
    rapportage = map_ / "rapportage.yaml"
    vandaag = date.today()
    kop = rapportage.read_text(encoding="utf-8").split("\nperioden:")[0]
    rapportage.write_text(
        kop
        + f"""
perioden:
  - id: crashtest
    naam: Crashtestrapportage
    soort: herfst
    peildatum: {vandaag - timedelta(days=20)}
    deadline: {vandaag + timedelta(days=20)}
    herinneringen: [{vandaag - timedelta(days=10)}]
    bron:
      document: voorbeeld
      sectie: crashtest
""",
        encoding="utf-8",
    )
    return map_


class Bot:
    """`python -m bot` as a real process on an ephemeral port."""

    def __init__(self, database_url: str, kennisbank: Path, logmap: Path, **extra_omgeving: str) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.poort = s.getsockname()[1]
        omgeving = {
            **os.environ,
            "HOST": "127.0.0.1",
            "PORT": str(self.poort),
            "DATABASE_URL": database_url,
            "KENNISBANK": str(kennisbank),
            "HERINNERINGEN": "nee",
            "STURINGSBOT_TEST_LEASE_SECONDEN": "1",
            **extra_omgeving,
        }
        for naam in ("MicrosoftAppId", "STURINGSBOT_TEST_CRASH"):
            if naam not in extra_omgeving:
                omgeving.pop(naam, None)
        self.log = logmap / f"bot-{self.poort}.log"
        with self.log.open("w") as uitvoer:
            self.proces = subprocess.Popen(
                [sys.executable, "-m", "bot"], cwd=ROOT, env=omgeving, stdout=uitvoer, stderr=subprocess.STDOUT
            )
        self.basis = f"http://127.0.0.1:{self.poort}"
        wacht_tot_bereikbaar(self.proces, f"{self.basis}/healthz", uitvoer=self.log.read_text)

    def post(self, activiteit: dict) -> list[dict]:
        verzoek = urllib.request.Request(
            f"{self.basis}/api/messages", data=json.dumps(activiteit).encode(), headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(verzoek, timeout=30) as antwoord:
            assert antwoord.status == 200
            return json.loads(antwoord.read())["activities"]

    def stop(self) -> None:
        if self.proces.poll() is None:
            self.proces.terminate()
            self.proces.wait(timeout=20)


def submit(nummer: int) -> dict:
    """A confirmed status-update card, as Teams posts it (its own activity id and card sleutel)."""
    return {
        "type": "message",
        "id": f"burst-activiteit-{nummer}",
        "channelId": "msteams",
        "deliveryMode": "expectReplies",
        "serviceUrl": "https://smba.example.invalid/emea/",
        "locale": "nl-NL",
        "text": "",
        "conversation": {"id": f"crash-gesprek-{nummer % 4}", "conversationType": "personal"},
        "from": {"id": "29:marcel-kossen", "name": "Marcel Kossen", "aadObjectId": "3f2b6c1e-5a7d-4e21-9b0c-1a2d3e4f5a03"},
        "recipient": {"id": "28:sturingsbot", "name": "Sturingsbot"},
        "value": {
            "actie": "rapportage.bevestig",
            "onderwerp_id": "sociale-agenda",
            "periode_id": "crashtest",
            "status": "aandachtspunt",
            "toelichting": f"Burst {nummer}",
            "financieel": "geen",
            "bedrag": "",
            "maatregel": "",
            "sleutel": f"burst-{nummer}",
        },
    }


async def _opgeslagen(database_url: str) -> dict[int, int]:
    from db.engine import maak_engine

    engine = maak_engine(database_url)
    try:
        async with engine.connect() as verbinding:
            rijen = (await verbinding.execute(text("SELECT toelichting FROM statusupdate"))).scalars().all()
    finally:
        await engine.dispose()
    tellingen: dict[int, int] = {}
    for toelichting in rijen:
        nummer = int(re.fullmatch(r"Burst (\d+)", toelichting).group(1))
        tellingen[nummer] = tellingen.get(nummer, 0) + 1
    return tellingen


@pytest.mark.parametrize("dood", ["kill-9", "voor_effect:4", "voor_klaar:4"])
def test_every_submit_is_stored_exactly_once_after_a_crash_and_retries(
    dood, eigen_database, kennisbank_met_open_periode, tmp_path
):
    crash = {} if dood == "kill-9" else {"STURINGSBOT_TEST_CRASH": dood}
    eerste = Bot(eigen_database, kennisbank_met_open_periode, tmp_path, **crash)
    bevestigd: set[int] = set()
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            lopend = {pool.submit(eerste.post, submit(n)): n for n in range(BURST)}
            for klaar in as_completed(lopend):
                try:
                    klaar.result()  # a 200 answer: Teams counts it as delivered and will not retry
                    bevestigd.add(lopend[klaar])
                except (OSError, urllib.error.URLError, AssertionError):
                    pass
                if dood == "kill-9" and len(bevestigd) == 5 and eerste.proces.poll() is None:
                    eerste.proces.send_signal(signal.SIGKILL)
        eerste.proces.wait(timeout=20)
    finally:
        eerste.stop()
    assert eerste.proces.returncode != 0, "the process should have died mid-burst"
    onbevestigd = sorted(set(range(BURST)) - bevestigd)
    assert onbevestigd, "the crash came after the whole burst; nothing was tested"

    tweede = Bot(eigen_database, kennisbank_met_open_periode, tmp_path)
    try:
        for nummer in onbevestigd:  # Teams retries what it got no answer for, with the same id
            tweede.post(submit(nummer))
        for nummer in onbevestigd:  # and a second retry is dropped, not stored again
            assert tweede.post(submit(nummer)) == []
    finally:
        tweede.stop()
    tellingen = asyncio.run(_opgeslagen(eigen_database))
    assert tellingen == {n: 1 for n in range(BURST)}, (
        f"verloren: {sorted(set(range(BURST)) - set(tellingen))}, dubbel: {[n for n, t in tellingen.items() if t > 1]}"
    )
    assert "Traceback" not in tweede.log.read_text()
