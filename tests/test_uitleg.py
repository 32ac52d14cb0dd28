"""What a rol or begrip is, does, or how two differ: the record the sentence names (the longest name
typed in full; both for a difference), with its document and section, through the real turn
pipeline on both example kennisbanken. The questions are written for these tests; none comes from
a natural question set or from tests/begrip/uitlegvragen.yaml."""

from __future__ import annotations

import pytest

from bench.ontwikkelvragen import KENNISBANKEN, laad
from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Begrip, Rol
from kennisbank.zoeken import Zoeker
from kennisbank.zoeken.antwoord import SOORT_BEGRIP, SOORT_ROL
from tests.conftest import TestGesprek, tekst_van
from tests.kennis_voorbeelden import Voorbeelden
from tests.test_natuurlijke_vragen import _trainingsvoorbeelden
from tests.vragen.natuurlijk.beoordeling import normaliseer

ALLEEN_SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
UITLEGVRAGEN = KENNISBANKEN.parent / "tests" / "begrip" / "uitlegvragen.yaml"


def _rol_met_alias(kennisbank: Kennisbank, alias: str) -> Rol:
    rollen = [r for r in kennisbank.bestanden.rollen if alias in (a.lower() for a in r.aliassen)]
    assert len(rollen) == 1, (alias, [r.id for r in rollen])
    return rollen[0]


def _rol(kennisbank: Kennisbank, rol_id: str) -> Rol:
    rol = kennisbank.rol(rol_id)
    assert rol is not None, rol_id
    return rol


@pytest.mark.beide_kennisbanken
@ALLEEN_SQLITE
async def test_the_gedelegeerd_opdrachtgever_is_explained_not_the_ambtelijk_one(gesprek: TestGesprek, kennisbank):
    gedelegeerd = _rol_met_alias(kennisbank, "gedelegeerd opdrachtgever")
    ambtelijk = _rol_met_alias(kennisbank, "ambtelijk opdrachtgever")
    tekst = tekst_van(await gesprek.stuur("hee, wat doet zo'n gedelegeerd opdrachtgever nou precies"))
    assert gedelegeerd.naam in tekst and kennisbank.bron_tekst(gedelegeerd.bron) in tekst, tekst
    assert ambtelijk.omschrijving[:80] not in tekst.met_knoppen


@pytest.mark.beide_kennisbanken
@ALLEEN_SQLITE
async def test_a_name_written_once_for_two_explains_both(gesprek: TestGesprek, kennisbank):
    ambtelijk = _rol_met_alias(kennisbank, "ambtelijk opdrachtgever")
    bestuurlijk = _rol_met_alias(kennisbank, "bestuurlijk opdrachtgever")
    tekst = tekst_van(await gesprek.stuur("kun je het verschil uitleggen tussen ambtelijk en bestuurlijk opdrachtgever"))
    for rol in (ambtelijk, bestuurlijk):
        assert rol.naam in tekst and kennisbank.bron_tekst(rol.bron) in tekst, (rol.id, tekst)


@pytest.mark.beide_kennisbanken
@ALLEEN_SQLITE
async def test_a_difference_question_explains_each_record_it_names(gesprek: TestGesprek, kennisbank):
    een, ander = _rol(kennisbank, "teamondersteuner"), _rol(kennisbank, "gebiedsmakelaar")
    tekst = tekst_van(await gesprek.stuur(f"in hoeverre verschillen de {een.naam.lower()} en de {ander.naam.lower()}?"))
    for rol in (een, ander):
        assert rol.naam in tekst and rol.omschrijving[:60] in tekst, (rol.id, tekst)


@pytest.mark.beide_kennisbanken
@ALLEEN_SQLITE
async def test_who_is_the_gedelegeerd_opdrachtgever_of_an_onderwerp_still_names_the_person(
    gesprek: TestGesprek, kennisbank, voorbeelden: Voorbeelden
):
    onderwerp = voorbeelden.met_gedelegeerd()
    persoon = voorbeelden.gedelegeerd(onderwerp)
    tekst = tekst_van(await gesprek.stuur(f"wie is gedelegeerd opdrachtgever van {onderwerp.naam.lower()}"))
    assert persoon.naam in tekst, tekst


def _begrip(kennisbank: Kennisbank, begrip_id: str) -> Begrip:
    begrippen = [b for b in kennisbank.bestanden.begrippen if b.id == begrip_id]
    assert len(begrippen) == 1, begrip_id
    return begrippen[0]


@ALLEEN_SQLITE
async def test_one_thing_kept_as_one_record_gets_one_explanation_however_asked(gesprek: TestGesprek, kennisbank):
    """The first example's concerndirectie was a rol and a begrip of one name from one document: the
    answer depended on "wat is" or "wat doet". Now it is one rol, holding what the begrip said too."""
    rol = _rol(kennisbank, "concerndirectie")
    assert not [b.id for b in kennisbank.bestanden.begrippen if normaliseer(b.term) == normaliseer(rol.naam)]
    for vraag in ("wat is de concerndirectie eigenlijk?", "wat doet de concerndirectie"):
        tekst = tekst_van(await gesprek.stuur(vraag))
        assert rol.omschrijving[:120] in tekst and rol.verantwoordelijkheden[0] in tekst, (vraag, tekst)
        assert kennisbank.bron_tekst(rol.bron) in tekst, (vraag, tekst)


