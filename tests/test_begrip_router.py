"""Issue 11, router and entity gaps found in session 5, each fixed and checked through the real turn
pipeline over HTTP, on every shipped example kennisbank. The phrasings here are written for these
tests; none comes from the natural question set.

- "wie gaat over <something unknown>": the unknown thing stands where an onderwerp stands, so the
  answer is the honest unknown onderwerp, never "I find nobody of that name" (and never a name);
- a name two people share (surname, first name or the whole name) asks "Bedoelde je A of B?" with
  buttons, also where the classifier is unsure or reads a documents question; two people of one
  full name are told apart on their buttons;
- the peildatum (or deadline) of a kind of round asked between rounds names the round just passed
  and the next one.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.app import GEMEENTEBOT
from bot.services import TIJDZONE
from dialogen.herkenning import Herkend
from dialogen.rapportage.overzicht import datum
from kennisbank.model import Persoon
from kennisbank.rapportage import Periode
from kennisbank.zoeken import NietGevonden, RolGevonden, VraagSoort, Zoeker, ontleed
from kennisbank.zoeken.normaliseren import normaliseer
from kennisbank.zoeken.vraag import als_directe_vraag, betekenis_van
from tests.conftest import STANDAARD_MOMENT, TestGesprek, knoppen_van, tekst_van
from tests.test_begrip_namen import ao, gesprek_met, is_keuze, met_naamgenoot, pas_yaml_aan  # noqa: F401 (fixture)
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)

beide = pytest.mark.beide_kennisbanken
VANDAAG = STANDAARD_MOMENT.date()
ALLEEN_SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def namen_van_personen(kennisbank) -> list[str]:
    """Every part of every person's name that could show up in an answer."""
    return [deel for p in kennisbank.bestanden.personen for deel in p.naam.split() if len(deel) > 3]


# --- 1. "gaat over" + an unknown thing is an unknown onderwerp ----------------------------------------


ONBEKENDE_DINGEN = [
    "wie gaat over de glasbakken",
    "wie gaat er over de glasbakken achter de kantine?",
    "hoi, wie gaat hier eigenlijk over het zwembad",
    "wie gaat over Pietersen",
]


@beide
@ALLEEN_SQLITE
@pytest.mark.parametrize("geklasseerd", ["opdrachtgever.persoon", "opdrachtgever.wie", None])
async def test_an_unknown_thing_after_gaat_over_is_an_unknown_onderwerp(
    gesprek: TestGesprek, kennisbank, services, met_intentie, geklasseerd
):
    teksten = services.diensten.teksten
    onbekend_onderwerp = teksten.tekst("opdrachtgever.niet_gevonden")
    eerlijk = (onbekend_onderwerp, teksten.tekst("algemeen.weet_ik_niet"))
    met_intentie(geklasseerd)
    for vraag in ONBEKENDE_DINGEN:
        tekst = tekst_van(await gesprek.stuur(vraag))
        assert teksten.tekst("opdrachtgever.persoon_onbekend") not in tekst, (vraag, tekst)
        if geklasseerd is not None:  # the lookup answered: it says it does not know the onderwerp
            assert tekst.startswith(onbekend_onderwerp), (vraag, tekst)
        else:  # the real recogniser: any honest answer
            assert tekst.startswith(eerlijk), (vraag, tekst)
        assert not [n for n in namen_van_personen(kennisbank) if n in tekst.met_knoppen], (vraag, tekst)


@beide
@ALLEEN_SQLITE
async def test_a_person_asked_about_by_an_unknown_name_is_still_nobody_of_that_name(gesprek: TestGesprek, services, met_intentie):
    met_intentie("opdrachtgever.persoon")
    tekst = tekst_van(await gesprek.stuur("waar is Zwanenburg opdrachtgever voor?"))
    assert tekst.startswith(services.diensten.teksten.tekst("opdrachtgever.persoon_onbekend")), tekst


# --- 2. a name two people share ----------------------------------------------------------------------


