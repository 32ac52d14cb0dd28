"""Issue 6: the Teams app package — schema validation, zip contents, icons, the command."""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from bot import teams_pakket
from bot.__main__ import main
from bot.teams_pakket import OngeldigPakket, PakketGegevens
from manifest import maak_iconen

MANIFEST_MAP = teams_pakket.MANIFEST_MAP
BOT_ID = "3f2c1a9e-7b4d-4e8f-9a61-2d5c7e8b9f01"
OMGEVING = {
    "MicrosoftAppId": BOT_ID,
    "TEAMS_ONTWIKKELAAR": "Gemeente Voorbeeld",
    "TEAMS_WEBSITE_URL": "https://www.voorbeeld.nl/sturingsbot",
    "TEAMS_PRIVACY_URL": "https://www.voorbeeld.nl/privacy",
    "TEAMS_VOORWAARDEN_URL": "https://www.voorbeeld.nl/voorwaarden",
}


@pytest.fixture(scope="module")
def schema() -> dict:
    sjabloon = json.loads((MANIFEST_MAP / teams_pakket.SJABLOON).read_text(encoding="utf-8"))
    return teams_pakket.laad_schema(sjabloon["manifestVersion"])


@pytest.fixture
def gegevens() -> PakketGegevens:
    return PakketGegevens.uit_omgeving(OMGEVING)


@pytest.fixture
def manifest(gegevens: PakketGegevens) -> dict:
    return teams_pakket.maak_manifest(gegevens)


# --- the manifest against Microsoft's schema ----------------------------------------------------


def test_het_schema_is_het_officiele_van_microsoft_voor_de_versie_van_het_sjabloon(manifest, schema):
    assert manifest["manifestVersion"] == "1.30"
    assert manifest["$schema"].endswith(f"/v{manifest['manifestVersion']}/MicrosoftTeams.schema.json")
    assert schema["properties"]["manifestVersion"]["const"] == manifest["manifestVersion"]
    assert "bots" in schema["properties"] and "commandLists" in json.dumps(schema)


def test_het_ingevulde_sjabloon_is_geldig(manifest, schema):
    assert teams_pakket.valideer_manifest(manifest, schema) == []
    assert "${{" not in json.dumps(manifest)


def test_bot_id_en_ontwikkelaar_komen_uit_de_configuratie(manifest):
    assert manifest["bots"][0]["botId"] == BOT_ID
    assert manifest["developer"] == {
        "name": "Gemeente Voorbeeld",
        "websiteUrl": "https://www.voorbeeld.nl/sturingsbot",
        "privacyUrl": "https://www.voorbeeld.nl/privacy",
        "termsOfUseUrl": "https://www.voorbeeld.nl/voorwaarden",
    }
    assert manifest["version"] == teams_pakket.projectversie() != ""


def test_app_id_is_stabiel_per_bot_en_in_te_stellen():
    eerste = PakketGegevens.uit_omgeving(OMGEVING).TEAMS_APP_ID
    assert eerste == PakketGegevens.uit_omgeving(dict(OMGEVING)).TEAMS_APP_ID  # an upgrade replaces the app
    assert eerste != BOT_ID
    ander = PakketGegevens.uit_omgeving({**OMGEVING, "MicrosoftAppId": "00000000-1111-2222-3333-444444444444"})
    assert ander.TEAMS_APP_ID != eerste
    vast = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"
    assert PakketGegevens.uit_omgeving({**OMGEVING, "TEAMS_APP_ID": vast}).TEAMS_APP_ID == vast
    assert PakketGegevens.uit_omgeving(OMGEVING, APP_VERSIE="2.3.4").APP_VERSIE == "2.3.4"


def test_beschrijving_is_nederlands_en_binnen_de_grenzen(manifest):
    beschrijving = manifest["description"]
    assert len(beschrijving["short"]) <= 80 and len(beschrijving["full"]) <= 4000
    for woord in ("opdrachtgever", "bestuursopdracht", "statusupdate"):
        assert woord in beschrijving["full"]
    assert manifest["name"]["short"] == "Sturingsbot"


