"""The overview and 'wie moet nog' as one Adaptive Card (1.5): counts per status as bars next to the
previous period, the rows of the chosen view (afwijkingen first, missing per directeur, or all),
paging, filters behind 'Filteren', and for a controller a 'Herinner' button per directeur. The status
distribution per directeur and the mee-/tegenvallers are charts (`dialogen.grafieken`: a Teams chart
element, a PNG where the client does not know it, the text bars in the console).

Every button carries the whole `Filter` (stateless) and its typed command (`GETYPT`), so the same
card works as text in the console (`dialogen.kaarten_tekst`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from botbuilder.schema import Attachment

from db.modellen.rapportage import Financieel
from dialogen.grafieken import AANDACHT, GOED, NEUTRAAL, Balk, Deel, Grafiek, kaartelement, kleuren_naar_ernst
from dialogen.kaarteigenaar import VOOR
from dialogen.kaarten import adaptive_card, submit_actie
from dialogen.kaarten_tekst import GETYPT
from dialogen.opmaak import letterlijk
from dialogen.rapportage.filter import ALLE, ONTBREKEND, SIGNALEN, Filter, FilterTaal
from dialogen.rapportage.invoer import financieel_sleutel
from dialogen.rapportage.overzicht import datum, directeur_naam, functie_ambtelijk, kort, met_gedelegeerde
from dialogen.teksten import Teksten
from kennisbank.bedragen import formatteer_bedrag
from rapportage import Groep, Overzicht, Regel, is_te_laat

ACTIE_OVERZICHT = "rapportage.overzicht"
ACTIE_HERINNER = "rapportage.herinner"
ALLE_WAARDE = "*"
"""The 'Alle' choice of a filter (read back as no filter: it names no persoon or soort)."""
PER_PAGINA = 10
"""Rows per page: keeps a card well below Teams' size limit."""
GROEPEN_PER_PAGINA = 6
BALK = 10
"""Cells of a text bar."""
VOL, LEEG = "█", "░"
ONBEKEND_SYMBOOL = "?"
"""A submitted update with a status rapportage.yaml does not know, in a directeur's line."""


def balk(aantal: int, totaal: int) -> str:
    """A text bar of `BALK` cells: works in Teams, Web Chat and a terminal."""
    vol = round(BALK * aantal / totaal) if totaal else 0
    vol = max(vol, 1) if aantal else vol
    return VOL * vol + LEEG * (BALK - vol)


def beperk(overzicht: Overzicht, filter_: Filter) -> Overzicht:
    """Only the directeur and soort of the filter (counts and rows follow)."""
    groepen = []
    for groep in overzicht.groepen:
        if filter_.directeur and (groep.directeur is None or groep.directeur.id != filter_.directeur):
            continue
        regels = [r for r in groep.regels if not filter_.soort or r.onderwerp.soort == filter_.soort]
        if regels:
            groepen.append(Groep(groep.directeur, regels))
    return Overzicht(overzicht.periode, overzicht.vorige_periode, groepen, overzicht.rapportage, overzicht.kennisbank)


@dataclass(frozen=True)
class Pagina:
    items: list[Any]
    nummer: int
    aantal: int


