"""Issue 11, the third blind set: answer-side gaps, each fixed at its general cause and checked through
the real turn pipeline over HTTP on both example kennisbanken (SQLite only: nothing here depends on
the database). The questions are written for these tests; none comes from a natural question set."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Persoon, Rol
from kennisbank.rapportage import Periode
from kennisbank.zoeken.normaliseren import normaliseer
from tests.conftest import TIJDZONE, Klok, TestGesprek, tekst_van
from tests.kennis_voorbeelden import datum_tekst
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)

ALLEEN_SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
pytestmark = [pytest.mark.beide_kennisbanken, ALLEEN_SQLITE]
"""Understanding does not depend on the database (nothing here is stored); both kennisbanken' shapes matter."""


# --- rapportage: "volgende/komende" is the next moment from today, also inside the open round -------


def _ronde_met_herinneringen(kennisbank: Kennisbank) -> Periode:
    """A round of 2026 with at least two reminders (both examples have one)."""
    rapportage = kennisbank.bestanden.rapportage
    return next(
        p for p in rapportage.perioden_rond(datetime(2026, 7, 1).date()) if p.peildatum.year == 2026 and len(p.herinneringen) >= 2
    )


@pytest.mark.parametrize(
    ("vraag", "verwacht"),
    [
        ("wanneer komt de volgende herinnering voor de {ronde}?", "herinnering"),
        ("wat is de komende deadline van de {ronde}", "deadline"),
        ("eerstvolgende peildatum {ronde}?", "peildatum"),
    ],
)
async def test_the_next_moment_of_an_open_round_is_in_that_round(
    gesprek: TestGesprek, klok: Klok, kennisbank: Kennisbank, vraag: str, verwacht: str
) -> None:
    ronde = _ronde_met_herinneringen(kennisbank)
    eerste, tweede = sorted(d.date() if isinstance(d, datetime) else d for d in ronde.herinneringen)[:2]
    klok.zet(datetime.combine(eerste + timedelta(days=1), datetime.min.time(), TIJDZONE).replace(hour=10))
    tekst = tekst_van(await gesprek.stuur(vraag.format(ronde=ronde.aliassen[0])))
    assert ronde.naam in tekst, tekst
    volgend_jaar = ronde.naam.replace(str(ronde.peildatum.year), str(ronde.peildatum.year + 1))
    assert volgend_jaar not in tekst
    moment = {"herinnering": tweede, "deadline": ronde.deadline, "peildatum": ronde.peildatum}[verwacht]
    assert datum_tekst(moment) in tekst
    if verwacht == "herinnering":
        assert tekst.index(datum_tekst(tweede)) < tekst.index(datum_tekst(eerste)), "the next reminder comes first"


async def test_the_next_opening_is_the_round_that_has_not_opened_yet(
    gesprek: TestGesprek, klok: Klok, kennisbank: Kennisbank
) -> None:
    ronde = _ronde_met_herinneringen(kennisbank)
    klok.zet(datetime.combine(ronde.begin + timedelta(days=1), datetime.min.time(), TIJDZONE).replace(hour=10))
    volgende = kennisbank.bestanden.rapportage.volgende_periode(klok().date())
    tekst = tekst_van(await gesprek.stuur("wanneer gaat de volgende rapportage open?"))
    assert volgende is not None and volgende.naam in tekst and ronde.naam not in tekst, tekst


# --- history: a past stretch of time or "before the reorganisation" is not today --------------------

ROLWOORD = {"ambtelijk": "ambtelijk opdrachtgever", "gedelegeerd": "gedelegeerd opdrachtgever", "bestuurlijk": "wethouder"}


def _wissel_op_jaargrens(kennisbank: Kennisbank) -> tuple[str, str, str, str, int]:
    """(onderwerp name, role word, earlier holder, holder after, year) for a change of hands on 1 January."""
    for onderwerp in kennisbank.bestanden.onderwerpen:
        for toewijzing in onderwerp.historie:
            na = onderwerp.opdrachtgever_op(toewijzing.rol, toewijzing.tot + timedelta(days=1))
            if toewijzing.persoon and na and (toewijzing.tot.month, toewijzing.tot.day) == (12, 31):
                return (
                    onderwerp.naam,
                    ROLWOORD[toewijzing.rol],
                    kennisbank.persoon(toewijzing.persoon).naam,
                    kennisbank.persoon(na).naam,
                    toewijzing.tot.year,
                )
    raise AssertionError("no change of hands on 1 January in this kennisbank")


