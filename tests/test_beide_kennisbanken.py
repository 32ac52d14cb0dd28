"""Issue 16 item 7: every feature works on both shipped example kennisbanken, and neither leaks into
the other.

A scripted conversation touches every feature (welcome, help, opdrachtgever lookups, history,
begrippen, rollen, escalation, the bestuursopdracht check, rapportage, documents, the honest "weet
ik niet"); what it asks and expects comes from the loaded data (`tests/kennis_voorbeelden.py`).
Then: no person, onderwerp or begrip of the OTHER example appears in any reply, and the default
texts and the manifest name no person or onderwerp of either example.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz

from bot.settings import STANDAARD_KENNISBANK
from dialogen.teksten import STANDAARD_MAP
from kennisbank.bestuursopdracht import beoordeel
from tests.conftest import Klok, TestGesprek, tekst_van
from tests.kennis_eenmaal import KENNISBANKEN, laad_eenmaal
from tests.kennis_voorbeelden import Voorbeelden, datum_tekst

pytestmark = [pytest.mark.beide_kennisbanken, pytest.mark.beide_databases]

MANIFEST = STANDAARD_KENNISBANK.parent.parent / "manifest" / "manifest.template.json"


def kaarten(activiteiten: list[dict]) -> list[dict]:
    return [
        b["content"]
        for a in activiteiten
        for b in a.get("attachments") or []
        if b.get("contentType") == "application/vnd.microsoft.card.adaptive"
    ]


def knoppen(activiteiten: list[dict]) -> list[str]:
    return [a["title"] for b in activiteiten for a in ((b.get("suggestedActions") or {}).get("actions") or [])]


def _bestandstekst(map_: Path) -> str:
    """Everything a kennisbank folder says, lower case: its own words can't leak from elsewhere."""
    return "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(map_.rglob("*")) if p.suffix in {".yaml", ".md", ".txt"}
    ).lower()


def vreemde_namen(eigen: Path) -> dict[str, str]:
    """Names of the other examples that this kennisbank's own files never mention (lower -> name)."""
    eigen_tekst = _bestandstekst(eigen)
    namen: dict[str, str] = {}
    for naam, map_ in KENNISBANKEN.items():
        if map_.resolve() == eigen.resolve():
            continue
        for woord in Voorbeelden(laad_eenmaal(map_), date(2026, 11, 22)).namen():
            if len(woord) >= 5 and woord.lower() not in eigen_tekst:
                namen[woord.lower()] = f"{woord} ({naam})"
    return namen


class Opname:
    """A conversation that keeps every reply, for the leak check at the end."""

    def __init__(self, gesprek: TestGesprek) -> None:
        self.gesprek = gesprek
        self.teksten: list[str] = []

    async def stuur(self, tekst: str | None = None, **velden) -> tuple[list[dict], str]:
        antwoorden = await self.gesprek.stuur(tekst, **velden)
        gelezen = tekst_van(antwoorden)
        self.teksten.append(gelezen)
        return antwoorden, gelezen

    async def installeer(self) -> str:
        gelezen = tekst_van(await self.gesprek.installeer())
        self.teksten.append(gelezen)
        return gelezen


