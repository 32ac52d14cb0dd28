"""Read one YAML file into plain data plus the line of every key and list item.

`Regels` maps a path inside the document — a tuple of mapping keys (str) and list indices (int),
the same shape as a pydantic error `loc` — to its 1-based line. Unreadable bytes, YAML syntax
errors, empty files and duplicate keys become `Melding`s instead of exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kennisbank.meldingen import Melding

Pad = tuple[str | int, ...]
EXTENSIE = ".yaml"


def bestandsnaam(veld: str) -> str:
    """The file that holds field `veld` of KennisbankBestanden: `<veld>.yaml`."""
    return f"{veld}{EXTENSIE}"


# PyYAML's most common problems, explained in Dutch (the original English follows in brackets).
_UITLEG = {
    "mapping values are not allowed here": "onverwachte dubbele punt; zet tekst met ': ' tussen aanhalingstekens",
    "found character '\\t' that cannot start any token": "tab-teken gevonden; spring in met spaties",
    "could not find expected ':'": "dubbele punt ontbreekt na een sleutel",
    "did not find expected key": "inspringing klopt niet (sleutel verwacht)",
    "did not find expected '-' indicator": "inspringing klopt niet (lijstitem '-' verwacht)",
    "found unexpected end of stream": "bestand houdt onverwacht op (aanhalingsteken of haakje niet gesloten?)",
    "expected a single document in the stream": "meer dan één YAML-document ('---') in het bestand",
    "could not determine a constructor for the tag": "onbekende YAML-tag ('!!...'); gebruik gewone tekst",
    "found unhashable key": "een sleutel moet gewone tekst zijn",
    "expected <block end>, but found": "inspringing klopt niet: deze regel springt anders in dan de regels van hetzelfde blok erboven",
    "expected <block end>": "inspringing klopt niet: deze regel springt anders in dan de regels van hetzelfde blok erboven",
}
LEEG = "bestand is leeg"


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text, so pydantic reports an invalid date instead of PyYAML crashing."""


def _als_tekst(loader: _Loader, node: yaml.Node) -> str:
    return loader.construct_yaml_str(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _als_tekst)


@dataclass
class Regels:
    """Line numbers by document path; `regel(loc)` finds the closest known line for any loc."""

    per_pad: dict[Pad, int] = field(default_factory=dict)

    def regel(self, loc: Pad) -> int | None:
        """Line of `loc`, skipping parts that are not in the document (missing keys, union tags)."""
        pad: Pad = ()
        for deel in loc:
            for kandidaat in (deel, str(deel)):  # str: a key YAML read as a number
                if pad + (kandidaat,) in self.per_pad:
                    pad = pad + (kandidaat,)
                    break
        return self.per_pad.get(pad)

    def exact(self, loc: Pad) -> int | None:
        return self.per_pad.get(tuple(loc))


@dataclass
class GelezenBestand:
    naam: str
    data: object
    regels: Regels


def lees_yaml(pad: Path, naam: str) -> tuple[GelezenBestand | None, list[Melding]]:
    """Read `pad` (shown as `naam` in meldingen); None when the file cannot be used at all."""
    tekst, meldingen = lees_utf8(pad, naam)
    if tekst is None:
        return None, meldingen
    return lees_yaml_tekst(tekst, naam)


def bestandsreden(fout: OSError) -> str:
    """Why a file could not be read, in Dutch (the system's own text, `strerror`, is English)."""
    if isinstance(fout, FileNotFoundError):
        return "het bestaat niet"
    if isinstance(fout, IsADirectoryError):
        return "het is een map, geen bestand"
    if isinstance(fout, PermissionError):
        return "geen leesrechten"
    if isinstance(fout, NotADirectoryError):
        return "een deel van het pad is een bestand, geen map"
    return type(fout).__name__


def lees_utf8(pad: Path, naam: str) -> tuple[str | None, list[Melding]]:
    """A kennisbank file's text; None with a Dutch melding (line of the bad byte) when unreadable."""
    try:
        ruw = pad.read_bytes()
    except OSError as fout:
        return None, [Melding(naam, None, f"bestand is niet te lezen: {bestandsreden(fout)}")]
    try:
        return ruw.decode("utf-8-sig"), []
    except UnicodeDecodeError as fout:
        regel = ruw[: fout.start].count(b"\n") + 1
        byte = ruw[fout.start : fout.start + 1].hex()
        return None, [Melding(naam, regel, f"bestand is geen geldige UTF-8-tekst (byte 0x{byte}); sla het op als UTF-8")]


