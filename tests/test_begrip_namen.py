"""Issue 11, router and entity gaps: the records a message names decide what it asks, whatever the
classifier makes of it. Through the real turn pipeline over HTTP; generic cases on every shipped
example kennisbank (`beide_kennisbanken`), with records taken from the loaded data. Where a case
needs data the examples lack (two people with one surname, one word in two onderwerp names), a
copy of the example gets it. The phrasings here are written for these tests.

- a bare name, or one telling word of a longer name, is looked up (or "Bedoelde je"), never "weet
  ik niet" or a quote;
- a name shared by two onderwerpen asks "Bedoelde je A of B?" with buttons, and every typed answer
  works ("2", "de eerste", the name, a typo of it, "nee", "ja" to several);
- the meaning of a begrip that is also a rapportage word is its explanation;
- a surname of two people asks which one, and the chosen one is answered for the day asked;
- an onderwerp named exactly never gets "Bedoelde je" (also when its name is part of another's);
- a rol where a person is asked about, a request for help about a named person, a list's source.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from pathlib import Path

import pytest
import yaml
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.settings import Settings
from kennisbank.kennisbank import Kennisbank
from kennisbank.laden import laad_kennisbank
from kennisbank.model import OPDRACHTGEVERSROLLEN, Onderwerp, Persoon
from kennisbank.zoeken import VraagSoort, Zoeker
from kennisbank.zoeken.datums import gevraagde_dag, vind_datums
from kennisbank.zoeken.normaliseren import GENERIEKE_WOORDEN, normaliseer
from tests.conftest import STANDAARD_MOMENT, TestGesprek, berichttekst_van, knoppen_van, tekst_van
from tests.kennis_voorbeelden import MAANDEN, Voorbeelden, datum_tekst
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)

VANDAAG = STANDAARD_MOMENT.date()
ALLEEN_SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
beide = pytest.mark.beide_kennisbanken


def is_keuze(antwoorden: list[dict]) -> bool:
    """The reply is a 'Bedoelde je' choice (a hero card with buttons)."""
    return any(
        b.get("contentType") == "application/vnd.microsoft.card.hero" for a in antwoorden for b in a.get("attachments") or []
    )


def ao(kennisbank: Kennisbank, onderwerp: Onderwerp) -> str:
    persoon = kennisbank.persoon(onderwerp.ambtelijk_opdrachtgever)
    assert persoon is not None
    return persoon.naam


def weet_ik_niet(tekst: str, services) -> bool:
    """The honest "weet ik niet" answer."""
    return tekst.startswith(services.diensten.teksten.tekst("algemeen.weet_ik_niet"))


def alle_namen(kennisbank: Kennisbank) -> list[tuple[str, str]]:
    """(record id, normalised name or alias) of every record a message can name."""
    b = kennisbank.bestanden
    paren = [(o.id, n) for o in b.onderwerpen for n in (o.naam, *o.aliassen)]
    paren += [(p.id, p.naam) for p in b.personen]
    paren += [(x.id, n) for x in b.begrippen for n in (x.term, *x.aliassen)]
    paren += [(x.id, n) for x in b.rollen for n in (x.naam, *x.aliassen)]
    paren += [(x.id, n) for x in b.soorten_werk for n in (x.naam, *x.aliassen)]
    paren += [(s.id, n) for s in kennisbank.organisatie.soorten_onderwerp for n in (s.naam, *s.aliassen)]
    return [(i, normaliseer(n)) for i, n in paren]


def eigen_woord(kennisbank: Kennisbank, voorbeelden: Voorbeelden) -> tuple[Onderwerp, str]:
    """An onderwerp with a name of several words, and one word of it that no other record's name
    or alias contains: typed alone, it can only mean that onderwerp."""
    namen = alle_namen(kennisbank)
    for onderwerp in voorbeelden.onderwerpen():
        woorden = normaliseer(onderwerp.naam).split()
        if len(woorden) < 2:
            continue
        for woord in woorden:
            if (
                len(woord) >= 7
                and woord not in GENERIEKE_WOORDEN
                and not any(woord in naam for record_id, naam in namen if record_id != onderwerp.id)
            ):
                return onderwerp, woord
    raise AssertionError(f"{kennisbank.organisatie.naam}: geen onderwerp met een eigen woord in de naam")


# --- a copy of the example with extra data --------------------------------------------------------

Wijziging = Callable[[Path], None]


@pytest.fixture
async def gesprek_met(
    tmp_path: Path, database_url: str, klok, kennisbank_map: Path
) -> AsyncIterator[Callable[[Wijziging], Awaitable[tuple[TestGesprek, Kennisbank]]]]:
    """`await gesprek_met(wijziging)`: the app on a copy of the example kennisbank that `wijziging(map)` changed."""
    clients: list[TestClient] = []

    async def maak(wijziging: Wijziging) -> tuple[TestGesprek, Kennisbank]:
        kopie = tmp_path / f"kennisbank{len(clients)}"
        shutil.copytree(kennisbank_map, kopie)
        wijziging(kopie)
        client = TestClient(
            TestServer(create_app(Settings(database_url=database_url, kennisbank=kopie, herinneringen=False), klok=klok))
        )
        clients.append(client)
        await client.start_server()
        kennisbank = laad_kennisbank(kopie)
        return TestGesprek(client, kennisbank), kennisbank

    yield maak
    for client in clients:
        await client.close()


def pas_yaml_aan(map_: Path, bestand: str, aanpassing: Callable[[list[dict]], None]) -> None:
    pad = map_ / bestand
    data = yaml.safe_load(pad.read_text(encoding="utf-8"))
    aanpassing(data)
    pad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def met_naamgenoot(persoon: Persoon, voornaam: str = "Evelien") -> Wijziging:
    """A second person with `persoon`'s surname (with tussenvoegsel), opdrachtgever of nothing."""
    achternaam = persoon.naam.split(" ", 1)[1]

    def wijzig(map_: Path) -> None:
        pas_yaml_aan(
            map_,
            "personen.yaml",
            lambda personen: personen.append(
                {
                    "id": f"naamgenoot-{voornaam.lower()}",
                    "naam": f"{voornaam} {achternaam}",
                    "functie": "Beleidsadviseur",
                    "rollen": [],
                    "bron": {"document": "voorbeeld", "sectie": "naamgenoot voor een test"},
                }
            ),
        )

    return wijzig


