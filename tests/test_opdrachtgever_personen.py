"""Sessie 7 (personen), through the real turn pipeline on both example kennisbanken, with the names
taken from the loaded data:

- a list narrowed by what the question asks of the data: an opdrachtgeversrol that has a holder
  ("welke onderwerpen hebben een gedelegeerd opdrachtgever"), a word of some onderwerpen's names
  ("welke onderwerpen gaan over ..."), never the whole list;
- a rol asked from the asker's own view ("ik ben X, ben ik dan opdrachtgever?", "wat is mijn rol?"):
  the rol explained, and the asker's own rollen, not the asker's onderwerpen;
- what a person held in the past: a whole year asked, "voor de herverdeling", and someone who holds
  nothing now asked in the past tense.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from kennisbank.kennisbank import Kennisbank
from kennisbank.model import OPDRACHTGEVERSROLLEN, Onderwerp, Persoon, Rol
from kennisbank.zoeken.normaliseren import GENERIEKE_WOORDEN, normaliseer
from tests.conftest import TestGesprek, tekst_van
from tests.kennis_voorbeelden import Voorbeelden, datum_tekst
from tests.test_begrip_namen import Wijziging, gesprek_met, pas_yaml_aan  # noqa: F401 (fixture)
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)

pytestmark = pytest.mark.beide_kennisbanken


def _regel(onderwerp: Onderwerp) -> str:
    """How a list names an onderwerp: '- Naam (ambtelijk opdrachtgever)'."""
    return f"- {onderwerp.naam} ("


def _geldig(voorbeelden: Voorbeelden) -> list[Onderwerp]:
    return [o for o in voorbeelden.kennisbank.bestanden.onderwerpen if o.geldig_op(voorbeelden.dag)]


# ---- lists narrowed by the data ----------------------------------------------------------------


async def test_a_list_of_onderwerpen_with_a_gedelegeerd_opdrachtgever_names_only_those(
    gesprek: TestGesprek, voorbeelden: Voorbeelden
):
    met = [o for o in _geldig(voorbeelden) if o.opdrachtgever_op("gedelegeerd", voorbeelden.dag)]
    assert met and len(met) < len(_geldig(voorbeelden))
    tekst = tekst_van(await gesprek.stuur("welke onderwerpen hebben een gedelegeerd opdrachtgever?"))
    assert [o.naam for o in met if _regel(o) not in tekst] == [], tekst
    assert [o.naam for o in _geldig(voorbeelden) if o not in met and _regel(o) in tekst] == [], tekst
    assert all(voorbeelden.gedelegeerd(o).naam in tekst for o in met), tekst


def _woord_van_enkele(kennisbank: Kennisbank, onderwerpen: list[Onderwerp]) -> tuple[str, list[Onderwerp]]:
    """A word (not a name of a person, rol or soort) that stands in the names of one to three
    onderwerpen and in no other's name or alias, and those onderwerpen."""
    andere = {
        w
        for naam in [
            *(p.naam for p in kennisbank.bestanden.personen),
            *(n for r in kennisbank.bestanden.rollen for n in (r.naam, *r.aliassen)),
            *(n for s in kennisbank.organisatie.soorten_onderwerp for n in (s.id, s.naam, *s.aliassen)),
            *(n for s in kennisbank.bestanden.soorten_werk for n in s.aliassen),
        ]
        for w in normaliseer(naam).split()
    }

    def woorden(o: Onderwerp, *namen: str) -> set[str]:
        return {w for n in namen for w in normaliseer(n).split()}

    for onderwerp in onderwerpen:
        for woord in sorted(woorden(onderwerp, onderwerp.naam)):
            if len(woord) < 6 or not woord.isalpha() or woord in andere or woord in GENERIEKE_WOORDEN:
                continue
            passend = [o for o in onderwerpen if any(w[:5] == woord[:5] for w in woorden(o, o.naam, *o.aliassen))]
            if all(woord in woorden(o, o.naam) for o in passend) and 1 <= len(passend) <= 3:
                return woord, passend
    raise AssertionError(f"{kennisbank.organisatie.naam}: geen woord dat een paar onderwerpen delen")


