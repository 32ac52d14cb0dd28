"""The Microsoft 365 Agents Playground (npm `@microsoft/m365agentsplayground`) as a process, and a
user in its page: Microsoft's offline Teams look-alike as a second real client (issue 13 item 7).

The Playground has no user switch: who types is `currentUser` of its configuration file. So one
Playground runs per person: `configuratie_als` rewrites the project's `.m365agentsplayground.yml`
with that person as `currentUser` (and conversation ids of their own, so two people never share a
conversation's state in the bot).

Loopback: the Playground calls `server.listen(port)` without a host and offers no option or
environment variable for it, so it would listen on every interface. `scripts/alleen-loopback.cjs`
(preloaded through NODE_OPTIONS) makes every such listen() use 127.0.0.1; `luisteradressen` reads
the kernel's socket table so a test can check that. `-p 0` lets it pick a free port (it prints
"Listening on PORT" on stdout when not on a terminal).
"""

from __future__ import annotations

import ipaddress
import os
import re
import selectors
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.webchat_server import PROJECTMAP

PAKKET = PROJECTMAP / "node_modules" / "@microsoft" / "m365agentsplayground"
CLI = PAKKET / "cli.js"
LOOPBACK_PRELOAD = PROJECTMAP / "scripts" / "alleen-loopback.cjs"
CONFIGURATIE = PROJECTMAP / ".m365agentsplayground.yml"
STARTTIJD = 30.0
"""Seconds to wait for "Listening on PORT" (a deadline for a process, not a sleep)."""
LUISTERT = re.compile(r"Listening on (\d+)")
INSTALLEER = "Installeer het met `bash scripts/installeer-e2e.sh`."


class PlaygroundOntbreekt(RuntimeError):
    """Node, the npm package or the loopback preload is missing (the tests fail, never skip)."""