async def speel_alles(gesprek: TestGesprek, vb: Voorbeelden, klok: Klok) -> Opname:
    """One scripted conversation through every feature; asserts each answer from the data."""
    kb = vb.kennisbank
    opname = Opname(gesprek)

    welkom = await opname.installeer()
    assert "Sturingsbot" in welkom
    _, hulp = await opname.stuur("help")
    assert "Opdrachtgever opzoeken" in hulp and "Escaleren" in hulp

    # ---- opdrachtgever -------------------------------------------------------------------
    onderwerp = vb.onderwerp()
    _, tekst = await opname.stuur(f"wie is ambtelijk opdrachtgever voor {onderwerp.naam}?")
    assert onderwerp.naam in tekst and vb.ao(onderwerp).naam in tekst and "Bron:" in tekst

    met_bo = vb.met_bestuurlijk()
    _, tekst = await opname.stuur(f"welke wethouder is bestuurlijk opdrachtgever van {met_bo.naam}?")
    assert vb.bestuurlijk(met_bo).naam in tekst, tekst

    met_gd = vb.met_gedelegeerd()
    _, tekst = await opname.stuur(f"wie is gedelegeerd opdrachtgever voor {met_gd.naam}?")
    assert vb.gedelegeerd(met_gd).naam in tekst, tekst

    zonder_bo = vb.zonder_bestuurlijk()
    _, tekst = await opname.stuur(f"welke wethouder gaat over {zonder_bo.naam}")
    assert "noemt geen bestuurlijk opdrachtgever" in tekst and vb.ao(zonder_bo).naam in tekst, tekst

    manager = vb.opdrachtgever_met_onderwerpen()
    _, tekst = await opname.stuur(f"waar is {manager.naam} allemaal opdrachtgever voor?")
    assert all(o.naam in tekst for o in vb.ambtelijk_van(manager)), tekst

    _, tekst = await opname.stuur("geef me een lijst van alle onderwerpen")
    assert f"kent {len(kb.bestanden.onderwerpen)} onderwerpen" in tekst

    _, tekst = await opname.stuur("wie is ambtelijk opdrachtgever voor de kerstmarkt?")
    assert "Ik ken dat onderwerp niet" in tekst
    assert not any(p.naam in tekst for p in kb.bestanden.personen)

    # ---- history: a past holder on the last day of their term ---------------------------------
    for o in kb.bestanden.onderwerpen:
        for wissel in o.historie:
            if wissel.persoon:
                _, tekst = await opname.stuur(f"wie was {wissel.rol} opdrachtgever van {o.naam} op {datum_tekst(wissel.tot)}?")
                assert kb.personen[wissel.persoon].naam in tekst, tekst
                break
        else:
            continue
        break

    # ---- begrippen, rollen, soorten werk -----------------------------------------------------
    namen_onderwerpen = {o.naam.lower() for o in kb.bestanden.onderwerpen}
    begrip = next(b for b in kb.bestanden.begrippen if b.term.lower() not in namen_onderwerpen)
    _, tekst = await opname.stuur(f"wat is {begrip.term.lower()}?")
    assert begrip.term in tekst, tekst
    rol = next(
        r
        for r in kb.bestanden.rollen
        if re.fullmatch(r"[A-Za-z]+", r.naam) and all(fuzz.ratio(r.naam, a.naam) < 80 for a in kb.bestanden.rollen if a is not r)
    )
    _, tekst = await opname.stuur(f"wat doet een {rol.naam.lower()}?")
    assert rol.naam in tekst, tekst
    if kb.bestanden.soorten_werk:
        soort = kb.bestanden.soorten_werk[0]
        _, tekst = await opname.stuur(f"wie is ambtelijk opdrachtgever voor {soort.aliassen[0]}?")
        assert soort.ambtelijk_opdrachtgever.split(".")[0][:40] in " ".join(tekst.split()), tekst

    # ---- escalation: the guided dialog, then every rule by one of its own questions -----------
    antwoorden, tekst = await opname.stuur("ik wil escaleren")
    groepen = list(dict.fromkeys(r.groep for r in kb.bestanden.escalatie))
    assert groepen and all(g in knoppen(antwoorden) for g in groepen), knoppen(antwoorden)
    await opname.stuur("stop")
    for regel in kb.bestanden.escalatie:
        antwoorden, tekst = await opname.stuur(regel.voorbeeldvragen[0])
        assert regel.situatie in tekst, (regel.id, tekst)
        await opname.stuur("stop")

    # ---- bestuursopdracht ----------------------------------------------------------------------
    kader = kb.bestanden.bestuursopdracht
    _, tekst = await opname.stuur("Hoeveel criteria moeten gelden?")
    assert " ".join(kader.drempel.keuze.split())[:60] in " ".join(tekst.split()), tekst
    gesprek.als = manager.id
    _, tekst = await opname.stuur("bestuursopdracht check")
    assert "Om welke opdracht gaat het?" in tekst
    antwoorden, _ = await opname.stuur("Nieuwe fietsenstalling")
    [kaart] = kaarten(antwoorden)
    schakelaars = [i for c in kaart["body"] if c.get("type") == "Container" for i in c["items"] if i["type"] == "Input.Toggle"]
    assert [s["title"] for s in schakelaars] == [c.tekst for c in kader.criteria]
    data = next(a["data"] for a in kaart["actions"] if a["title"] == "Bekijk advies")
    waarde = {**data, "notitie": ""}
    for nummer, schakelaar in enumerate(schakelaars):
        waarde[schakelaar["id"]] = schakelaar["valueOn"] if nummer < kader.drempel.nodig else schakelaar["valueOff"]
    _, tekst = await opname.stuur(waarde=waarde)
    verwacht = beoordeel(kader, [c.id for c in kader.criteria[: kader.drempel.nodig]]).advies
    assert f"**Advies: {verwacht.titel}**" in tekst, tekst
    assert verwacht.titel == kader.adviezen.nodig.titel

    # ---- rapportage: an AO in an open period, the facts, the controller's overview ------------
    moment, periode = vb.open_moment()
    klok.zet(moment)
    antwoorden, tekst = await opname.stuur("statusupdate")
    assert periode.naam in tekst, tekst
    soort = kb.bestanden.rapportage.jaarlijks[0]
    _, tekst = await opname.stuur(f"wanneer is de deadline van de {soort.aliassen[0]}?")
    assert "deadline" in tekst.lower() and soort.naam.replace("{jaar}", "").strip() in tekst, tekst
    gesprek.als = vb.controller().id
    _, tekst = await opname.stuur("overzicht rapportage")
    assert periode.naam in tekst, tekst
    for regel in kb.bestanden.rapportage.jaarlijks:
        naam = regel.naam.format(jaar=periode.peildatum.year)
        _, tekst = await opname.stuur(f"overzicht {regel.aliassen[0]} {periode.peildatum.year}")
        assert f"**{naam}**" in tekst, tekst
    _, tekst = await opname.stuur("wie moet nog?")
    assert any(o.naam in tekst for o in kb.bestanden.onderwerpen), tekst
    gesprek.als = vb.buitenstaander().id
    _, tekst = await opname.stuur("overzicht rapportage")
    assert "voor controllers en opdrachtgevers" in tekst, tekst

    # ---- documents: a sentence from a source document gets a literal quote ----------------------
    _, tekst = await opname.stuur("wat zeggen de documenten over de taken van het college van burgemeester en wethouders?")
    assert "Uit *" in tekst, tekst
    return opname


