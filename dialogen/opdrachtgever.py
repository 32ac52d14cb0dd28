"""The opdrachtgever lookup in chat: every question no other feature claims comes here.

Answers come from `kennisbank.zoeken.Zoeker`; this module only turns them into Dutch replies and
logs the questions that could not be answered confidently (without who asked).
"""

from __future__ import annotations

from typing import Any

from botbuilder.core import CardFactory, MessageFactory
from botbuilder.dialogs import DialogContext
from botbuilder.schema import ActionTypes, CardAction, HeroCard

from db.repositories.onbeantwoord import OnbeantwoordRepository
from dialogen.diensten import Diensten
from dialogen.functie import Functie
from dialogen.herkenning import Herkend
from dialogen.kaarten import met_keuzes
from kennisbank.model import Bron, Onderwerp
from kennisbank.zoeken import (
    Antwoord,
    BedoeldeU,
    BegripGevonden,
    MeerdereOnderwerpen,
    NietGevonden,
    OnderwerpGevonden,
    PersoonGevonden,
    RolGevonden,
    SoortWerkGevonden,
    Zoeker,
)

ZOEKER = "zoeker"


def zoeker_van(diensten: Diensten) -> Zoeker:
    """The app's one Zoeker (built at start-up by the host)."""
    return diensten.extra[ZOEKER]


