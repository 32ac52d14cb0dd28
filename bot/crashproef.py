"""Test-only hooks that kill the process at the worst moment of a turn, to prove nothing is lost.

    STURINGSBOT_TEST_CRASH=voor_klaar:3    the 3rd turn dies after its effects committed, before
                                           its state and its `klaar` marker (the turn transaction)
    STURINGSBOT_TEST_CRASH=voor_effect:3   the 3rd status update dies just before it is committed
    STURINGSBOT_TEST_LEASE_SECONDEN=1      a short claim lease, so a restarted test is quick

Unset in production: then nothing here does anything.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

log = logging.getLogger(__name__)

CRASH_CODE = 70


@dataclass
class Crashproef:
    punt: str | None = None
    na: int = 0
    lease: timedelta | None = None
    _teller: int = 0

    @classmethod
    def uit_omgeving(cls, omgeving: Mapping[str, str] | None = None) -> "Crashproef":
        env = os.environ if omgeving is None else omgeving
        proef = cls()
        crash = env.get("STURINGSBOT_TEST_CRASH", "").strip()
        if crash:
            punt, _, na = crash.partition(":")
            proef.punt, proef.na = punt, int(na or "1")
        lease = env.get("STURINGSBOT_TEST_LEASE_SECONDEN", "").strip()
        if lease:
            proef.lease = timedelta(seconds=float(lease))
        return proef

    def haak(self, punt: str) -> None:
        """Called by the turn at a named point: exits hard when it is the chosen one."""
        if punt != self.punt:
            return
        self._teller += 1
        if self._teller == self.na:
            log.warning("Testcrash bij %s (%d)", punt, self._teller)
            logging.shutdown()
            os._exit(CRASH_CODE)

    def installeer(self, engine: AsyncEngine) -> None:
        """`voor_effect`: watch the engine for the status update insert and commit."""
        if self.punt != "voor_effect":
            return
        gezien = False

        def na_statement(_conn, _cursor, statement, *_args) -> None:
            nonlocal gezien
            if statement.lstrip().upper().startswith("INSERT INTO STATUSUPDATE"):
                gezien = True

        def bij_commit(_conn) -> None:
            nonlocal gezien
            if gezien:
                gezien = False
                self.haak("voor_effect")

        event.listen(engine.sync_engine, "after_cursor_execute", na_statement)
        event.listen(engine.sync_engine, "commit", bij_commit)
