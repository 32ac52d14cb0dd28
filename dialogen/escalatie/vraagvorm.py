"""Is a typed question a yes/no question ("mag ik …?", "hoi, kunnen we …")? Only then may an
answer open with "Ja." or "Nee.".

A part of the text (split at , . ; : ! ?) is a yes/no question when it starts with a verb from
`escalatie.ja_nee_werkwoorden` followed by a word from `escalatie.ja_nee_onderwerpen`
("mag ik", "kunnen we", "is het"). A part that starts with a question word ("wie mag …") is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kennisbank.zoeken.normaliseren import normaliseer

_DELEN = re.compile(r"[,.;:!?]+")


class Vraagvorm:
    def __init__(self, werkwoorden: Iterable[str], onderwerpen: Iterable[str]) -> None:
        self._werkwoorden = frozenset(normaliseer(w) for w in werkwoorden)
        self._onderwerpen = frozenset(normaliseer(w) for w in onderwerpen)

    def is_ja_nee(self, tekst: str) -> bool:
        for deel in _DELEN.split(tekst):
            woorden = normaliseer(deel).split()
            if len(woorden) >= 2 and woorden[0] in self._werkwoorden and woorden[1] in self._onderwerpen:
                return True
        return False
