"""Issue 11, point 5: the source documents ship in the kennisbank as sections; mistakes in a
document file give a Dutch melding with file and line, at load, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kennisbank.documenten import lees_documenten, passages
from kennisbank.documenten.antwoord import ingekort
from kennisbank.laden import laad_kennisbank, lees_kennisbank
from kennisbank.meldingen import KennisbankFout, Melding
from kennisbank.model import Document

VOORBEELD = Path(__file__).resolve().parent.parent / "kennisbank" / "voorbeeld"
GELDIG = Path(__file__).parent / "kennisbank_fixtures" / "geldig"
BEKEND = {"nota-x": Document(id="nota-x", titel="Nota X", organisatie="Gemeente Y")}


def lees(tmp_path: Path, bestanden: dict[str, str | bytes]) -> tuple[list, list[Melding]]:
    map_ = tmp_path / "documenten"
    map_.mkdir()
    for naam, inhoud in bestanden.items():
        if isinstance(inhoud, bytes):
            (map_ / naam).write_bytes(inhoud)
        else:
            (map_ / naam).write_text(inhoud, encoding="utf-8")
    return lees_documenten(map_, BEKEND, "Voorbeeldgemeente")


def test_de_vijf_brondocumenten_laden_met_de_ids_van_de_kennisbank() -> None:
    kennisbank = laad_kennisbank(VOORBEELD)
    documenten, meldingen = lees_documenten(VOORBEELD / "documenten", kennisbank.documenten, "Voorbeeldgemeente")
    assert meldingen == []
    ids = {d.id for d in documenten}
    assert ids == {d.id for d in kennisbank.organisatie.documenten if d.bestand}
    for document in documenten:
        assert document.titel == kennisbank.documenten[document.id].titel
        assert len(document.secties) >= 5
    secties = {s.titel for d in documenten if d.id == "deventer-dubbelslag" for s in d.secties}
    assert {"Factsheet V", "Factsheet VI – Hoe werken we?", "Realisatie"} <= secties


def test_elke_passage_staat_letterlijk_in_het_bestand() -> None:
    """Quotes are literal: every line of every passage (also shortened) is a piece of the file's text;
    a list is quoted with the line that introduces it."""
    kennisbank = laad_kennisbank(VOORBEELD)
    documenten, _ = lees_documenten(VOORBEELD / "documenten", kennisbank.documenten, "")
    alle = passages(documenten)
    assert len(alle) > 200
    for passage in alle:
        tekst = (VOORBEELD / passage.document.bestand).read_text(encoding="utf-8")
        for lijn in passage.tekst.split("\n") + ingekort(passage.tekst, 300).removesuffix(" …").split("\n"):
            assert lijn in tekst, (passage, lijn)
        assert len(passage.tekst) <= 1200, passage


def test_bronnen_zonder_ruis() -> None:
    """Extraction noise is gone: no HTML, no tab tables, no page headers, no broken sentences."""
    for pad in (VOORBEELD / "documenten").glob("*.md"):
        tekst = pad.read_text(encoding="utf-8")
        assert "<b>" not in tekst and "<i>" not in tekst and "\t" not in tekst, pad
        assert "Inhoudsopgave" not in tekst
        for alinea in tekst.split("\n\n"):
            assert not alinea[:1].islower(), (pad.name, alinea[:60])


def test_voorblad_is_optioneel_titel_uit_bestandsnaam_of_kop(tmp_path: Path) -> None:
    documenten, meldingen = lees(
        tmp_path,
        {
            "inkoop-beleid_2024.txt": "Wij kopen duurzaam in.\n\nAanbesteden doen we samen.\n",
            "handboek.md": "# Handboek sturing\n\nInleidende tekst.\n\n## Rollen\n\nDe rollen staan hier.\n",
            "nota-x.md": "## Kern\n\nDe kern van nota X.\n",
        },
    )
    assert meldingen == []
    per_id = {d.id: d for d in documenten}
    assert per_id["inkoop-beleid-2024"].titel == "Inkoop beleid 2024"
    assert per_id["inkoop-beleid-2024"].organisatie == "Voorbeeldgemeente"
    assert per_id["handboek"].titel == "Handboek sturing"
    assert [s.titel for s in per_id["handboek"].secties] == [None, "Rollen"]
    assert (per_id["nota-x"].titel, per_id["nota-x"].organisatie) == ("Nota X", "Gemeente Y")


@pytest.mark.parametrize(
    ("inhoud", "regel", "tekst"),
    [
        ("---\nid: a\ntitel: A\n\n## Kop\n\nTekst.\n", 1, "niet afgesloten"),
        ("---\nid: a\nauteur: Piet\n---\n\n## Kop\n\nTekst.\n", 3, "onbekend veld 'auteur'"),
        ("---\nid: a\ntitl: A\n---\n\nTekst.\n", 3, "bedoelde je 'titel'"),
        ("id: a\ntitel: A\n\n## Kop\n\nTekst.\n", 1, "voorblad (front matter) ontbreekt"),
        ("---\nid: a\ntitel: [A\n---\n\nTekst.\n", 3, "ongeldige YAML"),
        ("---\nid: a\ntitel: 12\n---\n\nTekst.\n", 3, "moet tekst zijn"),
        ("---\n- a\n---\n\nTekst.\n", 2, "voorblad moet velden bevatten"),
        ("---\nid: a\n---\n\n## Inleiding\n\nTekst.\n\n## Lege kop\n\n## Slot\n\nTekst.\n", 9, "sectie 'Lege kop' is leeg"),
        ("---\nid: a\n---\n\nTekst.\n\n##\n\nMeer.\n", 7, "kop zonder tekst"),
        ("---\nid: a\n---\n\n", None, "document bevat geen tekst"),
    ],
    ids=[
        "niet-afgesloten",
        "onbekend-veld",
        "tikfout-veld",
        "voorblad-ontbreekt",
        "yaml-fout",
        "geen-tekst-veld",
        "geen-velden",
        "lege-sectie",
        "lege-kop",
        "leeg-document",
    ],
)
def test_fouten_met_bestand_en_regel(tmp_path: Path, inhoud: str, regel: int | None, tekst: str) -> None:
    documenten, meldingen = lees(tmp_path, {"nota.md": inhoud})
    assert documenten == []
    fouten = [m for m in meldingen if m.is_fout]
    assert len(fouten) == 1, meldingen
    assert fouten[0].bestand == "documenten/nota.md"
    if tekst != "ongevalideerd":
        assert tekst in fouten[0].tekst
    else:
        assert "ongeldige YAML" in fouten[0].tekst
    assert fouten[0].regel == regel


def test_hoofdstuk_met_alleen_subsecties_is_niet_leeg(tmp_path: Path) -> None:
    _, meldingen = lees(tmp_path, {"a.md": "## Hoofdstuk 1\n\n### Paragraaf\n\nTekst.\n"})
    assert meldingen == []


def test_geen_utf8_dubbel_id_en_onbekend_bestandstype(tmp_path: Path) -> None:
    documenten, meldingen = lees(
        tmp_path,
        {
            "a.md": "---\nid: zelfde\n---\n\nTekst A.\n",
            "b.md": "---\nid: zelfde\n---\n\nTekst B.\n",
            "c.txt": "Regel een.\n\nCaf\xe9".encode("latin-1"),
            "d.pdf": b"%PDF-1.4",
        },
    )
    assert [d.id for d in documenten] == ["zelfde"]
    teksten = {(m.bestand, m.regel, m.ernst): m.tekst for m in meldingen}
    assert "ook in documenten/a.md" in teksten[("documenten/b.md", None, "fout")]
    assert "UTF-8" in teksten[("documenten/c.txt", 3, "fout")]
    assert ".md- of .txt-bestand" in teksten[("documenten/d.pdf", None, "waarschuwing")]


def test_fout_in_document_houdt_de_kennisbank_tegen(tmp_path: Path) -> None:
    """The loader reports document mistakes with the others: `check` shows them, the bot won't start."""
    shutil.copytree(GELDIG, tmp_path / "kb")
    (tmp_path / "kb" / "documenten").mkdir()
    (tmp_path / "kb" / "documenten" / "nota.md").write_text("---\nid: nota\nsoort: beleid\n---\n\nTekst.\n", encoding="utf-8")
    resultaat = lees_kennisbank(tmp_path / "kb")
    assert resultaat.kennisbank is None
    assert [str(m) for m in resultaat.fouten] == ["documenten/nota.md:3: onbekend veld 'soort'"]
    with pytest.raises(KennisbankFout, match=r"documenten/nota\.md:3"):
        laad_kennisbank(tmp_path / "kb")