@pytest.mark.parametrize("scope", ["personal", "team", "groupChat"])
def test_commandolijst_per_scope_met_de_hoofdvragen(manifest, scope):
    bot = manifest["bots"][0]
    assert scope in bot["scopes"]
    lijsten = [lijst for lijst in bot["commandLists"] if scope in lijst["scopes"]]
    assert len(lijsten) == 1
    titels = [commando["title"] for commando in lijsten[0]["commands"]]
    hoofdvragen = ["help", "opdrachtgever", "bestuursopdracht check", "escalatie", "statusupdate"]
    assert titels[:5] == hoofdvragen
    assert titels[5:] == (["wie moet nog", "overzicht rapportage", "mijn checks"] if scope == "personal" else [])
    assert all(commando["description"] for commando in lijsten[0]["commands"])


def _zet(manifest: dict, pad: str, waarde) -> dict:
    kopie = copy.deepcopy(manifest)
    *ouders, laatste = pad.split(".")
    doel = kopie
    for deel in ouders:
        doel = doel[int(deel)] if deel.isdigit() else doel[deel]
    if waarde is _WEG:
        del doel[laatste]
    else:
        doel[laatste] = waarde
    return kopie


_WEG = object()

KAPOT = {
    "bot-id geen GUID": ("bots.0.botId", "geen-guid", "bots[0].botId"),
    "verplichte privacyUrl weg": ("developer.privacyUrl", _WEG, "developer"),
    "korte beschrijving te lang": ("description.short", "x" * 81, "description.short"),
    "onbekend veld": ("bots.0.spreektNederlands", True, "bots[0]"),
    "verkeerde manifestVersion voor dit schema": ("manifestVersion", "1.29", "manifestVersion"),
    "onbekende scope": ("bots.0.scopes", ["personal", "kantine"], "bots[0].scopes[1]"),
    "accentkleur geen hex": ("accentColor", "blauw", "accentColor"),
    "ontwikkelaarsnaam te lang": ("developer.name", "Gemeente " + "x" * 30, "developer.name"),
}


@pytest.mark.parametrize("pad,waarde,foutpad", KAPOT.values(), ids=KAPOT.keys())
def test_een_kapot_manifest_faalt_de_schemavalidatie(manifest, schema, pad, waarde, foutpad):
    fouten = teams_pakket.valideer_manifest(_zet(manifest, pad, waarde), schema)
    assert fouten, "het schema had dit manifest moeten afkeuren"
    assert any(fout.startswith(foutpad) for fout in fouten), fouten


def test_patronen_met_unicode_klassen_werken_en_valideren_nog_steeds():
    """Newer schemas use \\p{L}, which Python's re lacks; the workaround must still reject bad values."""
    with pytest.raises(re.error):
        re.compile("^[\\p{L}]")
    validator = teams_pakket.manifest_validator(
        {"type": "object", "properties": {"name": {"type": "string", "pattern": "^[\\p{L}][\\p{L}0-9._]*$"}}}
    )
    for goed in ("Bedrag", "Éénmalig", "totaal_2.b", "Ωmega"):
        assert validator.is_valid({"name": goed}), goed
    for fout in ("1bedrag", "_x", "met spatie", "a-b", ""):
        assert not validator.is_valid({"name": fout}), fout


# --- the icons ---------------------------------------------------------------------------------


def _pixels(pad_of_beeld) -> list:
    beeld = Image.open(pad_of_beeld) if isinstance(pad_of_beeld, Path) else pad_of_beeld
    return teams_pakket.rgba_pixels(beeld)


def test_kleuricoon_is_192_en_in_kleur_met_de_accentkleur(manifest):
    beeld = Image.open(MANIFEST_MAP / "color.png")
    assert beeld.format == "PNG" and beeld.size == (192, 192)
    accent = tuple(int(manifest["accentColor"][i : i + 2], 16) for i in (1, 3, 5))
    assert beeld.convert("RGB").getpixel((2, 2)) == accent
    kleuren = {p[:3] for p in _pixels(beeld)}
    assert (255, 255, 255) in kleuren and len(kleuren) > 20  # a drawing, not a blank square
    assert any(r > 200 and g > 150 and b < 60 for r, g, b in kleuren)  # the gold hub
    assert all(p[3] == 255 for p in _pixels(beeld))


def test_omtrekicoon_is_32_wit_en_transparant():
    beeld = Image.open(MANIFEST_MAP / "outline.png")
    assert beeld.format == "PNG" and beeld.size == (32, 32) and beeld.mode == "RGBA"
    pixels = _pixels(beeld)
    zichtbaar = [p for p in pixels if p[3] > 0]
    assert all(p[:3] == (255, 255, 255) for p in zichtbaar)
    assert pixels[0][3] == 0 and pixels[-1][3] == 0  # transparent corners
    assert 0.2 < len(zichtbaar) / len(pixels) < 0.8
    assert sum(p[3] == 255 for p in pixels) > 100