def met_alias(alias: str, *onderwerp_ids: str) -> Wijziging:
    def wijzig(map_: Path) -> None:
        def voeg_toe(onderwerpen: list[dict]) -> None:
            for onderwerp in onderwerpen:
                if onderwerp["id"] in onderwerp_ids:
                    onderwerp.setdefault("aliassen", []).append(alias)

        pas_yaml_aan(map_, "onderwerpen.yaml", voeg_toe)

    return wijzig


# --- 1. a bare name, or one telling word of it -----------------------------------------------------


@beide
@pytest.mark.parametrize("geklasseerd", [None, "documenten.vraag", "escalatie.vraag"])
async def test_one_telling_word_of_an_onderwerp_name_is_looked_up(
    gesprek: TestGesprek, kennisbank, voorbeelden, services, met_intentie, geklasseerd
):
    onderwerp, woord = eigen_woord(kennisbank, voorbeelden)
    met_intentie(geklasseerd)  # whatever the classifier makes of one word
    antwoorden = await gesprek.stuur(woord.capitalize())
    tekst = tekst_van(antwoorden)
    assert onderwerp.naam in tekst and "Uit *" not in tekst and not weet_ik_niet(tekst, services), tekst
    if is_keuze(antwoorden):  # close but not sure: "Bedoelde je deze?" and "ja" answers
        tekst = tekst_van(await gesprek.stuur("ja"))
    assert ao(kennisbank, onderwerp) in tekst and "Bron:" in tekst, tekst


@beide
@ALLEEN_SQLITE
async def test_a_bare_full_name_is_looked_up_whatever_the_classifier_says(
    gesprek: TestGesprek, kennisbank, voorbeelden, met_intentie
):
    onderwerp = voorbeelden.met_bestuurlijk()
    persoon = voorbeelden.opdrachtgever_met_onderwerpen()
    for geklasseerd in ("documenten.vraag", "rapportage.vraag", "algemeen.buiten_bereik"):
        met_intentie(geklasseerd)
        tekst = berichttekst_van(await gesprek.stuur(onderwerp.naam))
        assert onderwerp.naam in tekst and ao(kennisbank, onderwerp) in tekst, (geklasseerd, tekst)
        tekst = berichttekst_van(await gesprek.stuur(persoon.naam))
        assert all(o.naam in tekst for o in voorbeelden.ambtelijk_van(persoon)), (geklasseerd, tekst)


