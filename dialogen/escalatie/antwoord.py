"""The Dutch reply for one rule: short answer, numbered route with names, don'ts and sources."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from botbuilder.schema import Attachment

from dialogen.kaarten import adaptive_card
from dialogen.teksten import Teksten
from kennisbank.escalatie.beknopt import ZICHTBAAR_MAX, eerste_zin
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
    vervolg: str | None = None
    """Without cards: "Meer uitleg", the don'ts and the quotes, as a second message."""


@dataclass(frozen=True)
class _Beknopt:
    """One way of shortening the visible part: the short answer to its first sentence (`kort`),
    per step its explanation ('vol', 'zin' for the first sentence, 'geen'), whether the tip and
    the bron line stay."""

    kort: bool
    stappen: tuple[str, ...]
    tip: bool = True
    bron: bool = True


def _inkortingen(stappen: list[RouteStap]) -> Iterator[_Beknopt]:
    """From the full answer to the shortest; `schrijf` takes the first that fits. The steps keep
    the first sentence of their explanation, then lose it from the last step up to the second;
    then the short answer (the rule itself) keeps its first sentence, the bron line goes (it is
    under "Toon bron" too), the tip goes, and last the first step (what to do now) loses its
    explanation."""
    vormen = ["zin"] * len(stappen)
    yield _Beknopt(kort=False, stappen=("vol",) * len(stappen))
    yield _Beknopt(kort=False, stappen=tuple(vormen))
    for i in reversed(range(1, len(stappen))):
        vormen[i] = "geen"
        yield _Beknopt(kort=False, stappen=tuple(vormen))
    yield _Beknopt(kort=True, stappen=tuple(vormen))
    yield _Beknopt(kort=True, stappen=tuple(vormen), bron=False)
    yield _Beknopt(kort=True, stappen=tuple(vormen), bron=False, tip=False)
    vormen[0] = "geen"
    yield _Beknopt(kort=True, stappen=tuple(vormen), bron=False, tip=False)


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

        What is shown at once stays within `ZICHTBAAR_MAX` characters: when it would not, it is cut
        step by step (`_inkortingen`: the steps' explanations first, the rule's short answer late).
        What was cut is under "Meer uitleg". With `kaarten` that, the don'ts and the quotes are
        behind buttons on a card; without (the console) they follow in a second message."""
        kop = (
            self.t("kop_onderwerp", situatie=regel.situatie, onderwerp=onderwerp.naam)
            if onderwerp
            else self.t("kop", situatie=regel.situatie)
        )
        kort = " ".join((regel.kort_antwoord or "").split())
        ja_nee = self.t(regel.ja_nee) if ja_nee_vraag and regel.ja_nee else ""
        stappen = route_voor(regel, onderwerp, self.kennisbank, vrager)
        tip = (
            self.t("tip_onderwerp")
            if tip_onderwerp and onderwerp is None and heeft_onderwerp_nodig(regel, self.kennisbank)
            else ""
        )
        bron = self.t("bron", bron=self.kennisbank.bron_tekst(regel.bron)) if kaarten else ""
        for beknopt in _inkortingen(stappen):
            kort_zichtbaar, kort_rest = eerste_zin(kort) if beknopt.kort else (kort, "")
            kort_zichtbaar = f"{ja_nee} {kort_zichtbaar}".strip()
            regels = [self._stap(s, vrager, vorm) for s, vorm in zip(stappen, beknopt.stappen)]
            delen = [kop, kort_zichtbaar, "\n".join([self.t("route_kop"), *regels])]
            delen += [tip] if beknopt.tip else []
            delen += [bron] if beknopt.bron else []
            zichtbaar = "\n\n".join(d for d in delen if d)
            if len(zichtbaar) <= ZICHTBAAR_MAX:
                break
        uitleg = self._uitleg(kort_rest, stappen, beknopt.stappen)
        meer = []
        if regel.niet_doen:
            meer.append("\n".join([self.t("niet_doen_kop"), *(f"- {n.tekst}" for n in regel.niet_doen)]))
        if regel.voorwaarden:
            meer.append("\n".join([self.t("voorwaarden_kop"), *(f"- {v}" for v in regel.voorwaarden)]))
        citaten = [self._bron(b, citaat) for b, citaat in regel.bronnen()]
        if not kaarten:
            vervolg = "\n\n".join([*uitleg, *meer, *citaten])
            return Antwoord(zichtbaar, None, vervolg or None)
        return Antwoord(zichtbaar, self._kaart(uitleg, meer, citaten))

    def vervolg(self, regel: EscalatieRegel, onderwerp: Onderwerp | None, vrager: Persoon | None, nummer: int) -> str:
        """One step of the route, for a follow-up ("en als ze er dan nog niet uitkomen?"): which step
        of how many, the step with its names and explanation, whether more follow, its source."""
        stappen = route_voor(regel, onderwerp, self.kennisbank, vrager)
        stap = stappen[nummer - 1]
        laatste = nummer == len(stappen)
        return "\n\n".join(
            [
                self.t("vervolg_kop", situatie=regel.situatie, nummer=nummer, totaal=len(stappen)),
                self._stap(stap, vrager),
                self.t("vervolg_laatste" if laatste else "vervolg_meer"),
                self.t("bron", bron=self.kennisbank.bron_tekst(stap.stap.bron or regel.bron)),
            ]
        )

    def einde(self, regel: EscalatieRegel, onderwerp: Onderwerp | None, vrager: Persoon | None) -> str:
        """A follow-up after the last step: the route ends there; that step again."""
        stappen = route_voor(regel, onderwerp, self.kennisbank, vrager)
        return "\n\n".join(
            [
                self.t("vervolg_einde", situatie=regel.situatie, totaal=len(stappen)),
                self._stap(stappen[-1], vrager),
                self.t("bron", bron=self.kennisbank.bron_tekst(stappen[-1].stap.bron or regel.bron)),
            ]
        )

    def _uitleg(self, kort_rest: str, stappen: list[RouteStap], vormen: tuple[str, ...]) -> list[str]:
        """What `schrijf` left out of the visible part: the rest of the short answer and, of every
        step that was cut, its explanation in full."""
        uitleg = [kort_rest] if kort_rest else []
        for s, vorm in zip(stappen, vormen):
            toelichting = " ".join(s.stap.toelichting.split())
            if vorm == "geen" or (vorm == "zin" and eerste_zin(toelichting)[1]):
                uitleg.append(self.t("uitleg_stap", nummer=s.nummer, toelichting=toelichting))
        return uitleg

    def _kaart(self, uitleg: list[str], meer: list[str], citaten: list[str]) -> Attachment | None:
        acties = []
        if uitleg:
            acties.append(_toon(self.t("knop_meer_uitleg"), uitleg))
        if meer:
            acties.append(_toon(self.t("knop_niet_doen"), meer))
        if citaten:
            acties.append(_toon(self.t("knop_bron"), citaten))
        return adaptive_card([], acties) if acties else None

    def _stap(self, stap: RouteStap, vrager: Persoon | None, toelichting_vorm: str = "vol") -> str:
        """One numbered step; its explanation in full ('vol'), its first sentence ('zin') or left out ('geen')."""
        toelichting = " ".join(stap.stap.toelichting.split())
        if toelichting_vorm == "zin":
            toelichting = eerste_zin(toelichting)[0]
        elif toelichting_vorm == "geen":
            toelichting = ""
        personen = [p for b in stap.betrokkenen for p in b.personen]
        if vrager is not None and personen and all(p.id == vrager.id for p in personen):
            # Nobody is told to escalate to themselves.
            rol = " / ".join(self.label(b) for b in stap.betrokkenen)
            return self.t("stap_zelf", nummer=stap.nummer, rol=rol, toelichting=toelichting).strip()
        if vrager is not None:  # a body the asker belongs to: name the others
            stap = replace(
                stap,
                betrokkenen=tuple(
                    replace(b, personen=tuple(p for p in b.personen if p.id != vrager.id)) for b in stap.betrokkenen
                ),
            )
        # Teksten strips surrounding spaces, so the joiner is padded here.
        wie = f" {self.t('samen_met')} ".join(self._betrokkene(b) for b in stap.betrokkenen)
        if not toelichting:
            if stap.stap.wanneer:
                return self.t("stap_wanneer_kort", nummer=stap.nummer, wanneer=stap.stap.wanneer, wie=wie)
            return self.t("stap_kort", nummer=stap.nummer, wie=wie)
        if stap.stap.wanneer:
            return self.t("stap_wanneer", nummer=stap.nummer, wanneer=stap.stap.wanneer, wie=wie, toelichting=toelichting)
        return self.t("stap", nummer=stap.nummer, wie=wie, toelichting=toelichting)

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
            return naam[:i] + teken.lower() + naam[i + 1 :]
    return naam