async def test_a_list_about_a_word_of_some_names_gives_those_and_not_the_whole_list(
    gesprek: TestGesprek, kennisbank: Kennisbank, voorbeelden: Voorbeelden
):
    geldig = _geldig(voorbeelden)
    woord, passend = _woord_van_enkele(kennisbank, geldig)
    tekst = tekst_van(await gesprek.stuur(f"welke onderwerpen zijn er allemaal over {woord}?"))
    assert all(o.naam in tekst for o in passend), (woord, tekst)
    assert [o.naam for o in geldig if o not in passend and _regel(o) in tekst] == [], (woord, tekst)


async def test_a_list_question_of_only_question_words_lists_everything(gesprek: TestGesprek, voorbeelden: Voorbeelden):
    """Short words inside a name ("als" in "A12 als verbindend element") and words too general to
    tell onderwerpen apart never narrow a list."""
    tekst = tekst_van(await gesprek.stuur("welke onderwerpen hebben we als organisatie allemaal?"))
    assert f"De kennisbank kent {len(_geldig(voorbeelden))} onderwerpen" in tekst, tekst


# ---- a rol asked from the asker's own view -----------------------------------------------------


def _vrager_en_andere_rol(kennisbank: Kennisbank) -> tuple[Persoon, Rol, Rol]:
    """A person Teams recognises, with one rol (not of the bestuur), and another
    rol some person holds (a position with a plain one-word name) that this person has not."""
    rollen = {r.id: r for r in kennisbank.bestanden.rollen}
    bezet = [rollen[r] for p in kennisbank.bestanden.personen for r in p.rollen if r in rollen]
    for persoon in kennisbank.bestanden.personen:
        eigen = rollen.get(persoon.rollen[0]) if len(persoon.rollen) == 1 else None
        if eigen is None or eigen.bestuurlijk or not persoon.aad_object_id:
            continue
        for rol in bezet:
            if rol.id != eigen.id and rol.naam.isalpha() and not rol.bestuurlijk:
                return persoon, eigen, rol
    raise AssertionError(f"{kennisbank.organisatie.naam}: geen vrager met één rol naast een andere rol")


async def test_a_rol_the_asker_says_is_theirs_is_explained_with_the_askers_own_rol(gesprek: TestGesprek, kennisbank):
    vrager, eigen, andere = _vrager_en_andere_rol(kennisbank)
    gesprek.als = vrager.id
    tekst = tekst_van(await gesprek.stuur(f"ik ben {andere.naam.lower()}, ben ik dan opdrachtgever?"))
    assert f"**{andere.naam}**" in tekst and andere.omschrijving[:40] in tekst, tekst
    assert f"Jouw rol volgens de kennisbank: **{eigen.naam}**" in tekst, tekst
    assert f"**{vrager.naam}** (" not in tekst, tekst  # not what the asker is opdrachtgever for


@pytest.mark.parametrize("intentie", ["opdrachtgever.persoon", "opdrachtgever.lijst"])
async def test_read_as_the_askers_own_list_a_rol_named_as_theirs_is_explained_after_it(
    gesprek: TestGesprek, kennisbank, met_intentie, intentie
):
    met_intentie(intentie)
    vrager, _, andere = _vrager_en_andere_rol(kennisbank)
    gesprek.als = None  # not known: the own list cannot be told, the rol named can
    tekst = tekst_van(await gesprek.stuur(f"ik ben {andere.naam.lower()}, ben ik dan opdrachtgever?"))
    assert "Ik weet niet wie je bent" in tekst and f"**{andere.naam}**" in tekst and andere.omschrijving[:40] in tekst, tekst
    opdrachtgever = next(p for p in kennisbank.bestanden.personen if kennisbank.onderwerpen_van(p.id) and p.aad_object_id)
    gesprek.als = opdrachtgever.id  # someone with onderwerpen: their list answers, without the rol
    tekst = tekst_van(await gesprek.stuur(f"ik ben {andere.naam.lower()}, ben ik dan opdrachtgever?"))
    assert f"**{opdrachtgever.naam}** (" in tekst and andere.omschrijving[:40] not in tekst, tekst