def test_kennisbank_zonder_documentenmap_is_geldig() -> None:
    assert not (GELDIG / "documenten").exists()
    assert lees_kennisbank(GELDIG).kennisbank is not None


def test_check_toont_de_documenten(capsys: pytest.CaptureFixture[str]) -> None:
    from kennisbank.__main__ import main

    assert main(["check", str(VOORBEELD)]) == 0
    assert "  documenten/: 5 documenten, " in capsys.readouterr().out


def test_waarschuwing_voor_brondocument_zonder_tekst(tmp_path: Path) -> None:
    shutil.copytree(VOORBEELD, tmp_path / "kb")
    (tmp_path / "kb" / "documenten" / "zoetermeer-sturen.md").unlink()
    resultaat = lees_kennisbank(tmp_path / "kb")
    assert resultaat.kennisbank is not None
    assert [str(m) for m in resultaat.waarschuwingen if m.bestand.startswith("documenten")] == [
        "documenten/: waarschuwing: document 'zoetermeer-sturen' uit organisatie.yaml heeft geen tekst in "
        "documenten/ (verwacht documenten/zoetermeer-sturen.md); de bot kan er niet uit citeren"
    ]


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (
            "- [toetsen, beoordelen]\n- [alleen]\n",
            "documenten/synoniemen.yaml:2: een groep heeft minstens twee woorden of woordgroepen nodig",
        ),
        (
            "- [toetsen, beoordelen]\n- vergaderen\n",
            "documenten/synoniemen.yaml:2: een groep is een lijst van woorden of woordgroepen, bijvoorbeeld [toetsen, beoordelen]",
        ),
        (
            "groepen: [a, b]\n",
            "documenten/synoniemen.yaml:1: verwacht een lijst van groepen, bijvoorbeeld: - [vergaderen, bij elkaar komen]",
        ),
    ],
)
def test_fout_in_synoniemen_met_bestand_en_regel(tmp_path: Path, inhoud: str, melding: str) -> None:
    """A gemeente's synonym file is checked at load like every kennisbank file: Dutch, file and line."""
    shutil.copytree(VOORBEELD, tmp_path / "kb")
    (tmp_path / "kb" / "documenten" / "synoniemen.yaml").write_text(inhoud, encoding="utf-8")
    resultaat = lees_kennisbank(tmp_path / "kb")
    assert resultaat.kennisbank is None
    assert [str(m) for m in resultaat.fouten] == [melding]


def test_goede_synoniemen_geven_geen_melding(tmp_path: Path) -> None:
    shutil.copytree(VOORBEELD, tmp_path / "kb")
    (tmp_path / "kb" / "documenten" / "synoniemen.yaml").write_text("- [inkoopteam, afdeling inkoop]\n", encoding="utf-8")
    resultaat = lees_kennisbank(tmp_path / "kb")
    assert resultaat.kennisbank is not None
    assert not [m for m in resultaat.waarschuwingen if "synoniemen" in m.bestand]
