"""Checks across records and files, run after every file has been validated on its own.

Paths name values in the kennisbank: the first part is a field of `KennisbankBestanden` (so a
file), then attribute names, with `[]` for "every item of this list", e.g.
`onderwerpen[].ambtelijk_opdrachtgever` or `organisatie.soorten_onderwerp[].id`.

How a feature registers its checks (no other code changes needed):

- A reference ("this value must be the id of an existing X"): add a row to `VERWIJZINGEN`,
  e.g. `Verwijzing("escalatie[].route[]", "rollen[].id")`. Lists of ids and optional (None)
  values are handled; `tests/test_kennisbank_fouten.py` checks every row names real fields.
- A reference made by every instance of a model type wherever it appears: add it to
  `TYPE_VERWIJZINGEN` (this is how every `Bron.document` is checked against organisatie.documenten).
- A value that must be unique within its file besides `id`: add a row to `UNIEK`
  (path form `<field>[].<attribute>`).

Automatic for every model in every file: `id` unique within its list, `geldig_tot` not before
`geldig_vanaf`, and an alias shared by two records of one list whose validity overlaps (a
warning, not an error: a successor may take over its predecessor's alias).

Names two lists must not share (`NAAMGENOTEN`): a rol and a begrip both answer "wat is X?", so with
a name (naam, term or alias) in common the answer depends on how the question is worded; warned at
the rol, naming the begrip's line. Lists whose records answer different questions may share a name
on purpose (the begrip "gebiedsagenda" explains, the soort werk of that name says who is opdrachtgever).

Escalation steps (`_escalatie`): every `rol`/`lijn` names a role of rollen.yaml and every `orgaan`
a body of organisatie.yaml (an old fixed id gets the new notation as a hint), and an `ambtelijk`
rule has no step that the data marks bestuurlijk.

Chains that must end (`KETENS`): following `leidinggevende` from person to person, or the
delegation from ambtelijk to gedelegeerd opdrachtgever, may never come back where it started
(A -> B -> A): escalation would then send someone to themselves.
Rows whose files failed to validate are skipped, so one broken file gives no follow-up noise.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import cast

import yaml
from pydantic import BaseModel

from kennisbank.escalatie.beknopt import RUIMTE_VOOR_NAMEN, ZICHTBAAR_MAX, kern_lengte
from kennisbank.escalatie.model import EscalatieRegel, Wie, waarom_bestuurlijk
from kennisbank.meldingen import Ernst, Melding, suggestie
from kennisbank.model import OPDRACHTGEVERSROLLEN, Bron, Onderwerp, Organisatie, Rol
from kennisbank.yaml_lezen import Pad, Regels, bestandsnaam
from kennisbank.zoeken.normaliseren import normaliseer


@dataclass(frozen=True)
class Verwijzing:
    """Every value at path `van` must be one of the values at path `naar`."""

    van: str
    naar: str


@dataclass(frozen=True)
class Uniek:
    """Values at path `pad` (one per list item) must differ, optionally ignoring case."""

    pad: str
    hoofdletterongevoelig: bool = False


_PERSONEN = "personen[].id"

VERWIJZINGEN: tuple[Verwijzing, ...] = (
    Verwijzing("onderwerpen[].soort", "organisatie.soorten_onderwerp[].id"),
    Verwijzing("onderwerpen[].ambtelijk_opdrachtgever", _PERSONEN),
    Verwijzing("onderwerpen[].gedelegeerd_opdrachtgever", _PERSONEN),
    Verwijzing("onderwerpen[].bestuurlijk_opdrachtgever", _PERSONEN),
    Verwijzing("onderwerpen[].historie[].persoon", _PERSONEN),
    Verwijzing("onderwerpen[].betrokkenen[]", _PERSONEN),
    Verwijzing("personen[].leidinggevende", _PERSONEN),
    Verwijzing("personen[].rollen[]", "rollen[].id"),
    Verwijzing("rapportage.inzage_rollen[]", "rollen[].id"),
    Verwijzing("organisatie.organen[].leden[]", _PERSONEN),
    Verwijzing("organisatie.organen[].leden_met_rol[]", "rollen[].id"),
)
# The steps of escalatie.yaml (rol, lijn, orgaan, also in samen_met) are checked by `_escalatie`,
# which adds the migration hint for the old fixed role ids.

# model type -> (its attribute, path of the allowed values)
TYPE_VERWIJZINGEN: tuple[tuple[type[BaseModel], str, str], ...] = ((Bron, "document", "organisatie.documenten[].id"),)

UNIEK: tuple[Uniek, ...] = (
    Uniek("begrippen[].term", hoofdletterongevoelig=True),
    Uniek("personen[].email", hoofdletterongevoelig=True),
    Uniek("personen[].aad_object_id", hoofdletterongevoelig=True),
)


@dataclass(frozen=True)
class Naamgenoten:
    """Records of list fields `eerste` and `tweede` answer the same question, so they must not share a
    name or alias (`wat_eerste`/`wat_tweede`: what a record is called in the melding)."""

    eerste: str
    tweede: str
    wat_eerste: str
    wat_tweede: str


NAAMGENOTEN: tuple[Naamgenoten, ...] = (Naamgenoten("rollen", "begrippen", "rol", "begrip"),)


@dataclass(frozen=True)
class Keten:
    """Edges `van` -> `naar` (attributes of the items of list field `veld`) must form no cycle."""

    veld: str
    van: str
    naar: str
    wat: str
    """What the chain is called in the melding ("leidinggevende")."""


KETENS: tuple[Keten, ...] = (
    Keten("personen", "id", "leidinggevende", "de keten van leidinggevenden"),
    Keten(
        "onderwerpen",
        "ambtelijk_opdrachtgever",
        "gedelegeerd_opdrachtgever",
        "de delegatie (ambtelijk → gedelegeerd opdrachtgever)",
    ),
)


def controleer(
    waarden: Mapping[str, object],
    regels: Mapping[str, Regels],
    verwijzingen: tuple[Verwijzing, ...] | None = None,
    type_verwijzingen: tuple[tuple[type[BaseModel], str, str], ...] | None = None,
    uniek: tuple[Uniek, ...] | None = None,
) -> list[Melding]:
    """All cross-record meldingen; `waarden` holds only the fields that validated (by field name).

    The tables default to the module's `VERWIJZINGEN`, `TYPE_VERWIJZINGEN` and `UNIEK`.
    """
    verwijzingen = VERWIJZINGEN if verwijzingen is None else verwijzingen
    type_verwijzingen = TYPE_VERWIJZINGEN if type_verwijzingen is None else type_verwijzingen
    uniek = UNIEK if uniek is None else uniek
    plekken = _Plekken(regels)
    meldingen: list[Melding] = []
    for verwijzing in verwijzingen:
        meldingen += _verwijzing(waarden, plekken, verwijzing.van, verwijzing.naar)
    for veld, waarde in waarden.items():
        for loc, knoop in _doorloop(waarde, ()):
            if isinstance(knoop, BaseModel):
                meldingen += _periode(plekken, veld, loc, knoop)
                for soort, attribuut, naar in type_verwijzingen:
                    if isinstance(knoop, soort):
                        meldingen += _verwijzing(waarden, plekken, veld, naar, loc, attribuut)
                continue
            if _heeft_veld(knoop, "id"):
                meldingen += _uniek(plekken, veld, loc, knoop, "id", False)
            if _heeft_veld(knoop, "aliassen"):
                meldingen += _gedeelde_aliassen(plekken, veld, loc, knoop)
    for keten in KETENS:
        meldingen += _kringen(waarden, plekken, keten)
    for genoten in NAAMGENOTEN:
        meldingen += _gedeelde_namen(waarden, plekken, genoten)
    onderwerpen = waarden.get("onderwerpen")
    for index, onderwerp in enumerate(onderwerpen if isinstance(onderwerpen, (list, tuple)) else ()):
        if isinstance(onderwerp, Onderwerp):
            meldingen += _historie(plekken, index, onderwerp)
    meldingen += _escalatie(waarden, plekken)
    for regel in uniek:
        veld, *rest = _delen(regel.pad)
        if len(rest) != 2 or rest[0] != "[]":
            raise ValueError(f"Uniek-pad moet de vorm 'bestand[].veld' hebben: {regel.pad}")
        if veld in waarden:
            meldingen += _uniek(plekken, veld, (), waarden[veld], rest[1], regel.hoofdletterongevoelig)
    return meldingen


class _Plekken:
    """File name and line for a (field, loc) pair."""

    def __init__(self, regels: Mapping[str, Regels]) -> None:
        self._regels = regels
        self.gelezen = set(regels)

    def melding(self, veld: str, loc: Pad, tekst: str, ernst: Ernst = "fout") -> Melding:
        regels = self._regels.get(veld)
        return Melding(bestandsnaam(veld), regels.regel(loc) if regels else None, tekst, ernst)

    def regel(self, veld: str, loc: Pad) -> int | None:
        regels = self._regels.get(veld)
        return regels.regel(loc) if regels else None


def _delen(pad: str) -> list[str]:
    """'a[].b' -> ['a', '[]', 'b']."""
    delen: list[str] = []
    for stuk in pad.split("."):
        naam = stuk.removesuffix("[]")
        delen.append(naam)
        if naam != stuk:
            delen.append("[]")
    return delen


def _volg(waarde: object, delen: list[str], loc: Pad) -> Iterator[tuple[Pad, object]]:
    """(loc, value) for every value the path parts lead to; None values are skipped."""
    if waarde is None:
        return
    if not delen:
        yield loc, waarde
        return
    deel, rest = delen[0], delen[1:]
    if deel == "[]":
        if isinstance(waarde, (list, tuple)):
            for index, item in enumerate(waarde):
                yield from _volg(item, rest, loc + (index,))
    else:
        yield from _volg(getattr(waarde, deel, None), rest, loc + (deel,))


def _verwijzing(
    waarden: Mapping[str, object],
    plekken: _Plekken,
    van: str,
    naar: str,
    basis: Pad = (),
    attribuut: str | None = None,
) -> list[Melding]:
    """Meldingen for values at `van` (or at `basis`.`attribuut` within field `van`) not found at `naar`."""
    doel_veld, *doel_rest = _delen(naar)
    if doel_veld not in waarden:
        return []
    toegestaan = [str(w) for _, w in _volg(waarden[doel_veld], doel_rest, ())]
    if attribuut is None:
        veld, *rest = _delen(van)
        if veld not in waarden:
            return []
        gevonden = _volg(waarden[veld], rest, ())
        label = ".".join(d for d in rest if d != "[]") or veld
    else:
        veld = van
        gevonden = _volg(_op(waarden[veld], basis), [attribuut], basis)
        label = ".".join([str(d) for d in basis if isinstance(d, str)][-1:] + [attribuut])
    doel = bestandsnaam(doel_veld)
    binnen = [d for d in doel_rest[:-1] if d != "[]"]
    if binnen:
        doel += f" ({'.'.join(binnen)})"
    elif doel_veld not in plekken.gelezen:
        doel += " (dat bestand ontbreekt)"
    meldingen = []
    for loc, waarde in gevonden:
        if str(waarde) not in toegestaan:
            tekst = f"{label} '{waarde}' bestaat niet in {doel}{suggestie(str(waarde), toegestaan)}"
            meldingen.append(plekken.melding(veld, loc, tekst))
    return meldingen


def _op(waarde: object, loc: Pad) -> object:
    for deel in loc:
        waarde = cast("Sequence[object]", waarde)[deel] if isinstance(deel, int) else getattr(waarde, deel)  # int: a list index
    return waarde


def _doorloop(waarde: object, loc: Pad) -> Iterator[tuple[Pad, object]]:
    """Every model and every list of models inside `waarde`, with its loc."""
    if isinstance(waarde, BaseModel):
        yield loc, waarde
        for naam in type(waarde).model_fields:
            yield from _doorloop(getattr(waarde, naam), loc + (naam,))
    elif isinstance(waarde, (list, tuple)) and waarde and all(isinstance(i, BaseModel) for i in waarde):
        yield loc, waarde
        for index, item in enumerate(waarde):
            yield from _doorloop(item, loc + (index,))


def _heeft_veld(knoop: object, veld: str) -> bool:
    if isinstance(knoop, BaseModel):
        return veld in type(knoop).model_fields
    return isinstance(knoop, (list, tuple)) and bool(knoop) and all(_heeft_veld(i, veld) for i in knoop)


def _uniek(plekken: _Plekken, veld: str, loc: Pad, lijst: object, attribuut: str, hoofdletterongevoelig: bool) -> list[Melding]:
    if not isinstance(lijst, (list, tuple)):
        return []
    eerder: dict[object, Pad] = {}
    meldingen = []
    for index, item in enumerate(lijst):
        waarde = getattr(item, attribuut, None)
        if waarde is None:
            continue
        sleutel = waarde.casefold() if hoofdletterongevoelig and isinstance(waarde, str) else waarde
        plek = loc + (index, attribuut)
        if sleutel in eerder:
            vorige = plekken.regel(veld, eerder[sleutel])
            tekst = f"{attribuut} '{waarde}' komt dubbel voor (ook op regel {vorige})"
            if hoofdletterongevoelig:
                tekst += "; hoofdletters tellen niet mee"
            meldingen.append(plekken.melding(veld, plek, tekst))
        else:
            eerder[sleutel] = plek
    return meldingen


def _periode(plekken: _Plekken, veld: str, loc: Pad, model: BaseModel) -> list[Melding]:
    vanaf, tot = getattr(model, "geldig_vanaf", None), getattr(model, "geldig_tot", None)
    if isinstance(vanaf, date) and isinstance(tot, date) and tot < vanaf:
        tekst = f"geldig_tot ({tot.isoformat()}) ligt vóór geldig_vanaf ({vanaf.isoformat()})"
        return [plekken.melding(veld, loc + ("geldig_tot",), tekst)]
    return []


def _kringen(waarden: Mapping[str, object], plekken: _Plekken, keten: Keten) -> list[Melding]:
    """One melding per cycle in the chain, at the line of the edge that closes it."""
    lijst = waarden.get(keten.veld)
    if not isinstance(lijst, (list, tuple)):
        return []
    randen: dict[str, dict[str, Pad]] = {}
    for index, item in enumerate(lijst):
        van, naar = getattr(item, keten.van, None), getattr(item, keten.naar, None)
        if isinstance(van, str) and isinstance(naar, str):
            randen.setdefault(van, {}).setdefault(naar, (index, keten.naar))
    meldingen = []
    gemeld: set[frozenset[str]] = set()
    for start in randen:
        kring = _kring_vanaf(start, randen)
        if kring is None or frozenset(kring) in gemeld:
            continue
        gemeld.add(frozenset(kring))
        pad = " → ".join([*kring, kring[0]])
        tekst = f"{keten.wat} vormt een kring: {pad}; wie escaleert, komt dan weer bij zichzelf uit"
        meldingen.append(plekken.melding(keten.veld, randen[kring[-1]][kring[0]], tekst))
    return meldingen


def _kring_vanaf(start: str, randen: dict[str, dict[str, Pad]]) -> list[str] | None:
    """The shortest cycle through `start` (breadth first), as the list of its nodes, or None."""
    vorige: dict[str, str] = {}
    rij = [start]
    for knoop in rij:
        for volgende in randen.get(knoop, {}):
            if volgende == start:
                kring = [knoop]
                while kring[-1] != start:
                    kring.append(vorige[kring[-1]])
                return kring[::-1]
            if volgende not in vorige:
                vorige[volgende] = knoop
                rij.append(volgende)
    return None


def _overlappen(a: object, b: object) -> bool:
    """Two records' validity (geldig_vanaf/geldig_tot, open ends allowed) shares a day."""
    van_a, tot_a = getattr(a, "geldig_vanaf", None) or date.min, getattr(a, "geldig_tot", None) or date.max
    van_b, tot_b = getattr(b, "geldig_vanaf", None) or date.min, getattr(b, "geldig_tot", None) or date.max
    return van_a <= tot_b and van_b <= tot_a