class OnzekereHerkenner:
    """Stands in for the recogniser: every text is an unsure `intentie` with `tweede` as runner-up."""

    def __init__(self, intentie: str, tweede: str) -> None:
        self.intentie, self.tweede = intentie, tweede

    def commando(self, tekst: str) -> Herkend | None:
        return None

    def herken(self, tekst: str) -> Herkend:
        return Herkend(
            self.intentie, tekst, normaliseer(tekst), zekerheid=0.5, nabijheid=0.6, alternatieven=((self.tweede, 0.3),)
        )


@pytest.fixture
def onzeker(monkeypatch):
    """`onzeker(services, intentie, tweede)`: that app's recogniser is unsure of `intentie`."""

    def zet(services, intentie: str, tweede: str) -> None:
        monkeypatch.setattr(services.router, "herkenner", OnzekereHerkenner(intentie, tweede))

    return zet


def met_voornaamgenoot(persoon, achternaam: str = "Zevenbergen"):
    """A second person with `persoon`'s first name."""

    def wijzig(map_: Path) -> None:
        voornaam = persoon.naam.split()[0]
        pas_yaml_aan(
            map_,
            "personen.yaml",
            lambda personen: personen.append(
                {
                    "id": f"voornaamgenoot-{achternaam.lower()}",
                    "naam": f"{voornaam} {achternaam}",
                    "functie": "Beleidsadviseur",
                    "rollen": [],
                    "bron": {"document": "voorbeeld", "sectie": "naamgenoot voor een test"},
                }
            ),
        )

    return wijzig


@beide
@ALLEEN_SQLITE
@pytest.mark.parametrize(
    "intentie, tweede", [("documenten.vraag", "opdrachtgever.persoon"), ("escalatie.vraag", "documenten.vraag")]
)
async def test_a_shared_name_in_an_unsure_question_asks_which_person(gesprek_met, voorbeelden, onzeker, intentie, tweede):
    persoon = voorbeelden.opdrachtgever_met_onderwerpen()
    voornaam, achternaam = persoon.naam.split(" ", 1)
    gesprek, kennisbank = await gesprek_met(lambda map_: (met_naamgenoot(persoon)(map_), met_voornaamgenoot(persoon)(map_)))
    services = gesprek.client.app[GEMEENTEBOT]
    onzeker(services, intentie, tweede)
    for vraag, genoot in (
        (f"wie is de leidinggevende van {achternaam}", f"Evelien {achternaam}"),
        (f"waarvoor is {achternaam} eigenlijk verantwoordelijk", f"Evelien {achternaam}"),
        (f"wat heeft {voornaam.lower()} zoal onder zich", f"{voornaam} Zevenbergen"),
    ):
        antwoorden = await gesprek.stuur(vraag)
        assert is_keuze(antwoorden), (vraag, tekst_van(antwoorden))
        assert {persoon.naam, genoot} <= set(knoppen_van(antwoorden)), (vraag, knoppen_van(antwoorden))
        tekst = tekst_van(await gesprek.stuur("2" if knoppen_van(antwoorden)[1] == persoon.naam else "1"))
        assert all(o.naam in tekst for o in voorbeelden.ambtelijk_van(persoon)), (vraag, tekst)


@beide
@ALLEEN_SQLITE
async def test_two_people_of_one_full_name_are_told_apart_by_their_function(gesprek_met, voorbeelden):
    persoon = voorbeelden.opdrachtgever_met_onderwerpen()

    def dubbel(map_: Path) -> None:
        pas_yaml_aan(
            map_,
            "personen.yaml",
            lambda personen: personen.append(
                {
                    "id": "volledige-naamgenoot",
                    "naam": persoon.naam,
                    "functie": "Stagiair",
                    "rollen": [],
                    "bron": {"document": "voorbeeld", "sectie": "naamgenoot voor een test"},
                }
            ),
        )

    gesprek, _ = await gesprek_met(dubbel)
    antwoorden = await gesprek.stuur(f"waar is {persoon.naam} opdrachtgever voor?")
    assert is_keuze(antwoorden), tekst_van(antwoorden)
    knoppen = knoppen_van(antwoorden)
    assert f"{persoon.naam} ({persoon.functie})" in knoppen and f"{persoon.naam} (Stagiair)" in knoppen, knoppen
    tekst = tekst_van(await gesprek.stuur(str(knoppen.index(f"{persoon.naam} ({persoon.functie})") + 1)))
    assert all(o.naam in tekst for o in voorbeelden.ambtelijk_van(persoon)), tekst