async def test_what_is_my_rol_explains_the_askers_own_rollen(gesprek: TestGesprek, kennisbank):
    vrager, eigen, _ = _vrager_en_andere_rol(kennisbank)
    gesprek.als = vrager.id
    tekst = tekst_van(await gesprek.stuur("wat is mijn rol?"))
    assert f"Jouw rol volgens de kennisbank: **{eigen.naam}**" in tekst and eigen.omschrijving[:40] in tekst, tekst
    gesprek.als = None  # someone the kennisbank does not know: said so, no rol of anyone else
    tekst = tekst_van(await gesprek.stuur("wat is mijn rol?"))
    assert "Ik weet niet wie je bent" in tekst and "Jouw rol" not in tekst, tekst


def _iemand_zonder_rol(kennisbank: Kennisbank) -> Wijziging:
    """A kennisbank where everyone has a rol gets one person without: the last person Teams
    recognises who is opdrachtgever of nothing loses their rollen (on a copy)."""

    def wijzig(map_: Path) -> None:
        if any(not p.rollen for p in kennisbank.bestanden.personen):
            return  # the data has the case
        persoon = next(
            p for p in reversed(kennisbank.bestanden.personen) if p.aad_object_id and not kennisbank.onderwerpen_van(p.id)
        )
        pas_yaml_aan(map_, "personen.yaml", lambda personen: next(p for p in personen if p["id"] == persoon.id).pop("rollen"))

    return wijzig


async def test_what_is_my_rol_for_someone_without_a_rol_says_so(gesprek_met, kennisbank):
    gesprek, kennisbank = await gesprek_met(_iemand_zonder_rol(kennisbank))
    zonder = [p for p in kennisbank.bestanden.personen if not p.rollen and p.aad_object_id]
    assert zonder, kennisbank.organisatie.naam
    gesprek.als = zonder[0].id
    tekst = tekst_van(await gesprek.stuur("wat is mijn rol?"))
    assert f"Bij jou (**{zonder[0].naam}**, {zonder[0].functie}) noemt de kennisbank geen rol" in tekst, tekst


# ---- what a person held in the past -------------------------------------------------------------


def _termijn_in_de_loop_van_een_jaar(kennisbank: Kennisbank, vandaag: date) -> tuple[Onderwerp, Persoon, int]:
    """An onderwerp and a person whose term (after the onderwerp's start) began after 1 January of
    an earlier year, so the first day of that year alone would miss it."""
    for onderwerp in kennisbank.bestanden.onderwerpen:
        for rol in OPDRACHTGEVERSROLLEN:
            for termijn in onderwerp.termijnen(rol):
                begin = termijn.vanaf
                if not termijn.persoon or begin is None or begin == onderwerp.geldig_vanaf or begin.year >= vandaag.year:
                    continue
                if begin != date(begin.year, 1, 1) and onderwerp.opdrachtgever_op(rol, date(begin.year, 1, 1)) != termijn.persoon:
                    persoon = kennisbank.persoon(termijn.persoon)
                    assert persoon is not None
                    return onderwerp, persoon, begin.year
    raise AssertionError(f"{kennisbank.organisatie.naam}: geen termijn die in de loop van een jaar begon")


async def test_a_year_asked_about_a_person_counts_every_onderwerp_held_in_that_year(
    gesprek: TestGesprek, kennisbank, voorbeelden: Voorbeelden
):
    onderwerp, persoon, jaar = _termijn_in_de_loop_van_een_jaar(kennisbank, voorbeelden.dag)
    tekst = tekst_van(await gesprek.stuur(f"waar was {persoon.naam} in {jaar} opdrachtgever voor?"))
    assert f"In {jaar} was **{persoon.naam}**" in tekst and onderwerp.naam in tekst, tekst


async def test_a_year_still_to_come_is_answered_with_todays_holders_on_its_first_day(
    gesprek: TestGesprek, voorbeelden: Voorbeelden
):
    persoon = voorbeelden.opdrachtgever_met_onderwerpen()
    jaar = voorbeelden.dag.year + 1
    tekst = tekst_van(await gesprek.stuur(f"waar is {persoon.naam} in {jaar} opdrachtgever voor?"))
    assert f"Op 1 januari {jaar} is **{persoon.naam}**" in tekst, tekst
    assert all(o.naam in tekst for o in voorbeelden.ambtelijk_van(persoon)), tekst


