"""Issue 11, point 5: passage search quality on the development questions, and its speed."""

from __future__ import annotations

import time

import pytest

from bench.documenten import VOORBEELD, beoordeel, bouw_zoeker, lees_vragen
from kennisbank.documenten import Passage, PassageZoeker, passages
from kennisbank.documenten.antwoord import DREMPEL, kies_passages
from kennisbank.documenten.lezen import lees_tekst

# Measured at the chosen threshold (bench/README.md, "Documenten"); a regression fails here.
# Session 5 made the development set harder (144 + 61 questions, 83 + 15 new ones written as
# people type); on it: precision 92.1 %, recall 81.3 %, no out-of-scope quote (before: 88 %, 69 %, 1).
MIN_PRECISIE = 0.92
MIN_RECALL = 0.80


@pytest.fixture(scope="module")
def zoeker() -> PassageZoeker:
    return bouw_zoeker()


def test_precisie_en_recall_op_de_ontwikkelvragen(zoeker: PassageZoeker) -> None:
    vragen = lees_vragen()
    assert len(vragen["beantwoord"]) >= 40 and len(vragen["onbeantwoord"]) >= 40
    uitslag = beoordeel(zoeker, vragen)
    toelichting = "\n".join(uitslag.fouten)
    assert uitslag.onterecht_geciteerd == 0, toelichting
    assert uitslag.precisie >= MIN_PRECISIE, toelichting
    assert uitslag.recall >= MIN_RECALL, toelichting


@pytest.mark.parametrize("vraag", ["waar kan ik lunchen", "de printer is stuk", "waar mag ik parkeren?", "hoi", "???", "", "wat"])
def test_buiten_bereik_krijgt_geen_passage(zoeker: PassageZoeker, vraag: str) -> None:
    assert kies_passages(zoeker, vraag) == []


def test_zoeken_is_deterministisch_en_snel(zoeker: PassageZoeker) -> None:
    vragen = [i["vraag"] for i in lees_vragen()["beantwoord"]]
    tweede = bouw_zoeker()
    eerste = [[(t.passage.regel, t.score) for t in zoeker.zoek(v)] for v in vragen]
    assert eerste == [[(t.passage.regel, t.score) for t in tweede.zoek(v)] for v in vragen]
    begin = time.perf_counter()
    for vraag in vragen:
        zoeker.zoek(vraag)
    assert (time.perf_counter() - begin) / len(vragen) < 0.05  # generous: ~1 ms on the 2-core machine


def test_synoniemen_uit_de_kennisbank() -> None:
    """A begrip's aliases find the document's own word; without them the question finds nothing."""
    document, _ = lees_tekst(
        "## Structuur\n\nWe kiezen voor een minimale gelaagdheid in de organisatie.\n\n## Overig\n\nDe kantine is open.\n",
        "documenten/x.md",
        "x",
        {},
        "",
    )
    vraag = "hoeveel lagen in de organisatie zijn er"
    zonder = PassageZoeker(passages([document]))
    met = PassageZoeker(passages([document]), [["Minimale gelaagdheid", "gelaagdheid", "lagen in de organisatie"]])
    assert kies_passages(zonder, vraag) == []
    assert [p.sectie for p in kies_passages(met, vraag)] == ["Structuur"]
    assert kies_passages(met, "waar is de kantine")[0].sectie == "Overig"


def test_lange_of_rare_invoer_blijft_snel(zoeker: PassageZoeker) -> None:
    """A 50,000-character 'word' took 0.65 s in the compound splitter before the length limits."""
    for tekst in ("x" * 50_000, "kadernota " * 5_000, "\U0001f600" * 1_000, "\x00\ud800?" * 1_000):
        begin = time.perf_counter()
        kies_passages(zoeker, tekst)
        assert time.perf_counter() - begin < 0.2


def test_samenstelling_en_verbuiging_vinden_elkaar() -> None:
    document, _ = lees_tekst(
        "## Rapportages\n\nDe herfstrapportages gaan naar het college.\n\n## Fietsen\n\nDe stalling is open.\n",
        "documenten/x.md",
        "x",
        {},
        "",
    )
    zoeker = PassageZoeker(passages([document]))
    beste = zoeker.zoek("naar wie gaat de herfst rapportage")[0].passage
    assert isinstance(beste, Passage) and beste.sectie == "Rapportages"
    assert zoeker.zoek("wanneer is de rapportage")[0].passage.sectie == "Rapportages"
    assert zoeker.zoek("waar kan ik lunchen") == []


