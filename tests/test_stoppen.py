"""Issue 15: graceful shutdown of a real `python -m bot` process. SIGTERM while a turn is in
progress: the turn completes (its reply reaches the channel, its HTTP request answers), new
connections are refused, and the process exits 0."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.botproces import wacht_tot_bereikbaar
from tests.test_server_proces import ROOT, _vrije_poort


class TrageConnector(BaseHTTPRequestHandler):
    """The channel's serviceUrl: receives the bot's reply, answers only when `los` is set."""

    binnen = threading.Event()
    los = threading.Event()
    berichten: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 — http.server's name
        lengte = int(self.headers.get("Content-Length") or 0)
        TrageConnector.berichten.append(json.loads(self.rfile.read(lengte) or b"{}"))
        TrageConnector.binnen.set()
        TrageConnector.los.wait(30)
        body = b'{"id": "antwoord-1"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args) -> None:
        pass


def test_sigterm_finishes_the_turn_in_progress_and_exits_0(tmp_path):
    connector = ThreadingHTTPServer(("127.0.0.1", 0), TrageConnector)
    threading.Thread(target=connector.serve_forever, daemon=True).start()
    poort = _vrije_poort()
    omgeving = {
        **os.environ,
        "PORT": str(poort),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        "HERINNERINGEN": "nee",
        "STOP_TIMEOUT": "20",
        "LOG_FORMAAT": "json",
    }
    omgeving.pop("MicrosoftAppId", None)
    proces = subprocess.Popen(
        [sys.executable, "-m", "bot"], cwd=ROOT, env=omgeving, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    basis = f"http://127.0.0.1:{poort}"
    resultaat: dict = {}
    try:
        wacht_tot_bereikbaar(proces, f"{basis}/readyz")
        activiteit = {
            "type": "message",
            "channelId": "msteams",
            "id": "trage-1",
            "serviceUrl": f"http://127.0.0.1:{connector.server_port}/",
            "conversation": {"id": "c-stop"},
            "from": {"id": "u1"},
            "recipient": {"id": "bot"},
            "text": "help",
        }

        def post() -> None:
            verzoek = urllib.request.Request(
                f"{basis}/api/messages", data=json.dumps(activiteit).encode(), headers={"Content-Type": "application/json"}
            )
            with urllib.request.urlopen(verzoek, timeout=30) as antwoord:
                resultaat["status"] = antwoord.status

        beurt = threading.Thread(target=post)
        beurt.start()
        assert TrageConnector.binnen.wait(30), "de beurt bereikte het kanaal niet"
        proces.send_signal(signal.SIGTERM)  # the turn is now waiting on the channel
        for _ in range(100):  # the listener closes first
            try:
                urllib.request.urlopen(f"{basis}/healthz", timeout=0.5).close()
            except OSError:
                break
            threading.Event().wait(0.05)
        else:
            raise AssertionError("de bot bleef nieuwe verbindingen aannemen na SIGTERM")
        assert proces.poll() is None, "het proces stopte zonder de lopende beurt af te maken"
        TrageConnector.los.set()
        beurt.join(30)
        code = proces.wait(30)
    finally:
        TrageConnector.los.set()
        if proces.poll() is None:
            proces.kill()
        uit, fouten = proces.communicate(timeout=20)
        connector.shutdown()
        connector.server_close()
    assert resultaat.get("status") in (200, 201), resultaat
    assert code == 0, fouten
    assert len(TrageConnector.berichten) == 1
    assert "Traceback" not in fouten
    regels = [json.loads(r) for r in fouten.splitlines() if r.startswith("{")]
    assert any("stopt" in r["bericht"] for r in regels), fouten  # JSON logs, one object per line