def lees_yaml_tekst(tekst: str, naam: str) -> tuple[GelezenBestand | None, list[Melding]]:
    loader = _Loader(tekst)
    try:
        knoop = loader.get_single_node()
        if knoop is None:
            return None, [Melding(naam, None, LEEG)]
        meldingen: list[Melding] = []
        regels = Regels()
        _noteer(knoop, (), regels, naam, meldingen, set())
        data = loader.construct_document(knoop)
        if data is None:
            return None, [Melding(naam, None, LEEG)]
    except yaml.MarkedYAMLError as fout:
        return None, [_syntaxfout(fout, naam, tekst)]
    except yaml.YAMLError as fout:
        return None, [Melding(naam, None, f"ongeldige YAML ({fout})")]
    finally:
        loader.dispose()
    return GelezenBestand(naam, data, regels), meldingen


def _inspringing(tekst: str, regel: int) -> str | None:
    """An indentation mistake at 1-based `regel`: it is a 'sleutel:' line indented deeper than the
    key line above it, which opens no block."""
    regels = tekst.splitlines()
    if not 1 <= regel <= len(regels):
        return None
    deze = regels[regel - 1]
    vorige = next((r for r in reversed(regels[: regel - 1]) if r.strip() and not r.lstrip().startswith("#")), None)
    if vorige is None or ":" not in deze:
        return None
    inspring = len(deze) - len(deze.lstrip(" "))
    boven = len(vorige) - len(vorige.lstrip(" "))
    if vorige.lstrip().startswith("- "):
        boven += 2
    if inspring > boven and not vorige.rstrip().endswith(":"):
        return (
            f"inspringing klopt niet: deze regel springt {inspring} spaties in, de regel erboven {boven}; "
            "zet sleutels van hetzelfde blok recht onder elkaar"
        )
    return None


def _syntaxfout(fout: yaml.MarkedYAMLError, naam: str, bron: str = "") -> Melding:
    mark = fout.problem_mark or fout.context_mark
    regel = mark.line + 1 if mark is not None else None
    probleem = (fout.problem or fout.context or "onbekend probleem").strip()
    if regel is not None and (fout.problem or "").startswith("mapping values are not allowed"):
        if uitleg := _inspringing(bron, regel):
            return Melding(naam, regel, f"ongeldige YAML: {uitleg}")
    teksten = [t.strip() for t in (fout.problem, fout.context) if t]
    uitleg = next((u for p, u in _UITLEG.items() for t in teksten if t.startswith(p)), None)
    tekst = f"ongeldige YAML: {uitleg} ({probleem})" if uitleg else f"ongeldige YAML ({probleem})"
    return Melding(naam, regel, tekst)


def _noteer(knoop: yaml.Node, pad: Pad, regels: Regels, naam: str, meldingen: list[Melding], bezocht: set[int]) -> None:
    """Record the line of `knoop` and its children; report duplicate keys."""
    regels.per_pad.setdefault(pad, knoop.start_mark.line + 1)
    if id(knoop) in bezocht:  # an alias: its lines were recorded where the anchor was defined
        return
    bezocht.add(id(knoop))
    if isinstance(knoop, yaml.MappingNode):
        eerder: dict[str, int] = {}
        for sleutel, waarde in knoop.value:
            if not isinstance(sleutel, yaml.ScalarNode):
                continue
            regel = sleutel.start_mark.line + 1
            if sleutel.value in eerder:
                meldingen.append(
                    Melding(naam, regel, f"sleutel '{sleutel.value}' staat dubbel (ook op regel {eerder[sleutel.value]})")
                )
                continue
            eerder[sleutel.value] = regel
            regels.per_pad[pad + (sleutel.value,)] = regel
            _noteer(waarde, pad + (sleutel.value,), regels, naam, meldingen, bezocht)
    elif isinstance(knoop, yaml.SequenceNode):
        for index, item in enumerate(knoop.value):
            _noteer(item, pad + (index,), regels, naam, meldingen, bezocht)
