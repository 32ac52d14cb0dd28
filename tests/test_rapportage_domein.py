"""Issue 14: the rapportage domain (`rapportage/`) without a bot, a database or the example data:
which onderwerpen count for a period, who may and who must submit, who sees what, the overview's
figures, and the content fingerprint of an update. Pure and fast: a small kennisbank built here."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from db.modellen.rapportage import Financieel, Statusupdate
from dialogen.rapportage.invoer import als_data, valideer, vingerafdruk
from kennisbank.bestanden import KennisbankBestanden
from kennisbank.kennisbank import Kennisbank
from rapportage import Rapportageregels, Reden, maak_overzicht

BRON = {"document": "nota", "sectie": "1"}
PEILDATUM = date(2027, 4, 1)
WISSEL = date(2027, 3, 1)
"""The day the first onderwerp's ambtelijk opdrachtgever changed hands (before the peildatum)."""


def _persoon(id_: str, *rollen: str) -> dict:
    return {"id": id_, "naam": id_.replace("-", " ").title(), "functie": "medewerker", "rollen": list(rollen), "bron": BRON}


def _onderwerp(id_: str, ao: str, **velden) -> dict:
    return {"id": id_, "naam": id_.title(), "soort": "project", "ambtelijk_opdrachtgever": ao, "bron": BRON, **velden}


def _kennisbank() -> Kennisbank:
    bestanden = KennisbankBestanden.model_validate(
        {
            "organisatie": {
                "naam": "Testgemeente",
                "documenten": [{"id": "nota", "titel": "Nota", "organisatie": "Testgemeente"}],
                "soorten_onderwerp": [{"id": "project", "naam": "project"}],
            },
            "personen": [
                _persoon("dirk-een"),
                _persoon("dirk-twee"),
                _persoon("gea-gedelegeerd"),
                _persoon("oud-directeur"),
                _persoon("carla-controller", "controller"),
                _persoon("iemand-anders"),
            ],
            "onderwerpen": [
                # changed hands before the peildatum; gedelegeerd to someone else
                _onderwerp(
                    "haven",
                    "dirk-een",
                    gedelegeerd_opdrachtgever="gea-gedelegeerd",
                    historie=[{"rol": "ambtelijk", "persoon": "oud-directeur", "tot": str(WISSEL)}],
                ),
                _onderwerp("brug", "dirk-een"),
                _onderwerp("park", "dirk-twee"),
                _onderwerp("later", "dirk-twee", geldig_vanaf="2027-05-01"),  # starts after the peildatum
                _onderwerp("voorbij", "dirk-twee", geldig_tot="2027-01-31"),  # ended before it
            ],
            "rapportage": {
                "statussen": [
                    {"id": "op-koers", "naam": "Op koers", "uitleg": "-", "ernst": 0, "bron": BRON},
                    {
                        "id": "aandacht",
                        "naam": "Aandacht",
                        "uitleg": "-",
                        "ernst": 1,
                        "toelichting_verplicht": True,
                        "bron": BRON,
                    },
                    {
                        "id": "afwijking",
                        "naam": "Afwijking",
                        "uitleg": "-",
                        "ernst": 2,
                        "toelichting_verplicht": True,
                        "maatregel_verplicht": True,
                        "bron": BRON,
                    },
                ],
                "bedragen": {"maximum": 1000000, "bron": BRON},
                "perioden": [
                    {
                        "id": "herfst-2026",
                        "naam": "Herfst 2026",
                        "soort": "herfst",
                        "peildatum": "2026-10-01",
                        "deadline": "2026-10-20",
                        "bron": BRON,
                    },
                    {
                        "id": "lente-2027",
                        "naam": "Lente 2027",
                        "soort": "lente",
                        "peildatum": str(PEILDATUM),
                        "deadline": "2027-04-20",
                        "bron": BRON,
                    },
                ],
            },
        }
    )
    return Kennisbank(bestanden, Path("."))