@beide
@ALLEEN_SQLITE
async def test_a_sure_greeting_or_lookup_intent_keeps_its_kind(gesprek: TestGesprek, kennisbank, voorbeelden, met_intentie):
    onderwerp = voorbeelden.zonder_bestuurlijk()
    met_intentie("opdrachtgever.bestuurlijk")  # e.g. a follow-up "en de <naam>?" read as bestuurlijk
    tekst = tekst_van(await gesprek.stuur(onderwerp.naam))
    assert "bestuurlijk" in tekst and onderwerp.naam in tekst, tekst
    met_intentie("algemeen.bedankt")
    tekst = tekst_van(await gesprek.stuur(voorbeelden.opdrachtgever_met_onderwerpen().naam.split()[0]))
    assert ao(kennisbank, onderwerp) not in tekst and not any(o.naam in tekst for o in kennisbank.bestanden.onderwerpen), tekst


# --- 2. a name shared by two onderwerpen, and typed answers to "Bedoelde je" ----------------------

GEDEELD = "Ringpark"
"""An alias the test gives to two onderwerpen of the example."""


def twee_onderwerpen(voorbeelden: Voorbeelden) -> tuple[Onderwerp, Onderwerp]:
    eerste, tweede, *_ = voorbeelden.onderwerpen(lambda o: " " not in o.naam.strip() or len(o.naam) < 30)
    return eerste, tweede


def tikfout(naam: str) -> str:
    """The name with one letter of its longest word doubled."""
    woord = max(naam.split(), key=len)
    midden = len(woord) // 2
    return naam.replace(woord, woord[:midden] + woord[midden] + woord[midden:], 1)


@beide
async def test_a_name_shared_by_two_onderwerpen_asks_which_one_and_every_typed_answer_works(gesprek_met, voorbeelden):
    eerste, tweede = twee_onderwerpen(voorbeelden)
    gesprek, kennisbank = await gesprek_met(met_alias(GEDEELD, eerste.id, tweede.id))
    for vraag in (GEDEELD, f"wie is ambtelijk opdrachtgever voor het {GEDEELD.lower()}?", f"bij wie moet ik zijn voor {GEDEELD}"):
        antwoorden = await gesprek.stuur(vraag)
        assert is_keuze(antwoorden), tekst_van(antwoorden)
        assert {eerste.naam, tweede.naam} <= set(knoppen_van(antwoorden)) and "Uit *" not in tekst_van(antwoorden)
        assert ao(kennisbank, eerste) not in berichttekst_van(antwoorden)  # no answer before the choice
    volgorde = [n for n in knoppen_van(antwoorden) if n in (eerste.naam, tweede.naam)]
    gekozen = [next(o for o in (eerste, tweede) if o.naam == naam) for naam in volgorde]
    for antwoord, index in (("2", 1), ("de eerste", 0), ("nummer 2", 1), (volgorde[0], 0), (tikfout(volgorde[1]), 1)):
        assert is_keuze(await gesprek.stuur(GEDEELD))
        tekst = berichttekst_van(await gesprek.stuur(antwoord))
        onderwerp, ander = gekozen[index], gekozen[1 - index]
        assert onderwerp.naam in tekst and ao(kennisbank, onderwerp) in tekst and ander.naam not in tekst, (antwoord, tekst)
    assert is_keuze(await gesprek.stuur(GEDEELD))
    assert is_keuze(await gesprek.stuur("ja"))  # "ja" to two: which one? (the choice stays)
    tekst = berichttekst_van(await gesprek.stuur("de tweede"))
    assert gekozen[1].naam in tekst and ao(kennisbank, gekozen[1]) in tekst, tekst
    assert is_keuze(await gesprek.stuur(GEDEELD))
    tekst = berichttekst_van(await gesprek.stuur("nee, geen van beide"))
    assert gekozen[0].naam not in tekst and gekozen[1].naam not in tekst, tekst


# --- 3. the meaning of a begrip that is also a rapportage word -------------------------------------


def rapportagebegrippen(kennisbank: Kennisbank):
    """Begrippen whose term or alias is a word the rapportage facts answer to (a kind of round)."""
    woorden = {normaliseer(w) for lijst in kennisbank.bestanden.rapportage.soort_woorden().values() for w in lijst}
    gevonden = [b for b in kennisbank.bestanden.begrippen if {normaliseer(n) for n in (b.term, *b.aliassen)} & woorden]
    assert gevonden, f"{kennisbank.organisatie.naam}: geen begrip dat ook een rapportagewoord is"
    return gevonden


