"""Read a kennisbank's `documenten/` folder: Markdown or plain text files, one per document.

A file may start with YAML front matter between two `---` lines (`id`, `titel`, `organisatie`,
`bron`); every field is optional. Without front matter, or where a field is missing, the id comes
from the file name, the title from the kennisbank's document with that id, else from a `# Kop` on
the first text line, else from the file name. Headings (`#` to `######`) start sections.

`lees_documenten` never raises for bad files: it returns the documents it could read and a
`Melding` (file and line, in Dutch) for every mistake, as the kennisbank loader does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from pydantic import ValidationError

from kennisbank.documenten.model import Brondocument, Sectie, Voorblad
from kennisbank.meldingen import Melding, gesorteerd
from kennisbank.model import Document
from kennisbank.validatiefouten import vertaal
from kennisbank.yaml_lezen import Regels, lees_utf8, lees_yaml_tekst

MAP = "documenten"
EXTENSIES = (".md", ".txt")
SYNONIEMEN = "synoniemen.yaml"
_KOP = re.compile(r"^(#{1,6})(?:\s+(.*?))?\s*#*\s*$")
_GRENS = "---"
_VELD_ZONDER_GRENS = re.compile(r"^(id|titel|organisatie|bron)\s*:", re.IGNORECASE)


def lees_documenten(
    map_: Path, bekend: Mapping[str, Document] | None = None, organisatie: str = ""
) -> tuple[list[Brondocument], list[Melding]]:
    """All documents in folder `map_` (absent folder: none) plus meldingen named `documenten/<file>`."""
    bekend = bekend or {}
    if not map_.is_dir():
        return [], []
    documenten: list[Brondocument] = []
    meldingen: list[Melding] = []
    eerder: dict[str, str] = {}
    for pad in sorted(map_.iterdir()):
        naam = f"{MAP}/{pad.name}"
        if pad.name.startswith(".") or pad.is_dir() or pad.name == SYNONIEMEN:
            continue  # synoniemen.yaml: read by kennisbank.documenten.synoniemen
        if pad.suffix.lower() not in EXTENSIES:
            meldingen.append(Melding(naam, None, "wordt niet gelezen: zet de tekst in een .md- of .txt-bestand", "waarschuwing"))
            continue
        document, problemen = lees_document(pad, naam, bekend, organisatie)
        meldingen += problemen
        if document is None:
            continue
        if document.id in eerder:
            meldingen.append(Melding(naam, None, f"document-id '{document.id}' staat ook in {eerder[document.id]}"))
            continue
        eerder[document.id] = naam
        documenten.append(document)
    return documenten, gesorteerd(meldingen)


def lees_document(
    pad: Path, naam: str, bekend: Mapping[str, Document], organisatie: str
) -> tuple[Brondocument | None, list[Melding]]:
    tekst, meldingen = lees_utf8(pad, naam)
    if tekst is None:
        return None, meldingen
    return lees_tekst(tekst, naam, pad.stem, bekend, organisatie)


def lees_tekst(
    tekst: str, naam: str, stam: str, bekend: Mapping[str, Document], organisatie: str
) -> tuple[Brondocument | None, list[Melding]]:
    """Parse one file's text; `stam` is the file name without extension (the default id)."""
    regels = tekst.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    voorblad, begin, meldingen = _voorblad(regels, naam)
    if voorblad is None:
        return None, meldingen
    secties, kop_titel, problemen = _secties(regels, begin, naam)
    meldingen += problemen
    document_id = voorblad.id or _slug(stam)
    gekend = bekend.get(document_id)
    titel = voorblad.titel or (gekend.titel if gekend else None) or kop_titel or _titel_uit(stam)
    if not any(s.blokken for s in secties):
        meldingen.append(Melding(naam, None, "document bevat geen tekst"))
    if any(m.is_fout for m in meldingen):
        return None, meldingen
    return (
        Brondocument(
            id=document_id,
            titel=titel,
            organisatie=voorblad.organisatie or (gekend.organisatie if gekend else organisatie),
            bestand=naam,
            secties=tuple(s for s in secties if s.blokken),
        ),
        meldingen,
    )