@pytest.fixture(scope="module")
def regels() -> Rapportageregels:
    return Rapportageregels(_kennisbank())


def _periode(regels: Rapportageregels, periode_id: str = "lente-2027"):
    periode = regels.rapportage.periode(periode_id)
    assert periode is not None
    return periode


def _ids(onderwerpen) -> list[str]:
    return [o.id for o in onderwerpen]


def _update(onderwerp_id: str, status: str, periode_id: str = "lente-2027", versie: int = 1, **velden) -> Statusupdate:
    return Statusupdate(
        periode_id=periode_id,
        onderwerp_id=onderwerp_id,
        status=status,
        versie=versie,
        ingediend_op=datetime(2027, 4, 2, 9, tzinfo=timezone.utc),
        **velden,
    )


# -- which onderwerpen count -----------------------------------------------------------------------


def test_only_onderwerpen_valid_on_the_peildatum_count(regels) -> None:
    assert _ids(regels.onderwerpen(PEILDATUM)) == ["haven", "brug", "park"]
    assert _ids(regels.onderwerpen(date(2027, 5, 1))) == ["haven", "brug", "park", "later"]
    assert _ids(regels.onderwerpen(date(2027, 1, 31))) == ["haven", "brug", "park", "voorbij"]


def test_the_day_that_counts_is_the_peildatum_else_today(regels) -> None:
    assert regels.peildag(_periode(regels), date(2027, 4, 15)) == PEILDATUM
    assert regels.peildag(None, date(2027, 6, 1)) == date(2027, 6, 1)


# -- who may submit --------------------------------------------------------------------------------


def test_ambtelijk_and_gedelegeerd_on_the_day_may_submit_nobody_else(regels) -> None:
    haven = regels.kennisbank.onderwerpen["haven"]
    persoon = regels.kennisbank.persoon
    assert regels.indiener_ids(haven, PEILDATUM) == ["dirk-een", "gea-gedelegeerd"]
    assert regels.mag_indienen(persoon("gea-gedelegeerd"), haven, PEILDATUM)
    assert not regels.mag_indienen(persoon("oud-directeur"), haven, PEILDATUM)
    assert not regels.mag_indienen(persoon("carla-controller"), haven, PEILDATUM)  # inzage is not indienen
    assert not regels.mag_indienen(None, haven, PEILDATUM)
    # before the change of hands, the former directeur held the role
    assert regels.indiener_ids(haven, date(2027, 2, 1)) == ["oud-directeur", "gea-gedelegeerd"]
    assert [p.id for p in regels.indieners(haven, PEILDATUM)] == ["dirk-een", "gea-gedelegeerd"]


def test_own_onderwerpen_are_the_counted_ones_one_may_submit_for(regels) -> None:
    persoon = regels.kennisbank.persoon
    assert _ids(regels.eigen_onderwerpen(persoon("dirk-een"), PEILDATUM)) == ["haven", "brug"]
    assert _ids(regels.eigen_onderwerpen(persoon("dirk-twee"), PEILDATUM)) == ["park"]  # not 'later', not 'voorbij'
    assert _ids(regels.eigen_onderwerpen(persoon("gea-gedelegeerd"), PEILDATUM)) == ["haven"]
    assert regels.eigen_onderwerpen(None, PEILDATUM) == []