def _historie(plekken: _Plekken, index: int, onderwerp: Onderwerp) -> list[Melding]:
    """An onderwerp's opdrachtgever history: no overlap, no end before start, gaps are warned about."""
    meldingen = []
    for rol in OPDRACHTGEVERSROLLEN:
        rijen = sorted(((j, t) for j, t in enumerate(onderwerp.historie) if t.rol == rol), key=lambda r: r[1].tot)
        vorige = None
        for j, toewijzing in rijen:
            plek = (index, "historie", j)
            vanaf = toewijzing.vanaf or onderwerp.geldig_vanaf
            if vanaf is not None and toewijzing.tot < vanaf:
                meldingen.append(
                    plekken.melding(
                        "onderwerpen",
                        plek + ("tot",),
                        f"tot ({toewijzing.tot.isoformat()}) ligt vóór vanaf ({vanaf.isoformat()})",
                    )
                )
            if onderwerp.geldig_tot is not None and toewijzing.tot > onderwerp.geldig_tot:
                meldingen.append(
                    plekken.melding(
                        "onderwerpen",
                        plek + ("tot",),
                        f"tot ({toewijzing.tot.isoformat()}) ligt na geldig_tot van het onderwerp ({onderwerp.geldig_tot.isoformat()})",
                    )
                )
            if vorige is not None:
                if vanaf is None or vanaf <= vorige.tot:
                    tekst = (
                        f"{rol} opdrachtgever overlapt met '{vorige.persoon}' (tot {vorige.tot.isoformat()}); "
                        "geef 'vanaf' de dag na die 'tot'"
                    )
                    meldingen.append(plekken.melding("onderwerpen", plek + ("vanaf",), tekst))
                elif (vanaf - vorige.tot).days > 1:
                    tekst = (
                        f"niemand is {rol} opdrachtgever van {vorige.tot.isoformat()} tot {vanaf.isoformat()} "
                        f"(gat na '{vorige.persoon}')"
                    )
                    meldingen.append(plekken.melding("onderwerpen", plek + ("vanaf",), tekst, "waarschuwing"))
            vorige = toewijzing
    return meldingen