def test_iconen_komen_uit_het_script():
    assert _pixels(maak_iconen.kleuricoon()) == _pixels(MANIFEST_MAP / "color.png")
    assert _pixels(maak_iconen.omtrekicoon()) == _pixels(MANIFEST_MAP / "outline.png")


def _png(beeld: Image.Image) -> bytes:
    uit = io.BytesIO()
    beeld.save(uit, format="PNG")
    return uit.getvalue()


def test_iconencontrole_keurt_verkeerde_iconen_af():
    kleur = (MANIFEST_MAP / "color.png").read_bytes()
    omtrek = (MANIFEST_MAP / "outline.png").read_bytes()
    assert teams_pakket.controleer_iconen(kleur, omtrek) == []

    def fouten(kleur_=kleur, omtrek_=omtrek) -> str:
        return " ".join(teams_pakket.controleer_iconen(kleur_, omtrek_))

    assert "192×192" in fouten(kleur_=_png(maak_iconen.kleuricoon().resize((96, 96))))
    assert "in kleur" in fouten(kleur_=_png(Image.new("RGB", (192, 192), (21, 78, 151))))
    assert "in kleur" in fouten(kleur_=_png(maak_iconen.kleuricoon().convert("L")))
    assert "32×32" in fouten(omtrek_=_png(maak_iconen.omtrekicoon().resize((64, 64))))
    assert "transparant" in fouten(omtrek_=_png(maak_iconen.omtrekicoon().convert("RGB")))
    zwart = Image.new("RGBA", (32, 32), (0, 0, 0, 0))
    zwart.paste((0, 0, 0, 255), (8, 8, 24, 24))
    assert "alleen wit" in fouten(omtrek_=_png(zwart))
    assert "geen geldige afbeelding" in fouten(kleur_=b"geen png")


# --- the zip and the command -------------------------------------------------------------------


def test_zip_is_plat_met_manifest_en_iconen(gegevens, schema, tmp_path):
    pad = teams_pakket.bouw_pakket(gegevens, tmp_path / "uit" / "sturingsbot.zip", schema=schema)
    with zipfile.ZipFile(pad) as zip_:
        assert sorted(zip_.namelist()) == ["color.png", "manifest.json", "outline.png"]
        assert all("/" not in naam for naam in zip_.namelist())
        manifest = json.loads(zip_.read("manifest.json"))
        assert zip_.read("color.png") == (MANIFEST_MAP / "color.png").read_bytes()
        assert zip_.read("outline.png") == (MANIFEST_MAP / "outline.png").read_bytes()
    assert manifest["bots"][0]["botId"] == BOT_ID
    assert teams_pakket.valideer_manifest(manifest, schema) == []
    assert teams_pakket.controleer_zip(pad, schema) == []
    assert list((tmp_path / "uit").iterdir()) == [pad]  # no temporary file left behind


def test_zelfde_invoer_geeft_dezelfde_zip(gegevens, schema, tmp_path):
    een = teams_pakket.bouw_pakket(gegevens, tmp_path / "a.zip", schema=schema).read_bytes()
    twee = teams_pakket.bouw_pakket(gegevens, tmp_path / "b.zip", schema=schema).read_bytes()
    assert een == twee


def test_ongeldige_configuratie_geeft_geen_zip(schema, tmp_path):
    slecht = PakketGegevens.uit_omgeving(
        {**OMGEVING, "MicrosoftAppId": "mijn-bot", "TEAMS_PRIVACY_URL": "http://x.nl", "TEAMS_APP_VERSIE": "1.0"}
    )
    with pytest.raises(OngeldigPakket) as fout:
        teams_pakket.bouw_pakket(slecht, tmp_path / "x.zip", schema=schema)
    tekst = str(fout.value)
    assert "MicrosoftAppId moet een GUID zijn" in tekst and "TEAMS_PRIVACY_URL moet een https-adres zijn" in tekst
    assert "TEAMS_APP_VERSIE moet de vorm 1.2.3 hebben" in tekst
    assert "TEAMS_APP_ID is niet ingesteld" in tekst  # cannot be derived from an invalid bot id
    assert not (tmp_path / "x.zip").exists()


