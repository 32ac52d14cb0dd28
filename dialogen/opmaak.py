"""User text shown to someone (a controller's overview, a card, a reply): literally, never as
markup. Teams messages and Adaptive Card TextBlocks/FactSets render Markdown, so a toelichting
`[Klik hier](https://evil.example/login)` would otherwise become a live link (issue 10 item 7)."""

from __future__ import annotations

import re

_TEKENS = re.compile(r"([\\`*_\[\]()#|<>~])")
"""Markdown (and inline HTML) characters, each escaped with a backslash."""
_OPSOMMING = re.compile(r"^([ \t]*)([-+=])", re.MULTILINE)
"""A list item or heading underline at the start of a line."""
_NUMMERING = re.compile(r"^([ \t]*\d+)([.)])(?=\s|$)", re.MULTILINE)
"""A numbered list item: '1. ' (the dot is escaped, a digit cannot be)."""


def letterlijk(tekst: object) -> str:
    """`tekst` as Markdown that shows exactly these characters: no links, no formatting, no HTML."""
    if tekst is None:
        return ""
    tekst = _TEKENS.sub(r"\\\1", str(tekst))
    return _NUMMERING.sub(r"\1\\\2", _OPSOMMING.sub(r"\1\\\2", tekst))
