"""Waiting for a real `python -m bot` process to come up (tests that start the bot as a process).

Start-up loads and validates the kennisbank and trains the classifier: a few seconds on a quiet
machine, much longer on a busy one. So the wait has no short time limit: it ends when the bot
answers, fails at once when the process stops, and has a long deadline only against hanging."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from collections.abc import Callable

GRENS = 300.0
"""Seconds: only a guard against a start-up that hangs."""


def wacht_tot_bereikbaar(
    proces: subprocess.Popen, url: str, *, uitvoer: Callable[[], str] | None = None, grens: float = GRENS
) -> None:
    """Until GET `url` answers 200. If the process stops first, or the deadline passes (then it is
    killed), fail with its output (`uitvoer`, else what `communicate` reads)."""
    einde = time.monotonic() + grens
    while time.monotonic() < einde:
        try:
            with urllib.request.urlopen(url, timeout=5) as antwoord:
                if antwoord.status == 200:
                    return
        except OSError:
            pass
        try:
            proces.wait(timeout=0.1)  # returns at once when the process stops
        except subprocess.TimeoutExpired:
            continue
        raise AssertionError(f"de bot stopte bij het starten (code {proces.returncode}):\n{_uitvoer(proces, uitvoer)}")
    proces.kill()
    raise AssertionError(f"de bot werd niet bereikbaar binnen {grens:.0f} s:\n{_uitvoer(proces, uitvoer)}")


def _uitvoer(proces: subprocess.Popen, uitvoer: Callable[[], str] | None) -> str:
    if uitvoer is not None:
        return uitvoer()
    stdout, stderr = proces.communicate(timeout=30)
    return f"{stdout or ''}{stderr or ''}"
