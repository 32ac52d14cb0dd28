"""The Dutch reply for one rule: short answer, numbered route with names, don'ts and sources."""

from __future__ import annotations

from typing import Any

from dialogen.teksten import Teksten
from kennisbank.escalatie.model import EscalatieRegel
from kennisbank.escalatie.route import Betrokkene, RouteStap, route_voor
from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Onderwerp, Persoon


class Antwoordschrijver:
    def __init__(self, teksten: Teksten, kennisbank: Kennisbank) -> None:
        self.teksten = teksten
        self.kennisbank = kennisbank

    def t(self, sleutel: str, **velden: Any) -> str:
        return self.teksten.tekst(f"escalatie.{sleutel}", **velden)

    def rol(self, rol: str) -> str:
        return self.t(f"rol_{rol}")

    def schrijf(
        self,
        regel: EscalatieRegel,
        onderwerp: Onderwerp | None,
        vrager: Persoon | None = None,
        *,
        tip_onderwerp: bool = False,
    ) -> str:
        """The whole answer as Markdown (Teams, Web Chat and the console all read it)."""
        delen = [
            self.t("kop_onderwerp", situatie=regel.situatie, onderwerp=onderwerp.naam)
            if onderwerp
            else self.t("kop", situatie=regel.situatie)
        ]
        if regel.kort_antwoord:
            delen.append(regel.kort_antwoord)
        stappen = [self._stap(s) for s in route_voor(regel, onderwerp, self.kennisbank, vrager)]
        delen.append("\n".join([self.t("route_kop"), *stappen]))
        if regel.niet_doen:
            delen.append("\n".join([self.t("niet_doen_kop"), *(f"- {n.tekst}" for n in regel.niet_doen)]))
        if regel.voorwaarden:
            delen.append("\n".join([self.t("voorwaarden_kop"), *(f"- {v}" for v in regel.voorwaarden)]))
        if tip_onderwerp and onderwerp is None and regel.heeft_onderwerp_nodig:
            delen.append(self.t("tip_onderwerp"))
        delen.extend(self._bron(bron, citaat) for bron, citaat in regel.bronnen())
        return "\n\n".join(delen)

    def _stap(self, stap: RouteStap) -> str:
        # Teksten strips surrounding spaces, so the joiner is padded here.
        wie = f" {self.t('samen_met')} ".join(self._betrokkene(b) for b in stap.betrokkenen)
        if stap.stap.wanneer:
            return self.t("stap_wanneer", nummer=stap.nummer, wanneer=stap.stap.wanneer, wie=wie, toelichting=stap.stap.toelichting)
        return self.t("stap", nummer=stap.nummer, wie=wie, toelichting=stap.stap.toelichting)

    def _betrokkene(self, betrokkene: Betrokkene) -> str:
        rol = self.rol(betrokkene.rol)
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
