"""The Teams app package: fill `manifest/manifest.template.json`, validate it, zip it.

The manifest is validated against Microsoft's official JSON schema for its `manifestVersion`
(from the npm package `@microsoft/app-manifest`, installed by `npm install`), and the icons are
checked for the sizes and colours Teams requires. An invalid package is never written.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import tomllib
import unicodedata
import uuid
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

PROJECTMAP = Path(__file__).resolve().parent.parent
MANIFEST_MAP = PROJECTMAP / "manifest"
SJABLOON = "manifest.template.json"
SCHEMA_MAP = PROJECTMAP / "node_modules" / "@microsoft" / "app-manifest" / "build" / "json-schemas" / "teams"
PAKKET_BESTANDEN = ("manifest.json", "color.png", "outline.png")
KLEUR_MAAT = (192, 192)
OMTREK_MAAT = (32, 32)

# A fixed namespace, so the Teams app id derived from a bot id is the same for every build:
# an upgrade then replaces the app in Teams instead of adding a second one.
APP_ID_NAAMRUIMTE = uuid.UUID("6f1e8a4c-2b1d-5c3e-9a7f-53747572696e")
_SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")  # Teams: major.minor.patch
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_PLAATSHOUDER = re.compile(r"\$\{\{([A-Z_]+)\}\}")

# Environment variable for each template placeholder (MicrosoftAppId is the bot's own setting).
OMGEVINGSVARIABELEN = {
    "BOT_ID": "MicrosoftAppId",
    "TEAMS_APP_ID": "TEAMS_APP_ID",
    "APP_VERSIE": "TEAMS_APP_VERSIE",
    "ONTWIKKELAAR_NAAM": "TEAMS_ONTWIKKELAAR",
    "ONTWIKKELAAR_WEBSITE": "TEAMS_WEBSITE_URL",
    "PRIVACY_URL": "TEAMS_PRIVACY_URL",
    "VOORWAARDEN_URL": "TEAMS_VOORWAARDEN_URL",
}


class OngeldigPakket(ValueError):
    """The package would not be accepted by Teams; `fouten` says why, one Dutch line each."""

    def __init__(self, fouten: list[str]) -> None:
        super().__init__("Het Teams-pakket is ongeldig:\n" + "\n".join(f"- {f}" for f in fouten))
        self.fouten = fouten


@dataclass(frozen=True)
class PakketGegevens:
    """The values that differ per organisation and release, filled into the template."""

    BOT_ID: str
    TEAMS_APP_ID: str
    APP_VERSIE: str
    ONTWIKKELAAR_NAAM: str
    ONTWIKKELAAR_WEBSITE: str
    PRIVACY_URL: str
    VOORWAARDEN_URL: str

    @classmethod
    def uit_omgeving(cls, omgeving: Mapping[str, str] | None = None, **vast: str | None) -> "PakketGegevens":
        """Values from the environment; keyword arguments (e.g. from the command line) win.
        TEAMS_APP_ID defaults to an id derived from the bot id, the version to the project version."""
        env = os.environ if omgeving is None else omgeving
        waarden = {
            sleutel: (vast.get(sleutel) or env.get(variabele, "")).strip() for sleutel, variabele in OMGEVINGSVARIABELEN.items()
        }
        if not waarden["TEAMS_APP_ID"] and _GUID.match(waarden["BOT_ID"]):
            waarden["TEAMS_APP_ID"] = afgeleid_app_id(waarden["BOT_ID"])
        waarden["APP_VERSIE"] = waarden["APP_VERSIE"] or projectversie()
        return cls(**waarden)

    def controleer(self) -> list[str]:
        """What the schema cannot say clearly: which setting is missing or wrong."""
        fouten = []
        for sleutel, waarde in asdict(self).items():
            if not waarde:
                fouten.append(f"{OMGEVINGSVARIABELEN[sleutel]} is niet ingesteld.")
        for sleutel in ("BOT_ID", "TEAMS_APP_ID"):
            waarde = getattr(self, sleutel)
            if waarde and not _GUID.match(waarde):
                fouten.append(f"{OMGEVINGSVARIABELEN[sleutel]} moet een GUID zijn, niet {waarde!r}.")
        if self.APP_VERSIE and not _SEMVER.match(self.APP_VERSIE):
            fouten.append(f"TEAMS_APP_VERSIE moet de vorm 1.2.3 hebben, niet {self.APP_VERSIE!r}.")
        for sleutel in ("ONTWIKKELAAR_WEBSITE", "PRIVACY_URL", "VOORWAARDEN_URL"):
            waarde = getattr(self, sleutel)
            if waarde and not waarde.startswith("https://"):
                fouten.append(f"{OMGEVINGSVARIABELEN[sleutel]} moet een https-adres zijn, niet {waarde!r}.")
        return fouten


def afgeleid_app_id(bot_id: str) -> str:
    """A stable Teams app id for a bot id (used when TEAMS_APP_ID is not set)."""
    return str(uuid.uuid5(APP_ID_NAAMRUIMTE, bot_id.lower()))


def projectversie() -> str:
    """The version in pyproject.toml (the release being packaged)."""
    try:
        with (PROJECTMAP / "pyproject.toml").open("rb") as bestand:
            return str(tomllib.load(bestand)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return ""


# --- the manifest ------------------------------------------------------------------------------


def vul_sjabloon(sjabloon: Any, gegevens: PakketGegevens) -> Any:
    """The template (parsed JSON) with every `${{NAAM}}` in a string replaced; unknown names fail."""
    waarden = asdict(gegevens)

    def vervang(treffer: re.Match[str]) -> str:
        naam = treffer.group(1)
        if naam not in waarden:
            raise OngeldigPakket([f"Onbekende plaatshouder ${{{{{naam}}}}} in {SJABLOON}."])
        return waarden[naam]

    if isinstance(sjabloon, str):
        return _PLAATSHOUDER.sub(vervang, sjabloon)
    if isinstance(sjabloon, list):
        return [vul_sjabloon(item, gegevens) for item in sjabloon]
    if isinstance(sjabloon, dict):
        return {sleutel: vul_sjabloon(waarde, gegevens) for sleutel, waarde in sjabloon.items()}
    return sjabloon


def maak_manifest(gegevens: PakketGegevens, manifest_map: Path = MANIFEST_MAP) -> dict[str, Any]:
    sjabloon = json.loads((manifest_map / SJABLOON).read_text(encoding="utf-8"))
    return vul_sjabloon(sjabloon, gegevens)


def laad_schema(versie: str, schema_map: Path | None = None) -> dict[str, Any]:
    """Microsoft's JSON schema for manifest version `versie` (e.g. "1.30")."""
    schema_map = schema_map or Path(os.environ.get("TEAMS_SCHEMA_MAP") or SCHEMA_MAP)
    pad = schema_map / f"v{versie}" / "MicrosoftTeams.schema.json"
    if not pad.is_file():
        raise OngeldigPakket(
            [
                f"Het officiële schema voor manifestversie {versie!r} ontbreekt ({pad}). "
                f"Voer `npm install` uit in {PROJECTMAP} of zet TEAMS_SCHEMA_MAP op de map met de schema's."
            ]
        )
    return json.loads(pad.read_text(encoding="utf-8-sig"))