@pytest.mark.parametrize(
    ("vraag", "wie"),
    [
        ("wie was tot eind {jaar} {rol} van {onderwerp}?", "eerder"),
        ("weet je wie tot en met {jaar} {rol} voor {onderwerp} was", "eerder"),
        ("wie was {rol} van {onderwerp} voor de reorganisatie", "eerder"),
        ("en na de herverdeling, wie werd toen {rol} van {onderwerp}?", "later"),
        ("in het begin van {volgend} wie was toen {rol} van {onderwerp}", "later"),
        ("{onderwerp}: wie was daar in juni {jaar} {rol}", "eerder"),
        ("wie had {onderwerp} vroeger als {rol}", "eerder"),
    ],
)
async def test_a_past_stretch_of_time_names_the_holder_of_then(
    gesprek: TestGesprek, kennisbank: Kennisbank, vraag: str, wie: str
) -> None:
    onderwerp, rol, eerder, later, jaar = _wissel_op_jaargrens(kennisbank)
    tekst = tekst_van(await gesprek.stuur(vraag.format(onderwerp=onderwerp, rol=rol, jaar=jaar, volgend=jaar + 1)))
    verwacht, niet = (eerder, later) if wie == "eerder" else (later, eerder)
    assert verwacht in tekst, tekst
    if "vroeger" not in vraag:  # "Vóór <now> was <then>" names both
        assert niet not in tekst, tekst


# --- the organisation itself: a body's members, your leidinggevende, "your" holder of a rol -------


def _met_leidinggevende(kennisbank: Kennisbank) -> tuple[Persoon, Persoon, Rol]:
    """Someone Teams can identify, their leidinggevende, and a plainly named rol of that leidinggevende."""
    for persoon in kennisbank.bestanden.personen:
        baas = kennisbank.persoon(persoon.leidinggevende)
        if persoon.aad_object_id and baas is not None:
            for rol in (kennisbank.rol(r) for r in baas.rollen):
                if rol is not None and re.fullmatch(r"[A-Za-z -]+", rol.naam) and rol.id not in persoon.rollen:
                    return persoon, baas, rol
    raise AssertionError("no person with a leidinggevende holding a plainly named rol")


@pytest.mark.parametrize("vraag", ["wie is mijn leidinggevende?", "hoi, wie is eigenlijk mijn baas", "mijn leidinggevende?"])
async def test_my_leidinggevende_comes_from_my_teams_identity(gesprek: TestGesprek, kennisbank: Kennisbank, vraag: str) -> None:
    persoon, baas, _ = _met_leidinggevende(kennisbank)
    gesprek.als = persoon.id
    tekst = tekst_van(await gesprek.stuur(vraag))
    assert baas.naam in tekst, tekst
    assert "Bedoelde" not in tekst


async def test_my_leidinggevende_unknown_asker_gets_no_name(gesprek: TestGesprek, kennisbank: Kennisbank) -> None:
    tekst = tekst_van(await gesprek.stuur("wie is mijn leidinggevende"))
    assert "weet niet wie je bent" in tekst, tekst
    assert not any(p.naam in tekst for p in kennisbank.bestanden.personen)


async def test_the_holder_of_a_rol_for_me_is_the_nearest_in_my_line(gesprek: TestGesprek, kennisbank: Kennisbank) -> None:
    persoon, baas, rol = _met_leidinggevende(kennisbank)
    gesprek.als = persoon.id
    tekst = tekst_van(await gesprek.stuur(f"wie is de {rol.naam.lower()} van mijn afdeling?"))
    assert baas.naam in tekst, tekst
    anderen = [p.naam for p in kennisbank.personen_met_rol(rol.id) if p.id != baas.id]
    assert not any(naam in tekst for naam in anderen), tekst


@pytest.mark.parametrize(
    "vraag", ["wie zitten er in de {orgaan}?", "wie zijn de leden van de {orgaan} eigenlijk", "uit wie bestaat het {orgaan}"]
)
async def test_who_sits_in_a_body_lists_its_members(gesprek: TestGesprek, kennisbank: Kennisbank, vraag: str) -> None:
    orgaan = next(o for o in kennisbank.organisatie.organen if o.leden or o.leden_met_rol)
    leden = [*orgaan.leden, *(p.id for p in kennisbank.bestanden.personen if set(p.rollen) & set(orgaan.leden_met_rol))]
    tekst = tekst_van(await gesprek.stuur(vraag.format(orgaan=orgaan.naam)))
    for lid in leden:
        assert kennisbank.persoon(lid).naam in tekst, tekst


# --- lists: filtered by the soort asked, for the person asked (also "mijn": the asker) ----------