class OpdrachtgeverFunctie(Functie):
    naam = "opdrachtgever"

    async def behandel(self, dc: DialogContext, herkend: Herkend) -> None:
        if herkend.intentie == "opdrachtgever.zonder_onderwerp":
            voorbeelden = self.diensten.teksten.lijst("opdrachtgever.zonder_onderwerp_voorbeelden")
            await dc.context.send_activity(met_keuzes(self._t("zonder_onderwerp"), voorbeelden))
            return
        zoeker = zoeker_van(self.diensten)
        antwoord = zoeker.beantwoord(herkend.tekst, vandaag=self.diensten.klok().date())
        if antwoord.onzeker:
            await self._log_onbeantwoord(herkend.tekst, antwoord)
        if isinstance(antwoord, BedoeldeU):
            await dc.context.send_activity(self._bedoelde_u(antwoord))
        else:
            await dc.context.send_activity(MessageFactory.text(self.formatteer(antwoord)))

    def formatteer(self, antwoord: Antwoord) -> str:
        """The Dutch answer text for every kind of answer except 'Bedoelde u'."""
        match antwoord:
            case OnderwerpGevonden(onderwerp=onderwerp):
                return self.onderwerp_tekst(onderwerp)
            case MeerdereOnderwerpen(onderwerpen=onderwerpen):
                return self._meerdere(onderwerpen)
            case PersoonGevonden(persoon=persoon, onderwerpen_per_soort=groepen):
                return self._persoon(persoon, groepen)
            case SoortWerkGevonden(soort_werk=soort):
                regels = [self._t("soort_werk_kop", naam=soort.naam), self._t("soort_werk_ao", ao=soort.ambtelijk_opdrachtgever)]
                if soort.delegeerbaar_aan:
                    regels.append(self._t("soort_werk_delegatie", wie=soort.delegeerbaar_aan))
                if soort.toelichting:
                    regels.append(soort.toelichting)
                return self._met_bron(regels, soort.bron)
            case BegripGevonden(begrip=begrip):
                return self._met_bron([self._t("begrip_kop", term=begrip.term), begrip.uitleg], begrip.bron)
            case RolGevonden(rol=rol):
                regels = [self._t("rol_kop", naam=rol.naam), rol.omschrijving]
                if rol.verantwoordelijkheden:
                    regels.append(self._t("rol_verantwoordelijk"))
                    regels.extend(f"- {v}" for v in rol.verantwoordelijkheden)
                return self._met_bron(regels, rol.bron)
            case NietGevonden(suggesties=suggesties):
                regels = [self._t("niet_gevonden")]
                voorbeelden = list(suggesties) or [o.naam for o in self.diensten.kennisbank.bestanden.onderwerpen[:3]]
                regels.append(self._t("niet_gevonden_tip", voorbeelden=", ".join(voorbeelden[:4])))
                return "\n\n".join(regels)
        raise TypeError(f"onbekend antwoord {type(antwoord).__name__}")

    def onderwerp_tekst(self, onderwerp: Onderwerp) -> str:
        kennisbank = self.diensten.kennisbank
        regels = [self._t("onderwerp_kop", naam=onderwerp.naam, soort=kennisbank.soort_naam(onderwerp.soort).lower())]
        for sleutel, persoon_id in (
            ("ambtelijk", onderwerp.ambtelijk_opdrachtgever),
            ("gedelegeerd", onderwerp.gedelegeerd_opdrachtgever),
            ("bestuurlijk", onderwerp.bestuurlijk_opdrachtgever),
        ):
            persoon = kennisbank.persoon(persoon_id)
            if persoon is not None:
                regels.append(self._t(sleutel, naam=persoon.naam, functie=persoon.functie))
        if onderwerp.omschrijving:
            regels.append(onderwerp.omschrijving)
        return self._met_bron(regels, onderwerp.bron)

    def _meerdere(self, onderwerpen: tuple[Onderwerp, ...]) -> str:
        kennisbank = self.diensten.kennisbank
        regels = [self._t("meerdere_kop")]
        for onderwerp in onderwerpen:
            ao = kennisbank.persoon(onderwerp.ambtelijk_opdrachtgever)
            regels.append(
                self._t(
                    "meerdere_regel",
                    naam=onderwerp.naam,
                    soort=kennisbank.soort_naam(onderwerp.soort).lower(),
                    opdrachtgever=f"{ao.naam}, {ao.functie}" if ao else onderwerp.ambtelijk_opdrachtgever,
                )
            )
        bronnen = sorted({kennisbank.bron_tekst(o.bron) for o in onderwerpen})
        regels.append(self._t("bron", bron="; ".join(bronnen)))
        return "\n".join(regels)

    def _persoon(self, persoon, groepen: dict[str, list[Onderwerp]]) -> str:
        kennisbank = self.diensten.kennisbank
        if not any(groepen.values()):
            return self._met_bron([self._t("persoon_geen", naam=persoon.naam, functie=persoon.functie)], persoon.bron)
        regels = [self._t("persoon_kop", naam=persoon.naam, functie=persoon.functie)]
        bronnen: set[str] = set()
        for soort, onderwerpen in groepen.items():
            regels.append(self._t("persoon_soort", soort=kennisbank.soort_naam(soort)))
            for onderwerp in onderwerpen:
                rol = ""
                if onderwerp.gedelegeerd_opdrachtgever == persoon.id:
                    rol = self._t("persoon_rol_gedelegeerd")
                elif onderwerp.bestuurlijk_opdrachtgever == persoon.id:
                    rol = self._t("persoon_rol_bestuurlijk")
                regels.append(self._t("persoon_regel", naam=onderwerp.naam, rol=rol))
                bronnen.add(kennisbank.bron_tekst(onderwerp.bron))
        regels.append(self._t("bron", bron="; ".join(sorted(bronnen))))
        return "\n".join(regels)

    def _bedoelde_u(self, antwoord: BedoeldeU):
        knoppen = [
            CardAction(
                type=ActionTypes.im_back,
                title=kandidaat.naam,
                value=self._t(f"knop_{kandidaat.soort}", naam=kandidaat.naam),
            )
            for kandidaat in antwoord.kandidaten
        ]
        kaart = HeroCard(text=self._t("bedoelde_u"), buttons=knoppen)
        return MessageFactory.attachment(CardFactory.hero_card(kaart))

    async def _log_onbeantwoord(self, vraag: str, antwoord: Antwoord) -> None:
        kandidaten: list[dict[str, Any]] = [
            {"soort": k.soort, "id": k.id, "naam": k.naam, "score": round(k.score, 3)} for k in antwoord.kandidaten
        ]
        async with self.diensten.sessies.begin() as sessie:
            OnbeantwoordRepository(sessie).voeg_toe(vraag[:1000], antwoord.vraag_kern, type(antwoord).__name__, kandidaten)

    def _met_bron(self, regels: list[str], bron: Bron) -> str:
        return "\n\n".join([*regels, self._t("bron", bron=self.diensten.kennisbank.bron_tekst(bron))])

    def _t(self, sleutel: str, **velden: Any) -> str:
        return self.diensten.teksten.tekst(f"opdrachtgever.{sleutel}", **velden)
