"""Issue 11 point 4 — rapportage facts (`rapportage.vraag`) through the turn pipeline: peildata,
when a period opens, deadlines, statussen, who reports to whom; period names as users say them
(lente/voorjaar, herfst/najaar, with or without year), relative to the app clock; missing data is
said to be missing. The intent is forced (`met_intentie`): this is about the handler, not the classifier."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dialogen.rapportage.feiten import Feiten
from dialogen.teksten import Teksten
from kennisbank.kennisbank import Kennisbank
from tests.conftest import TIJDZONE, Klok, TestGesprek, tekst_van
from tests.kennis_voorbeelden import datum_tekst
from tests.test_rapportage_gesprek import invoervelden
from tests.test_rapportage_stand_of_update import update_kaart
from tests.vaste_intentie import met_intentie  # noqa: F401 (fixture)

VRAAG = "rapportage.vraag"


@pytest.mark.parametrize(
    ("moment", "vraag", "verwacht"),
    [
        # In November 2026 the herfstrapportage 2026 is open.
        (
            datetime(2026, 11, 10, 9),
            "wanneer is de peildatum van de herfstrapportage?",
            ["De peildatum van de **Herfstrapportage 2026** is **1 oktober 2026**", "nu open, tot en met 4 december 2026"],
        ),
        # After its deadline, "the herfstrapportage" is the next one.
        (
            datetime(2026, 12, 5, 9),
            "wanneer is de peildatum van de najaarsrapportage",
            ["De peildatum van de **Herfstrapportage 2027** is **1 oktober 2027**", "nog niet open"],
        ),
        (
            datetime(2026, 11, 10, 9),
            "tot wanneer kan ik mijn update nog aanpassen?",
            ["De deadline van de **Herfstrapportage 2026** is **4 december 2026**"],
        ),
        (
            datetime(2026, 12, 5, 9),
            "tot wanneer kan ik mijn update nog aanpassen?",
            ["De deadline van de **Lenterapportage 2027** is **8 mei 2027**", "gaat open op 1 april 2027"],
        ),
        (
            datetime(2026, 12, 5, 9),
            "wanneer gaat het voorjaar 2027 open voor statusupdates",
            ["De **Lenterapportage 2027** gaat open op **1 april 2027**"],
        ),
        (
            datetime(2026, 12, 5, 9),
            "wat was de deadline van de vorige herfstrapportage?",
            ["De deadline van de **Herfstrapportage 2026** was **4 december 2026**"],
        ),
        # "volgende" is the next moment of the kind asked: a peildatum still to come, not the open round's
        (
            datetime(2026, 11, 22, 9),
            "wanneer is de volgende peildatum?",
            ["De peildatum van de **Lenterapportage 2027** is **1 april 2027**"],
        ),
        (
            datetime(2026, 11, 22, 9),
            "wat is de eerstvolgende deadline",
            ["De deadline van de **Herfstrapportage 2026** is **4 december 2026**"],
        ),
        # "de volgende rapportage" while one is open: that round and the one after it
        (
            datetime(2026, 11, 22, 9),
            "wanneer is de volgende rapportage?",
            ["**Herfstrapportage 2026**: peildatum 1 oktober 2026", "**Lenterapportage 2027**: peildatum 1 april 2027"],
        ),
        (
            datetime(2026, 12, 5, 9),
            "wanneer is de volgende rapportage?",
            ["**Lenterapportage 2027**: peildatum 1 april 2027"],
        ),
    ],
)
async def test_period_facts_from_the_data_and_the_clock(
    gesprek: TestGesprek, klok: Klok, moment: datetime, vraag: str, verwacht: list[str], met_intentie
) -> None:
    met_intentie(VRAAG)
    klok.zet(moment.replace(tzinfo=TIJDZONE))
    tekst = (await gesprek.stuur(vraag))[0]["text"]
    for stuk in verwacht:
        assert stuk in tekst, tekst
    assert "Bron: Amersfoort" in tekst
    assert "Bedoelde" not in tekst


async def test_a_period_not_in_the_data_is_said_to_be_missing(gesprek: TestGesprek, met_intentie) -> None:
    met_intentie(VRAAG)
    tekst = (await gesprek.stuur("wat is de peildatum van de herfstrapportage 2025?"))[0]["text"]
    assert "Over de Herfstrapportage 2025 staat nog niets in de kennisbank" in tekst


async def test_who_reports_to_whom(gesprek: TestGesprek, met_intentie) -> None:
    met_intentie(VRAAG)
    tekst = (await gesprek.stuur("aan wie rapporteert de directeur?"))[0]["text"]
    assert "**Van de sectordirecteuren aan het college**" in tekst
    assert "lente- en herfstrapportage" in tekst
    tekst = (await gesprek.stuur("en aan wie rapporteert het college dan"))[0]["text"]
    assert "**Van het college aan de gemeenteraad**" in tekst and "sectordirecteuren" not in tekst


@pytest.mark.parametrize(
    "vraag",
    ["welke statussen kan ik kiezen bij de rapportage", "welke status moet ik kiezen als er een risico is in de rapportage"],
)
async def test_statussen_are_explained(gesprek: TestGesprek, vraag: str, met_intentie) -> None:
    met_intentie(VRAAG)
    tekst = (await gesprek.stuur(vraag))[0]["text"]
    for status in ("**Op koers**: Loopt volgens afspraak", "**Aandachtspunt**", "**Afwijking**"):
        assert status in tekst, tekst


def test_a_named_status_is_explained_alone(kennisbank: Kennisbank) -> None:
    feiten = Feiten(Teksten.laad(), kennisbank, kennisbank.bestanden.rapportage)
    tekst = feiten.beantwoord("wat betekent de status aandachtspunt?", date(2026, 11, 22))
    assert "**Aandachtspunt**: Loopt nog volgens afspraak" in tekst and "**Afwijking**" not in tekst


# ---- on every example: its own periods, reporting lines and statuses ---------------------------


@pytest.mark.beide_kennisbanken
async def test_facts_of_every_example_from_its_own_data(
    gesprek: TestGesprek, klok: Klok, kennisbank: Kennisbank, voorbeelden, met_intentie
) -> None:
    met_intentie(VRAAG)
    moment, periode = voorbeelden.open_moment()
    klok.zet(moment)
    rapportage = kennisbank.bestanden.rapportage
    for regel in rapportage.jaarlijks:
        maand, dag = regel.peildatum
        tekst = (await gesprek.stuur(f"wanneer is de peildatum van de {regel.aliassen[0]}?"))[0]["text"]
        assert f"De peildatum van de **{regel.naam.replace('{jaar}', '').strip()}" in tekst, tekst
        assert f"is **{datum_tekst(date(2000, maand, dag))[:-5]} " in tekst, tekst
    tekst = (await gesprek.stuur("tot wanneer kan ik mijn update nog aanpassen?"))[0]["text"]
    assert f"De deadline van de **{periode.naam}** is **{datum_tekst(periode.deadline)}**" in tekst, tekst
    for lijn in rapportage.lijnen:
        tekst = (await gesprek.stuur(f"aan wie rapporteert de {lijn.woorden[0]}?"))[0]["text"]
        assert f"**Van {lijn.wie} aan {lijn.aan}**" in tekst, tekst
    tekst = (await gesprek.stuur("welke statussen kan ik kiezen bij de rapportage"))[0]["text"]
    assert all(f"**{s.naam}**: {s.uitleg}" in tekst for s in rapportage.statussen), tekst
    for vraag in ("voor wie is die rapportage eigenlijk", "wie leest mijn statusupdate", "naar wie gaat de rapportage"):
        tekst = (await gesprek.stuur(vraag))[0]["text"]  # who it is for: every line, not the period's dates
        assert all(f"**Van {lijn.wie} aan {lijn.aan}**" in tekst for lijn in rapportage.lijnen), (vraag, tekst)


@pytest.mark.beide_kennisbanken
async def test_every_status_of_every_example_is_explained_by_its_name(
    gesprek: TestGesprek, kennisbank: Kennisbank, met_intentie
) -> None:
    met_intentie(VRAAG)
    statussen = kennisbank.bestanden.rapportage.statussen
    for status in statussen:
        tekst = (await gesprek.stuur(f"wat betekent de status {status.naam.lower()}?"))[0]["text"]
        assert f"**{status.naam}**: {status.uitleg}" in tekst, tekst
        assert not any(f"**{s.naam}**" in tekst for s in statussen if s is not status), tekst


# ---- what to fill in: the form's fields and what each status requires (not a definition) --------


@pytest.mark.beide_kennisbanken
async def test_what_to_fill_in_for_a_status_names_what_it_requires(
    gesprek: TestGesprek, kennisbank: Kennisbank, met_intentie
) -> None:
    met_intentie(VRAAG)
    teksten = Teksten.laad()
    assert kennisbank.bestanden.rapportage is not None
    for status in kennisbank.bestanden.rapportage.statussen:
        tekst = (await gesprek.stuur(f"wat moet ik invullen bij {status.naam.lower()}"))[0]["text"]
        assert f"Bij **{status.naam}** vul je in:" in tekst, tekst
        verplicht = tekst.split("vul je in:", 1)[1].split(".", 1)[0]
        assert ("toelichting" in verplicht) == status.toelichting_verplicht, tekst
        assert ("maatregel" in verplicht) == status.maatregel_verplicht, tekst
        assert teksten.tekst("rapportage.invullen_hint") in tekst and "_Bron:" in tekst
    tekst = (await gesprek.stuur("moet ik bij een tegenvaller een bedrag invullen"))[0]["text"]
    assert "**Financieel effect**" in tekst and "in euro" in tekst
    for soort in ("geen", "meevaller", "tegenvaller"):
        assert teksten.tekst(f"rapportage.financieel_{soort}") in tekst
    assert "**Toelichting**" not in tekst and "vul je in:" not in tekst  # only the field asked about


async def test_how_to_fill_in_an_update_lists_every_field(gesprek: TestGesprek, met_intentie) -> None:
    met_intentie(VRAAG)
    tekst = (await gesprek.stuur("hoe vul ik een statusupdate in"))[0]["text"]
    assert tekst.startswith("**Zo vul je een statusupdate in:**")
    for veld in ("**Status**", "**Toelichting**", "**Financieel effect**", "**Maatregel of oplossingsrichting**"):
        assert veld in tekst
    assert "Verplicht bij Aandachtspunt of Afwijking" in tekst and "Verplicht bij Afwijking." in tekst
    tekst = (await gesprek.stuur("bij op koers hoef ik niets toe te lichten toch?"))[0]["text"]  # a split verb
    assert "Bij **Op koers** vul je in: status." in tekst and "**Toelichting**" in tekst
    tekst = (await gesprek.stuur("tot wanneer kan ik mijn statusupdate invullen"))[0]["text"]
    assert "4 december 2026" in tekst and "**Toelichting**" not in tekst  # a deadline, not the fields


@pytest.mark.beide_kennisbanken
async def test_what_happens_when_nothing_is_submitted(
    gesprek: TestGesprek, klok: Klok, kennisbank: Kennisbank, voorbeelden, met_intentie
):
    """Not the period's dates alone: the onderwerp stays "not submitted", the reminders come, and all
    going to plan is the least serious status with what it requires, with the sources. Asked as an
    update (the classifier's first choice for such questions), the question is still answered."""
    moment, periode = voorbeelden.open_moment()
    klok.zet(moment)
    rapportage = kennisbank.bestanden.rapportage
    status = rapportage.snelste_status
    for intentie in (VRAAG, "rapportage.update"):
        met_intentie(intentie, 0.55)
        tekst = (await gesprek.stuur("wat gebeurt er als ik deze keer niks doorgeef"))[0]["text"]
        assert "Nog niet doorgegeven" in tekst and f"**{periode.naam}**" in tekst, (intentie, tekst)
        assert f"Bij **{status.naam}** vul je in" in tekst and status.uitleg in tekst, (intentie, tekst)
        assert kennisbank.bron_tekst(status.bron) in tekst and kennisbank.bron_tekst(periode.bron) in tekst
        tekst = (await gesprek.stuur("waarom moet ik die statusupdate eigenlijk doen"))[0]["text"]
        assert all(f"**Van {lijn.wie} aan {lijn.aan}**" in tekst for lijn in rapportage.lijnen), (intentie, tekst)


@pytest.mark.beide_kennisbanken
async def test_a_status_told_with_a_question_mark_stays_an_update(gesprek: TestGesprek, voorbeelden, met_intentie):
    """ "X: afwijking met een tegenvaller, kan ik dat melden?" asks and names a field, but names the
    onderwerp too: its update, not what to fill in."""

    persoon = voorbeelden.opdrachtgever_met_onderwerpen(1)
    gesprek.als, onderwerp = persoon.id, voorbeelden.ambtelijk_van(persoon)[0]
    status = max(voorbeelden.kennisbank.bestanden.rapportage.statussen, key=lambda s: s.ernst)
    met_intentie("rapportage.update", 0.9)
    antwoorden = await gesprek.stuur(f"{onderwerp.naam}: {status.naam.lower()} met een tegenvaller, kan ik dat melden?")
    kaart = update_kaart(antwoorden, onderwerp)
    assert kaart is not None and invoervelden(kaart)["status"] == status.id, tekst_van(antwoorden)