def test_why_one_may_not_submit_now_in_order(regels) -> None:
    persoon, haven = regels.kennisbank.persoon, regels.kennisbank.onderwerpen["haven"]
    periode = _periode(regels)  # open 1 to 20 April 2027
    open_dag = date(2027, 4, 10)
    assert regels.waarom_niet(persoon("dirk-een"), haven, periode, open_dag) is None
    assert regels.waarom_niet(persoon("gea-gedelegeerd"), haven, periode, open_dag) is None
    assert regels.waarom_niet(None, haven, periode, open_dag) is Reden.ONBEKENDE_GEBRUIKER
    assert regels.waarom_niet(persoon("dirk-een"), None, periode, open_dag) is Reden.ONBEKEND_ONDERWERP
    assert regels.waarom_niet(persoon("carla-controller"), haven, periode, open_dag) is Reden.GEEN_RECHT
    assert (
        regels.waarom_niet(persoon("oud-directeur"), haven, periode, date(2027, 5, 1)) is Reden.GEEN_RECHT
    )  # role is the peildatum's
    assert regels.waarom_niet(persoon("dirk-een"), haven, None, open_dag) is Reden.GEEN_PERIODE
    assert regels.waarom_niet(persoon("dirk-een"), haven, periode, date(2027, 4, 21)) is Reden.DEADLINE_VERSTREKEN
    assert regels.waarom_niet(persoon("dirk-een"), haven, periode, date(2027, 3, 31)) is Reden.NOG_NIET_OPEN
    # without a period the day itself counts: before the change of hands the former directeur had the role
    assert regels.waarom_niet(persoon("oud-directeur"), haven, None, date(2027, 2, 1)) is Reden.GEEN_PERIODE


# -- who sees what ---------------------------------------------------------------------------------


def test_a_controller_sees_every_counted_onderwerp_others_their_own(regels) -> None:
    persoon = regels.kennisbank.persoon
    assert regels.heeft_inzage(persoon("carla-controller")) and not regels.heeft_inzage(persoon("dirk-een"))
    assert not regels.heeft_inzage(None)
    assert _ids(regels.zichtbare_onderwerpen(persoon("carla-controller"), PEILDATUM)) == ["haven", "brug", "park"]
    assert _ids(regels.zichtbare_onderwerpen(persoon("dirk-twee"), PEILDATUM)) == ["park"]
    assert regels.zichtbare_onderwerpen(persoon("iemand-anders"), PEILDATUM) == []
    assert [p.id for p in regels.met_inzage()] == ["carla-controller"]


# -- who must still submit -------------------------------------------------------------------------


def test_who_must_still_submit_per_person(regels) -> None:
    periode = _periode(regels)
    ontbrekend = regels.ontbrekend(periode, ingediend={"brug"})
    assert {p: _ids(o) for p, o in ontbrekend.items()} == {
        "dirk-een": ["haven"],
        "gea-gedelegeerd": ["haven"],
        "dirk-twee": ["park"],
    }
    alleen_twee = regels.ontbrekend(periode, ingediend=set(), directeur_id="dirk-twee")
    assert {p: _ids(o) for p, o in alleen_twee.items()} == {"dirk-twee": ["park"]}
    assert regels.ontbrekend(periode, ingediend={"haven", "brug", "park"}) == {}


def test_the_directeur_is_the_ambtelijk_opdrachtgever_on_the_peildatum(regels) -> None:
    haven = regels.kennisbank.onderwerpen["haven"]
    assert regels.directeur_id(haven, PEILDATUM) == "dirk-een"
    assert regels.directeur_id(haven, date(2027, 2, 1)) == "oud-directeur"


def test_a_kennisbank_without_rapportage_says_so(regels) -> None:
    leeg = Rapportageregels(Kennisbank(regels.kennisbank.bestanden.model_copy(update={"rapportage": None}), Path(".")))
    with pytest.raises(LookupError):
        leeg.rapportage
    assert not leeg.heeft_inzage(regels.kennisbank.persoon("carla-controller")) and leeg.met_inzage() == []


# -- overview figures ------------------------------------------------------------------------------