# --- 3. between rounds: the round just passed and the next one ------------------------------------------


def laatste_soort_van_het_jaar(kennisbank, jaar: int) -> tuple[Periode, Periode, str]:
    """The last round of `jaar`, the next round of its kind, and a word users type for that kind."""
    rapportage = kennisbank.bestanden.rapportage
    perioden = rapportage.perioden_rond(datetime(jaar, 7, 1).date())
    laatste = max((p for p in perioden if p.peildatum.year == jaar), key=lambda p: p.deadline)
    volgende = min(
        (p for p in perioden if p.soort == laatste.soort and p.peildatum > laatste.peildatum), key=lambda p: p.peildatum
    )
    woord = rapportage.soort_woorden()[laatste.soort][0]
    return laatste, volgende, woord


@beide
@ALLEEN_SQLITE
@pytest.mark.parametrize(
    "sjabloon",
    ["wat is de peildatum van de {woord}", "hoi! wanneer is de peildatum {woord}?", "tot wanneer kon ik de {woord} invullen"],
)
async def test_between_rounds_the_round_just_passed_and_the_next_are_named(gesprek: TestGesprek, kennisbank, klok, sjabloon):
    laatste, volgende, woord = laatste_soort_van_het_jaar(kennisbank, 2026)
    klok.zet(datetime.combine(laatste.deadline + timedelta(days=3), datetime.min.time(), TIJDZONE).replace(hour=10))
    tekst = tekst_van(await gesprek.stuur(sjabloon.format(woord=woord)))
    assert laatste.naam in tekst and volgende.naam in tekst, tekst
    assert tekst.index(laatste.naam) < tekst.index(volgende.naam), tekst
    if "peildatum" in sjabloon:
        assert datum(laatste.peildatum) in tekst and datum(volgende.peildatum) in tekst, tekst


@beide
@ALLEEN_SQLITE
async def test_during_a_round_and_for_the_next_moment_only_one_round_is_named(gesprek: TestGesprek, kennisbank, klok):
    laatste, volgende, woord = laatste_soort_van_het_jaar(kennisbank, 2026)
    klok.zet(datetime.combine(laatste.begin + timedelta(days=3), datetime.min.time(), TIJDZONE).replace(hour=10))
    tekst = tekst_van(await gesprek.stuur(f"wat is de peildatum van de {woord}"))
    assert laatste.naam in tekst and volgende.naam not in tekst, tekst
    klok.zet(datetime.combine(laatste.deadline + timedelta(days=3), datetime.min.time(), TIJDZONE).replace(hour=10))
    tekst = tekst_van(await gesprek.stuur(f"wat is de volgende peildatum van de {woord}"))
    assert volgende.naam in tekst and laatste.naam not in tekst, tekst


# --- 4. as people phrase it: indirect questions, "wat is dat?", a function, a body among others ---------


@pytest.mark.parametrize(
    ("getypt", "direct"),
    [
        ("kun je me vertellen wie de ao van de rud is", "wie is de ao van de rud"),
        ("weet jij wat een gebiedsagenda is", "wat is een gebiedsagenda"),
        ("ik snap niet wat een parafenlijst is", "wat is een parafenlijst"),
        ("ik vraag me af waar kossen allemaal opdrachtgever van is", "waar is kossen allemaal opdrachtgever van"),
        ("weet iemand wat lijnsturing tenzij inhoudt", "wat houdt lijnsturing tenzij in"),
        ("wie is de ao van de rud", "wie is de ao van de rud"),
        ("wat je moet doen als het budget op is", "wat je moet doen als het budget op is"),
    ],
)
def test_an_indirect_question_is_read_as_the_direct_one(getypt, direct):
    assert als_directe_vraag(getypt) == direct


def test_a_typo_in_a_keyword_is_fixed_but_a_word_that_looks_alike_is_not():
    assert ontleed("wie is de opdrachtgevr van de rud").kern == "rud"
    assert ontleed("wat is de concerndirectie").kern == "concerndirectie"
    assert ontleed("wat zijn de verantwoordelijkheden van een teammanager").soort is VraagSoort.ROL_OF_PERSOON