def _opdrachtgever_met_soorten(kennisbank: Kennisbank) -> tuple[Persoon, str, list[str], list[str]]:
    """Someone Teams can identify who is opdrachtgever for several soorten: (person, a soort id,
    the names of their onderwerpen of that soort, the names of their others)."""
    dag = date(2026, 11, 22)
    for persoon in kennisbank.bestanden.personen:
        onderwerpen = kennisbank.onderwerpen_van(persoon.id, dag)
        soorten = {o.soort for o in onderwerpen}
        if persoon.aad_object_id and len(soorten) >= 2:
            soort = sorted(soorten)[0]
            return (
                persoon,
                soort,
                [o.naam for o in onderwerpen if o.soort == soort],
                [o.naam for o in onderwerpen if o.soort != soort],
            )
    raise AssertionError("no identifiable opdrachtgever of several soorten")


def _soort_woord(kennisbank: Kennisbank, soort_id: str) -> str:
    """A plural people say for the soort ("programma's", "projecten"), else its name."""
    soort = next(s for s in kennisbank.organisatie.soorten_onderwerp if s.id == soort_id)
    return next((a for a in soort.aliassen if a.endswith(("'s", "en"))), soort.naam.lower())


@pytest.mark.parametrize("vraag", ["welke {soort} heb ik eigenlijk?", "wat zijn mijn {soort}", "{soort} van mij?"])
async def test_my_onderwerpen_of_one_soort(gesprek: TestGesprek, kennisbank: Kennisbank, vraag: str) -> None:
    persoon, soort, wel, niet = _opdrachtgever_met_soorten(kennisbank)
    gesprek.als = persoon.id
    tekst = tekst_van(await gesprek.stuur(vraag.format(soort=_soort_woord(kennisbank, soort))))
    assert all(naam in tekst for naam in wel), tekst
    assert not any(naam in tekst for naam in niet), tekst


async def test_my_onderwerpen_from_someone_unknown_lists_nothing(gesprek: TestGesprek, kennisbank: Kennisbank) -> None:
    tekst = tekst_van(await gesprek.stuur("wat zijn mijn onderwerpen?"))
    assert "weet niet wie je bent" in tekst, tekst
    assert not any(o.naam in tekst for o in kennisbank.bestanden.onderwerpen)


async def test_a_soort_written_together_with_onderwerpen_filters_the_list(gesprek: TestGesprek, kennisbank: Kennisbank) -> None:
    persoon, soort, wel, niet = _opdrachtgever_met_soorten(kennisbank)
    soort_ = next(s for s in kennisbank.organisatie.soorten_onderwerp if s.id == soort)
    woord = next(w for w in (soort_.id, *map(normaliseer, soort_.aliassen)) if w.isalpha())
    tekst = tekst_van(
        await gesprek.stuur(f"welke {woord}{'s' if woord.endswith('ing') else ''}onderwerpen heeft {persoon.naam}?")
    )
    assert all(naam in tekst for naam in wel), tekst
    assert not any(naam in tekst for naam in niet), tekst


async def test_a_rol_held_by_one_person_stands_for_that_person_in_a_list(gesprek: TestGesprek, kennisbank: Kennisbank) -> None:
    dag = date(2026, 11, 22)
    rol, houder = next(
        (r, houders[0])
        for r in kennisbank.bestanden.rollen
        if len(houders := kennisbank.personen_met_rol(r.id)) == 1
        and kennisbank.onderwerpen_van(houders[0].id, dag)
        and re.fullmatch(r"[A-Za-z ]+", r.naam)
        and r.naam.lower() not in houders[0].naam.lower()
    )
    tekst = tekst_van(await gesprek.stuur(f"welke onderwerpen heeft de {rol.naam.lower()}?"))
    assert houder.naam in tekst, tekst
    assert all(o.naam in tekst for o in kennisbank.onderwerpen_van(houder.id, dag)), tekst


# --- a begrip, rol, soort onderwerp or status standing inside a sentence is explained -----------


async def test_two_begrippen_in_one_sentence_are_both_explained(gesprek: TestGesprek, kennisbank: Kennisbank) -> None:
    eerste, tweede = kennisbank.bestanden.begrippen[:2]
    tekst = tekst_van(await gesprek.stuur(f"ik snap het verschil tussen {eerste.term.lower()} en {tweede.term.lower()} niet"))
    assert eerste.uitleg[:60] in tekst and tweede.uitleg[:60] in tekst, tekst