def _normaal(tekst: str) -> str:
    return " ".join(tekst.casefold().split())


def _gedeelde_aliassen(plekken: _Plekken, veld: str, loc: Pad, lijst: object) -> list[Melding]:
    """Warn when one alias belongs to two records of the same list: the bot then has to ask which."""
    if not isinstance(lijst, (list, tuple)):
        return []
    eigenaar: dict[str, tuple[int, Pad]] = {}
    meldingen = []
    for index, item in enumerate(lijst):
        for nummer, alias in enumerate(getattr(item, "aliassen", None) or []):
            plek = loc + (index, "aliassen", nummer)
            vorige = eigenaar.setdefault(_normaal(alias), (index, plek))
            if vorige[0] == index or not _overlappen(item, lijst[vorige[0]]):
                continue
            ander = getattr(lijst[vorige[0]], "id", None) or f"item {vorige[0] + 1}"
            tekst = (
                f"alias '{alias}' hoort ook bij '{ander}' (regel {plekken.regel(veld, vorige[1])}); "
                "de bot moet dan vragen welke bedoeld is"
            )
            meldingen.append(plekken.melding(veld, plek, tekst, "waarschuwing"))
    return meldingen


def _namen(item: object) -> Iterator[tuple[Pad, str]]:
    """(loc within the item, text) of a record's naam or term and each of its aliases."""
    for veld in ("naam", "term"):
        if isinstance(naam := getattr(item, veld, None), str):
            yield (veld,), naam
    for nummer, alias in enumerate(getattr(item, "aliassen", None) or []):
        yield ("aliassen", nummer), alias