def enkele_functie(kennisbank) -> Persoon:
    """A person whose function (of two words or more, or a part of it between slashes) nobody else has."""
    for persoon in kennisbank.bestanden.personen:
        for deel in persoon.functie.split("/"):
            woorden = normaliseer(deel)
            anderen = [p for p in kennisbank.bestanden.personen if p is not persoon and woorden in normaliseer(p.functie)]
            if len(woorden.split()) >= 2 and not anderen:
                return persoon
    raise AssertionError("geen persoon met een eigen functie van twee woorden")


@beide
@ALLEEN_SQLITE
@pytest.mark.parametrize("geklasseerd", [None, "documenten.vraag", "opdrachtgever.wie"])
async def test_a_function_named_in_full_names_its_holder(gesprek: TestGesprek, kennisbank, met_intentie, geklasseerd):
    persoon = enkele_functie(kennisbank)
    functie = next(d for d in persoon.functie.split("/") if len(d.split()) >= 2).strip().lower()
    met_intentie(geklasseerd)
    for vraag in (f"wie is de {functie}?", f"kun je me vertellen wie de {functie} is"):
        tekst = tekst_van(await gesprek.stuur(vraag))
        assert persoon.naam in tekst, (vraag, tekst)


def test_a_rol_whose_name_ends_in_an_opdrachtgever_word_is_that_rol(kennisbank):
    zoeker = Zoeker(kennisbank, vandaag=VANDAAG)
    rollen = [r for r in kennisbank.bestanden.rollen if normaliseer(r.naam).split()[-1] in ("directeur", "opdrachtgever")]
    rollen = [r for r in rollen if len(r.naam.split()) == 2 and "(" not in r.naam]
    assert rollen
    for rol in rollen:
        for vraag in (f"wie is de {rol.naam.lower()}", f"weet jij wie de {rol.naam.lower()} is?"):
            antwoord = zoeker.beantwoord(vraag)
            assert isinstance(antwoord, RolGevonden) and antwoord.rol.id == rol.id, (vraag, antwoord)
    assert isinstance(zoeker.beantwoord("wie is de directeur van het zwembad"), NietGevonden)


def een_begrip(kennisbank):
    """A begrip of one word that no onderwerp, rol or person is named like."""
    andere = {normaliseer(n) for o in kennisbank.bestanden.onderwerpen for n in (o.naam, *o.aliassen)}
    andere |= {normaliseer(r.naam) for r in kennisbank.bestanden.rollen}
    return next(
        b for b in kennisbank.bestanden.begrippen if " " not in b.term and normaliseer(b.term) not in andere and len(b.term) > 6
    )


@beide
@ALLEEN_SQLITE
@pytest.mark.parametrize("geklasseerd", [None, "documenten.vraag", "algemeen.buiten_bereik"])
async def test_a_closing_wat_is_dat_asks_the_meaning_of_the_begrip_named_before(
    gesprek: TestGesprek, kennisbank, met_intentie, geklasseerd
):
    begrip = een_begrip(kennisbank)
    met_intentie(geklasseerd)
    for vraag in (
        f"Goedemiddag! In een stuk zie ik steeds {begrip.term.lower()} staan, wat is dat?",
        f"mijn collega had het over {begrip.term.lower()}. wat bedoelen ze daarmee",
    ):
        tekst = tekst_van(await gesprek.stuur(vraag))
        assert tekst.startswith(f"**{begrip.term}**"), (vraag, tekst)


@beide
@ALLEEN_SQLITE
async def test_who_in_the_college_is_the_bestuurlijk_opdrachtgever(gesprek: TestGesprek, kennisbank, voorbeelden, met_intentie):
    onderwerp = voorbeelden.met_bestuurlijk()
    wethouder = kennisbank.persoon(onderwerp.bestuurlijk_opdrachtgever)
    met_intentie("documenten.vraag")  # "college", "besturen": words of the documents
    tekst = tekst_van(await gesprek.stuur(f"wie in het college trekt {onderwerp.naam.lower()}?"))
    assert wethouder.naam in tekst and ao(kennisbank, onderwerp) not in tekst, tekst


