"""The Dutch replies of the check: result, direct answers, the list of checks. Texts come from
`dialogen/teksten/bestuursopdracht.yaml`, facts and quotes from the kennisbank."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from db.modellen.bestuursopdracht import BestuursopdrachtCheck
from dialogen.featureservices import FeatureServices
from dialogen.opmaak import letterlijk
from kennisbank.bestuursopdracht import Beoordeling, BestuursopdrachtKader, Criterium, Stap, Uitkomst
from kennisbank.model import Bron, Onderwerp

NAAM = "bestuursopdracht"


class CheckWeergave:
    """How the bestuursopdracht check says things: its texts, criteria, advice and sources."""

    def __init__(self, diensten: FeatureServices, kader: BestuursopdrachtKader) -> None:
        self.diensten = diensten
        self.kader = kader

    def t(self, sleutel: str, **velden) -> str:
        return self.diensten.teksten.tekst(f"{NAAM}.{sleutel}", **velden)

    def lijst(self, sleutel: str) -> list[str]:
        return self.diensten.teksten.lijst(f"{NAAM}.{sleutel}")

    def drempel_velden(self) -> dict[str, object]:
        d = self.kader.drempel
        return {
            "nodig": d.nodig,
            "twijfel_van": d.twijfel if d.twijfel is not None else "",
            "twijfel_tot": d.nodig - 1,
            "organisatie": self.diensten.kennisbank.organisatie.naam,
            # What the organisation does with a twijfel (its advice title, e.g. where to discuss it).
            "twijfel_advies": _klein(self.kader.adviezen.twijfel.titel) if self.kader.adviezen.twijfel else "",
        }

    def drempel_tekst(self, sleutel: str, **velden: object) -> str:
        """The threshold as text `sleutel` (or `<sleutel>_zonder_twijfel` when the kader has no
        twijfel zone), followed by what mandatory and weighted criteria mean, if there are any."""
        kader = self.kader
        sleutel = sleutel if kader.drempel.twijfel is not None else f"{sleutel}_zonder_twijfel"
        delen = [self.t(sleutel, **self.drempel_velden(), **velden)]
        if kader.verplichte:
            delen.append(self.t("drempel_verplicht", criteria="; ".join(c.tekst for c in kader.verplichte)))
        if any(c.gewicht != 1 for c in kader.criteria):
            delen.append(self.t("drempel_gewicht"))
        return " ".join(delen)

    def criterium_regel(self, criterium: Criterium) -> str:
        """A criterium's words, marked when it is mandatory or counts more than once."""
        if criterium.verplicht:
            return self.t("criterium_verplicht", tekst=criterium.tekst)
        if criterium.gewicht != 1:
            return self.t("criterium_gewicht", tekst=criterium.tekst, gewicht=criterium.gewicht)
        return criterium.tekst

    def koppeling(self, onderwerp: Onderwerp | None) -> str:
        if onderwerp is None:
            return self.t("geen_koppeling")
        kennisbank = self.diensten.kennisbank
        ao = kennisbank.persoon(onderwerp.ambtelijk_opdrachtgever)
        return self.t(
            "koppeling",
            onderwerp=onderwerp.naam,
            soort=kennisbank.soort_naam(onderwerp.soort).lower(),
            ao=ao.naam if ao else onderwerp.ambtelijk_opdrachtgever,
            functie=ao.functie if ao else "",
        )

    def resultaat(self, beoordeling: Beoordeling, opdracht: str, onderwerp: Onderwerp | None, notitie: str | None) -> list[str]:
        """The result as paragraphs: advice, which criteria hold, next steps, sources."""
        advies = beoordeling.advies
        delen = [
            self.t("resultaat_kop", titel=advies.titel),
            advies.tekst,
            self.drempel_tekst(
                "resultaat_telling",
                opdracht=letterlijk(opdracht),
                aantal=beoordeling.aantal,
                totaal=beoordeling.totaal,
                score=beoordeling.score,
            ),
        ]
        if beoordeling.geldend:
            delen.append("\n".join([self.t("resultaat_geldt"), *(f"- {c.tekst}" for c in beoordeling.geldend)]))
        else:
            delen.append(self.t("resultaat_geen_geldt"))
        if advies.citaat:
            delen.append(self.t("citaat", citaat=advies.citaat))
        stappen = [f"{nummer}. {stap.tekst}" for nummer, stap in enumerate(advies.vervolgstappen, 1)]
        if stappen:
            delen.append("\n".join([self.t("resultaat_vervolg"), *stappen]))
        bronnen: list[Bron] = [advies.bron, *(s.bron for s in advies.vervolgstappen)]
        verantwoordelijk = self.kader.ambtelijk_opdrachtgever
        if verantwoordelijk is not None and beoordeling.uitkomst is not Uitkomst.NIET_NODIG:
            regels = [f"**{verantwoordelijk.tekst}**", *(f"- {punt}" for punt in verantwoordelijk.punten)]
            if onderwerp is not None and (ao := self.diensten.kennisbank.persoon(onderwerp.ambtelijk_opdrachtgever)):
                regels.insert(0, self.t("resultaat_ao_onderwerp", onderwerp=onderwerp.naam, ao=ao.naam))
            delen.append("\n".join(regels))
            if verantwoordelijk.citaat:
                delen.append(self.t("citaat", citaat=verantwoordelijk.citaat))
            bronnen.append(verantwoordelijk.bron)
        if notitie:
            delen.append(self.t("resultaat_notitie", notitie=letterlijk(notitie)))
        bronnen += [c.bron for c in beoordeling.geldend] + [self.kader.drempel.keuze_bron]
        delen.append(self.t("resultaat_bronnen", bronnen="; ".join(self.bronnen(bronnen))))
        return delen

    def antwoord(self, vraag: str, stappen: Sequence[Stap], *, verwijs: bool = True, niet_in_bronnen: str | None = None) -> str:
        """A question of the kader answered; `niet_in_bronnen`: what the sources do not say, said
        after the sources; `verwijs`: end with how to start a check (not while one runs)."""
        delen = [self.t("vraag_kop", vraag=vraag)]
        for stap in stappen:
            delen.append(stap.tekst)
            if stap.citaat:
                delen.append(self.t("citaat", citaat=stap.citaat))
        delen.append(self.t("bron", bron="; ".join(self.bronnen(s.bron for s in stappen))))
        if niet_in_bronnen:
            delen.append(self.t("niet_in_bronnen", tekst=niet_in_bronnen))
        if verwijs:
            delen.append(self.t("verwijs_check"))
        return "\n\n".join(delen)

    def drempel_antwoord(self, *, verwijs: bool = True) -> str:
        """The threshold, its quote and sources; `verwijs` as in `antwoord`."""
        d = self.kader.drempel
        delen = [self.t("vraag_kop", vraag=self.t("drempel_vraag")), d.keuze]
        if d.citaat:
            delen.append(self.t("citaat", citaat=d.citaat))
        delen.append(self.t("bron", bron="; ".join(self.bronnen([d.bron, d.keuze_bron]))))
        if verwijs:
            delen.append(self.t("verwijs_check"))
        return "\n\n".join(delen)

    def al_opgeslagen(self, check: BestuursopdrachtCheck) -> str:
        return self.t(
            "al_opgeslagen", moment=self.moment(check.uitgevoerd_op), nummer=check.id, advies=self.advies_titel(check.advies)
        )

    def advies_titel(self, advies: str) -> str:
        """The kennisbank's title of an advies; a neutral label for one this version doesn't know
        (stored by a newer version, `db.base.OnbekendeWaarde`)."""
        try:
            return self.kader.advies(Uitkomst(advies)).titel
        except ValueError:
            return self.t("advies_onbekend")

    def moment(self, tijdstip: datetime) -> str:
        """'23-11-2026 10:30' in the bot's local time."""
        return tijdstip.astimezone(self.diensten.klok().tzinfo).strftime("%d-%m-%Y %H:%M")

    def bronnen(self, bronnen: Iterable[Bron]) -> list[str]:
        """Citations in first-seen order, each once."""
        gezien: dict[str, None] = {}
        for bron in bronnen:
            gezien.setdefault(self.diensten.kennisbank.bron_tekst(bron), None)
        return list(gezien)


def _klein(tekst: str) -> str:
    """The text with a lower-case first letter, to continue a sentence ('Twijfel – ...' -> 'twijfel – ...')."""
    return tekst[:1].lower() + tekst[1:]