@beide
@pytest.mark.parametrize("sjabloon", ["betekenis {}", "wat houdt de {} in?", "wat verstaan jullie onder de {}", "{} betekenis?"])
async def test_the_meaning_of_a_begrip_that_is_a_rapportage_word_is_its_explanation(
    gesprek: TestGesprek, kennisbank, met_intentie, sjabloon
):
    met_intentie("rapportage.vraag")  # read as a question about the round's dates
    for begrip in rapportagebegrippen(kennisbank):
        tekst = berichttekst_van(await gesprek.stuur(sjabloon.format(begrip.term.lower())))
        assert tekst.startswith(f"**{begrip.term}**") and begrip.uitleg.split()[0] in tekst, tekst


@beide
@ALLEEN_SQLITE
async def test_asking_for_the_round_itself_still_gets_the_rapportage_facts(gesprek: TestGesprek, kennisbank, met_intentie):
    from dialogen.rapportage.overzicht import datum

    met_intentie("rapportage.vraag")
    periode = kennisbank.bestanden.rapportage.open_periode(VANDAAG) or kennisbank.bestanden.rapportage.perioden_rond(VANDAAG)[0]
    tekst = berichttekst_van(await gesprek.stuur(f"wat is de deadline van de {periode.naam.lower()}?"))
    assert datum(periode.deadline) in tekst, tekst


async def test_betekenis_peildatum_is_the_begrip(gesprek: TestGesprek, kennisbank, met_intentie):
    begrip = next(b for b in kennisbank.bestanden.begrippen if b.id == "peildatum")
    for geklasseerd in ("rapportage.vraag", None):
        met_intentie(geklasseerd)
        tekst = berichttekst_van(await gesprek.stuur("betekenis peildatum?"))
        assert tekst.startswith(f"**{begrip.term}**"), tekst


# --- 4/5. a surname of two people; the chosen one on the day asked ---------------------------------


def historische_termijn(kennisbank: Kennisbank) -> tuple[Onderwerp, Persoon, date]:
    """An onderwerp, a person who held one of its opdrachtgever roles in the past and not today,
    and the first day of a month inside that term."""
    for onderwerp in kennisbank.bestanden.onderwerpen:
        for rol in OPDRACHTGEVERSROLLEN:
            for termijn in onderwerp.termijnen(rol):
                if termijn.persoon is None or termijn.tot is None or termijn.tot >= VANDAAG:
                    continue
                dag = termijn.tot.replace(day=1)
                nu = {onderwerp.opdrachtgever_op(r, VANDAAG) for r in OPDRACHTGEVERSROLLEN}
                if (termijn.vanaf is None or termijn.vanaf <= dag) and termijn.persoon not in nu:
                    persoon = kennisbank.persoon(termijn.persoon)
                    assert persoon is not None and len(persoon.naam.split()) >= 2
                    return onderwerp, persoon, dag
    raise AssertionError(f"{kennisbank.organisatie.naam}: geen afgelopen termijn in de historie")


@beide
async def test_a_surname_of_two_people_asks_which_one_and_the_chosen_is_answered_for_the_month_asked(
    gesprek_met, kennisbank, voorbeelden
):
    persoon = voorbeelden.opdrachtgever_met_onderwerpen()
    onderwerp, vroeger, dag = historische_termijn(kennisbank)
    gesprek, kennisbank = await gesprek_met(
        lambda map_: (met_naamgenoot(persoon)(map_), met_naamgenoot(vroeger, "Quirine")(map_))
    )
    achternaam = persoon.naam.split(" ", 1)[1]
    for vraag in (
        f"waar is {achternaam} opdrachtgever voor?",
        achternaam,
        f"wat doet {achternaam} eigenlijk",
        f"welke onderwerpen heeft {achternaam}",
    ):
        antwoorden = await gesprek.stuur(vraag)
        assert is_keuze(antwoorden), (vraag, tekst_van(antwoorden))
        assert persoon.naam in knoppen_van(antwoorden) and f"Evelien {achternaam}" in knoppen_van(antwoorden)
        tekst = berichttekst_van(await gesprek.stuur(persoon.naam.split()[0]))  # the first name answers
        assert all(o.naam in tekst for o in voorbeelden.ambtelijk_van(persoon)), tekst
    for vraag in (f"waar is {persoon.naam} opdrachtgever voor?", f"waar is {persoon.naam.lower()} AO van"):
        antwoorden = await gesprek.stuur(vraag)  # the full name is not in doubt beside the namesake
        assert not is_keuze(antwoorden) and persoon.naam in berichttekst_van(antwoorden), tekst_van(antwoorden)

    maand = f"{MAANDEN[dag.month - 1]} {dag.year}"
    antwoorden = await gesprek.stuur(f"waar was {vroeger.naam.split(' ', 1)[1]} in {maand} allemaal opdrachtgever voor?")
    assert is_keuze(antwoorden), tekst_van(antwoorden)
    nummer = knoppen_van(antwoorden).index(vroeger.naam) + 1
    tekst = berichttekst_van(await gesprek.stuur(str(nummer)))
    assert f"In {maand} was **{vroeger.naam}**" in tekst and onderwerp.naam in tekst, tekst  # the whole month asked
    vandaag = berichttekst_van(await gesprek.stuur(f"waar is {vroeger.naam} opdrachtgever voor?"))
    assert onderwerp.naam not in vandaag, vandaag  # today the answer is another one


