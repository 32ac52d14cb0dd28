"""Facts about the lente- and herfstrapportage (`rapportage.vraag`): peildata, when a period opens,
deadlines, reminders, what the statussen mean, who reports to whom, what to fill in (a status, the
toelichting, the financieel effect, the maatregel: the form's fields and which status requires
which) — from the kennisbank's rapportage.yaml,
about the period the question names or, when it names none, the current or next one (app clock);
a question about all rounds ("welke peildata gebruiken we") gets the current or next one of each kind.

The words that tell the kinds of question apart are data in `dialogen/teksten/rapportage.yaml`
(`feiten_*`); the period names and the words users say for them ("voorjaar") come from the
kennisbank's periods (`Rapportage.soort_in_tekst`).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from dialogen.rapportage.invoer import MAX_TEKST
from dialogen.rapportage.overzicht import datum
from dialogen.teksten import Teksten
from kennisbank.kennisbank import Kennisbank
from kennisbank.rapportage import Periode, Rapportage, Rapportagelijn, Status
from kennisbank.zoeken.normaliseren import normaliseer

SOORTEN = ("invullen", "niets", "lijn", "status", "herinnering", "deadline", "open", "peildatum")
"""Kinds of fact question, in the order they are tried."""
_JAAR = re.compile(r"\b(20\d\d)\b")
_TELWOORDEN = {2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes"}
_OOK_VOORBIJ = (None, "peildatum", "deadline")
VELDEN = ("status", "toelichting", "financieel", "maatregel")
"""The fields of a statusupdate, as a question about filling in names them (`feiten_veld_<veld>_woorden`)."""
"""Kinds of question that, asked between rounds without a year, also get the round just passed."""


class Feiten:
    def __init__(self, teksten: Teksten, kennisbank: Kennisbank, rapportage: Rapportage) -> None:
        self.teksten = teksten
        self.kennisbank = kennisbank
        self.rapportage = rapportage

    def t(self, sleutel: str, **velden: Any) -> str:
        return self.teksten.tekst(f"rapportage.{sleutel}", **velden)

    def _komt_voor(self, sleutel: str, woorden: str) -> bool:
        """One of the words (whole words, or a phrase) of list `sleutel` occurs in `woorden`."""
        return any(f" {normaliseer(w)} " in woorden for w in self.teksten.lijst(f"rapportage.{sleutel}"))

    def soort(self, tekst: str) -> str | None:
        """Which fact the question asks for; None: a general question about a period."""
        woorden = f" {normaliseer(tekst)} "
        if self._vraagt_invullen(tekst):
            return "invullen"
        return next((s for s in SOORTEN[1:] if self._komt_voor(f"feiten_{s}_woorden", woorden)), None)

    def _vraagt_invullen(self, tekst: str) -> bool:
        """What to fill in: a field of the form named ("toelichting", "meevaller"), a word for filling
        in with a status named or a what/which/how ("wat moet ik invullen bij afwijking"), or a word
        for submitting with a status named ("moet ik iets doorgeven als alles volgens plan loopt")."""
        woorden = f" {normaliseer(tekst)} "
        if self._velden(woorden):
            return True
        if self._komt_voor("feiten_invullen_met_status_woorden", woorden) and self._genoemde_statussen(woorden):
            return True  # "moet ik iets doorgeven als alles volgens plan loopt"
        if not self._komt_voor("feiten_invullen_woorden", woorden):
            return False
        return bool(self._genoemde_statussen(woorden)) or self._komt_voor("feiten_invullen_vraagwoorden", woorden)

    def vraagt_uitleg_over_doorgeven(self, tekst: str) -> bool:
        """The question asks what happens when nothing is submitted, who the rapportage is for, or what
        goes in a field named: never a request to submit, whatever else it says."""
        soort = self.soort(tekst)
        woorden = f" {normaliseer(tekst)} "
        return soort in ("niets", "lijn") or (soort == "invullen" and bool(self._velden(woorden)))

    def _velden(self, woorden: str) -> list[str]:
        """The fields a question names; a question which status to choose is about the statuses themselves."""
        return [veld for veld in VELDEN[1:] if self._komt_voor(f"feiten_veld_{veld}_woorden", woorden)]

    def _genoemde_statussen(self, woorden: str) -> list[Status]:
        """The statuses a question names, by name or by a word for it ("als alles goed loopt")."""
        return self.rapportage.statussen_in_tekst(woorden)

    def noemt_lijn(self, tekst: str) -> bool:
        """The question names who reports in one of the kennisbank's lines ("de directeur")."""
        woorden = f" {normaliseer(tekst)} "
        return any(_noemt(lijn, woorden) for lijn in self.rapportage.lijnen)

    def beantwoord(self, tekst: str, vandaag: date) -> str:
        soort = self.soort(tekst)
        if soort == "invullen":
            return self._invullen(tekst)
        if soort == "lijn":
            return self._lijn(tekst)
        if soort == "niets":
            return self._niets(tekst, vandaag)
        if soort == "status":
            return self._statussen(tekst)
        perioden, naam = self.perioden_in_tekst(tekst, vandaag)
        if not perioden:
            return self.t("feiten_geen_periode", naam=naam) if naam else self.t("feiten_geen_perioden")
        delen = [self._periode(p, soort, vandaag) for p in perioden]
        soorten = {p.soort for p in perioden}
        if len(soorten) > 1 and len(soorten) == len(perioden) and self._vraagt_alle(tekst):
            # "hoe vaak rapporteren we per jaar": how many rounds a year, then each
            delen.insert(0, self.t("feiten_rondes_per_jaar", aantal=_TELWOORDEN.get(len(soorten), str(len(soorten)))))
        return "\n\n".join(delen)

    def _vraagt_alle(self, tekst: str) -> bool:
        """A question about every round (no kind, no year named): "welke peildata", "hoe vaak"."""
        woorden = f" {normaliseer(tekst)} "
        geen_jaar = _JAAR.search(woorden) is None
        return self.rapportage.soort_in_tekst(tekst) is None and geen_jaar and self._komt_voor("feiten_alle_woorden", woorden)

    # -- periods ---------------------------------------------------------------------------------

    def perioden_in_tekst(self, tekst: str, vandaag: date) -> tuple[list[Periode], str | None]:
        """The period(s) the question is about, and how it named them (for "staat er niet in")."""
        woorden = f" {normaliseer(tekst)} "
        soort = self.rapportage.soort_in_tekst(tekst)
        jaar = int(m.group(1)) if (m := _JAAR.search(woorden)) else None
        rond = self.rapportage.perioden_rond(vandaag if jaar is None else date(jaar, 7, 1))
        kandidaten = [p for p in rond if soort is None or p.soort == soort]
        if self._vraagt_alle(tekst):
            soorten = dict.fromkeys(p.soort for p in kandidaten)  # every kind of round, each once
            elk = [self._eerstvolgende([p for p in kandidaten if p.soort == s], vandaag) for s in soorten]
            return sorted((p for p in elk if p is not None), key=lambda p: p.peildatum), None
        if jaar is not None:
            gevonden = [p for p in kandidaten if p.peildatum.year == jaar]
            naam: str | None = self.rapportage.soort_naam(soort, jaar) if soort else str(jaar)
            return sorted(gevonden, key=lambda p: p.peildatum), naam
        if self._komt_voor("feiten_vorige_woorden", woorden):
            voorbij = [p for p in kandidaten if p.deadline < vandaag]
            if voorbij:
                return [max(voorbij, key=lambda p: p.deadline)], None
            # None before the first round in the kennisbank: name the one asked for.
            eerste = min(kandidaten, key=lambda p: p.peildatum, default=None)
            naam = self.rapportage.soort_naam(eerste.soort, eerste.peildatum.year - 1) if soort and eerste else None
            return [], naam
        if self._komt_voor("feiten_volgende_woorden", woorden):
            # "volgende/komende": the next moment of the kind asked, from today; it may lie in the open round
            gevraagd = self.soort(tekst)
            periode = self._eerstvolgende_moment(kandidaten, gevraagd, vandaag, ronde_genoemd=soort is not None)
            later = [p for p in kandidaten if p.begin > vandaag]
            if gevraagd is None and periode is not None and periode.is_open(vandaag) and later:
                # "de volgende rapportage" while a round is open: that round, and the one after it
                return [periode, min(later, key=lambda p: p.begin)], None
            return ([periode] if periode else []), None
        periode = self._eerstvolgende(kandidaten, vandaag)
        if periode is None:
            return [], None
        if periode.begin > vandaag and self.soort(tekst) in _OOK_VOORBIJ:
            # Between rounds ("de peildatum van de herfstrapportage" after its deadline): the round
            # just passed as well as the next, so neither is mistaken for the other.
            voorbij = [p for p in kandidaten if p.deadline < vandaag]
            if voorbij:
                return [max(voorbij, key=lambda p: p.deadline), periode], None
        return [periode], None

    def _eerstvolgende_moment(
        self, kandidaten: list[Periode], soort: str | None, vandaag: date, *, ronde_genoemd: bool = False
    ) -> Periode | None:
        """The period with the first moment of `soort` on or after today: a reminder still to be sent,
        a deadline still ahead, an opening still to come, a peildatum still to come ("de volgende
        peildatum"); the round itself, or the peildatum of a round named by its kind ("de volgende
        peildatum van de herfst"): the open or next round (the one being reported on)."""
        if soort == "open":
            later = [p for p in kandidaten if p.begin > vandaag]
            return min(later, key=lambda p: p.begin) if later else None
        if soort == "peildatum" and not ronde_genoemd:
            later = [p for p in kandidaten if p.peildatum >= vandaag]
            return min(later, key=lambda p: p.peildatum) if later else None
        if soort == "herinnering":
            met = [p for p in kandidaten if any(d >= vandaag for d in _dagen(p))]
            return min(met, key=lambda p: min(d for d in _dagen(p) if d >= vandaag)) if met else None
        komend = [p for p in kandidaten if p.deadline >= vandaag]
        return min(komend, key=lambda p: p.begin) if komend else None

    @staticmethod
    def _eerstvolgende(kandidaten: list[Periode], vandaag: date) -> Periode | None:
        """The open or next period; else the latest one."""
        komend = [p for p in kandidaten if p.deadline >= vandaag]
        if komend:
            return min(komend, key=lambda p: p.begin)
        return max(kandidaten, key=lambda p: p.peildatum) if kandidaten else None

    def _periode(self, periode: Periode, soort: str | None, vandaag: date) -> str:
        velden = {
            "periode": periode.naam,
            "peildatum": datum(periode.peildatum),
            "vanaf": datum(periode.begin),
            "deadline": datum(periode.deadline),
        }
        if periode.is_open(vandaag):
            stand = self.t("feiten_stand_open", **velden)
        elif periode.begin > vandaag:
            stand = self.t("feiten_stand_komt", **velden)
        else:
            stand = self.t("feiten_stand_voorbij", **velden)
        kern = {
            "peildatum": "feiten_peildatum",
            "open": "feiten_open",
            "deadline": "feiten_deadline",
        }.get(soort or "", "feiten_periode")
        if soort == "herinnering":
            dagen = _dagen(periode)
            komend = [d for d in dagen if d >= vandaag]
            velden["data"] = ", ".join(datum(d) for d in dagen)
            kern = "feiten_herinneringen" if dagen else "feiten_geen_herinneringen"
            if komend and len(komend) < len(dagen):  # some were sent already: the next one first
                velden["volgende"] = datum(komend[0])
                kern = "feiten_herinneringen_volgende"
        if soort == "deadline" and periode.deadline < vandaag:
            kern, stand = "feiten_deadline_voorbij", ""
        if soort == "peildatum" and periode.deadline < vandaag:
            kern = "feiten_peildatum_voorbij"
        delen = [self.t(kern, **velden), stand, self.t("feiten_bron", bron=self.kennisbank.bron_tekst(periode.bron))]
        delen = [d for d in delen if d]
        return "\n\n".join(delen)

    # -- statuses and lines ----------------------------------------------------------------------

    def _invullen(self, tekst: str) -> str:
        """What to fill in: for each status named, what it requires; then the fields asked about (all
        of them when none is named), each with what goes in it and when it is required."""
        woorden = f" {normaliseer(tekst)} "
        statussen = self._genoemde_statussen(woorden)
        velden = self._velden(woorden) or ([] if statussen else list(VELDEN))
        delen = [] if statussen else [self.t("invullen_kop")]
        for status in statussen:
            verplicht = [self.t("veld_status_kort").lower()]
            verplicht += [self.t(f"veld_{v}_kort").lower() for v in ("toelichting", "maatregel") if _verplicht(status, v)]
            en = self.t("opsomming_en")
            delen.append(
                self.t("invullen_bij_status", status=status.naam, verplicht=_opsomming(verplicht, en), uitleg=status.uitleg)
            )
        if not velden:  # what the statuses named require, explained
            velden = [v for v in ("toelichting", "maatregel") if any(_verplicht(s, v) for s in statussen)] + ["financieel"]
        delen.append("\n".join(self.t(f"invullen_veld_{veld}", **self._veldvelden(veld)) for veld in velden))
        delen.append(self.t("invullen_hint"))
        if statussen:
            bronnen = dict.fromkeys(self.kennisbank.bron_tekst(s.bron) for s in statussen)
            delen.append(self.t("feiten_bron", bron="; ".join(bronnen)))
        return "\n\n".join(delen)

    def _veldvelden(self, veld: str) -> dict[str, str]:
        """The values a field's explanation names: which statuses require it, the maximum length."""
        namen = [s.naam for s in sorted(self.rapportage.statussen, key=lambda s: s.ernst) if _verplicht(s, veld)]
        verplicht = (
            self.t("invullen_verplicht_bij", statussen=_opsomming(namen, self.t("opsomming_of")))
            if namen
            else self.t("invullen_niet_verplicht")
        )
        return {
            "verplicht": verplicht,
            "maximum": f"{MAX_TEKST:,}".replace(",", "."),
            "geen": self.t("financieel_geen"),
            "meevaller": self.t("financieel_meevaller"),
            "tegenvaller": self.t("financieel_tegenvaller"),
        }

    def _statussen(self, tekst: str) -> str:
        woorden = f" {normaliseer(tekst)} "
        genoemd = [s for s in self.rapportage.statussen if _noemt_status(s, woorden)]
        statussen = genoemd or sorted(self.rapportage.statussen, key=lambda s: s.ernst)
        regels = [self.t("feiten_status_kop")] if not genoemd else []
        regels += [self.t("feiten_status", naam=s.naam, uitleg=s.uitleg) for s in statussen]
        bronnen = dict.fromkeys(self.kennisbank.bron_tekst(s.bron) for s in statussen)
        return "\n".join(regels) + "\n\n" + self.t("feiten_bron", bron="; ".join(bronnen))

    def _niets(self, tekst: str, vandaag: date) -> str:
        """What happens when nothing is submitted: the onderwerp stays "not submitted" in the overviews
        and its opdrachtgevers get the round's reminders; all going to plan is the least serious status,
        with what it requires."""
        perioden, naam = self.perioden_in_tekst(tekst, vandaag)
        if not perioden:
            return self.t("feiten_geen_periode", naam=naam) if naam else self.t("feiten_geen_perioden")
        periode = perioden[-1] if len(perioden) > 1 and perioden[-1].begin <= vandaag else perioden[0]
        status = self.rapportage.snelste_status
        verplicht = [self.t("veld_status_kort").lower()]
        verplicht += [self.t(f"veld_{v}_kort").lower() for v in ("toelichting", "maatregel") if _verplicht(status, v)]
        delen = [
            self.t("feiten_niets", periode=periode.naam, nog_niet=self.t("nog_niet_ingediend")),
            self.t(
                "invullen_bij_status",
                status=status.naam,
                verplicht=_opsomming(verplicht, self.t("opsomming_en")),
                uitleg=status.uitleg,
            ),
            self._periode(periode, "herinnering", vandaag),
        ]
        if (bron := self.kennisbank.bron_tekst(status.bron)) not in delen[-1]:
            delen.append(self.t("feiten_bron", bron=bron))
        return "\n\n".join(delen)

    def _lijn(self, tekst: str) -> str:
        woorden = f" {normaliseer(tekst)} "
        lijnen = [lijn for lijn in self.rapportage.lijnen if _noemt(lijn, woorden)]
        if not lijnen:
            if not self.rapportage.lijnen:
                return self.t("feiten_geen_lijnen")
            lijnen = self.rapportage.lijnen
        delen = []
        for lijn in lijnen:
            delen.append(self.t("feiten_lijn", wie=lijn.wie, aan=lijn.aan, wat=lijn.wat))
        bronnen = dict.fromkeys(self.kennisbank.bron_tekst(lijn.bron) for lijn in lijnen)
        delen.append(self.t("feiten_bron", bron="; ".join(bronnen)))
        return "\n\n".join(delen)


def _verplicht(status: Status, veld: str) -> bool:
    """Does `status` require field `veld` (status and financieel effect: the status always, the effect never)?"""
    return {"status": True, "toelichting": status.toelichting_verplicht, "maatregel": status.maatregel_verplicht}.get(veld, False)


def _opsomming(namen: list[str], slot: str) -> str:
    return namen[0] if len(namen) == 1 else f"{', '.join(namen[:-1])} {slot} {namen[-1]}"


def _dagen(periode: Periode) -> list[date]:
    """The days reminders of `periode` go out."""
    return [m.date() if isinstance(m, datetime) else m for m in periode.herinneringen]


def _noemt_status(status: Status, woorden: str) -> bool:
    return any(f" {normaliseer(n)} " in woorden for n in [status.naam, status.id.replace("-", " ")])


def _noemt(lijn: Rapportagelijn, woorden: str) -> bool:
    """The question names who reports, as the subject ("rapporteert de directeur")."""
    return any(f" {normaliseer(w)} " in woorden for w in lijn.woorden)