def test_passages_met_een_persoon_uit_de_kennisbank_worden_niet_geciteerd(zoeker: PassageZoeker) -> None:
    """People come from the kennisbank's records; a document may name someone who has moved on.
    Without this rule the index held factsheet V's portfolio lines with the directors' names."""
    from kennisbank.laden import laad_kennisbank
    from kennisbank.zoeken.normaliseren import normaliseer

    personen = laad_kennisbank(VOORBEELD).bestanden.personen
    namen = {normaliseer(p.naam).split()[-1] for p in personen} | {normaliseer(p.naam).split()[0] for p in personen}
    for passage in zoeker.passages:
        assert not namen & set(normaliseer(passage.tekst).split()), passage.tekst[:80]
    for vraag in (
        "welke portefeuille heeft de concerndirecteur",
        "wie zitten er in de concerndirectie",
        "wat is de portefeuilleverdeling",
    ):
        for passage in kies_passages(zoeker, vraag):
            assert not namen & set(normaliseer(passage.tekst).split())


def test_de_voorbeelden_in_de_hulp_krijgen_een_citaat(zoeker: PassageZoeker) -> None:
    import re

    from dialogen.teksten import Teksten

    voorbeelden = re.findall(r'"([^"]+)"', Teksten.laad().tekst("documenten.hulp"))
    assert len(voorbeelden) >= 2
    for vraag in voorbeelden:
        assert kies_passages(zoeker, vraag), vraag


def test_zonder_documenten_geen_treffers() -> None:
    """A kennisbank without documenten/: the feature has nothing to quote and lets the router answer."""
    leeg = PassageZoeker([])
    assert leeg.zoek("wat is een kadernota") == []
    assert kies_passages(leeg, "wat is een kadernota") == []


def _document(tekst: str):
    document, meldingen = lees_tekst(tekst, "documenten/x.md", "x", {}, "")
    assert not meldingen
    return document


def test_werkwoordsvormen_tikfouten_en_w_vragen_vinden_de_tekst() -> None:
    """A verb form the documents don't use, a typo of their word, and 'W-vragen' (whose 'W' used
    to be lost) still find the right section; a made-up word near no document word finds nothing."""
    document = _document(
        "## Toetsing\n\nDe controllers toetsen elk contract vooraf.\n\n"
        "## Begroting\n\nDe begroting volgt de vier W-vragen.\n\n"
        "## Vergaderingen\n\nHet bestuur vergadert elke dinsdag in het stadskantoor.\n\n"
        "## Overig\n\nDe stalling sluit om tien uur.\n"
    )
    zoeker = PassageZoeker(passages([document]))
    assert kies_passages(zoeker, "wie toetst het contract")[0].sectie == "Toetsing"
    assert kies_passages(zoeker, "welke w-vragen kent de begroting")[0].sectie == "Begroting"
    assert kies_passages(zoeker, "wanneer vergaderd het bestuur")[0].sectie == "Vergaderingen"
    assert kies_passages(zoeker, "wanneer sluit de staling")[0].sectie == "Overig"
    assert kies_passages(zoeker, "waar is de kantine") == []


def test_meegeleverde_synoniemen_vinden_andere_woorden() -> None:
    """'bij elkaar komen' finds 'vergadert' through kennisbank/documenten/synoniemen.yaml."""
    from kennisbank.documenten.synoniemen import standaard_synoniemen

    document = _document(
        "## College\n\nHet college vergadert wekelijks met de secretaris.\n\n## Overig\n\nDe stalling is open.\n"
    )
    vraag = "hoe vaak komt het college bij elkaar"
    zonder = PassageZoeker(passages([document]))
    met = PassageZoeker(passages([document]), standaard_synoniemen())
    assert zonder.zoek(vraag)[0].score < met.zoek(vraag)[0].score
    assert [p.sectie for p in kies_passages(met, vraag)] == ["College"]


def test_eigen_synoniemen_van_de_gemeente(tmp_path) -> None:
    """A gemeente teaches its own words in <kennisbank>/documenten/synoniemen.yaml, without code."""
    import shutil

    from kennisbank.documenten import passagezoeker_van
    from kennisbank.laden import laad_kennisbank

    kopie = tmp_path / "kb"
    shutil.copytree(VOORBEELD, kopie)
    (kopie / "documenten" / "inkoop.md").write_text(
        "## Inkoop\n\nHet inkoopteam adviseert bij elke aanbesteding boven de drempel.\n", encoding="utf-8"
    )
    vraag = "wie adviseert mij bij een tender"
    zonder = passagezoeker_van(laad_kennisbank(kopie)).zoek(vraag)[0]
    (kopie / "documenten" / "synoniemen.yaml").write_text("- [aanbesteding, tender]\n", encoding="utf-8")
    met = passagezoeker_van(laad_kennisbank(kopie)).zoek(vraag)[0]
    assert met.passage.sectie == "Inkoop" and met.score > zonder.score
    assert met.score >= DREMPEL > zonder.score