@beide
@ALLEEN_SQLITE
async def test_whom_a_named_person_reports_to_is_their_leidinggevende(gesprek: TestGesprek, kennisbank, met_intentie):
    persoon = next(p for p in kennisbank.bestanden.personen if p.leidinggevende and len(p.naam.split()) == 2)
    baas = kennisbank.persoon(persoon.leidinggevende)
    met_intentie("rapportage.vraag")
    tekst = tekst_van(await gesprek.stuur(f"bij wie rapporteert {persoon.naam}?"))
    assert baas.naam in tekst, tekst
    lijn = kennisbank.bestanden.rapportage.lijnen[0]
    tekst = tekst_van(await gesprek.stuur(f"aan wie rapporteert {lijn.woorden[0]}?"))  # a line of the rapportage
    assert normaliseer(lijn.aan) in normaliseer(tekst), tekst


@beide
@ALLEEN_SQLITE
async def test_an_unsure_who_question_about_a_wethouder_is_never_answered_with_the_ambtelijk_one(
    gesprek_met, voorbeelden, onzeker
):
    zonder = voorbeelden.zonder_bestuurlijk()
    met = voorbeelden.met_bestuurlijk()
    gesprek, kennisbank = await gesprek_met(lambda map_: None)
    services = gesprek.client.app[GEMEENTEBOT]
    onzeker(services, "opdrachtgever.wie", "documenten.vraag")
    teksten = services.diensten.teksten
    tekst = tekst_van(await gesprek.stuur(f"wethouder {zonder.naam.lower()}?"))
    assert tekst.startswith(teksten.tekst("opdrachtgever.bestuurlijk_onbekend", onderwerp=zonder.naam)), tekst
    tekst = tekst_van(await gesprek.stuur(f"en de portefeuillehouder van {met.naam.lower()}"))
    assert kennisbank.persoon(met.bestuurlijk_opdrachtgever).naam in tekst and ao(kennisbank, met) not in tekst, tekst


@pytest.mark.parametrize(
    ("vraag", "woord"),
    [
        ("leg uit: lijnsturing tenzij", "lijnsturing tenzij"),
        ("leg me eens uit de parafenlijst", "parafenlijst"),
        ("waar staan de W-vragen voor", "w vragen"),
        ("waar staat PHO eigenlijk voor?", "pho"),
        ("ik snap niet wat een gebiedsagenda is", "gebiedsagenda"),
        ("wat is de peildatum", None),
    ],
)
def test_ways_to_ask_what_a_word_means(vraag, woord):
    assert betekenis_van(vraag) == woord


def test_the_tasks_of_a_rol_without_wat_zijn_ask_about_the_rol():
    vraag = ontleed("verantwoordelijkheden van de bestuurlijk opdrachtgever?")
    assert (vraag.kern, vraag.soort) == ("bestuurlijk opdrachtgever", VraagSoort.ROL_OF_PERSOON)


@beide
def test_a_rol_is_found_in_the_plural(kennisbank):
    zoeker = Zoeker(kennisbank, vandaag=VANDAAG)
    rollen = [r for r in kennisbank.bestanden.rollen if re.fullmatch(r"[A-Za-z]+", r.naam)]
    assert rollen
    for rol in rollen:
        meervoud = f"{rol.naam.lower()}{'n' if rol.naam.endswith('e') else 's'}"
        gevonden = {
            e.id for v in zoeker.vind(f"wat doen de {meervoud} eigenlijk", frozenset({"rol"})) for e in v.kandidaten if e.exact
        }
        assert rol.id in gevonden, (meervoud, gevonden)