def _voorblad(regels: list[str], naam: str) -> tuple[Voorblad | None, int, list[Melding]]:
    """The front matter and the index of the first body line."""
    eerste = next((i for i, r in enumerate(regels) if r.strip()), None)
    if eerste is None or regels[eerste].strip() != _GRENS:
        if eerste is not None and _VELD_ZONDER_GRENS.match(regels[eerste]):
            tekst = "voorblad (front matter) ontbreekt: zet een regel '---' boven en onder de velden"
            return None, 0, [Melding(naam, eerste + 1, tekst)]
        return Voorblad(), 0, []
    einde = next((i for i in range(eerste + 1, len(regels)) if regels[i].strip() == _GRENS), None)
    if einde is None:
        return None, 0, [Melding(naam, eerste + 1, "voorblad (front matter) is niet afgesloten met een regel '---'")]
    yaml_tekst = "\n".join(regels[eerste + 1 : einde])
    if not yaml_tekst.strip():
        return Voorblad(), einde + 1, []
    gelezen, problemen = lees_yaml_tekst(yaml_tekst, naam)
    verschoven = [_verschuif(m, eerste + 1) for m in problemen]
    if gelezen is None:
        return None, 0, verschoven
    if not isinstance(gelezen.data, dict):
        return None, 0, verschoven + [Melding(naam, eerste + 2, "voorblad moet velden bevatten ('sleutel: waarde')")]
    try:
        return Voorblad.model_validate(gelezen.data), einde + 1, verschoven
    except ValidationError as fout:
        regelnummers = Regels({pad: regel + eerste + 1 for pad, regel in gelezen.regels.per_pad.items()})
        return None, 0, verschoven + vertaal(fout, naam, regelnummers, Voorblad)


def _verschuif(melding: Melding, extra: int) -> Melding:
    regel = melding.regel + extra if melding.regel is not None else None
    return Melding(melding.bestand, regel, melding.tekst, melding.ernst)


def _secties(regels: list[str], begin: int, naam: str) -> tuple[list[Sectie], str | None, list[Melding]]:
    """Sections in file order; a `# Kop` before any text is the document title, not a section."""
    meldingen: list[Melding] = []
    koppen: list[tuple[int, int, str | None]] = []  # (line index, level, title)
    blokken: list[list[tuple[int, str]]] = [[]]
    kop_titel: str | None = None
    blok: list[str] = []
    blok_regel = 0

    def sluit_blok() -> None:
        nonlocal blok
        if blok:
            blokken[-1].append((blok_regel, "\n".join(blok)))
            blok = []

    for index in range(begin, len(regels)):
        regel = regels[index].rstrip()
        kop = _KOP.match(regel)
        if kop and not regel.startswith("#!"):
            sluit_blok()
            titel = (kop.group(2) or "").strip()
            if not titel:
                meldingen.append(Melding(naam, index + 1, "kop zonder tekst"))
            niveau = len(kop.group(1))
            if niveau == 1 and kop_titel is None and not koppen and not blokken[0]:
                kop_titel = titel or None
                continue
            koppen.append((index, niveau, titel or None))
            blokken.append([])
        elif not regel.strip():
            sluit_blok()
        else:
            if not blok:
                blok_regel = index + 1
            blok.append(regel)
    sluit_blok()
    secties = []
    if blokken[0]:
        secties.append(Sectie(None, blokken[0][0][0], tuple(blokken[0])))
    for nummer, (index, niveau, titel) in enumerate(koppen):
        eigen = blokken[nummer + 1]
        if not eigen and not _heeft_tekst_onder(koppen, blokken, nummer, niveau):
            meldingen.append(Melding(naam, index + 1, f"sectie '{titel or ''}' is leeg: er staat geen tekst onder de kop"))
        secties.append(Sectie(titel, index + 1, tuple(eigen)))
    return secties, kop_titel, meldingen


def _heeft_tekst_onder(koppen: list[tuple[int, int, str | None]], blokken: list[list], nummer: int, niveau: int) -> bool:
    """Whether a deeper heading right after heading `nummer` has text (a chapter with only subsections)."""
    for volgend in range(nummer + 1, len(koppen)):
        if koppen[volgend][1] <= niveau:
            return False
        if blokken[volgend + 1]:
            return True
    return False


def _slug(stam: str) -> str:
    zonder = "".join(t for t in unicodedata.normalize("NFKD", stam) if not unicodedata.combining(t))
    return re.sub(r"[^a-z0-9]+", "-", zonder.lower()).strip("-") or "document"


def _titel_uit(stam: str) -> str:
    tekst = re.sub(r"[-_\s]+", " ", stam).strip()
    return tekst[:1].upper() + tekst[1:] if tekst else stam