def valideer_manifest(manifest: Any, schema: Mapping[str, Any] | None = None) -> list[str]:
    """Schema errors as readable lines (`pad: melding`); [] when the manifest is valid."""
    if not isinstance(manifest, dict):
        return ["manifest.json moet een JSON-object zijn."]
    versie = manifest.get("manifestVersion")
    if not isinstance(versie, str):
        return ["manifestVersion ontbreekt."]
    validator = manifest_validator(schema if schema is not None else laad_schema(versie))
    fouten = sorted(validator.iter_errors(manifest), key=lambda f: [str(d) for d in f.absolute_path])
    return [f"{_pad(fout.absolute_path)}: {fout.message}" for fout in fouten]


def manifest_validator(schema: Mapping[str, Any]) -> Any:
    """A Draft 4 validator (the schemas declare draft-04) whose `pattern` understands `\\p{..}`, and
    which also checks `const` (a later keyword the schemas use, e.g. for manifestVersion)."""
    from jsonschema import Draft4Validator, ValidationError, validators

    def patroon(validator: Any, waarde: str, instantie: Any, _schema: Any) -> Iterator[ValidationError]:
        if validator.is_type(instantie, "string") and not compileer_patroon(waarde).search(instantie):
            yield ValidationError(f"{instantie!r} does not match {waarde!r}")

    def constante(_validator: Any, waarde: Any, instantie: Any, _schema: Any) -> Iterator[ValidationError]:
        if json.dumps(instantie, sort_keys=True) != json.dumps(waarde, sort_keys=True):
            yield ValidationError(f"{waarde!r} was expected")

    klasse = validators.extend(Draft4Validator, {"pattern": patroon, "const": constante})
    return klasse(schema)


