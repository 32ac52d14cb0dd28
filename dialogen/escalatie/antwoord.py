"""The Dutch reply for one rule: short answer, numbered route with names, don'ts and sources."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from botbuilder.schema import Attachment

from dialogen.kaarten import adaptive_card
from dialogen.teksten import Teksten
from kennisbank.escalatie.model import EscalatieRegel
from kennisbank.escalatie.route import Betrokkene, RouteStap, heeft_onderwerp_nodig, label_van, route_voor
from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Onderwerp, Persoon


@dataclass(frozen=True)
class Antwoord:
    """A short reply (Markdown) and, for channels with cards, a card that shows the don'ts and the
    verbatim source quotes on request ("Toon bron")."""

    tekst: str
    kaart: Attachment | None


class Antwoordschrijver:
    def __init__(self, teksten: Teksten, kennisbank: Kennisbank) -> None:
        self.teksten = teksten
        self.kennisbank = kennisbank

    def t(self, sleutel: str, **velden: Any) -> str:
        return self.teksten.tekst(f"escalatie.{sleutel}", **velden)

    def label(self, betrokkene: Betrokkene) -> str:
        """The betrokkene's name: from the data (step label, role, body, the organisation's
        opdrachtgever label), else the product's generic text."""
        wie = betrokkene.wie
        eigen = label_van(wie, self.kennisbank)
        if eigen:
            return eigen
        if wie.opdrachtgever is not None:
            return self.t(f"rol_opdrachtgever_{wie.opdrachtgever}")
        if wie.lijn is not None:
            rol = self.kennisbank.rol(wie.lijn)
            naam = rol.naam if rol else wie.lijn
            return self.t("rol_lijn", rol=_kleine_beginletter(naam))
        return self.t("rol_leidinggevende")

    def schrijf(
        self,
        regel: EscalatieRegel,
        onderwerp: Onderwerp | None,
        vrager: Persoon | None = None,
        *,
        tip_onderwerp: bool = False,
        ja_nee_vraag: bool = False,
        kaarten: bool = False,
    ) -> Antwoord:
        """The answer: heading, (ja/nee +) short answer, numbered route with names, the bron.

        With `kaarten` the don'ts, conditions and quotes go behind buttons on a card; without (the
        console) they follow in the text."""
        delen = [
            self.t("kop_onderwerp", situatie=regel.situatie, onderwerp=onderwerp.naam)
            if onderwerp
            else self.t("kop", situatie=regel.situatie)
        ]
        kort = " ".join((regel.kort_antwoord or "").split())
        if ja_nee_vraag and regel.ja_nee:
            kort = f"{self.t(regel.ja_nee)} {kort}".strip()
        if kort:
            delen.append(kort)
        stappen = [self._stap(s, vrager) for s in route_voor(regel, onderwerp, self.kennisbank, vrager)]
        delen.append("\n".join([self.t("route_kop"), *stappen]))
        if tip_onderwerp and onderwerp is None and heeft_onderwerp_nodig(regel, self.kennisbank):
            delen.append(self.t("tip_onderwerp"))
        meer = []
        if regel.niet_doen:
            meer.append("\n".join([self.t("niet_doen_kop"), *(f"- {n.tekst}" for n in regel.niet_doen)]))
        if regel.voorwaarden:
            meer.append("\n".join([self.t("voorwaarden_kop"), *(f"- {v}" for v in regel.voorwaarden)]))
        if not kaarten:
            delen.extend(meer)
            delen.extend(self._bron(bron, citaat) for bron, citaat in regel.bronnen())
            return Antwoord("\n\n".join(delen), None)
        delen.append(self.t("bron", bron=self.kennisbank.bron_tekst(regel.bron)))
        citaten = [self._bron(bron, citaat) for bron, citaat in regel.bronnen()]
        return Antwoord("\n\n".join(delen), self._kaart(meer, citaten))

    def _kaart(self, meer: list[str], citaten: list[str]) -> Attachment | None:
        acties = []
        if meer:
            acties.append(_toon(self.t("knop_niet_doen"), meer))
        if citaten:
            acties.append(_toon(self.t("knop_bron"), citaten))
        return adaptive_card([], acties) if acties else None

    def _stap(self, stap: RouteStap, vrager: Persoon | None) -> str:
        personen = [p for b in stap.betrokkenen for p in b.personen]
        if vrager is not None and personen and all(p.id == vrager.id for p in personen):
            # Nobody is told to escalate to themselves.
            rol = " / ".join(self.label(b) for b in stap.betrokkenen)
            return self.t("stap_zelf", nummer=stap.nummer, rol=rol, toelichting=stap.stap.toelichting)
        if vrager is not None:  # a body the asker belongs to: name the others
            stap = replace(stap, betrokkenen=tuple(
                replace(b, personen=tuple(p for p in b.personen if p.id != vrager.id)) for b in stap.betrokkenen
            ))
        # Teksten strips surrounding spaces, so the joiner is padded here.
        wie = f" {self.t('samen_met')} ".join(self._betrokkene(b) for b in stap.betrokkenen)
        if stap.stap.wanneer:
            return self.t("stap_wanneer", nummer=stap.nummer, wanneer=stap.stap.wanneer, wie=wie, toelichting=stap.stap.toelichting)
        return self.t("stap", nummer=stap.nummer, wie=wie, toelichting=stap.stap.toelichting)

    def _betrokkene(self, betrokkene: Betrokkene) -> str:
        rol = self.label(betrokkene)
        if not betrokkene.personen:
            return self.t("rol_zonder_naam", rol=rol)
        namen = [p.naam for p in betrokkene.personen]
        lijst = namen[0] if len(namen) == 1 else self.t("opsomming", begin=", ".join(namen[:-1]), laatste=namen[-1])
        return self.t("rol_met_namen", rol=rol, namen=lijst)

    def _bron(self, bron, citaat: str | None) -> str:
        tekst = self.kennisbank.bron_tekst(bron)
        if citaat:
            return self.t("bron_citaat", bron=tekst, citaat=" ".join(citaat.split()))
        return self.t("bron", bron=tekst)


def _toon(titel: str, alinea_s: list[str]) -> dict[str, Any]:
    """An Action.ShowCard that unfolds the paragraphs (Markdown as TextBlocks)."""
    body = [{"type": "TextBlock", "text": a, "wrap": True} for a in alinea_s]
    return {"type": "Action.ShowCard", "title": titel, "card": {"type": "AdaptiveCard", "body": body}}


def _kleine_beginletter(naam: str) -> str:
    """'Teammanager' -> 'teammanager', '(Team)manager' -> '(team)manager': to follow 'Je '."""
    for i, teken in enumerate(naam):
        if teken.isalpha():
            return naam[:i] + teken.lower() + naam[i + 1:]
    return naam