def _gedeelde_namen(waarden: Mapping[str, object], plekken: _Plekken, genoten: Naamgenoten) -> list[Melding]:
    """One warning per pair of records of the two lists that share a name (as the lookup compares
    names: case, accents and punctuation do not count), at the first shared name of the `eerste` one."""
    eerste, tweede = waarden.get(genoten.eerste), waarden.get(genoten.tweede)
    if not isinstance(eerste, (list, tuple)) or not isinstance(tweede, (list, tuple)):
        return []
    van_tweede: dict[str, tuple[int, Pad]] = {}
    for index, item in enumerate(tweede):
        for loc, naam in _namen(item):
            van_tweede.setdefault(normaliseer(naam), (index, (index, *loc)))
    gedeeld: dict[tuple[int, int], list[tuple[Pad, str, Pad]]] = {}
    for index, item in enumerate(eerste):
        for loc, naam in _namen(item):
            genoot = van_tweede.get(normaliseer(naam))
            if genoot is not None:
                gedeeld.setdefault((index, genoot[0]), []).append(((index, *loc), naam, genoot[1]))
    meldingen = []
    for (index, ander), namen in gedeeld.items():
        plek, _, andere_plek = namen[0]
        genoemd = " en ".join(f"'{naam}'" for naam in dict.fromkeys(naam for _, naam, _ in namen))
        tekst = (
            f"{genoten.wat_eerste} '{getattr(eerste[index], 'id', index + 1)}' en {genoten.wat_tweede} "
            f"'{getattr(tweede[ander], 'id', ander + 1)}' ({bestandsnaam(genoten.tweede)}:"
            f"{plekken.regel(genoten.tweede, andere_plek)}) delen de naam {genoemd}: wie daarnaar vraagt, krijgt de "
            f"{genoten.wat_eerste} of het {genoten.wat_tweede}, afhankelijk van hoe de vraag is gesteld. Laat de naam "
            "bij één van de twee, of maak er één record van"
        )
        meldingen.append(plekken.melding(genoten.eerste, plek, tekst, "waarschuwing"))
    return meldingen