@lru_cache(maxsize=256)
def compileer_patroon(patroon: str) -> re.Pattern[str]:
    """`re.compile`, with `\\p{X}`/`\\P{X}` (Unicode categories, which `re` lacks) spelled out."""
    try:
        return re.compile(patroon)
    except re.error:
        return re.compile(_vertaal_unicode_klassen(patroon))


def _vertaal_unicode_klassen(patroon: str) -> str:
    uit: list[str] = []
    in_klasse = False
    klasse_begin = 0  # index in `uit` of the "[" that opened the current class
    i = 0
    while i < len(patroon):
        teken = patroon[i]
        if teken == "\\" and i + 1 < len(patroon):
            treffer = re.match(r"\\([pP])\{(\w+)\}", patroon[i:])
            if treffer:
                reeksen = _categorie_reeksen(treffer.group(2))
                if treffer.group(1) == "P":
                    if in_klasse:
                        raise re.error(f"\\P{{{treffer.group(2)}}} binnen [...] wordt niet ondersteund")
                    uit.append(f"[^{reeksen}]")
                else:
                    uit.append(reeksen if in_klasse else f"[{reeksen}]")
                i += len(treffer.group(0))
                continue
            uit.append(patroon[i : i + 2])
            i += 2
            continue
        if teken == "[" and not in_klasse:
            in_klasse, klasse_begin = True, len(uit)
        elif teken == "]" and in_klasse and "".join(uit[klasse_begin:]) not in ("[", "[^"):
            in_klasse = False  # a "]" right after "[" or "[^" is a literal
        uit.append(teken)
        i += 1
    return "".join(uit)


@lru_cache(maxsize=16)
def _categorie_reeksen(categorie: str) -> str:
    """A character-class body (ranges of escaped code points) for a Unicode category like L or Lu."""
    reeksen: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)).startswith(categorie):
            if reeksen and reeksen[-1][1] == code - 1:
                reeksen[-1] = (reeksen[-1][0], code)
            else:
                reeksen.append((code, code))
    if not reeksen:
        raise re.error(f"onbekende Unicode-categorie {categorie!r}")
    return "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in reeksen)


def _pad(delen: Any) -> str:
    pad = ""
    for deel in delen:
        pad += f"[{deel}]" if isinstance(deel, int) else (f".{deel}" if pad else str(deel))
    return pad or "(manifest)"


# --- the icons ---------------------------------------------------------------------------------


def controleer_iconen(kleur: bytes, omtrek: bytes) -> list[str]:
    """Teams' icon rules: colour 192×192 in full colour; outline 32×32, white on transparent."""
    from PIL import Image, UnidentifiedImageError

    fouten: list[str] = []
    beelden = {}
    for naam, inhoud in (("color.png", kleur), ("outline.png", omtrek)):
        try:
            beeld = Image.open(io.BytesIO(inhoud))
            beeld.load()
        except (UnidentifiedImageError, OSError):
            fouten.append(f"{naam} is geen geldige afbeelding.")
            continue
        if beeld.format != "PNG":
            fouten.append(f"{naam} moet een PNG zijn, niet {beeld.format}.")
        beelden[naam] = beeld
    if "color.png" in beelden:
        fouten += _controleer_kleur(beelden["color.png"])
    if "outline.png" in beelden:
        fouten += _controleer_omtrek(beelden["outline.png"])
    return fouten


def _controleer_kleur(beeld: Any) -> list[str]:
    if beeld.size != KLEUR_MAAT:
        return [f"color.png moet 192×192 pixels zijn, niet {beeld.size[0]}×{beeld.size[1]}."]
    rgb = beeld.convert("RGB")
    kleuren = rgb.getcolors(maxcolors=KLEUR_MAAT[0] * KLEUR_MAAT[1]) or []
    verzadigd = any(max(k) - min(k) > 40 for _, k in kleuren)
    if len(kleuren) < 2 or not verzadigd:
        return ["color.png moet een icoon in kleur zijn (geen egaal vlak, geen grijstinten)."]
    return []