async def test_elke_functie_werkt_en_noemt_niets_van_het_andere_voorbeeld(
    gesprek: TestGesprek, voorbeelden: Voorbeelden, klok: Klok, kennisbank_map: Path
) -> None:
    opname = await speel_alles(gesprek, voorbeelden, klok)
    vreemd = vreemde_namen(kennisbank_map)
    assert vreemd, "the other example has names of its own"
    alles = "\n".join(opname.teksten).lower()
    gelekt = sorted(naam for laag, naam in vreemd.items() if re.search(rf"\b{re.escape(laag)}\b", alles))
    assert not gelekt, f"antwoorden met {kennisbank_map.name} noemen het andere voorbeeld: {gelekt}"


def test_standaardteksten_en_manifest_noemen_geen_voorbeeld() -> None:
    """Default texts and the manifest are shared by every gemeente: no person or onderwerp of any example."""
    namen = set()
    for map_ in KENNISBANKEN.values():
        bestanden = laad_eenmaal(map_).bestanden
        namen |= {p.naam for p in bestanden.personen} | {o.naam for o in bestanden.onderwerpen}
        namen |= {p.naam.split()[-1] for p in bestanden.personen}
    teksten = {p.name: p.read_text(encoding="utf-8") for p in sorted(STANDAARD_MAP.glob("*.yaml"))}
    teksten["manifest.template.json"] = MANIFEST.read_text(encoding="utf-8")
    gevonden = []
    for bestand, tekst in teksten.items():
        inhoud = tekst if bestand.endswith(".json") else yaml.dump(_alleen_tekst(yaml.safe_load(tekst)), allow_unicode=True)
        for naam in namen:
            if len(naam) >= 4 and re.search(rf"\b{re.escape(naam)}\b", inhoud, re.IGNORECASE):
                gevonden.append((bestand, naam))
    assert not gevonden, gevonden


def _alleen_tekst(waarde):
    """The user-facing texts of a texts file; `geen_regel_vragen` and other training lists are no reply."""
    if isinstance(waarde, dict):
        return {k: _alleen_tekst(v) for k, v in waarde.items() if not k.endswith("_vragen")}
    return waarde


async def test_de_documentvoorbeelden_in_de_hulp_krijgen_een_citaat(gesprek: TestGesprek, services) -> None:
    """The help's document examples fit the kennisbank (`teksten/` may override them): each gets an
    answer from a source (a quote, or a record that already answers it), never "weet ik niet"."""
    voorbeelden = re.findall(r'"([^"]+)"', services.diensten.teksten.tekst("documenten.hulp"))
    assert len(voorbeelden) >= 2
    for vraag in voorbeelden:
        tekst = tekst_van(await gesprek.stuur(vraag))
        assert "Uit *" in tekst or "Bron:" in tekst, (vraag, tekst)


async def test_de_voorbeelden_in_de_hulp_werken_op_elk_voorbeeld(gesprek: TestGesprek, services, kennisbank) -> None:
    """The help's lookup examples are filled from the loaded data; each one gets a real answer."""
    hulp = services.diensten.teksten.tekst("algemeen.hulp")
    voorbeelden = re.findall(r'"([^"]+)"', hulp)
    assert len(voorbeelden) >= 6
    for vraag in voorbeelden:
        tekst = tekst_van(await gesprek.stuur(vraag))
        assert "Bron:" in tekst, (vraag, tekst)
        assert "weet ik niet" not in tekst.lower(), (vraag, tekst)


@pytest.mark.parametrize("map_", list(KENNISBANKEN.values()), ids=list(KENNISBANKEN))
def test_kennisbank_check_slaagt_op_elk_voorbeeld(map_: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kennisbank.__main__ import main

    assert main(["check", str(map_)]) == 0
    uitvoer = capsys.readouterr().out
    assert "Kennisbank is in orde" in uitvoer
    assert "delen de naam" not in uitvoer, uitvoer  # no rol and begrip of one name: "wat is" and "wat doet" agree
    if map_.name == "voorbeeld_cmt":
        assert "waarschuwing" not in uitvoer.lower(), uitvoer