@beide
@ALLEEN_SQLITE
async def test_the_onderwerp_chosen_is_answered_for_the_month_asked(gesprek_met, kennisbank, voorbeelden):
    onderwerp, persoon, dag = historische_termijn(kennisbank)
    ander = next(o for o in voorbeelden.onderwerpen() if o.id != onderwerp.id)
    gesprek, _ = await gesprek_met(
        lambda map_: (met_alias(f"{GEDEELD} noord", onderwerp.id)(map_), met_alias(f"{GEDEELD} zuid", ander.id)(map_))
    )
    rol = next(r for r in OPDRACHTGEVERSROLLEN if any(t.persoon == persoon.id for t in onderwerp.termijnen(r)))
    maand = f"{MAANDEN[dag.month - 1]} {dag.year}"
    antwoorden = await gesprek.stuur(f"wie was in {maand} {rol} opdrachtgever van het {GEDEELD.lower()}?")
    assert is_keuze(antwoorden) and onderwerp.naam in knoppen_van(antwoorden), tekst_van(antwoorden)
    tekst = berichttekst_van(await gesprek.stuur(onderwerp.naam))
    assert persoon.naam in tekst and datum_tekst(dag) in tekst, tekst


# --- 7. an onderwerp named exactly never gets "Bedoelde je" ----------------------------------------


def binnen_andere_namen(onderwerpen: list[Onderwerp]) -> list[tuple[Onderwerp, str]]:
    """(onderwerp, alias) where the alias is part of another onderwerp's name or alias ("cultuur" of
    one, "Cultuurgids" of another) and no other onderwerp's whole name or alias."""
    uit = []
    for onderwerp in onderwerpen:
        anderen = [normaliseer(n) for a in onderwerpen if a.id != onderwerp.id for n in (a.naam, *a.aliassen)]
        for alias in onderwerp.aliassen:
            gewoon = normaliseer(alias)
            if len(gewoon) > 3 and gewoon not in anderen and any(gewoon in n for n in anderen):
                uit.append((onderwerp, alias))
    return uit


@beide
@ALLEEN_SQLITE
async def test_an_onderwerp_named_exactly_never_gets_bedoelde_je(gesprek: TestGesprek, kennisbank, voorbeelden, met_intentie):
    onderwerpen = voorbeelden.onderwerpen()
    binnen = binnen_andere_namen(onderwerpen)
    assert binnen, f"{kennisbank.organisatie.naam}: geen alias die deel is van een andere naam"
    namen = [(o, o.naam) for o in onderwerpen] + binnen
    fouten = []
    for geklasseerd, sjablonen in (
        (None, ("{}", "wie is ambtelijk opdrachtgever voor {}?", "bij wie moet ik zijn voor {}", "wie gaat er over {}")),
        ("documenten.vraag", ("{}", "wie gaat er over {}")),  # read as a question for the documents
    ):
        met_intentie(geklasseerd)
        for onderwerp, naam in namen:
            for sjabloon in sjablonen:
                antwoorden = await gesprek.stuur(sjabloon.format(naam))
                tekst = berichttekst_van(antwoorden)
                if is_keuze(antwoorden) or onderwerp.naam not in tekst or ao(kennisbank, onderwerp) not in tekst:
                    fouten.append((geklasseerd, sjabloon.format(naam), tekst[:120]))
    assert not fouten, fouten


# --- a rol where a person is asked about; help about a named person; a list's source -------------