def _controleer_omtrek(beeld: Any) -> list[str]:
    if beeld.size != OMTREK_MAAT:
        return [f"outline.png moet 32×32 pixels zijn, niet {beeld.size[0]}×{beeld.size[1]}."]
    if beeld.mode not in ("RGBA", "LA", "PA") and "transparency" not in beeld.info:
        return ["outline.png moet een transparante achtergrond hebben (PNG met alfakanaal)."]
    pixels = rgba_pixels(beeld)
    zichtbaar = [p for p in pixels if p[3] > 0]
    fouten = []
    if not zichtbaar:
        fouten.append("outline.png is helemaal doorzichtig.")
    if len(zichtbaar) == len(pixels) or not any(p[3] == 0 for p in pixels):
        fouten.append("outline.png moet een transparante achtergrond hebben.")
    if any(p[:3] != (255, 255, 255) for p in zichtbaar):
        fouten.append("outline.png mag alleen wit bevatten (met transparantie).")
    return fouten


def rgba_pixels(beeld: Any) -> list[tuple[int, int, int, int]]:
    """All pixels as (r, g, b, a), row by row."""
    data = beeld.convert("RGBA").tobytes()
    return [tuple(data[i : i + 4]) for i in range(0, len(data), 4)]


# --- the package -------------------------------------------------------------------------------


def controleer_pakket(manifest: Any, kleur: bytes, omtrek: bytes, schema: Mapping[str, Any] | None = None) -> list[str]:
    """Everything Teams checks on upload that we can check offline."""
    fouten = valideer_manifest(manifest, schema)
    if isinstance(manifest, dict):
        iconen = manifest.get("icons") or {}
        if iconen.get("color") != "color.png" or iconen.get("outline") != "outline.png":
            fouten.append("icons moet verwijzen naar color.png en outline.png (plat in de zip).")
    return fouten + controleer_iconen(kleur, omtrek)


def bouw_pakket(
    gegevens: PakketGegevens,
    uitvoer: Path,
    *,
    manifest_map: Path = MANIFEST_MAP,
    schema: Mapping[str, Any] | None = None,
) -> Path:
    """Write the upload zip (flat: manifest.json, color.png, outline.png); raise OngeldigPakket
    and write nothing when anything is wrong."""
    fouten = gegevens.controleer()
    if fouten:
        raise OngeldigPakket(fouten)
    manifest = maak_manifest(gegevens, manifest_map)
    kleur = (manifest_map / "color.png").read_bytes()
    omtrek = (manifest_map / "outline.png").read_bytes()
    fouten = controleer_pakket(manifest, kleur, omtrek, schema)
    if fouten:
        raise OngeldigPakket(fouten)
    inhoud = {
        "manifest.json": (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        "color.png": kleur,
        "outline.png": omtrek,
    }
    uitvoer.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = uitvoer.with_name(uitvoer.name + ".tmp")
    with zipfile.ZipFile(tijdelijk, "w", compression=zipfile.ZIP_DEFLATED) as zip_:
        for naam in PAKKET_BESTANDEN:  # fixed dates: the same input gives the same zip
            info = zipfile.ZipInfo(naam, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            zip_.writestr(info, inhoud[naam], compress_type=zipfile.ZIP_DEFLATED)
    tijdelijk.replace(uitvoer)
    return uitvoer


def controleer_zip(pad: Path, schema: Mapping[str, Any] | None = None) -> list[str]:
    """Check an existing upload zip (e.g. one edited by hand) the same way `bouw_pakket` does."""
    try:
        with zipfile.ZipFile(pad) as zip_:
            namen = zip_.namelist()
            if sorted(namen) != sorted(PAKKET_BESTANDEN):
                return [f"De zip moet precies {', '.join(PAKKET_BESTANDEN)} bevatten (zonder mappen), niet {namen}."]
            manifest = json.loads(zip_.read("manifest.json").decode("utf-8-sig"))
            return controleer_pakket(manifest, zip_.read("color.png"), zip_.read("outline.png"), schema)
    except (OSError, zipfile.BadZipFile) as fout:
        return [f"{pad} is geen leesbare zip: {fout}"]
    except (UnicodeDecodeError, json.JSONDecodeError) as fout:
        return [f"manifest.json is geen geldige JSON: {fout}"]
