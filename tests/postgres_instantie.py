"""A PostgreSQL instance the test itself starts and stops (initdb + pg_ctl in a temporary folder),
and a TCP proxy in front of a database that the test can stall, to play a hung server."""

from __future__ import annotations

import asyncio
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_bin() -> Path | None:
    """The folder with initdb and pg_ctl: on PATH, or Debian's /usr/lib/postgresql/<versie>/bin."""
    gevonden = shutil.which("pg_ctl")
    if gevonden:
        return Path(gevonden).parent
    mappen = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda m: int(Path(m).parent.name))
    return Path(mappen[-1]) if mappen else None


class TijdelijkePostgres:
    """initdb in a temp dir (as user 'postgres' when we run as root: initdb refuses root)."""

    def __init__(self) -> None:
        bin_map = postgres_bin()
        if bin_map is None:
            raise FileNotFoundError("initdb/pg_ctl niet gevonden")
        self.bin = bin_map
        self.map = Path(tempfile.mkdtemp(prefix="sturingsbot-pg-"))
        self.data = self.map / "data"
        self.poort = vrije_poort()
        if os.geteuid() == 0:
            shutil.chown(self.map, "postgres", "postgres")
        self._voer_uit("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-N", "-E", "UTF8")

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.poort}/postgres"

    def start(self) -> None:
        opties = f"-p {self.poort} -k {self.map} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._voer_uit("pg_ctl", "-D", str(self.data), "-l", str(self.map / "log"), "-w", "-t", "60", "-o", opties, "start")

    def stop(self) -> None:
        self._voer_uit("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", controleer=False)

    def opruimen(self) -> None:
        self.stop()
        shutil.rmtree(self.map, ignore_errors=True)

    def _voer_uit(self, programma: str, *argumenten: str, controleer: bool = True) -> None:
        opdracht = [str(self.bin / programma), *argumenten]
        if os.geteuid() == 0:
            opdracht = ["runuser", "-u", "postgres", "--", *opdracht]
        subprocess.run(opdracht, check=controleer, capture_output=True, timeout=120, cwd=self.map)


class StilTeLeggenProxy:
    """Forwards TCP to a database; `stil()` stops passing bytes (connections stay open), like a
    server that hangs; `hervat()` passes them again."""

    def __init__(self, doel_poort: int) -> None:
        self.doel_poort = doel_poort
        self.poort = 0
        self._door = asyncio.Event()
        self._door.set()
        self._server: asyncio.Server | None = None
        self._schrijvers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._verbinding, "127.0.0.1", 0)
        self.poort = self._server.sockets[0].getsockname()[1]

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.poort}/{database}"

    def stil(self) -> None:
        self._door.clear()

    def hervat(self) -> None:
        self._door.set()

    async def stop(self) -> None:
        for schrijver in list(self._schrijvers):
            schrijver.close()
        if self._server is not None:
            self._server.close()

    async def _verbinding(self, lezer: asyncio.StreamReader, schrijver: asyncio.StreamWriter) -> None:
        await self._door.wait()
        try:
            doel_lezer, doel_schrijver = await asyncio.open_connection("127.0.0.1", self.doel_poort)
        except OSError:
            schrijver.close()
            return
        self._schrijvers.update({schrijver, doel_schrijver})
        await asyncio.gather(self._pomp(lezer, doel_schrijver), self._pomp(doel_lezer, schrijver), return_exceptions=True)

    async def _pomp(self, lezer: asyncio.StreamReader, schrijver: asyncio.StreamWriter) -> None:
        try:
            while data := await lezer.read(65536):
                await self._door.wait()
                schrijver.write(data)
                await schrijver.drain()
        finally:
            schrijver.close()
            self._schrijvers.discard(schrijver)