def _laatste_historie(kennisbank: Kennisbank) -> tuple[Persoon, date]:
    """The person of the history entry that ended last, and the day after it (the change of hands)."""
    einde = max(
        ((h.tot, h.persoon) for o in kennisbank.bestanden.onderwerpen for h in o.historie if h.persoon),
        default=None,
    )
    assert einde is not None, f"{kennisbank.organisatie.naam}: geen historie"
    persoon = kennisbank.persoon(einde[1])
    assert persoon is not None
    return persoon, einde[0] + timedelta(days=1)


async def test_a_person_before_the_herverdeling_is_answered_for_the_day_before_it(gesprek: TestGesprek, kennisbank):
    persoon, wissel = _laatste_historie(kennisbank)
    toen = kennisbank.onderwerpen_van(persoon.id, op=wissel - timedelta(days=1))
    assert toen
    tekst = tekst_van(await gesprek.stuur(f"waar was {persoon.naam} voor de herverdeling opdrachtgever voor?"))
    assert f"Op {datum_tekst(wissel - timedelta(days=1))} was **{persoon.naam}**" in tekst, tekst
    assert all(o.naam in tekst for o in toen), tekst


def _vroeger_opdrachtgever(kennisbank: Kennisbank, dag: date) -> list[Persoon]:
    """People who hold nothing on `dag` and held something in the history."""
    return [
        p
        for p in kennisbank.bestanden.personen
        if not kennisbank.onderwerpen_van(p.id, op=dag)
        and any(h.persoon == p.id for o in kennisbank.bestanden.onderwerpen for h in o.historie)
    ]


def _iemand_die_vroeger_opdrachtgever_was(kennisbank: Kennisbank, dag: date) -> Wijziging:
    """A kennisbank where everyone of the history holds something now gets, on a copy, an earlier
    holder: someone who holds nothing (and is in no history) held the role of a history entry
    (not a bestuurlijk one) in the period before it."""

    def wijzig(map_: Path) -> None:
        if _vroeger_opdrachtgever(kennisbank, dag):
            return  # the data has the case
        in_historie = {h.persoon for o in kennisbank.bestanden.onderwerpen for h in o.historie}
        persoon = next(
            p for p in kennisbank.bestanden.personen if not kennisbank.onderwerpen_van(p.id, op=dag) and p.id not in in_historie
        )
        onderwerp, later = next(
            (o, h)
            for o in kennisbank.bestanden.onderwerpen
            for h in o.historie
            if h.rol != "bestuurlijk" and h.vanaf is not None and h.vanaf > (o.geldig_vanaf or date.min)
        )
        eerder = {"rol": later.rol, "persoon": persoon.id, "tot": later.vanaf - timedelta(days=1)}

        def voeg_toe(onderwerpen: list[dict]) -> None:
            next(o for o in onderwerpen if o["id"] == onderwerp.id)["historie"].insert(0, eerder)

        pas_yaml_aan(map_, "onderwerpen.yaml", voeg_toe)

    return wijzig


async def test_asked_in_the_past_tense_about_someone_who_holds_nothing_now_gives_what_they_held_last(
    gesprek_met, kennisbank, voorbeelden: Voorbeelden
):
    gesprek, kennisbank = await gesprek_met(_iemand_die_vroeger_opdrachtgever_was(kennisbank, voorbeelden.dag))
    vroeger = _vroeger_opdrachtgever(kennisbank, voorbeelden.dag)
    assert vroeger, kennisbank.organisatie.naam
    persoon = vroeger[0]
    laatst = max(h.tot for o in kennisbank.bestanden.onderwerpen for h in o.historie if h.persoon == persoon.id)
    toen = kennisbank.onderwerpen_van(persoon.id, op=laatst)
    tekst = tekst_van(await gesprek.stuur(f"waar was {persoon.naam} opdrachtgever voor?"))
    assert "nergens opdrachtgever" in tekst and f"Op {datum_tekst(laatst)} was **{persoon.naam}**" in tekst, tekst
    assert all(o.naam in tekst for o in toen), tekst
    nu = tekst_van(await gesprek.stuur(f"waar is {persoon.naam} opdrachtgever voor?"))  # present tense: today only
    assert "nergens opdrachtgever" in nu and not [o.naam for o in toen if o.naam in nu], nu
