"""Turn pydantic validation errors into Dutch `Melding`s with file and line."""

from __future__ import annotations

import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from kennisbank.meldingen import Melding, suggestie
from kennisbank.yaml_lezen import Pad, Regels

_DATUMFOUTEN = {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}
_GRENZEN = {
    "greater_than_equal": "minstens",
    "greater_than": "groter dan",
    "less_than_equal": "hoogstens",
    "less_than": "kleiner dan",
}
_CITEERHINT = "; zet de waarde tussen aanhalingstekens als het tekst is"


def vertaal(fout: ValidationError, bestand: str, regels: Regels, soort: Any) -> list[Melding]:
    """One melding per pydantic error; `soort` is the annotation that was validated (for suggestions)."""
    return [_melding(error, bestand, regels, soort) for error in fout.errors(include_url=False)]


def _melding(error: ErrorDetails, bestand: str, regels: Regels, soort: Any) -> Melding:
    loc: Pad = tuple(error["loc"])
    regel = regels.regel(loc)
    veld = _veldnaam(loc)
    waarde = error.get("input")
    kind = error["type"]
    if kind == "extra_forbidden":
        naam = str(loc[-1])
        tekst = f"onbekend veld '{naam}'" + suggestie(naam, _velden_bij(soort, loc[:-1]))
    elif kind == "invalid_key":
        tekst = f"ongeldige veldnaam {_toon(waarde)}: een veldnaam moet tekst zijn"
    elif kind == "missing":
        tekst = f"verplicht veld '{veld}' ontbreekt"
    elif kind in _DATUMFOUTEN:
        tekst = f"{_onderwerp(veld)} is geen geldige datum: {_toon(waarde)} (verwacht JJJJ-MM-DD)"
    elif kind == "string_type":
        tekst = f"{_onderwerp(veld)} moet tekst zijn, maar is {_beschrijf(waarde)}"
        if isinstance(waarde, (bool, int, float)):
            tekst += _CITEERHINT
    elif kind == "list_type":
        tekst = f"{_onderwerp(veld)} moet een lijst zijn (regels met '- '), maar is {_beschrijf(waarde)}"
    elif kind in {"model_type", "dict_type", "model_attributes_type"}:
        tekst = f"{_onderwerp(veld)} moet velden bevatten ('sleutel: waarde'), maar is {_beschrijf(waarde)}"
    elif kind in {"bool_type", "bool_parsing"}:
        tekst = f"{_onderwerp(veld)} moet ja of nee (true/false) zijn, maar is {_beschrijf(waarde)}"
    elif kind.startswith(("int_", "float_")):
        tekst = f"{_onderwerp(veld)} moet een getal zijn, maar is {_beschrijf(waarde)}"
    elif kind == "string_too_short":
        tekst = f"{_onderwerp(veld)} mag niet leeg zijn"
    elif kind == "value_error":  # our own model checks: their message is already Dutch and complete
        tekst = str((error.get("ctx") or {}).get("error") or error["msg"]).removeprefix("Value error, ")
        if veld:
            tekst = f"{_onderwerp(veld)}: {tekst}"
    elif kind in {"literal_error", "enum"}:
        keuzes = str((error.get("ctx") or {}).get("expected", "")).replace(" or ", " of ")
        tekst = f"{_onderwerp(veld)} heeft een ongeldige waarde {_toon(waarde)}; kies uit: {keuzes}"
    elif kind in _GRENZEN:
        ctx = error.get("ctx") or {}
        grens = next((ctx[k] for k in ("ge", "gt", "le", "lt") if k in ctx), "")
        tekst = f"{_onderwerp(veld)} moet {_GRENZEN[kind]} {grens} zijn, maar is {_toon(waarde)}"
    elif kind in {"too_short", "too_long"}:
        ctx = error.get("ctx") or {}
        if kind == "too_short":
            tekst = f"{_onderwerp(veld)} moet minstens {ctx.get('min_length', 1)} item(s) bevatten"
        else:
            tekst = f"{_onderwerp(veld)} mag hoogstens {ctx.get('max_length', '')} item(s) bevatten"
    elif kind == "string_too_long":
        tekst = f"{_onderwerp(veld)} is te lang (hoogstens {(error.get('ctx') or {}).get('max_length', '')} tekens)"
    elif kind == "string_pattern_mismatch":
        tekst = f"{_onderwerp(veld)} heeft niet de goede vorm: {_toon(waarde)}"
    elif kind.startswith("time_"):
        tekst = f"{_onderwerp(veld)} is geen geldige tijd: {_toon(waarde)} (verwacht UU:MM)"
    elif kind.startswith("datetime_"):
        tekst = f"{_onderwerp(veld)} is geen geldige datum met tijd: {_toon(waarde)} (verwacht JJJJ-MM-DDTUU:MM)"
    elif kind.startswith("decimal_"):
        tekst = f"{_onderwerp(veld)} moet een getal zijn, maar is {_beschrijf(waarde)}"
    else:  # a kind not translated yet: never pydantic's English, but its kind for the maintainer
        tekst = f"{_onderwerp(veld)} heeft een ongeldige waarde {_toon(waarde)} (soort fout: {kind})"
    return Melding(bestand, regel, tekst)


def _veldnaam(loc: Pad) -> str:
    """'bron.document' or 'aliassen #2' — the record index at the start is left out (the line says it)."""
    delen = list(loc)
    if delen and isinstance(delen[0], int):
        delen = delen[1:]
    tekst = ""
    for deel in delen:
        if isinstance(deel, int):
            tekst += f" #{deel + 1}"
        else:
            tekst += f".{deel}" if tekst else str(deel)
    if not tekst and loc and isinstance(loc[0], int):
        return f"#{loc[0] + 1}"
    return tekst


def _onderwerp(veld: str) -> str:
    if not veld:
        return "de inhoud"
    if veld.startswith("#"):
        return f"item {veld}"
    return f"veld '{veld}'"


def _toon(waarde: object) -> str:
    tekst = repr(waarde) if isinstance(waarde, str) else str(waarde)
    return tekst if len(tekst) <= 60 else tekst[:57] + "..."


def _beschrijf(waarde: object) -> str:
    if waarde is None:
        return "leeg"
    if isinstance(waarde, bool):
        return f"een ja/nee-waarde ({str(waarde).lower()})"
    if isinstance(waarde, (int, float)):
        return f"een getal ({waarde})"
    if isinstance(waarde, list):
        return "een lijst"
    if isinstance(waarde, dict):
        return "een blok met velden"
    if isinstance(waarde, str):
        return f"tekst {_toon(waarde)}"
    return _toon(waarde)


def _velden_bij(soort: Any, loc: Pad) -> list[str]:
    """Field names of the model found by following `loc` through the annotation `soort`."""
    for deel in loc:
        soort = zonder_none(soort)
        if isinstance(deel, int) and get_origin(soort) is list:
            soort = get_args(soort)[0]
        elif isinstance(soort, type) and issubclass(soort, BaseModel) and deel in soort.model_fields:
            soort = soort.model_fields[deel].annotation
        else:
            return []
    soort = zonder_none(soort)
    if isinstance(soort, type) and issubclass(soort, BaseModel):
        return list(soort.model_fields)
    return []


def zonder_none(soort: Any) -> Any:
    if get_origin(soort) in (Union, types.UnionType):
        leden = [a for a in get_args(soort) if a is not type(None)]
        if len(leden) == 1:
            return leden[0]
    return soort