def test_een_manifest_dat_het_schema_niet_haalt_wordt_niet_ingepakt(gegevens, schema, tmp_path):
    map_ = tmp_path / "manifest"
    map_.mkdir()
    sjabloon = json.loads((MANIFEST_MAP / teams_pakket.SJABLOON).read_text(encoding="utf-8"))
    sjabloon["bots"][0]["scopes"].append("kantine")
    (map_ / teams_pakket.SJABLOON).write_text(json.dumps(sjabloon), encoding="utf-8")
    for naam in ("color.png", "outline.png"):
        (map_ / naam).write_bytes((MANIFEST_MAP / naam).read_bytes())
    bestaande = tmp_path / "oud.zip"
    bestaande.write_bytes(b"vorige release")
    with pytest.raises(OngeldigPakket) as fout:
        teams_pakket.bouw_pakket(gegevens, bestaande, manifest_map=map_, schema=schema)
    assert any(regel.startswith("bots[0].scopes[3]") for regel in fout.value.fouten)
    assert bestaande.read_bytes() == b"vorige release"


def test_controleer_zip_keurt_mappen_in_de_zip_af(gegevens, schema, tmp_path):
    goed = teams_pakket.bouw_pakket(gegevens, tmp_path / "goed.zip", schema=schema)
    genest = tmp_path / "genest.zip"
    with zipfile.ZipFile(goed) as bron, zipfile.ZipFile(genest, "w") as doel:
        for naam in bron.namelist():
            doel.writestr(f"sturingsbot/{naam}", bron.read(naam))
    assert "precies" in " ".join(teams_pakket.controleer_zip(genest, schema))


def test_ontbrekend_schema_geeft_een_duidelijke_melding(tmp_path):
    with pytest.raises(OngeldigPakket, match="npm install"):
        teams_pakket.laad_schema("1.30", tmp_path)


def test_commando_bouwt_het_pakket(monkeypatch, tmp_path, capsys):
    for naam, waarde in OMGEVING.items():
        monkeypatch.setenv(naam, waarde)
    uitvoer = tmp_path / "dist" / "sturingsbot-teams.zip"
    assert main(["teams-pakket", "--uitvoer", str(uitvoer), "--versie", "1.2.3"]) == 0
    assert "Teams-pakket geschreven" in capsys.readouterr().out
    with zipfile.ZipFile(uitvoer) as zip_:
        manifest = json.loads(zip_.read("manifest.json"))
    assert manifest["version"] == "1.2.3" and manifest["bots"][0]["botId"] == BOT_ID
    assert main(["teams-pakket", "--controleer", str(uitvoer)]) == 0


def test_commando_weigert_een_ongeldig_pakket(monkeypatch, tmp_path, capsys):
    for naam, waarde in OMGEVING.items():
        monkeypatch.setenv(naam, waarde)
    monkeypatch.delenv("TEAMS_PRIVACY_URL")
    uitvoer = tmp_path / "sturingsbot-teams.zip"
    assert main(["teams-pakket", "--uitvoer", str(uitvoer), "--bot-id", "niet-een-guid"]) == 1
    fout = capsys.readouterr().err
    assert "MicrosoftAppId moet een GUID zijn" in fout and "TEAMS_PRIVACY_URL is niet ingesteld" in fout
    assert "Traceback" not in fout and not uitvoer.exists()


COMMANDO_FUNCTIES = {
    "help": "algemeen.hulp",
    "opdrachtgever": "opdrachtgever.zonder_onderwerp",
    "bestuursopdracht check": "bestuursopdracht.start",
    "escalatie": "escalatie.start",
    "statusupdate": "rapportage.update",
    "wie moet nog": "rapportage.wie_moet_nog",
    "overzicht rapportage": "rapportage.overzicht",
    "mijn checks": "bestuursopdracht.mijn_checks",
}


def test_elk_commando_uit_de_commandolijst_wordt_herkend(manifest):
    """Teams sends the command title as the message: each must reach the feature it promises."""
    from dialogen.herkenning import Herkenner

    herkenner = Herkenner.laad()
    titels = {c["title"] for lijst in manifest["bots"][0]["commandLists"] for c in lijst["commands"]}
    assert titels == set(COMMANDO_FUNCTIES)
    for titel, verwacht in COMMANDO_FUNCTIES.items():
        herkend = herkenner.herken(titel)
        assert herkend.intentie == verwacht, (titel, herkend.intentie)