def test_overview_figures_counts_missing_afwijkingen_and_balance(regels) -> None:
    kennisbank = regels.kennisbank
    periode = _periode(regels)
    laatste = {
        "haven": _update(
            "haven", "afwijking", versie=2, financieel_soort=Financieel.TEGENVALLER, financieel_bedrag=Decimal("300")
        ),
        "brug": _update("brug", "aandacht", financieel_soort=Financieel.MEEVALLER, financieel_bedrag=Decimal("1000.50")),
    }
    vorige = {"haven": _update("haven", "op-koers", periode_id="herfst-2026")}
    overzicht = maak_overzicht(kennisbank, periode, regels.onderwerpen(PEILDATUM), laatste, vorige)
    assert [g.directeur.id for g in overzicht.groepen if g.directeur] == ["dirk-een", "dirk-twee"]
    assert (overzicht.ingediend, overzicht.ingediend_vorige) == (2, 1)
    assert overzicht.telling() == {"afwijking": 1, "aandacht": 1}
    assert overzicht.telling(vorige=True) == {"op-koers": 1}
    assert [r.onderwerp.id for r in overzicht.signalen] == ["haven", "brug"]  # most serious first
    assert [r.onderwerp.id for g in overzicht.groepen for r in g.ontbrekend] == ["park"]
    assert overzicht.totaal(Financieel.MEEVALLER) == Decimal("1000.50")
    assert overzicht.saldo() == Decimal("700.50")
    assert overzicht.vorige_periode is not None and overzicht.vorige_periode.id == "herfst-2026"


def test_a_status_the_kennisbank_does_not_know_is_counted_apart_so_the_counts_add_up(regels) -> None:
    """Rolling upgrade: a newer version stored a status this one does not know (or it was renamed)."""
    periode = _periode(regels)
    laatste = {"haven": _update("haven", "afwijking"), "brug": _update("brug", "nieuw-van-morgen")}
    overzicht = maak_overzicht(regels.kennisbank, periode, regels.onderwerpen(PEILDATUM), laatste, {})
    telling = overzicht.statustelling()
    assert telling.onbekend == 1 and telling.per_status["afwijking"] == 1
    assert list(telling.per_status) == [s.id for s in regels.rapportage.statussen]  # every known status, in order
    assert telling.totaal == overzicht.ingediend == 2
    assert overzicht.statustelling(vorige=True).totaal == overzicht.ingediend_vorige == 0
    [dirk_een] = [g for g in overzicht.groepen if g.directeur and g.directeur.id == "dirk-een"]
    assert dirk_een.statustelling(regels.rapportage).totaal == len(dirk_een.ingediend)


# -- one mapping per record ------------------------------------------------------------------------


def test_a_validated_submission_is_an_unsaved_statusupdate_and_reads_back(regels) -> None:
    ruw = {
        "onderwerp_id": "haven",
        "periode_id": "lente-2027",
        "status": "Afwijking",
        "toelichting": "Later klaar",
        "maatregel": "Extra inzet",
        "financieel": "tegenvaller",
        "bedrag": "1.250,50",
    }
    update, fouten = valideer(ruw, regels.rapportage)
    assert fouten == [] and update is not None and update.id is None
    assert (update.status, update.financieel_soort, update.financieel_bedrag) == (
        "afwijking",
        Financieel.TEGENVALLER,
        Decimal("1250.50"),
    )
    terug, _ = valideer(als_data(update), regels.rapportage)
    assert terug is not None and terug.inhoud() == update.inhoud()


def test_the_content_fingerprint_is_unchanged_by_the_refactoring() -> None:
    """Cards sent before issue 14 carry keys made with the old `Invoer` fingerprint: a retry of
    one after an upgrade must find its stored version, not add a second."""
    update = Statusupdate(
        onderwerp_id="haven",
        periode_id="lente-2027",
        status="afwijking",
        toelichting="Later klaar",
        financieel_soort=Financieel.TEGENVALLER,
        financieel_bedrag=Decimal("1250.50"),
        maatregel="Extra inzet",
        ingediend_door="dirk-een",
        sleutel="wordt-overschreven",
    )
    assert vingerafdruk(update) == "2e2860bbaf1eabff"
    zonder = Statusupdate(onderwerp_id="brug", periode_id="lente-2027", status="op-koers")
    assert vingerafdruk(zonder) == "bd696eb43bf3cacd"
    assert set(update.inhoud()) == {
        "periode_id",
        "onderwerp_id",
        "status",
        "toelichting",
        "financieel_soort",
        "financieel_bedrag",
        "maatregel",
    }
