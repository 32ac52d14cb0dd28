"""Issue 10, item 12: without an app id (no channel authentication) the server refuses to listen
on a network address, unless ANONIEM_OP_NETWERK=ja says so explicitly. Tested as a real process."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.settings import ConfiguratieFout, Settings, is_loopback
from tests.botproces import GRENS, wacht_tot_bereikbaar
from tests.test_server_proces import ROOT, _vrije_poort


def _omgeving(tmp_path, **extra: str) -> dict[str, str]:
    omgeving = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        "HERINNERINGEN": "nee",
        "PORT": str(_vrije_poort()),
        **extra,
    }
    for naam in ("MicrosoftAppId", "MicrosoftAppPassword", "ANONIEM_OP_NETWERK"):
        if naam not in extra:
            omgeving.pop(naam, None)
    return omgeving


def test_anonymous_on_all_interfaces_refuses_to_start(tmp_path):
    proces = subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        cwd=ROOT,
        env=_omgeving(tmp_path, HOST="0.0.0.0"),
        capture_output=True,
        text=True,
        timeout=GRENS,
    )
    assert proces.returncode == 2, proces.stderr
    assert "ANONIEM_OP_NETWERK=ja" in proces.stderr and "MicrosoftAppId" in proces.stderr
    assert "Traceback" not in proces.stderr
    assert not (tmp_path / "bot.db").exists()  # refused before anything was opened


def test_anonymous_on_the_network_starts_when_explicitly_allowed(tmp_path):
    omgeving = _omgeving(tmp_path, HOST="0.0.0.0", ANONIEM_OP_NETWERK="ja")
    proces = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"], cwd=ROOT, env=omgeving, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        wacht_tot_bereikbaar(proces, f"http://127.0.0.1:{omgeving['PORT']}/healthz")
    finally:
        proces.terminate()
        _, fouten = proces.communicate(timeout=20)
    assert "Lokale anonieme modus" in fouten


@pytest.mark.parametrize(
    "host, loopback",
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("", False),
        ("::", False),
        ("10.1.2.3", False),
        ("bot.example.nl", False),
    ],
)
def test_which_addresses_count_as_local(host, loopback):
    assert is_loopback(host) is loopback
    instellingen = Settings(host=host)
    assert (instellingen.weigering_netwerk() is None) is loopback
    assert Settings(host=host, app_id="x", app_password="y", app_type="MultiTenant").weigering_netwerk() is None


def test_bad_timeouts_and_retention_are_configuration_errors():
    with pytest.raises(ConfiguratieFout, match="DB_OPDRACHT_TIMEOUT"):
        Settings.uit_omgeving({"DB_OPDRACHT_TIMEOUT": "lang"})
    with pytest.raises(ConfiguratieFout, match="BEWAAR_ONBEANTWOORD_DAGEN"):
        Settings.uit_omgeving({"BEWAAR_ONBEANTWOORD_DAGEN": "-3"})
    instellingen = Settings.uit_omgeving({"DB_OPDRACHT_TIMEOUT": "2,5", "BEWAAR_ONBEANTWOORD_DAGEN": "0"})
    assert instellingen.database_tijden.opdracht == 2.5 and instellingen.bewaartermijnen.onbeantwoorde_vraag == 0