@cache
def _oude_notatie() -> dict[str, str]:
    """Old fixed role id -> how to write it now (kennisbank/escalatie/oude_notatie.yaml)."""
    pad = Path(__file__).parent / "escalatie" / "oude_notatie.yaml"
    return yaml.safe_load(pad.read_text(encoding="utf-8"))


def _escalatie(waarden: Mapping[str, object], plekken: _Plekken) -> list[Melding]:
    """References of every step, and no bestuurlijke step in an ambtelijk rule."""
    regels = waarden.get("escalatie")
    if not isinstance(regels, (list, tuple)):
        return []
    gelezen_rollen = waarden.get("rollen")
    rollen = {r.id: r for r in (gelezen_rollen if isinstance(gelezen_rollen, (list, tuple)) else ()) if isinstance(r, Rol)}
    organisatie = waarden.get("organisatie")
    organen = {o.id: o for o in organisatie.organen} if isinstance(organisatie, Organisatie) else None
    meldingen = []
    for index, regel in enumerate(regels):
        if not isinstance(regel, EscalatieRegel):
            continue
        for nummer, stap in enumerate(regel.route):
            plekken_wie: list[tuple[Pad, Wie]] = [((index, "route", nummer), stap)]
            plekken_wie += [((index, "route", nummer, "samen_met", k), w) for k, w in enumerate(stap.samen_met)]
            for loc, wie in plekken_wie:
                fout = _onbekend(wie, rollen if "rollen" in waarden else None, organen, "rollen" in plekken.gelezen)
                if fout:
                    meldingen.append(plekken.melding("escalatie", loc + (wie.soort,), fout))
                elif regel.ambtelijk and (waarom := waarom_bestuurlijk(wie, rollen, organen or {})):
                    tekst = (
                        f"regel '{regel.id}' is ambtelijk, maar stap {nummer + 1} gaat naar {waarom}; een ambtelijke "
                        "kwestie (zoals een menings- of visieverschil) escaleer je nooit naar het college(lid) of de "
                        "raad, maar naar het eerstvolgende ambtelijke niveau"
                    )
                    meldingen.append(plekken.melding("escalatie", loc + (wie.soort,), tekst))
        if kern_lengte(regel) > ZICHTBAAR_MAX - RUIMTE_VOOR_NAMEN:
            tekst = (
                f"regel '{regel.id}': de situatie en de eerste zin van kort_antwoord zijn samen {kern_lengte(regel)} "
                f"tekens; het zichtbare antwoord mag {ZICHTBAAR_MAX} tekens zijn, met de route en namen erbij. "
                "Maak de eerste zin korter (de rest staat achter 'Meer uitleg')"
            )
            veld = "kort_antwoord" if regel.kort_antwoord else "situatie"
            meldingen.append(plekken.melding("escalatie", (index, veld), tekst, "waarschuwing"))
    return meldingen


def _onbekend(wie: Wie, rollen: dict[str, Rol] | None, organen: dict | None, rollen_gelezen: bool) -> str | None:
    """Why `wie` points at nothing, or None; a file that failed to validate (None) is not checked against."""
    if wie.orgaan is not None:
        if organen is None or wie.orgaan in organen:
            return None
        waar, bekend = "de organen van organisatie.yaml", list(organen)
    elif wie.rol is not None or wie.lijn is not None:
        rol_id = wie.rol if wie.rol is not None else wie.lijn
        if rollen is None or rol_id in rollen:
            return None
        waar = "rollen.yaml" if rollen_gelezen else "rollen.yaml (dat bestand ontbreekt)"
        bekend = list(rollen)
    else:
        return None
    waarde = str(getattr(wie, wie.soort))
    tekst = f"{wie.soort} '{waarde}' bestaat niet in {waar}"
    if waarde in _oude_notatie():
        return f"{tekst}; dit is de oude notatie, schrijf nu: {_oude_notatie()[waarde]} (zie docs/kennisbank-formaat.md)"
    return tekst + suggestie(waarde, bekend)