def pagineer(items: list[Any], nummer: int, per_pagina: int) -> Pagina:
    aantal = max(1, -(-len(items) // per_pagina))
    nummer = min(max(nummer, 1), aantal)
    return Pagina(items[(nummer - 1) * per_pagina : nummer * per_pagina], nummer, aantal)


class OverzichtKaart:
    def __init__(self, teksten: Teksten, taal: FilterTaal, *, voor: str | None, inzage: bool) -> None:
        self.teksten = teksten
        self.taal = taal
        self.voor = voor
        self.inzage = inzage
        """A controller: may chase missing reports."""

    def _t(self, sleutel: str, **velden: Any) -> str:
        return self.teksten.tekst(f"rapportage.{sleutel}", **velden)

    def maak(self, volledig: Overzicht, filter_: Filter) -> Attachment:
        overzicht = beperk(volledig, filter_)
        directeuren = [g.directeur.id for g in volledig.groepen if g.directeur is not None]
        p = overzicht.periode
        body: list[dict[str, Any]] = [
            _tekstblok(
                self._t("overzicht_kop", periode=p.naam, peildatum=datum(p.peildatum), deadline=datum(p.deadline)), size="Medium"
            ),
        ]
        beschrijving = self._filterbeschrijving(volledig, filter_)
        if beschrijving:
            body.append(_tekstblok(beschrijving, subtiel=True))
        body += self._tellingen(overzicht)
        rijen, knoppen = self._rijen(overzicht, filter_, directeuren)
        body += rijen
        if filter_.weergave != ONTBREKEND and overzicht.groepen and not filter_.directeur:
            body.append(self._verdeling(overzicht, functie_ambtelijk(volledig.kennisbank, self.teksten)))
        if self.inzage:
            body.append(_tekstblok(self._t("export_hint", periode=p.id), subtiel=True))
        acties = knoppen + self._weergaveknoppen(filter_, directeuren) + [self._filterkaart(volledig, filter_)]
        return adaptive_card(body, acties)

    # -- parts ---------------------------------------------------------------------------------

    def _filterbeschrijving(self, volledig: Overzicht, filter_: Filter) -> str | None:
        delen = []
        if filter_.directeur:
            persoon = volledig.kennisbank.persoon(filter_.directeur)
            delen.append(persoon.naam if persoon else filter_.directeur)
        if filter_.soort:
            delen.append(volledig.kennisbank.soort_naam(filter_.soort))
        if filter_.weergave != SIGNALEN:
            delen.append(self.taal.weergave_woord(filter_.weergave))
        return self._t("filter_actief", filter=" · ".join(delen)) if delen else None

    def _statusregels(self, overzicht: Overzicht) -> list[tuple[str, int, int]]:
        """(name, count, count in the previous period) per status; a status rapportage.yaml does not
        know is one line of its own when there is any, so the lines add up to what was submitted."""
        telling, vorige = overzicht.statustelling(), overzicht.statustelling(vorige=True)
        regels = [(s.naam, telling.per_status[s.id], vorige.per_status[s.id]) for s in overzicht.rapportage.statussen]
        if telling.onbekend or vorige.onbekend:
            regels.append((self._t("status_onbekend"), telling.onbekend, vorige.onbekend))
        return regels

    def _tellingen(self, overzicht: Overzicht) -> list[dict[str, Any]]:
        totaal = len(overzicht.regels)
        statusregels = self._statusregels(overzicht)
        tellingen = ", ".join(f"{naam.lower()} {aantal}" for naam, aantal, _ in statusregels)
        blokken = [_tekstblok(self._t("overzicht_totaal", ingediend=overzicht.ingediend, totaal=totaal, tellingen=tellingen))]
        regels = [*statusregels]
        regels.append((self._t("grafiek_ontbreekt"), totaal - overzicht.ingediend, totaal - overzicht.ingediend_vorige))
        for naam, aantal, eerder in regels:
            kolommen = [_kolom(naam, "stretch"), _kolom(f"`{balk(aantal, totaal)}`", "auto"), _kolom(str(aantal), "auto")]
            if overzicht.vorige_periode is not None:
                kolommen.append(_kolom(self._t("grafiek_vorige", aantal=eerder), "auto", subtiel=True))
            blokken.append({"type": "ColumnSet", "spacing": "Small", "columns": kolommen})
        if overzicht.vorige_periode is not None:
            tellingen_vorig = ", ".join(f"{naam.lower()} {eerder}" for naam, _, eerder in statusregels)
            blokken.append(
                _tekstblok(
                    self._t(
                        "overzicht_vorige",
                        periode=overzicht.vorige_periode.naam,
                        ingediend=overzicht.ingediend_vorige,
                        tellingen=tellingen_vorig,
                    ),
                    subtiel=True,
                )
            )
        saldo = overzicht.saldo()
        if saldo:
            blokken.append(_tekstblok(self._t("overzicht_saldo", saldo=formatteer_bedrag(saldo))))
        blokken += self._financieel(overzicht)
        return blokken

    def _financieel(self, overzicht: Overzicht) -> list[dict[str, Any]]:
        """Meevallers and tegenvallers side by side as bars (the financial balance as a chart)."""
        totalen = {soort: overzicht.totaal(soort) for soort in Financieel}
        grootste = max(totalen.values())
        if not grootste:
            return []
        tekst = [
            {
                "type": "ColumnSet",
                "spacing": "Small",
                "columns": [
                    _kolom(self._t(f"financieel_{soort}"), "stretch"),
                    _kolom(f"`{balk(int(bedrag * 100), int(grootste * 100))}`", "auto"),
                    _kolom(formatteer_bedrag(bedrag), "auto"),
                ],
            }
            for soort, bedrag in totalen.items()
        ]
        kleuren = {"meevaller": GOED, "tegenvaller": AANDACHT}
        balken = tuple(
            Balk(
                self._t(f"financieel_{soort}"),
                (Deel(self._t(f"financieel_{soort}"), float(bedrag), kleuren.get(soort, NEUTRAAL), formatteer_bedrag(bedrag)),),
            )
            for soort, bedrag in totalen.items()
        )
        return [kaartelement(Grafiek(self._t("grafiek_financieel_titel"), balken, gestapeld=False), tekst)]

    def _verdeling(self, overzicht: Overzicht, functie: str) -> dict[str, Any]:
        """The status distribution per directeur as a stacked bar chart; its text form is the heading
        and one line per directeur."""
        statussen = sorted(overzicht.rapportage.statussen, key=lambda s: -s.ernst)
        kleuren = kleuren_naar_ernst([s.ernst for s in statussen])
        balken = []
        for groep in overzicht.groepen:
            telling = groep.statustelling(overzicht.rapportage)
            delen = [Deel(s.naam, telling.per_status[s.id], kleuren[s.ernst]) for s in statussen]
            if telling.onbekend:
                delen.append(Deel(self._t("status_onbekend"), telling.onbekend, NEUTRAAL))
            delen.append(Deel(self._t("grafiek_ontbreekt"), len(groep.ontbrekend), NEUTRAAL))
            balken.append(Balk(directeur_naam(groep.directeur, self.teksten), tuple(delen)))
        tekst = [_tekstblok(self._t("overzicht_per_directeur_kop", functie=functie))]
        tekst += [self._directeurregel(overzicht, g) for g in overzicht.groepen]
        grafiek = Grafiek(self._t("grafiek_verdeling_titel", functie=functie), tuple(balken), gestapeld=True)
        return {**kaartelement(grafiek, tekst), "separator": True}

    def _rijen(
        self, overzicht: Overzicht, filter_: Filter, directeuren: list[str]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The rows of the chosen view on the chosen page, and the paging buttons."""
        if filter_.weergave == ONTBREKEND:
            return self._ontbrekend(overzicht, filter_, directeuren)
        rapportage = overzicht.rapportage
        if filter_.weergave == SIGNALEN:
            regels = overzicht.signalen
            kop = self._t("overzicht_signalen_kop")
        elif filter_.weergave == ALLE:
            regels = sorted(overzicht.regels, key=lambda r: (-overzicht.ernst(r), r.laatste is None, r.onderwerp.naam))
            kop = self._t("overzicht_alle_kop")
        else:
            regels = sorted(
                (r for r in overzicht.regels if r.laatste is not None and r.laatste.status == filter_.weergave),
                key=lambda r: r.onderwerp.naam,
            )
            status = rapportage.status(filter_.weergave)
            kop = self._t("overzicht_status_kop", status=status.naam if status else filter_.weergave)
        if not regels:
            if filter_.weergave == SIGNALEN:
                leeg = self._t("overzicht_nog_niets") if overzicht.ingediend == 0 else self._t("overzicht_geen_signalen")
            else:
                leeg = self._t("overzicht_geen_rijen")
            return [_tekstblok(leeg, scheiding=True)], []
        pagina = pagineer(regels, filter_.pagina, PER_PAGINA)
        blokken = [_tekstblok(kop, scheiding=True)]
        blokken += [{"type": "Container", "items": self._regel(overzicht, r)} for r in pagina.items]
        return blokken + self._paginatekst(pagina), self._paginaknoppen(filter_, pagina, directeuren)

    def _directeurregel(self, overzicht: Overzicht, groep: Groep) -> dict[str, Any]:
        """Per directeur: the status distribution as one bar of coloured blocks, and the count."""
        rapportage = overzicht.rapportage
        telling = groep.statustelling(rapportage)
        symbolen = [s.naam[:1].upper() for s in sorted(rapportage.statussen, key=lambda s: -s.ernst)]
        verdeling = "".join(
            symbool * telling.per_status[s.id]
            for symbool, s in zip(symbolen, sorted(rapportage.statussen, key=lambda s: -s.ernst), strict=True)
        )
        verdeling += ONBEKEND_SYMBOOL * telling.onbekend + LEEG * len(groep.ontbrekend)
        tekst = self._t(
            "overzicht_directeur",
            naam=directeur_naam(groep.directeur, self.teksten),
            ingediend=len(groep.ingediend),
            totaal=len(groep.regels),
        )
        return {"type": "ColumnSet", "spacing": "Small", "columns": [_kolom(tekst, "stretch"), _kolom(f"`{verdeling}`", "auto")]}

    def _regel(self, overzicht: Overzicht, r: Regel) -> list[dict[str, Any]]:
        rapportage = overzicht.rapportage
        if r.laatste is None:
            return [_tekstblok(self._t("overzicht_rij_ontbreekt", onderwerp=r.onderwerp.naam))]
        status = rapportage.status(r.laatste.status)
        was = ""
        if r.vorige is not None and r.vorige.status != r.laatste.status:
            vorige_status = rapportage.status(r.vorige.status)
            was = self._t("overzicht_was", status=(vorige_status.naam if vorige_status else r.vorige.status).lower())
        toelichting = (
            letterlijk(kort(r.laatste.toelichting)) if r.laatste.toelichting else self._t("overzicht_zonder_toelichting")
        )
        hoofdregel = self._t(
            "overzicht_signaal",
            status=status.naam if status else r.laatste.status,
            onderwerp=r.onderwerp.naam,
            toelichting=toelichting,
            was=was,
        )
        details = []
        if is_te_laat(r.laatste.ingediend_op, overzicht.periode, rapportage.zone):
            details.append(self._t("overzicht_te_laat"))
        if r.laatste.maatregel:
            details.append(self._t("overzicht_maatregel", maatregel=letterlijk(kort(r.laatste.maatregel))))
        if r.laatste.financieel_bedrag is not None:
            details.append(
                self._t(
                    "overzicht_financieel",
                    soort=self._t(financieel_sleutel(r.laatste.financieel_soort)).lower(),
                    bedrag=formatteer_bedrag(r.laatste.financieel_bedrag),
                )
            )
        # Card Markdown has no nested lists: the details are quiet lines under the row, not bullets
        # that would read as rows of their own.
        return [_tekstblok(hoofdregel)] + [{**_tekstblok(d, subtiel=True), "spacing": "None"} for d in details]

    def _ontbrekend(
        self, overzicht: Overzicht, filter_: Filter, directeuren: list[str]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        p = overzicht.periode
        groepen = [g for g in overzicht.groepen if g.ontbrekend]
        if not groepen:
            return [_tekstblok(self._t("wie_moet_nog_niemand", periode=p.naam), scheiding=True)], []
        aantal = sum(len(g.ontbrekend) for g in groepen)
        blokken = [
            _tekstblok(self._t("wie_moet_nog_kop", periode=p.naam, aantal=aantal, deadline=datum(p.deadline)), scheiding=True)
        ]
        pagina = pagineer(groepen, filter_.pagina, GROEPEN_PER_PAGINA)
        for groep in pagina.items:
            namen = ", ".join(met_gedelegeerde(r.onderwerp, overzicht, self.teksten) for r in groep.ontbrekend)
            items: list[dict[str, Any]] = [
                _tekstblok(self._t("wie_moet_nog_regel", naam=directeur_naam(groep.directeur, self.teksten), onderwerpen=namen))
            ]
            if self.inzage and groep.directeur is not None:
                items.append({"type": "ActionSet", "actions": [self._herinnerknop(filter_, groep)]})
            blokken.append({"type": "Container", "items": items})
        return blokken + self._paginatekst(pagina), self._paginaknoppen(filter_, pagina, directeuren)

    def _herinnerknop(self, filter_: Filter, groep: Groep) -> dict[str, Any]:
        assert groep.directeur is not None
        naam = groep.directeur.naam
        data = self._eigen(
            {
                "actie": ACTIE_HERINNER,
                "periode_id": filter_.periode_id,
                "directeur": groep.directeur.id,
                GETYPT: self._t("herinner_commando", naam=naam),
            }
        )
        return submit_actie(self._t("knop_herinner", naam=naam), data)

    def _paginatekst(self, pagina: Pagina) -> list[dict[str, Any]]:
        if pagina.aantal == 1:
            return []
        return [_tekstblok(self._t("pagina_van", nummer=pagina.nummer, aantal=pagina.aantal), subtiel=True)]

    def _paginaknoppen(self, filter_: Filter, pagina: Pagina, directeuren: list[str]) -> list[dict[str, Any]]:
        knoppen = []
        if pagina.nummer > 1:
            knoppen.append(self._knop(self._t("knop_vorige_pagina"), filter_.met(pagina=pagina.nummer - 1), directeuren))
        if pagina.nummer < pagina.aantal:
            knoppen.append(self._knop(self._t("knop_volgende_pagina"), filter_.met(pagina=pagina.nummer + 1), directeuren))
        return knoppen

    def _weergaveknoppen(self, filter_: Filter, directeuren: list[str]) -> list[dict[str, Any]]:
        """Switch the view: afwijkingen, wie moet nog, alle onderwerpen (not the one shown)."""
        titels = {SIGNALEN: "knop_signalen", ONTBREKEND: "knop_wie_moet_nog", ALLE: "knop_alle"}
        return [
            self._knop(self._t(sleutel), filter_.met(weergave=weergave), directeuren)
            for weergave, sleutel in titels.items()
            if weergave != filter_.weergave
        ]

    def _knop(self, titel: str, filter_: Filter, directeuren: list[str]) -> dict[str, Any]:
        data = self._eigen({"actie": ACTIE_OVERZICHT, **filter_.als_data(), GETYPT: self.taal.als_tekst(filter_, directeuren)})
        return {**submit_actie(titel, data), "associatedInputs": "none"}

    def _filterkaart(self, volledig: Overzicht, filter_: Filter) -> dict[str, Any]:
        """'Filteren': period, directeur, soort and view as choices, behind a ShowCard."""
        kennisbank = volledig.kennisbank
        rapportage = volledig.rapportage
        alle = {"title": self._t("filter_alle"), "value": ALLE_WAARDE}  # a choice needs a non-empty value
        perioden = [
            q for q in rapportage.perioden_rond(volledig.periode.peildatum, 1) if q.peildatum <= volledig.periode.peildatum
        ] or [volledig.periode]
        soorten = sorted({r.onderwerp.soort for r in volledig.regels})
        weergaven = [{"title": self.taal.weergave_woord(w), "value": w} for w in (SIGNALEN, ONTBREKEND, ALLE)]
        weergaven += [{"title": self.taal.weergave_woord(s.id), "value": s.id} for s in rapportage.statussen]
        invoer = [
            _keuzeveld(
                "filter_periode_id",
                self._t("filter_periode"),
                filter_.periode_id,
                [{"title": periode.naam, "value": periode.id} for periode in reversed(perioden[-8:])],
            ),
            _keuzeveld(
                "filter_directeur",
                self._t("filter_directeur"),
                filter_.directeur or ALLE_WAARDE,
                [alle] + [{"title": g.directeur.naam, "value": g.directeur.id} for g in volledig.groepen if g.directeur],
            ),
            _keuzeveld(
                "filter_soort",
                self._t("filter_soort"),
                filter_.soort or ALLE_WAARDE,
                [alle] + [{"title": kennisbank.soort_naam(s), "value": s} for s in soorten],
            ),
            _keuzeveld("filter_weergave", self._t("filter_weergave"), filter_.weergave, weergaven),
        ]
        # The inputs carry the choices; the data only what an empty choice falls back to.
        toon = submit_actie(
            self._t("knop_toon"),
            self._eigen({"actie": ACTIE_OVERZICHT, "periode_id": filter_.periode_id, "pagina": 1}),
            stijl="positive",
        )
        return {
            "type": "Action.ShowCard",
            "title": self._t("knop_filteren"),
            "card": {"type": "AdaptiveCard", "body": invoer, "actions": [toon]},
        }

    def _eigen(self, data: dict[str, Any]) -> dict[str, Any]:
        return {**data, VOOR: self.voor} if self.voor else data


def _tekstblok(tekst: str, *, size: str | None = None, subtiel: bool = False, scheiding: bool = False) -> dict[str, Any]:
    blok: dict[str, Any] = {"type": "TextBlock", "text": tekst, "wrap": True}
    if size:
        blok["size"] = size
    if subtiel:
        blok["isSubtle"] = True
    if scheiding:
        blok["separator"] = True
    return blok


def _kolom(tekst: str, breedte: str, *, subtiel: bool = False) -> dict[str, Any]:
    blok = {"type": "TextBlock", "text": tekst, "wrap": True}
    if subtiel:
        blok["isSubtle"] = True
    return {"type": "Column", "width": breedte, "items": [blok]}


def _keuzeveld(veld: str, label: str, waarde: str, keuzes: list[dict[str, str]]) -> dict[str, Any]:
    return {"type": "Input.ChoiceSet", "id": veld, "label": label, "style": "compact", "value": waarde, "choices": keuzes}