@ALLEEN_SQLITE
async def test_a_name_of_a_begrip_and_a_rol_is_explained_beside_another_begrip(gesprek_met, kennisbank):
    """A kennisbank may still give a rol and a begrip one name (the check warns; the examples no longer
    do): beside another name, the begrip explains it."""
    rol = next(r for r in kennisbank.bestanden.rollen if normaliseer(r.naam) == "concerndirectie")
    uitleg = "Het begrip van deze naam, voor een test."

    def met_begrip_van_de_rol(map_: Path) -> None:
        begrip = {"id": "naamgenoot-van-rol", "term": rol.naam, "uitleg": uitleg, "bron": rol.bron.model_dump()}
        pas_yaml_aan(map_, "begrippen.yaml", lambda begrippen: begrippen.append(begrip))

    gesprek, kennisbank = await gesprek_met(met_begrip_van_de_rol)
    ander = een_begrip(kennisbank)
    tekst = tekst_van(await gesprek.stuur(f"wat is het verschil tussen de {rol.naam.lower()} en {ander.term.lower()}?"))
    assert f"**{rol.naam}**" in tekst and uitleg in tekst and f"**{ander.term}**" in tekst, tekst
    assert rol.omschrijving[:60] not in tekst.met_knoppen, tekst


@beide
@ALLEEN_SQLITE
@pytest.mark.parametrize("geklasseerd", ["opdrachtgever.uitleg", "algemeen.buiten_bereik"])
async def test_two_people_named_by_first_name_are_each_answered(
    gesprek: TestGesprek, kennisbank, voorbeelden, met_intentie, geklasseerd
):
    voornamen = Counter(p.naam.split()[0] for p in kennisbank.bestanden.personen)
    twee = [p for p in kennisbank.bestanden.personen if voornamen[p.naam.split()[0]] == 1 and voorbeelden.ambtelijk_van(p)][:2]
    met_intentie(geklasseerd)
    tekst = tekst_van(await gesprek.stuur(f"wat doen {twee[0].naam.split()[0]} en {twee[1].naam.split()[0]} eigenlijk?"))
    for persoon in twee:
        assert persoon.naam in tekst and voorbeelden.ambtelijk_van(persoon)[0].naam in tekst, tekst


@beide
@ALLEEN_SQLITE
async def test_an_update_announced_in_a_sentence_opens_the_form_of_the_onderwerp_named(
    gesprek: TestGesprek, voorbeelden, met_intentie
):
    persoon = voorbeelden.opdrachtgever_met_onderwerpen()
    eerste, tweede, *_ = voorbeelden.ambtelijk_van(persoon)
    gesprek.als = persoon.id
    met_intentie("rapportage.update")
    tekst = tekst_van(await gesprek.stuur(f"{eerste.naam.lower()} loopt achter, dat wil ik even melden"))
    assert eerste.naam in tekst and tweede.naam not in tekst, tekst
    tekst = tekst_van(await gesprek.stuur("ik wil mijn voortgang doorgeven"))  # nothing named: every own onderwerp
    assert eerste.naam in tekst and tweede.naam in tekst, tekst


@beide
@ALLEEN_SQLITE
async def test_how_often_a_year_counts_the_rounds_and_names_each(gesprek: TestGesprek, kennisbank, services):
    rapportage = kennisbank.bestanden.rapportage
    soorten = {p.soort for p in rapportage.perioden_rond(VANDAAG)}
    tekst = tekst_van(await gesprek.stuur("hoi, hoe vaak per jaar rapporteren we eigenlijk?"))
    aantal = {2: "twee", 3: "drie"}.get(len(soorten), str(len(soorten)))
    assert tekst.startswith(services.diensten.teksten.tekst("rapportage.feiten_rondes_per_jaar", aantal=aantal)), tekst
    assert all(rapportage.soort_naam(s, VANDAAG.year).split()[0] in tekst for s in soorten), tekst


@beide
@ALLEEN_SQLITE
async def test_an_update_for_a_round_is_no_update_for_an_onderwerp_of_that_name(gesprek: TestGesprek, kennisbank, voorbeelden):
    persoon = voorbeelden.opdrachtgever_met_onderwerpen()
    eerste, tweede, *_ = voorbeelden.ambtelijk_van(persoon)
    gesprek.als = persoon.id
    periode = kennisbank.bestanden.rapportage.open_periode(VANDAAG)
    woord = kennisbank.bestanden.rapportage.soort_woorden()[periode.soort][0]
    tekst = tekst_van(await gesprek.stuur(f"statusupdate voor de {woord}"))
    assert "onderwerp van jou dat past" not in tekst and eerste.naam in tekst and tweede.naam in tekst, tekst