def controleer_installatie() -> None:
    if not CLI.is_file():
        raise PlaygroundOntbreekt(f"De M365 Agents Playground ontbreekt ({CLI}). {INSTALLEER}")
    if not LOOPBACK_PRELOAD.is_file():
        raise PlaygroundOntbreekt(f"{LOOPBACK_PRELOAD} ontbreekt (houdt de Playground op 127.0.0.1).")
    try:
        subprocess.run(["node", "--version"], check=True, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as fout:
        raise PlaygroundOntbreekt(f"Node.js ontbreekt of start niet ({fout}). {INSTALLEER}") from fout


def gebruikers() -> dict[str, dict[str, Any]]:
    """Everyone in the project's configuration (currentUser first), by their id."""
    gegevens = yaml.safe_load(CONFIGURATIE.read_text(encoding="utf-8"))
    return {g["id"]: g for g in [gegevens["currentUser"], *gegevens["users"]]}


def configuratie_als(persoon_id: str, map_: Path) -> Path:
    """The project's configuration with `persoon_id` as the one who types, written in `map_`."""
    gegevens = yaml.safe_load(CONFIGURATIE.read_text(encoding="utf-8"))
    alle = [gegevens["currentUser"], *gegevens["users"]]
    gekozen = [g for g in alle if g["id"] == persoon_id]
    if not gekozen:
        raise KeyError(f"{persoon_id} staat niet in {CONFIGURATIE.name}")
    gegevens["currentUser"] = gekozen[0]
    gegevens["users"] = [g for g in alle if g["id"] != persoon_id]
    gegevens["personalChat"]["id"] = persoonlijk_gesprek(persoon_id)
    gegevens["groupChat"]["id"] = f"{gegevens['groupChat']['id']}-{persoon_id}"
    gegevens["team"]["id"] = f"{gegevens['team']['id']}-{persoon_id}"
    for kanaal in gegevens["team"]["channels"]:
        kanaal["id"] = f"{kanaal['id']}-{persoon_id}"
    pad = map_ / f"{persoon_id}.m365agentsplayground.yml"
    pad.write_text(yaml.safe_dump(gegevens, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return pad


@dataclass
class Playground:
    """One running Playground in front of the bot at `bot_url`, as one person."""

    proces: subprocess.Popen[bytes]
    poort: int
    persoon_id: str
    logbestand: Path
    uitvoer: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.poort}/"

    @classmethod
    def start(cls, bot_url: str, persoon_id: str, werkmap: Path) -> "Playground":
        werkmap.mkdir(parents=True, exist_ok=True)
        configuratie = configuratie_als(persoon_id, werkmap)
        logbestand = werkmap / f"{persoon_id}.playground.log"
        omgeving = {
            **os.environ,
            "NODE_OPTIONS": f"--require {LOOPBACK_PRELOAD}",
            "TEAMSAPPTESTER_BROWSER": "none",  # do not open a browser
            "M365_AGENTS_PLAYGROUND_CONFIG_PATH": str(configuratie),
            "M365_AGENTS_PLAYGROUND_LOGFILE": str(logbestand),
        }
        proces = subprocess.Popen(
            [
                "node",
                str(CLI),
                "start",
                "--app-endpoint",
                f"{bot_url}/api/messages",
                "--channel-id",
                "msteams",
                "--port",
                "0",
                "--disable-telemetry",
            ],
            cwd=werkmap,
            env=omgeving,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        uitvoer: list[str] = []
        poort = _wacht_op_poort(proces, uitvoer)
        return cls(proces, poort, persoon_id, logbestand, uitvoer)

    def stop(self) -> None:
        if self.proces.poll() is None:
            os.killpg(self.proces.pid, signal.SIGTERM)
            try:
                self.proces.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proces.pid, signal.SIGKILL)
                self.proces.wait(timeout=10)
        if self.proces.stdout:
            self.proces.stdout.close()


def _wacht_op_poort(proces: subprocess.Popen[bytes], uitvoer: list[str]) -> int:
    assert proces.stdout is not None
    kiezer = selectors.DefaultSelector()
    kiezer.register(proces.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + STARTTIJD
    buffer = b""
    try:
        while (over := deadline - time.monotonic()) > 0:
            if not kiezer.select(timeout=over):
                break
            stuk = os.read(proces.stdout.fileno(), 4096)
            if not stuk:
                break
            buffer += stuk
            *regels, buffer = buffer.split(b"\n")
            for regel in regels:
                tekst = regel.decode(errors="replace")
                uitvoer.append(tekst)
                if gevonden := LUISTERT.search(tekst):
                    return int(gevonden.group(1))
    finally:
        kiezer.close()
    proces.kill()
    proces.wait(timeout=10)
    raise PlaygroundOntbreekt(
        "De Playground startte niet (geen 'Listening on'):\n" + "\n".join(uitvoer + [buffer.decode(errors="replace")])
    )


def luisteradressen(poort: int) -> set[str]:
    """The local addresses with a listening TCP socket on `poort` (Linux: /proc/net/tcp and tcp6)."""
    adressen = set()
    for bestand, familie in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 6)):
        pad = Path(bestand)
        if not pad.exists():
            continue
        for regel in pad.read_text().splitlines()[1:]:
            velden = regel.split()
            adres, poort_hex = velden[1].split(":")
            if velden[3] == "0A" and int(poort_hex, 16) == poort:  # 0A = LISTEN
                adressen.add(_adres(adres, familie))
    return adressen


def netwerkadressen() -> set[str]:
    """This machine's own non-loopback addresses (Linux: /proc/net/fib_trie and if_inet6)."""
    adressen: set[str] = set()
    fib = Path("/proc/net/fib_trie")
    if fib.exists():
        vorige = ""
        for regel in fib.read_text().splitlines():
            if "/32 host LOCAL" in regel and vorige:
                adressen.add(vorige)
            vorige = regel.strip().removeprefix("|-- ").removeprefix("+-- ").strip()
    inet6 = Path("/proc/net/if_inet6")
    if inet6.exists():
        for regel in inet6.read_text().splitlines():
            velden = regel.split()
            if velden and int(velden[3], 16) == 0:  # global scope only (no link-local: needs an interface)
                adressen.add(str(ipaddress.IPv6Address(bytes.fromhex(velden[0]))))
    return {a for a in adressen if not ipaddress.ip_address(a).is_loopback}


def bot_account() -> dict[str, str]:
    """The bot as the Playground names it (id and display name)."""
    return dict(yaml.safe_load(CONFIGURATIE.read_text(encoding="utf-8"))["bot"])


def persoonlijk_gesprek(persoon_id: str) -> str:
    """The conversation id of `persoon_id`'s personal chat in their Playground (see configuratie_als)."""
    return f"{yaml.safe_load(CONFIGURATIE.read_text(encoding='utf-8'))['personalChat']['id']}-{persoon_id}"


def groepschat_naam() -> str:
    return str(yaml.safe_load(CONFIGURATIE.read_text(encoding="utf-8"))["groupChat"]["name"])


def kanaal_naam() -> str:
    """The tree item of the team's first channel ("Team - Kanaal")."""
    team = yaml.safe_load(CONFIGURATIE.read_text(encoding="utf-8"))["team"]
    return f"{team['name']} - {team['channels'][0]['name']}"


def _adres(hexadres: str, familie: int) -> str:
    ruw = bytes.fromhex(hexadres)
    if familie == 4:
        return str(ipaddress.IPv4Address(ruw[::-1]))
    # tcp6: four 32-bit words, each in host (little-endian) order
    woorden = b"".join(ruw[i : i + 4][::-1] for i in range(0, 16, 4))
    return str(ipaddress.IPv6Address(woorden))
