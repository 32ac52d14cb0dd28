"""Issue 11: opdrachtgever questions as people type them, through the real turn pipeline over HTTP:
entities anywhere in the sentence, several onderwerpen, bestuurlijk, persoon, lijst, and the
generic 'Bedoelde je' choice with typed answers.

Tests of generic behaviour (marked `beide_kennisbanken`) run on every shipped example and take their
onderwerpen and persons from the loaded data (`voorbeelden`); the others are about the first
example's own facts (its aliases, its ambiguous words)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.app import create_app
from bot.settings import Settings
from db.modellen.fundament import OnbeantwoordeVraag
from dialogen.herkenning import Herkend
from dialogen.opdrachtgever import maak_herkend
from kennisbank.laden import laad_kennisbank
from tests.conftest import STANDAARD_KENNISBANK, TestGesprek, tekst_van


def is_keuze(antwoorden: list[dict]) -> bool:
    return any(
        b.get("contentType") == "application/vnd.microsoft.card.hero" for a in antwoorden for b in a.get("attachments") or []
    )


def knoppen(antwoorden: list[dict]) -> list[str]:
    return [k["title"] for a in antwoorden for b in a.get("attachments") or [] for k in b["content"].get("buttons", [])]


def ao_van(kennisbank, onderwerp_id: str) -> str:
    return kennisbank.personen[kennisbank.onderwerpen[onderwerp_id].ambtelijk_opdrachtgever].naam


def noemt_persoon(tekst: str, kennisbank) -> bool:
    return any(p.naam in tekst for p in kennisbank.bestanden.personen)


@pytest.mark.parametrize(
    ("vraag", "onderwerp_id"),
    [
        ("we willen iets met de binnenstad doen, wie is daar ambtelijk de baas?", "binnenstad"),
        (
            "Goedemorgen! Ik schrijf een collegevoorstel over de jeugdagenda, wie moet ik als ambtelijk opdrachtgever laten meelezen?",
            "jeugdagenda",
        ),
        ("wie is AO v/d RUD", "regionale-uitvoeringsdienst"),
        ("Hoi! Weet jij wie ambtelijk opdrachtgever is van de duurzaamheidsagenda?", "duurzaamheidsagenda"),
        ("wie is ao voor p&o", "personeel-en-organisatie"),
        ("wie gaat er eigenlijk over het kcc?", "bb-centraal-doorontwikkeling-kcc"),
    ],
)
async def test_onderwerp_found_anywhere_in_the_sentence_without_bedoelde_je(
    gesprek: TestGesprek, kennisbank, vraag, onderwerp_id
):
    antwoorden = await gesprek.stuur(vraag)
    tekst = tekst_van(antwoorden)
    assert not is_keuze(antwoorden), tekst
    assert kennisbank.onderwerpen[onderwerp_id].naam in tekst
    assert ao_van(kennisbank, onderwerp_id) in tekst and "Bron:" in tekst


async def test_two_onderwerpen_in_one_question_get_one_answer_each(gesprek: TestGesprek, kennisbank):
    antwoorden = await gesprek.stuur("wie zijn de opdrachtgevers van de RUD en de regionale brandweer")
    assert len(antwoorden) == 2
    for antwoord, onderwerp_id in zip(antwoorden, ["regionale-uitvoeringsdienst", "regionale-brandweer"]):
        assert kennisbank.onderwerpen[onderwerp_id].naam in antwoord["text"]
        assert ao_van(kennisbank, onderwerp_id) in antwoord["text"]


@pytest.mark.beide_kennisbanken
async def test_two_named_onderwerpen_get_one_answer_each(gesprek: TestGesprek, voorbeelden):
    eerste, tweede = voorbeelden.onderwerpen(lambda o: " en " not in o.naam.lower() and "&" not in o.naam)[:2]
    antwoorden = await gesprek.stuur(f"wie zijn de opdrachtgevers van {eerste.naam} en {tweede.naam}")
    assert len(antwoorden) == 2, tekst_van(antwoorden)
    for antwoord, onderwerp in zip(antwoorden, [eerste, tweede]):
        assert onderwerp.naam in antwoord["text"] and voorbeelden.ao(onderwerp).naam in antwoord["text"]


@pytest.mark.beide_kennisbanken
async def test_bestuurlijk_unknown_is_said_explicitly_and_names_who_knows(gesprek: TestGesprek, voorbeelden):
    onderwerp = voorbeelden.zonder_bestuurlijk()
    tekst = tekst_van(await gesprek.stuur(f"welke wethouder gaat over {onderwerp.naam}"))
    assert "noemt geen bestuurlijk opdrachtgever" in tekst and onderwerp.naam in tekst
    assert f"ambtelijk opdrachtgever van dit onderwerp, **{voorbeelden.ao(onderwerp).naam}**" in tekst
    assert "Ambtelijk opdrachtgever:" not in tekst.met_knoppen  # never silently the ambtelijk one


@pytest.mark.beide_kennisbanken
async def test_bestuurlijk_known_is_named_with_the_onderwerp(gesprek: TestGesprek, voorbeelden):
    onderwerp = voorbeelden.met_bestuurlijk()
    tekst = tekst_van(await gesprek.stuur(f"wie is de bestuurlijk opdrachtgever voor {onderwerp.naam}?"))
    assert (
        f"Bestuurlijk opdrachtgever (portefeuillehouder) van **{onderwerp.naam}**: **{voorbeelden.bestuurlijk(onderwerp).naam}**"
        in tekst
    )


@pytest.fixture
async def gesprek_met_wethouder(tmp_path: Path, database_url: str, klok, kennisbank) -> TestGesprek:
    """The example kennisbank plus one wethouder as bestuurlijk opdrachtgever of the binnenstad."""
    map_ = tmp_path / "kennisbank"
    map_.mkdir()
    for bestand in STANDAARD_KENNISBANK.glob("*.yaml"):
        (map_ / bestand.name).write_text(bestand.read_text(encoding="utf-8"), encoding="utf-8")
    personen = yaml.safe_load((map_ / "personen.yaml").read_text(encoding="utf-8"))
    personen.append({"id": "wethouder-a", "naam": "Anna Wethouder", "functie": "Wethouder", "bron": personen[0]["bron"]})
    (map_ / "personen.yaml").write_text(yaml.safe_dump(personen, allow_unicode=True), encoding="utf-8")
    onderwerpen = yaml.safe_load((map_ / "onderwerpen.yaml").read_text(encoding="utf-8"))
    for o in onderwerpen:
        if o["id"] == "binnenstad":
            o["bestuurlijk_opdrachtgever"] = "wethouder-a"
    (map_ / "onderwerpen.yaml").write_text(yaml.safe_dump(onderwerpen, allow_unicode=True), encoding="utf-8")
    settings = Settings(database_url=database_url, kennisbank=map_, herinneringen=False)
    client = TestClient(TestServer(create_app(settings, klok=klok)))
    await client.start_server()
    yield TestGesprek(client, laad_kennisbank(map_))
    await client.close()


async def test_bestuurlijk_from_the_data(gesprek_met_wethouder: TestGesprek):
    tekst = tekst_van(await gesprek_met_wethouder.stuur("wie is de bestuurlijk opdrachtgever voor de binnenstad?"))
    assert "Bestuurlijk opdrachtgever (portefeuillehouder) van **Binnenstad**: **Anna Wethouder**" in tekst
    persoon = tekst_van(await gesprek_met_wethouder.stuur("waar is Anna bestuurlijk opdrachtgever voor?"))
    assert "Binnenstad (bestuurlijk)" in persoon


async def test_persoon_filtered_by_soort(gesprek: TestGesprek, kennisbank):
    kossen = kennisbank.personen["marcel-kossen"]
    van_hem = kennisbank.onderwerpen_van(kossen.id)
    agendas = [o.naam for o in van_hem if o.soort == "agenda"]
    anders = [o.naam for o in van_hem if o.soort != "agenda"]
    assert agendas and anders
    tekst = tekst_van(await gesprek.stuur("voor welke agenda's is Kossen ambtelijk opdrachtgever?"))
    assert kossen.naam in tekst
    assert all(naam in tekst for naam in agendas)
    assert not any(naam in tekst.met_knoppen for naam in anders)


def _uniek_benoemd(voorbeelden):
    """A manager whose first name and surname no other person shares."""
    personen = voorbeelden.kennisbank.bestanden.personen
    for persoon in personen:
        voornaam, achternaam = persoon.naam.split()[0], persoon.naam.split()[-1]
        if (
            len(voorbeelden.ambtelijk_van(persoon)) >= 2
            and sum(voornaam in p.naam.split() or achternaam in p.naam.split() for p in personen) == 1
        ):
            return persoon, voornaam, achternaam
    raise AssertionError("geen opdrachtgever met een unieke voor- en achternaam")


@pytest.mark.beide_kennisbanken
@pytest.mark.parametrize(
    "vorm", ["wat doet {voornaam}", "waar is {naam} allemaal opdrachtgever voor?", "welke onderwerpen heeft {achternaam}"]
)
async def test_persoon_by_first_name_surname_or_full_name(gesprek: TestGesprek, kennisbank, voorbeelden, vorm):
    persoon, voornaam, achternaam = _uniek_benoemd(voorbeelden)
    tekst = tekst_van(await gesprek.stuur(vorm.format(voornaam=voornaam, naam=persoon.naam.lower(), achternaam=achternaam)))
    assert persoon.naam in tekst
    assert all(o.naam in tekst for o in kennisbank.onderwerpen_van(persoon.id))


async def test_another_person_with_the_same_surname_gets_bedoelde_je_not_an_answer(gesprek: TestGesprek, kennisbank):
    (lotte,) = [p for p in kennisbank.bestanden.personen if p.naam.endswith("Jansen")]
    antwoorden = await gesprek.stuur("waar is Piet Jansen AO van?")
    assert is_keuze(antwoorden) and knoppen(antwoorden) == [lotte.naam]
    assert lotte.naam not in tekst_van(await gesprek.stuur("nee")).met_knoppen


@pytest.mark.beide_kennisbanken
async def test_persoon_without_a_match_in_the_filter_says_so(gesprek: TestGesprek, kennisbank, voorbeelden):
    persoon, _, achternaam = _uniek_benoemd(voorbeelden)
    assert not any(o.bestuurlijk_opdrachtgever == persoon.id for o in kennisbank.bestanden.onderwerpen)
    tekst = tekst_van(await gesprek.stuur(f"waar is {achternaam} bestuurlijk opdrachtgever voor"))
    assert "nergens bestuurlijk opdrachtgever" in tekst
    assert not any(o.naam in tekst.met_knoppen for o in kennisbank.onderwerpen_van(persoon.id))


@pytest.mark.beide_kennisbanken
async def test_lijst_all_grouped_with_counts_and_shortened(gesprek: TestGesprek, kennisbank):
    tekst = tekst_van(await gesprek.stuur("geef me een lijst van alle onderwerpen"))
    assert f"kent {len(kennisbank.bestanden.onderwerpen)} onderwerpen" in tekst
    for soort in kennisbank.organisatie.soorten_onderwerp:
        aantal = sum(o.soort == soort.id for o in kennisbank.bestanden.onderwerpen)
        if aantal:
            assert f"_{soort.naam}_ ({aantal})" in tekst
    assert "en nog" in tekst and "Vraag naar één soort" in tekst


async def test_lijst_per_soort(gesprek: TestGesprek, kennisbank):
    tekst = tekst_van(await gesprek.stuur("welke projecten zijn er?"))
    projecten = [o.naam for o in kennisbank.bestanden.onderwerpen if o.soort == "project"]
    assert all(naam in tekst for naam in projecten)
    assert not any(o.naam in tekst.met_knoppen for o in kennisbank.bestanden.onderwerpen if o.soort == "agenda")


@pytest.mark.parametrize(
    ("vraag", "soort"),
    [
        ("noem alle agenda's", "agenda"),
        ("hoeveel agenda's zijn er?", "agenda"),
        ("wat zijn de projecten?", "project"),
        ("welke concernaspecten kennen we", "concernaspect"),
        ("lijstje bedrijfsvoering graag", "bedrijfsvoering"),
    ],
)
async def test_lijst_asked_in_other_words(gesprek: TestGesprek, kennisbank, vraag, soort):
    tekst = tekst_van(await gesprek.stuur(vraag))
    van_soort = [o.naam for o in kennisbank.bestanden.onderwerpen if o.soort == soort]
    assert f"kent er {len(van_soort)}" in tekst
    assert all(naam in tekst for naam in van_soort)
    assert not any(o.naam in tekst.met_knoppen for o in kennisbank.bestanden.onderwerpen if o.soort != soort)


@pytest.mark.beide_kennisbanken
async def test_unknown_topic_is_honest_without_a_name_and_logged(gesprek: TestGesprek, kennisbank, services):
    tekst = tekst_van(await gesprek.stuur("wie is ambtelijk opdrachtgever voor de kerstmarkt?"))
    assert "Ik ken dat onderwerp niet" in tekst
    assert not noemt_persoon(tekst, kennisbank)
    async with services.sessies() as sessie:
        vragen = (await sessie.scalars(select(OnbeantwoordeVraag.vraag))).all()
    assert "wie is ambtelijk opdrachtgever voor de kerstmarkt?" in vragen


# ---- "Bedoelde je A of B?" ----------------------------------------------------------------

TWIJFEL = "wie gaat over regionaal"
"""Several onderwerpen are close and none is named in full."""


async def _keuze(gesprek: TestGesprek) -> list[str]:
    antwoorden = await gesprek.stuur(TWIJFEL)
    assert is_keuze(antwoorden), tekst_van(antwoorden)
    assert "Bedoelde je" in tekst_van(antwoorden) and "Bedoelde u" not in tekst_van(antwoorden).met_knoppen
    titels = knoppen(antwoorden)
    assert len(titels) >= 2
    return titels


@pytest.mark.parametrize(("antwoord", "index"), [("2", 1), ("nummer 2", 1), ("de eerste", 0), ("de laatste", -1)])
async def test_bedoelde_je_typed_number_or_position(gesprek: TestGesprek, antwoord, index):
    titels = await _keuze(gesprek)
    tekst = tekst_van(await gesprek.stuur(antwoord))
    assert f"**{titels[index]}**" in tekst and "Ambtelijk opdrachtgever" in tekst


async def test_bedoelde_je_typed_name_or_clicked_button(gesprek: TestGesprek, kennisbank):
    titels = await _keuze(gesprek)
    tekst = tekst_van(await gesprek.stuur(titels[1].lower()))
    assert f"**{titels[1]}**" in tekst
    antwoorden = await gesprek.stuur(TWIJFEL)
    klik = next(k["value"] for a in antwoorden for b in a["attachments"] for k in b["content"]["buttons"])
    assert f"**{titels[0]}**" in tekst_van(await gesprek.stuur(klik))


async def test_bedoelde_je_nee_gives_the_honest_answer(gesprek: TestGesprek, kennisbank):
    await _keuze(gesprek)
    tekst = tekst_van(await gesprek.stuur("geen van beide"))
    assert "weet ik niet welk onderwerp" in tekst and not noemt_persoon(tekst, kennisbank)


async def test_bedoelde_je_is_forgotten_after_one_message(gesprek: TestGesprek, kennisbank):
    await _keuze(gesprek)
    # Another question simply starts over: it gets its own answer ...
    tekst = tekst_van(await gesprek.stuur("wie is AO v/d RUD"))
    assert kennisbank.onderwerpen["regionale-uitvoeringsdienst"].naam in tekst
    # ... and the old choice is gone: "2" is now just an unknown question, not option 2.
    tekst = tekst_van(await gesprek.stuur("2"))
    assert "Ambtelijk opdrachtgever" not in tekst.met_knoppen and not noemt_persoon(tekst, kennisbank)


async def test_bedoelde_je_ja_with_one_candidate(gesprek: TestGesprek, kennisbank):
    antwoorden = await gesprek.stuur("wie gaat over sociale media")
    assert is_keuze(antwoorden) and knoppen(antwoorden) == ["Sociale agenda"]
    tekst = tekst_van(await gesprek.stuur("ja"))
    assert "**Sociale agenda**" in tekst and ao_van(kennisbank, "sociale-agenda") in tekst


async def test_bedoelde_je_ja_with_several_asks_which(gesprek: TestGesprek):
    titels = await _keuze(gesprek)
    antwoorden = await gesprek.stuur("ja")
    assert is_keuze(antwoorden) and "Welke bedoel je?" in tekst_van(antwoorden) and knoppen(antwoorden) == titels
    assert f"**{titels[1]}**" in tekst_van(await gesprek.stuur("2"))


async def test_bedoelde_je_does_not_trap_another_feature(gesprek: TestGesprek):
    await _keuze(gesprek)
    tekst = tekst_van(await gesprek.stuur("stop"))
    assert "Bedoelde je" not in tekst.met_knoppen
    assert "Ambtelijk opdrachtgever" not in tekst_van(await gesprek.stuur("de eerste")).met_knoppen


# ---- the intents the classifier sends (issue 11 point 1), forced through the real pipeline ----


class VasteHerkenner:
    """Stands in for the recogniser: every text gets one given intent."""

    def __init__(self, intentie: str) -> None:
        self.intentie = intentie

    def commando(self, tekst: str) -> Herkend | None:
        return None  # no command rules: every text is the given intent

    def herken(self, tekst: str) -> Herkend:
        return maak_herkend(self.intentie, tekst, zekerheid=1.0)


@pytest.fixture
def met_intentie(services, monkeypatch):
    def zet(intentie: str) -> None:
        monkeypatch.setattr(services.router, "herkenner", VasteHerkenner(intentie))

    return zet


async def test_intent_wie_with_several_onderwerpen(gesprek: TestGesprek, kennisbank, met_intentie):
    met_intentie("opdrachtgever.wie")
    antwoorden = await gesprek.stuur("ik zoek de ambtelijk opdrachtgevers van jeugd en duurzaamheid")
    assert [kennisbank.onderwerpen[i].naam in a["text"] for a, i in zip(antwoorden, ["jeugdagenda", "duurzaamheidsagenda"])] == [
        True,
        True,
    ]


async def test_intent_wie_named_onderwerp_wins_whatever_the_wording(gesprek: TestGesprek, kennisbank, met_intentie):
    met_intentie("opdrachtgever.wie")
    antwoorden = await gesprek.stuur("wat doet de baas van de regiekamer eigenlijk, wie is dat?")
    assert not is_keuze(antwoorden)
    assert "**Regiekamer**" in tekst_van(antwoorden) and ao_van(kennisbank, "regiekamer") in tekst_van(antwoorden)


@pytest.mark.beide_kennisbanken
async def test_intent_bestuurlijk_never_answers_with_the_ambtelijk_one(gesprek: TestGesprek, voorbeelden, met_intentie):
    onderwerp = voorbeelden.zonder_bestuurlijk()
    met_intentie("opdrachtgever.bestuurlijk")
    tekst = tekst_van(await gesprek.stuur(f"en bij {onderwerp.naam.lower()}, wie is daar de portefeuillehouder?"))
    assert "noemt geen bestuurlijk opdrachtgever" in tekst and f"**{onderwerp.naam}**" in tekst
    assert "Ambtelijk opdrachtgever:" not in tekst.met_knoppen


@pytest.mark.beide_kennisbanken
async def test_intent_bestuurlijk_unknown_topic_gives_no_name(gesprek: TestGesprek, kennisbank, met_intentie):
    met_intentie("opdrachtgever.bestuurlijk")
    tekst = tekst_van(await gesprek.stuur("welke wethouder gaat over de kerstmarkt?"))
    assert "Ik ken dat onderwerp niet" in tekst and not noemt_persoon(tekst, kennisbank)


@pytest.mark.beide_kennisbanken
async def test_intent_persoon_and_lijst(gesprek: TestGesprek, kennisbank, voorbeelden, met_intentie):
    persoon, _, achternaam = _uniek_benoemd(voorbeelden)
    met_intentie("opdrachtgever.persoon")
    tekst = tekst_van(await gesprek.stuur(f"wat heeft {achternaam.lower()} allemaal onder zich?"))
    assert all(o.naam in tekst for o in kennisbank.onderwerpen_van(persoon.id))
    tekst = tekst_van(await gesprek.stuur("wat doet Pietje Puk?"))
    assert "Ik vind niemand met die naam" in tekst
    assert not any(p.naam.split()[-1] in tekst.met_knoppen for p in kennisbank.bestanden.personen)  # not even as an example
    onderwerp = voorbeelden.onderwerp()
    tekst = tekst_van(await gesprek.stuur(f"waar gaat {onderwerp.naam.lower()} over?"))  # no person: the record named
    assert f"**{onderwerp.naam}**" in tekst and voorbeelden.ao(onderwerp).naam in tekst
    met_intentie("opdrachtgever.lijst")
    tekst = tekst_van(await gesprek.stuur("wat hebben we allemaal?"))
    assert f"kent {len(kennisbank.bestanden.onderwerpen)} onderwerpen" in tekst


async def test_a_new_question_after_bedoelde_je_is_routed_like_any_other(gesprek: TestGesprek, met_intentie):
    await _keuze(gesprek)
    met_intentie("opdrachtgever.bestuurlijk")  # the router now reads the next message as bestuurlijk
    tekst = tekst_van(await gesprek.stuur("en bij de binnenstad?"))
    assert "noemt geen bestuurlijk opdrachtgever" in tekst and "**Binnenstad**" in tekst


async def test_intent_uitleg_answers_or_declines(gesprek: TestGesprek, kennisbank, met_intentie, services):
    met_intentie("opdrachtgever.uitleg")
    assert "**Sectorcontract**" in tekst_van(await gesprek.stuur("wat is eigenlijk een sectorcontract"))
    feature = services.router.features["opdrachtgever"]
    gevraagd: list[bool | None] = []
    origineel = feature.behandel

    async def behandel(dc, herkend):
        gevraagd.append(await origineel(dc, herkend))
        return gevraagd[-1]

    services.router.features["opdrachtgever"].behandel = behandel
    tekst = tekst_van(await gesprek.stuur("wat is een fluxcompensator?"))
    assert gevraagd == [False]  # no confident answer: the router tries the documents next
    assert not noemt_persoon(tekst, kennisbank)


@pytest.fixture
async def gesprek_veel_onderwerpen(tmp_path: Path, database_url: str, klok) -> TestGesprek:
    """The example kennisbank plus 30 extra projects of one director."""
    map_ = tmp_path / "kennisbank"
    map_.mkdir()
    for bestand in STANDAARD_KENNISBANK.glob("*.yaml"):
        (map_ / bestand.name).write_text(bestand.read_text(encoding="utf-8"), encoding="utf-8")
    onderwerpen = yaml.safe_load((map_ / "onderwerpen.yaml").read_text(encoding="utf-8"))
    bron = onderwerpen[0]["bron"]
    onderwerpen += [
        {
            "id": f"extra-{i}",
            "naam": f"Extra project {i}",
            "soort": "project",
            "ambtelijk_opdrachtgever": "jelle-arentsen",
            "bron": bron,
        }
        for i in range(30)
    ]
    (map_ / "onderwerpen.yaml").write_text(yaml.safe_dump(onderwerpen, allow_unicode=True), encoding="utf-8")
    settings = Settings(database_url=database_url, kennisbank=map_, herinneringen=False)
    client = TestClient(TestServer(create_app(settings, klok=klok)))
    await client.start_server()
    yield TestGesprek(client, laad_kennisbank(map_))
    await client.close()


async def test_long_persoon_answer_is_shortened_with_a_hint(gesprek_veel_onderwerpen: TestGesprek):
    tekst = tekst_van(await gesprek_veel_onderwerpen.stuur("waar is Jelle opdrachtgever voor?"))
    assert "is opdrachtgever voor 39 onderwerpen" in tekst
    assert "_Project_ (32)" in tekst and "… en nog 24" in tekst and "Vraag naar één soort" in tekst
    assert tekst.count("Extra project") == 6  # 8 projects shown, 2 of them the example's own
    assert "Ruimtelijke agenda" in tekst  # the small groups stay whole
