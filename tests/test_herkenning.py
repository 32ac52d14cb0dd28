"""Issue 11 — intents as data, a trained classifier, and the confidence policy of the router.

Unit level: the intent files (every intent ≥ 30 examples, validation with file and line), the
classifier (deterministic). Through the turn pipeline: a kennisbank override of the examples, the
honest "weet ik niet" (no person's name, question logged), and `behandel` returning `False`.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import GEMEENTEBOT, create_app
from bot.settings import Settings
from db.repositories.onbeantwoord import OnbeantwoordRepository
from dialogen.feature import Feature
from dialogen.herkenning import BUITEN_BEREIK, Herkenner
from dialogen.intentiedata import laad_intenties
from dialogen.register import maak_features
from dialogen.turnrouter import WEET_IK_NIET
from kennisbank.meldingen import KennisbankFout
from tests.conftest import STANDAARD_KENNISBANK, TestGesprek, tekst_van

GEDEELDE_INTENTIES = """
algemeen.hulp algemeen.stop algemeen.opnieuw algemeen.groet algemeen.bedankt algemeen.buiten_bereik
opdrachtgever.wie opdrachtgever.bestuurlijk opdrachtgever.persoon opdrachtgever.lijst opdrachtgever.uitleg
bestuursopdracht.start bestuursopdracht.vraag_criteria bestuursopdracht.vraag_drempel
bestuursopdracht.vraag_inhoud bestuursopdracht.vraag_ambtelijk-opdrachtgever bestuursopdracht.mijn_checks
escalatie.vraag escalatie.start rapportage.update rapportage.wie_moet_nog rapportage.overzicht rapportage.vraag
documenten.vraag
""".split()

ZINNEN = [
    "wie is ambtelijk opdrachtgever voor de ruimtelijke agenda?",
    "welke wethouder gaat over de sociale agenda",
    "we gaan over het budget heen, wat nu?",
    "hoeveel criteria moeten gelden?",
    "wanneer is de peildatum van de herfstrapportage?",
    "is de kantine vandaag open",
    "Regiekamer",
]


@pytest.fixture(scope="module")
def herkenner() -> Herkenner:
    return Herkenner.laad()


def test_every_shared_intent_exists_with_at_least_30_examples() -> None:
    intenties = laad_intenties()
    for naam in GEDEELDE_INTENTIES:
        assert naam in intenties, naam
        assert len(set(intenties[naam].voorbeelden)) >= 30, (naam, len(intenties[naam].voorbeelden))
    # intents without examples are command rules only (e.g. the bare "opdrachtgever" command)
    assert all(i.regels for i in intenties.values() if not i.voorbeelden)


def test_training_is_deterministic() -> None:
    een, twee = Herkenner.laad(), Herkenner.laad()
    for zin in ZINNEN:
        a, b = een.herken(zin), twee.herken(zin)
        assert (a.intentie, a.zekerheid, a.nabijheid, a.alternatieven) == (b.intentie, b.zekerheid, b.nabijheid, b.alternatieven)


def test_sentences_are_recognised_by_shape(herkenner: Herkenner) -> None:
    verwacht = {
        "hoi, snelle vraag: wie is de AO v/d schuldhulp?": "opdrachtgever.wie",
        "welke wethouder gaat over de sociale agenda": "opdrachtgever.bestuurlijk",
        "we gaan over het budget heen, wat nu?": "escalatie.vraag",
        "wanneer is de peildatum van de herfstrapportage?": "rapportage.vraag",
        "noem eens een paar criteria voor een bestuursopdracht": "bestuursopdracht.vraag_criteria",
        "is de kantine vandaag open": BUITEN_BEREIK,
    }
    assert {zin: herkenner.herken(zin).intentie for zin in verwacht} == verwacht


def test_command_rules_win_and_are_marked(herkenner: Herkenner) -> None:
    herkend = herkenner.herken("Stop")
    assert herkend.intentie == "algemeen.stop" and herkend.door_regel
    assert not herkenner.herken("wie is ambtelijk opdrachtgever voor de ruimtelijke agenda").door_regel


def test_groups_only_fill_in_details(herkenner: Herkenner) -> None:
    herkend = herkenner.herken("statusupdate voor de ruimtelijke agenda")
    assert herkend.intentie == "rapportage.update"
    assert herkend.groepen == {"onderwerp": "de ruimtelijke agenda"}


def test_a_text_like_no_example_is_out_of_scope(herkenner: Herkenner) -> None:
    herkend = herkenner.herken("xq zzv prrt")
    assert herkend.intentie == BUITEN_BEREIK and herkend.nabijheid < herkenner.drempels.buiten_bereik
    assert herkend.alternatieven  # still ranked, for the suggestions


def test_every_other_intent_stays_ranked_for_the_suggestions(herkenner: Herkenner) -> None:
    """Greetings, thanks and commands have no suggestion; when they rank high for an unknown question,
    the honest answer must still find 2-3 suggestions further down (issue 11, point 3)."""
    for tekst in ("xq zzv prrt", "hoe laat gaat de kantine dicht", "wie is ambtelijk opdrachtgever voor de rud"):
        herkend = herkenner.herken(tekst)
        geleerd = {n for n in herkenner.intenties() if herkenner.intentie(n).voorbeelden}  # type: ignore[union-attr]
        genoemd = {herkend.intentie} | {naam for naam, _ in herkend.alternatieven}
        assert genoemd == geleerd
        kansen = [kans for _, kans in herkend.alternatieven]
        assert kansen == sorted(kansen, reverse=True)


def _schrijf(map_: Path, naam: str, tekst: str) -> Path:
    map_.mkdir(parents=True, exist_ok=True)
    (map_ / naam).write_text(tekst, encoding="utf-8")
    return map_


def test_a_rule_must_be_anchored_and_linear(tmp_path: Path) -> None:
    map_ = _schrijf(tmp_path / "intenties", "algemeen.yaml", "- intentie: stop\n  regels:\n    - 'stop'\n    - '^(a+)+$'\n")
    with pytest.raises(KennisbankFout) as fout:
        laad_intenties(map_)
    tekst = str(fout.value)
    assert "intenties/algemeen.yaml:3: regel 'stop' moet met ^ beginnen en op $ eindigen" in tekst
    assert "intenties/algemeen.yaml:4: patroon '^(a+)+$' herhaalt een groep" in tekst


def test_kennisbank_override_reports_unknown_intent_with_file_and_line(tmp_path: Path) -> None:
    _schrijf(
        tmp_path / "intenties",
        "escalatie.yaml",
        "- intentie: start\n  voorbeelden: [help mij]\n- intentie: vraagg\n  voorbeelden: [x]\n",
    )
    _schrijf(tmp_path / "intenties", "onbekend.yaml", "- intentie: x\n")
    with pytest.raises(KennisbankFout) as fout:
        laad_intenties(kennisbank_map=tmp_path)
    tekst = str(fout.value)
    assert "intenties/escalatie.yaml:3: onbekende intentie 'vraagg'" in tekst and "(bedoelde je 'vraag'?)" in tekst
    assert "intenties/onbekend.yaml: onbekende functie 'onbekend'" in tekst
    assert "Traceback" not in tekst


def test_merge_rule(tmp_path: Path) -> None:
    standaard = laad_intenties()
    _schrijf(
        tmp_path / "intenties",
        "algemeen.yaml",
        "- intentie: bedankt\n  voorbeelden: [dank je de koekoek]\n"
        "- intentie: groet\n  vervang: ja\n  voorbeelden: [goeiesmorgens]\n",
    )
    samen = laad_intenties(kennisbank_map=tmp_path)
    assert samen["algemeen.bedankt"].voorbeelden == standaard["algemeen.bedankt"].voorbeelden + ["dank je de koekoek"]
    assert samen["algemeen.groet"].voorbeelden == ["goeiesmorgens"]
    assert samen["algemeen.groet"].regels  # a kennisbank changes examples, never the command rules


# --- through the turn pipeline ---------------------------------------------------------------


async def _client(settings: Settings, klok, **velden) -> TestClient:
    client = TestClient(TestServer(create_app(settings, klok=klok, **velden)))
    await client.start_server()
    return client


async def test_kennisbank_override_works_through_the_turn_pipeline(tmp_path: Path, settings: Settings, klok, kennisbank) -> None:
    vraag = "hebben de collega's hun huiswerk al ingeleverd"
    standaard = await _client(settings, klok)
    try:
        voor = tekst_van(await TestGesprek(standaard, kennisbank).stuur(vraag))
    finally:
        await standaard.close()
    eigen = tmp_path / "kennisbank"
    shutil.copytree(STANDAARD_KENNISBANK, eigen)
    _schrijf(
        eigen / "intenties",
        "rapportage.yaml",
        (
            "- intentie: wie_moet_nog\n  voorbeelden:\n"
            "    - hebben de collega's hun huiswerk al ingeleverd\n    - wie heeft zijn huiswerk nog niet ingeleverd\n"
            "    - is het huiswerk van iedereen binnen\n"
        ),
    )
    client = await _client(replace(settings, kennisbank=eigen), klok)
    try:
        gesprek = TestGesprek(client, kennisbank)
        na = tekst_van(await gesprek.stuur(vraag))
        commando = tekst_van(await gesprek.stuur("wie moet nog"))
    finally:
        await client.close()
    assert voor.startswith("Dat weet ik niet")
    assert na == commando and not na.startswith("Dat weet ik niet")


async def test_out_of_scope_gets_the_honest_answer_without_a_name_and_is_logged(
    gesprek: TestGesprek, services, kennisbank
) -> None:
    antwoorden = await gesprek.stuur("Hoe laat gaat de kantine vandaag dicht?")
    tekst = tekst_van(antwoorden)
    assert tekst.startswith("Dat weet ik niet")
    assert 2 <= len(antwoorden[0]["suggestedActions"]["actions"]) <= 3
    assert not any(p.naam in tekst.met_knoppen or p.naam.split()[-1] in tekst.met_knoppen for p in kennisbank.bestanden.personen)
    async with services.sessies() as sessie:
        gelogd = await OnbeantwoordRepository(sessie).recent(5)
    assert [(v.vraag, v.uitkomst) for v in gelogd] == [("Hoe laat gaat de kantine vandaag dicht?", WEET_IK_NIET)]
    assert all(k["soort"] == "intentie" for k in gelogd[0].kandidaten)


async def test_a_bare_onderwerp_name_still_reaches_the_lookup(gesprek: TestGesprek, kennisbank) -> None:
    tekst = tekst_van(await gesprek.stuur("Regiekamer"))
    onderwerp = kennisbank.onderwerpen["regiekamer"]
    assert kennisbank.personen[onderwerp.ambtelijk_opdrachtgever].naam in tekst


class _Weigert(Feature):
    """A feature without a confident answer for anything."""

    naam = "escalatie"

    async def behandel(self, dc, herkend):
        return False


class _Documenten(Feature):
    naam = "documenten"

    async def behandel(self, dc, herkend):
        if "budget" not in herkend.tekst:
            return False
        await dc.context.send_activity(f"uit de documenten ({herkend.intentie})")
        return None


def _met(*extra):
    def maak(diensten):
        eigen = [f for f in maak_features(diensten) if f.naam not in {e.naam for e in extra}]
        return eigen + [e(diensten) for e in extra]

    return maak


async def test_behandel_false_tries_documenten_then_weet_ik_niet(settings: Settings, klok, kennisbank) -> None:
    client = await _client(settings, klok, features=_met(_Weigert, _Documenten))
    try:
        gesprek = TestGesprek(client, kennisbank)
        assert tekst_van(await gesprek.stuur("we gaan over het budget heen, wat nu?")) == "uit de documenten (documenten.vraag)"
        assert tekst_van(await gesprek.stuur("ik wil iets escaleren")).startswith("Dat weet ik niet")
        async with client.app[GEMEENTEBOT].sessies() as sessie:
            assert [v.uitkomst for v in await OnbeantwoordRepository(sessie).recent(5)] == [WEET_IK_NIET]
    finally:
        await client.close()


async def test_without_documenten_feature_a_documents_question_is_answered_honestly(gesprek: TestGesprek) -> None:
    tekst = tekst_van(await gesprek.stuur("hoe loopt een voorstel eigenlijk van ambtelijk naar bestuurlijk?"))
    assert tekst.startswith("Dat weet ik niet")


async def test_thanks_and_classified_greeting(gesprek: TestGesprek) -> None:
    assert "Graag gedaan" in tekst_van(await gesprek.stuur("top, dankjewel!"))
    assert "Sturingsbot" in tekst_van(await gesprek.stuur("hallo daar, goeiemorgen"))


def test_the_fast_feature_path_equals_scikit_learn(herkenner: Herkenner) -> None:
    import numpy as np

    from kennisbank.zoeken.normaliseren import normaliseer

    classificeerder = herkenner.classificeerder
    for zin in [*ZINNEN, "xq zzv prrt", "AO AO AO ao?"]:
        kern = normaliseer(zin)
        verwacht = classificeerder.vectoriseer([kern]).toarray()[0]
        kolommen, waarden = classificeerder.kenmerken(kern)
        berekend = np.zeros_like(verwacht)
        berekend[kolommen] = waarden
        assert np.allclose(berekend, verwacht, atol=1e-6), zin


def test_kennisbank_check_reports_a_wrong_intent_override(tmp_path: Path, capsys) -> None:
    from kennisbank.__main__ import main

    eigen = tmp_path / "kennisbank"
    shutil.copytree(STANDAARD_KENNISBANK, eigen)
    assert main(["check", str(eigen)]) == 0
    _schrijf(eigen / "intenties", "rapportage.yaml", "- intentie: wie_moet_nogg\n  voorbeelden: [wie is er nog niet klaar]\n")
    capsys.readouterr()
    assert main(["check", str(eigen)]) == 1
    uitvoer = capsys.readouterr().out
    assert "NIET in orde" in uitvoer
    assert (
        "intenties/rapportage.yaml:1: onbekende intentie 'wie_moet_nogg'" in uitvoer
        and "(bedoelde je 'wie_moet_nog'?)" in uitvoer
    )