@beide
async def test_a_rol_in_place_of_a_person(gesprek: TestGesprek, kennisbank, met_intentie):
    met_intentie("opdrachtgever.persoon")
    enkel = next(
        (r, h[0])
        for r in kennisbank.bestanden.rollen
        if len(h := kennisbank.personen_met_rol(r.id)) == 1 and kennisbank.onderwerpen_van(h[0].id, op=VANDAAG)
    )
    rol, houder = enkel
    tekst = berichttekst_van(await gesprek.stuur(f"welke onderwerpen heeft de {rol.naam.lower()}?"))
    assert houder.naam in tekst and all(o.naam in tekst for o in kennisbank.onderwerpen_van(houder.id, op=VANDAAG)[:3]), tekst
    niemand = next(r for r in kennisbank.bestanden.rollen if not kennisbank.personen_met_rol(r.id) and "(" not in r.naam)
    tekst = berichttekst_van(await gesprek.stuur(f"waar is een {niemand.naam.lower()} voor?"))  # nobody holds it: what it is
    assert tekst.startswith(f"**{niemand.naam}**") and niemand.omschrijving.split()[0] in tekst, tekst


@beide
@ALLEEN_SQLITE
async def test_help_about_a_person_named_in_full_is_about_that_person(gesprek: TestGesprek, voorbeelden, met_intentie, services):
    persoon = voorbeelden.opdrachtgever_met_onderwerpen()
    met_intentie("algemeen.hulp")
    tekst = berichttekst_van(await gesprek.stuur(f"kun je me helpen, wat doet {persoon.naam} allemaal?"))
    assert all(o.naam in tekst for o in voorbeelden.ambtelijk_van(persoon)), tekst
    hulp = berichttekst_van(await gesprek.stuur("hoe werkt dit ding eigenlijk?"))
    assert hulp.startswith(services.diensten.teksten.tekst("algemeen.hulp_titel")), hulp


@beide
@ALLEEN_SQLITE
async def test_a_list_of_onderwerpen_names_its_source(gesprek: TestGesprek, kennisbank, met_intentie):
    met_intentie("opdrachtgever.lijst")
    tekst = berichttekst_van(await gesprek.stuur("geef me een overzicht van alle onderwerpen"))
    eerste = kennisbank.bestanden.onderwerpen[0]
    assert eerste.naam in tekst and kennisbank.bron_tekst(eerste.bron) in tekst, tekst


# --- the entity layer on its own ----------------------------------------------------------------


def test_a_month_with_a_year_is_a_whole_month():
    (maart,) = vind_datums("wie was in maart 2023 AO van de regiekamer", VANDAAG)
    assert (maart.van, maart.tot) == (date(2023, 3, 1), date(2023, 3, 31))
    assert gevraagde_dag("waar was X in februari 2024 opdrachtgever voor", VANDAAG) == date(2024, 2, 1)
    assert gevraagde_dag("waar was X op 3 februari 2024 opdrachtgever voor", VANDAAG) == date(2024, 2, 3)
    assert gevraagde_dag(f"waar is X in {MAANDEN[VANDAAG.month - 1]} {VANDAAG.year} opdrachtgever voor", VANDAAG) == VANDAAG
    assert vind_datums("op 30 februari 2024", VANDAAG) == []  # an impossible day is no month either


@beide
def test_what_the_names_decide(kennisbank, voorbeelden):
    zoeker = Zoeker(kennisbank, vandaag=VANDAAG)
    onderwerp, woord = eigen_woord(kennisbank, voorbeelden)
    persoon = voorbeelden.opdrachtgever_met_onderwerpen()
    begrip = rapportagebegrippen(kennisbank)[0]
    assert zoeker.naamvraag(woord) is VraagSoort.ONBEKEND
    assert zoeker.naamvraag(f"{onderwerp.naam} en {persoon.naam}") is VraagSoort.ONBEKEND
    assert zoeker.naamvraag(f"wie gaat er over {onderwerp.naam}") is VraagSoort.OPDRACHTGEVER
    assert zoeker.naamvraag(f"betekenis {begrip.term}") is VraagSoort.UITLEG
    for geen in (
        f"wat is de deadline van de {begrip.term}",
        f"hoe werkt {onderwerp.naam}",
        "agenda",
        "waar kan ik parkeren",
        f"wat betekent het als {onderwerp.naam} uitloopt",
    ):
        assert zoeker.naamvraag(geen) is None, geen