@pytest.mark.parametrize(
    "vraag", ["wat wordt bedoeld met {soort} in de nota?", "kun je uitleggen wat {soort} is", "{soort}, wat is dat precies"]
)
async def test_a_soort_onderwerp_in_a_sentence_is_explained(gesprek: TestGesprek, kennisbank: Kennisbank, vraag: str) -> None:
    b = kennisbank.bestanden  # a begrip, rol or soort werk of the same name would answer instead
    andere = {
        normaliseer(w)
        for r in (*b.begrippen, *b.rollen, *b.soorten_werk)
        for w in (getattr(r, "term", None) or r.naam, *r.aliassen)
    }
    soort = next(
        s
        for s in kennisbank.organisatie.soorten_onderwerp
        if s.omschrijving and len(s.naam.split()) == 1 and not any(normaliseer(s.naam) in w.split() for w in andere)
    )
    tekst = tekst_van(await gesprek.stuur(vraag.format(soort=soort.naam.lower())))
    assert soort.omschrijving is not None and soort.omschrijving[:60] in tekst, tekst


async def test_a_status_in_a_sentence_is_explained(gesprek: TestGesprek, kennisbank: Kennisbank) -> None:
    statussen = kennisbank.bestanden.rapportage.statussen
    for status in statussen:
        tekst = tekst_van(await gesprek.stuur(f"wat is eigenlijk een status {status.naam.lower()}?"))
        assert status.uitleg in tekst, tekst
        assert not any(s.uitleg in tekst for s in statussen if s is not status), tekst


# --- a closing gets a goodbye, not the welcome (the intent `algemeen.afscheid` is taught as data) --


async def test_a_closing_gets_a_goodbye_not_the_welcome(gesprek: TestGesprek, services, met_intentie) -> None:
    met_intentie("algemeen.afscheid")
    tekst = tekst_van(await gesprek.stuur("doei, fijne dag verder"))
    assert tekst == services.diensten.teksten.tekst("algemeen.tot_ziens")


async def test_the_top_of_the_line_has_no_leidinggevende_and_a_holder_is_told_it_is_them(
    gesprek: TestGesprek, kennisbank: Kennisbank
) -> None:
    top = next(p for p in kennisbank.bestanden.personen if p.aad_object_id and not p.leidinggevende and p.rollen)
    gesprek.als = top.id
    tekst = tekst_van(await gesprek.stuur("wie is mijn leidinggevende?"))
    assert "geen leidinggevende" in tekst and not any(p.naam in tekst for p in kennisbank.bestanden.personen if p is not top), (
        tekst
    )
    rol = kennisbank.rol(top.rollen[0])
    tekst = tekst_van(await gesprek.stuur(f"wie is de {rol.naam.lower()} van mijn afdeling?"))
    assert "ben je zelf" in tekst, tekst


async def test_the_leidinggevende_of_someone_named_is_theirs_not_mine(gesprek: TestGesprek, kennisbank: Kennisbank) -> None:
    persoon, baas, _ = _met_leidinggevende(kennisbank)
    collega = next(p for p in kennisbank.bestanden.personen if p.leidinggevende and p.leidinggevende != persoon.leidinggevende)
    gesprek.als = persoon.id
    tekst = tekst_van(await gesprek.stuur(f"wie is de leidinggevende van mijn collega {collega.naam}?"))
    assert kennisbank.persoon(collega.leidinggevende).naam in tekst, tekst


# --- a department named by one inflected word of its name is answered, not asked back ------------


def _onderwerp_met_eigen_woord(kennisbank: Kennisbank) -> tuple[str, str, str]:
    """(onderwerp name, an adjective only its names have, its ambtelijk opdrachtgever's name)."""
    dag = date(2026, 11, 22)
    geldig = [o for o in kennisbank.bestanden.onderwerpen if o.geldig_op(dag)]
    woorden = {o.id: {w for n in (o.naam, *o.aliassen) for w in normaliseer(n).split()} for o in geldig}
    for onderwerp in geldig:
        anderen = set().union(*(w for i, w in woorden.items() if i != onderwerp.id))
        # an adjective that takes -e before "dienst"/"afdeling" ("facilitair" -> "de facilitaire dienst")
        eigen = sorted((w for w in woorden[onderwerp.id] - anderen if len(w) >= 8 and w.endswith(("air", "isch"))), key=len)
        if eigen and len(onderwerp.naam.split()) > 1 and (ao := kennisbank.persoon(onderwerp.ambtelijk_opdrachtgever)):
            return onderwerp.naam, eigen[-1], ao.naam
    raise AssertionError("no onderwerp with a word of its own")


async def test_a_department_named_by_an_inflected_word_gets_the_answer(gesprek: TestGesprek, kennisbank: Kennisbank) -> None:
    naam, woord, ao = _onderwerp_met_eigen_woord(kennisbank)
    tekst = tekst_van(await gesprek.stuur(f"wie is de opdrachtgever van de {woord}e dienst?"))
    assert naam in tekst and ao in tekst, tekst
    assert "Bedoelde" not in tekst