@ALLEEN_SQLITE
async def test_two_things_of_one_name_the_plain_name_is_the_rol_the_named_gemeente_the_begrip(gesprek: TestGesprek, kennisbank):
    """The plain "directie" is the directie of the sturingskader (a rol); the glossary's informal name of another
    gemeente is asked for with that gemeente's name, and each answer leaves the other out."""
    rol, begrip = _rol(kennisbank, "directie"), _begrip(kennisbank, "directie-amersfoort")
    tekst = tekst_van(await gesprek.stuur("wat is de directie?"))
    assert rol.omschrijving[:80] in tekst and kennisbank.bron_tekst(rol.bron) in tekst, tekst
    assert begrip.uitleg not in tekst.met_knoppen
    tekst = tekst_van(await gesprek.stuur("en wat is de directie in amersfoort"))
    assert begrip.term in tekst and begrip.uitleg in tekst and kennisbank.bron_tekst(begrip.bron) in tekst, tekst
    assert rol.omschrijving[:80] not in tekst.met_knoppen


@ALLEEN_SQLITE
async def test_a_name_for_a_part_some_roles_play_explains_the_begrip_not_one_of_those_roles(gesprek: TestGesprek, kennisbank):
    """A doorgemandateerd opdrachtgever is whoever the opdrachtgeverschap was doormandateerd to (the
    adjunct-directeur in the source's example, not always): the begrip explains it, however asked,
    and the adjunct-directeur's own description does not stand in for it."""
    begrip, adjunct = _begrip(kennisbank, "doorgemandateerd-opdrachtgeverschap"), _rol(kennisbank, "adjunct-directeur")
    for vraag in ("wat is een doorgemandateerd opdrachtgever", "wat doet zo'n doorgemandateerd opdrachtgever dan?"):
        tekst = tekst_van(await gesprek.stuur(vraag))
        assert begrip.uitleg[:80] in tekst and kennisbank.bron_tekst(begrip.bron) in tekst, (vraag, tekst)
        assert adjunct.omschrijving[:80] not in tekst.met_knoppen, (vraag, tekst)
    tekst = tekst_van(await gesprek.stuur("wat doet een adjunct-directeur?"))
    assert adjunct.omschrijving[:80] in tekst, tekst


def test_the_longest_name_typed_in_full_wins(kennisbank):
    zoeker = Zoeker(kennisbank)
    gedelegeerd = _rol_met_alias(kennisbank, "gedelegeerd opdrachtgever")
    vermeldingen = zoeker.vind("wat doet een gedelegeerd opdrachtgever", frozenset({SOORT_ROL, SOORT_BEGRIP}))
    exact = {(e.soort, e.id) for v in vermeldingen for e in v.kandidaten if e.exact}
    assert exact == {(SOORT_ROL, gedelegeerd.id)}


def test_a_shared_last_part_completes_the_first_name(kennisbank):
    zoeker = Zoeker(kennisbank)
    namen = {b.term.lower(): b.id for b in kennisbank.bestanden.begrippen}
    paar = next(
        (a, b) for a in namen for b in namen if a != b and a.endswith("brief") and b.endswith("brief") and " " not in a + b
    )
    eerste, tweede = paar[0][: -len("brief")], paar[1]
    vermeldingen = zoeker.vind_samengetrokken(f"wat zijn de {eerste}- en {tweede}?", frozenset({SOORT_BEGRIP}))
    gevonden = [e.id for v in vermeldingen for e in v.kandidaten if e.exact]
    assert gevonden == [namen[paar[0]], namen[paar[1]]]
    ambtelijk = _rol_met_alias(kennisbank, "ambtelijk opdrachtgever")
    bestuurlijk = _rol_met_alias(kennisbank, "bestuurlijk opdrachtgever")
    rollen = frozenset({SOORT_ROL})

    def exact(tekst: str) -> list[str]:
        return [e.id for v in zoeker.vind_samengetrokken(tekst, rollen) for e in v.kandidaten if e.exact]

    assert exact("verschil tussen ambtelijk en bestuurlijk opdrachtgever") == [ambtelijk.id, bestuurlijk.id]
    assert exact("de wethouder en bestuurlijk opdrachtgever") == [bestuurlijk.id]  # "wethouder opdrachtgever" is no name


def test_the_uitleg_development_questions_are_well_formed_and_apart_from_the_training_examples():
    per_kennisbank = laad(UITLEGVRAGEN)
    assert set(per_kennisbank) == {"voorbeeld", "voorbeeld_cmt"}
    assert sum(len(v) for v in per_kennisbank.values()) >= 60
    onbekend = [
        v.vraag
        for vragen in per_kennisbank.values()
        for v in vragen
        if any("(geen rol of begrip" in b for b in v.labels["bevat"])
    ]
    assert not onbekend, onbekend
    voorbeelden = _trainingsvoorbeelden()
    gelijk = [v.vraag for vragen in per_kennisbank.values() for v in vragen if normaliseer(v.vraag) in voorbeelden]
    assert not gelijk, gelijk
