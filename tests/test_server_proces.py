"""The README's run command as a real process: `python -m bot` on a free port, a fresh SQLite file
created and migrated on first start, answering over HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.botproces import wacht_tot_bereikbaar

ROOT = Path(__file__).resolve().parent.parent


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _post(url: str, body: dict) -> dict:
    verzoek = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(verzoek, timeout=10) as antwoord:
        return json.loads(antwoord.read())


def test_python_m_bot_starts_on_a_fresh_sqlite_and_answers(tmp_path):
    poort = _vrije_poort()
    database = tmp_path / "nieuw" / "sturingsbot.db"
    omgeving = {**os.environ, "PORT": str(poort), "DATABASE_URL": f"sqlite:///{database}", "HERINNERINGEN": "nee"}
    omgeving.pop("MicrosoftAppId", None)
    proces = subprocess.Popen(
        [sys.executable, "-m", "bot"], cwd=ROOT, env=omgeving, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        basis = f"http://127.0.0.1:{poort}"
        wacht_tot_bereikbaar(proces, f"{basis}/healthz")
        assert database.exists()
        antwoord = _post(
            f"{basis}/api/messages",
            {
                "type": "message",
                "deliveryMode": "expectReplies",
                "channelId": "test",
                "id": "1",
                "serviceUrl": "http://localhost",
                "conversation": {"id": "c1"},
                "from": {"id": "u1"},
                "recipient": {"id": "bot"},
                "text": "wie is ambtelijk opdrachtgever voor de jeugdagenda?",
            },
        )
        tekst = antwoord["activities"][0]["text"]
        assert "Marcel Kossen" in tekst and "Bron: Deventer" in tekst
    finally:
        proces.terminate()
        _, fouten = proces.communicate(timeout=20)
    assert "Lokale anonieme modus" in fouten  # the clear warning without an app id
    assert "Traceback" not in fouten
