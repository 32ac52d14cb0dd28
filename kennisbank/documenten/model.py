"""The source documents as data: a document, its sections, and the passages the search quotes."""

from __future__ import annotations

from dataclasses import dataclass, field

from kennisbank.model import Model


class Voorblad(Model):
    """The YAML front matter of a document file; every field is optional (see `lezen`)."""

    id: str | None = None
    titel: str | None = None
    organisatie: str | None = None
    bron: str | None = None
    """The original file the text was taken from (for maintainers; not shown to users)."""


@dataclass(frozen=True)
class Sectie:
    """Text under one heading; `titel` None for the text before the first heading."""

    titel: str | None
    regel: int
    """1-based line of the heading (or of the first text line) in the file."""
    blokken: tuple[tuple[int, str], ...] = ()
    """Paragraphs and lists as written, each with its first line."""


@dataclass(frozen=True)
class Brondocument:
    id: str
    titel: str
    organisatie: str
    bestand: str
    secties: tuple[Sectie, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Passage:
    """A quotable piece of a section: a paragraph, a list, or a few sentences of a long paragraph."""

    document: Brondocument
    sectie: str | None
    tekst: str
    regel: int
