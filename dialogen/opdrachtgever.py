"""The opdrachtgever answers in chat: who is (ambtelijk, gedelegeerd, bestuurlijk) opdrachtgever of
an onderwerp, what a person is opdrachtgever for, lists of onderwerpen, begrippen and rollen.

Intents: `opdrachtgever.wie|bestuurlijk|persoon|lijst|uitleg`, the legacy catch-all
`opdrachtgever.vraag` (the kind is read from the text) and `opdrachtgever.zonder_onderwerp`.
Records come from `kennisbank.zoeken.Zoeker` (its entity finder reads the whole sentence); this
module turns them into Dutch replies, asks "Bedoelde je ...?" through `dialogen.keuzevraag`, and
logs questions it could not answer confidently (without who asked).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import fields
from datetime import date, timedelta
from typing import Any, TypedDict

from botbuilder.core import MessageFactory
from botbuilder.dialogs import Dialog, DialogContext

from db.repositories.onbeantwoord import log_onbeantwoord
from dialogen.feature import Feature
from dialogen.featureservices import FeatureServices
from dialogen.gebruiker import huidige_gebruiker
from dialogen.gespreksgeheugen import Onthouden
from dialogen.herkenning import Drempels, Herkend
from dialogen.kaarten import met_keuzes
from dialogen.keuzevraag import Keuze, KeuzeDialoog, keuze_opties
from dialogen.opdrachtgever_historie import (
    HistorieVragen,
    datum_tekst,
    genoemde_rol,
    in_verleden,
    is_hiervoor,
    noemt_dag_of_begin,
    rond_wissel,
)
from dialogen.organisatievragen import Organisatievragen
from kennisbank.model import OPDRACHTGEVERSROLLEN, Bron, Onderwerp, Persoon, Rol
from kennisbank.onderwerpfilter import Lijstfilter, filter_onderwerpen
from kennisbank.zoeken import (
    Antwoord,
    BedoeldeU,
    BegripGevonden,
    Kandidaat,
    MeerdereOnderwerpen,
    NietGevonden,
    OnderwerpGevonden,
    PersoonGevonden,
    RolGevonden,
    SoortWerkGevonden,
    VraagSoort,
    Zoeker,
    ontleed,
)
from kennisbank.zoeken.antwoord import (
    SOORT_BEGRIP,
    SOORT_ONDERWERP,
    SOORT_PERSOON,
    SOORT_ROL,
    SOORT_SOORT_ONDERWERP,
    SOORT_SOORT_WERK,
)
from kennisbank.zoeken.datums import gevraagde_dag, periode_tekst, vind_datums
from kennisbank.zoeken.entiteiten import Entiteit
from kennisbank.zoeken.normaliseren import normaliseer

KEUZE_DIALOOG = "opdrachtgever.keuze"
MAX_PER_SOORT = 8
"""A list shows this many onderwerpen per soort, then 'en nog N'."""

_LIJST = re.compile(
    r"\b(?:lijst|lijstje|overzicht|opsomming|alle onderwerpen|welke onderwerpen (?:zijn|kent|heb|hebben|staan|bestaan)"
    r"|welke (?:agendas|projecten|programmas) (?:zijn|kent|heb|hebben|bestaan)|hoeveel onderwerpen)\b"
)


_LEIDING = re.compile(r"\b(?:leidinggevende|baas|chef|manager|leiding|rapporteert|rapporteren|verantwoording)\b")
"""A question about whom a person reports to ("wie is de leidinggevende van Daan Bakker", "bij wie
rapporteert Noor Visser")."""
_WIE = re.compile(r"\b(?:wie|wiens)\b")
_LIDWOORDEN = frozenset({"de", "het", "een", "t", "n"})
_UITLEG_VOORKEUR = (SOORT_BEGRIP, SOORT_ROL, SOORT_SOORT_WERK, SOORT_SOORT_ONDERWERP)
"""Which record explains a name that several kinds of record share, first first."""
_ZEKER_WIE = 0.9
"""Below this score a who-question (also one the router sent to the lookup) that names a bestuurlijk
role ("wethouders van de jeugdagenda en de sociale agenda") asks for the bestuurlijk opdrachtgever."""

_IK = re.compile(r"\b(?:mijn|mn|(?:bij|onder|van) mij|ikzelf|(?:ben|heb|doe|ga|sta|zit|beheer|trek) ik|ik ben)\b")
"""A question about the asker's own onderwerpen ("waar ben ik AO van", "mijn portefeuille", "welke
projecten heb ik", "wat valt onder mij"); "geef mij alle agenda's" is not."""

_ALS_ROL = re.compile(r"(?:^|\s)(?:ik ben|ik word|als)(?: een| de| het)?$")
"""What stands right before a rol the asker says is theirs: "ik ben teamleider", "wat moet ik als
controller doen" (what precedes the rol, normalised)."""
_ZELF = re.compile(r"\b(?:ik|mij|me|mijn|mn|ikzelf)\b")
"""The question is about the asker ("wat is mijn rol", "wat wordt er van mij verwacht")."""

_ONDERWERPEN = re.compile(r"\b(?:onderwerpen|portefeuille|portefeuilles|dossiers)\b")
_SAMENSTELLING = re.compile(r"^(\w{4,}?)s?(?:onderwerpen|onderwerp|dossiers|dossier)$")
"""A soort written together with what it is a kind of: "bedrijfsvoeringsonderwerpen"."""
_MAX_HOUDERS = 5
"""A rol named instead of a person ("welke projecten heeft de algemeen directeur") stands for its
holders when there are at most this many."""

_LIJSTWOORDEN = re.compile(r"\b(?:alle|allemaal|welke|noem|hoeveel|kennen we|hebben we|zijn er|bestaan er|wat zijn de)\b")
"""With a soort named ("noem alle agenda's"), these words ask for a list."""


class Tijd(TypedDict):
    """The time a question about a person asks about (`persoon_tekst`'s `dag` and `tot`)."""

    dag: date
    tot: date | None
    eerder: bool
    """Asked in the past tense: when nothing is held at that time, what was held last."""


class OpdrachtgeverFeature(Feature):
    naam = "opdrachtgever"

    def __init__(self, diensten: FeatureServices) -> None:
        super().__init__(diensten)
        self.keuze = KeuzeDialoog(
            KEUZE_DIALOOG,
            vraag_tekst=lambda aantal: self._t("bedoelde_je_een" if aantal == 1 else "bedoelde_je"),
            welke_tekst=lambda: self._t("bedoelde_je_welke"),
            bij_keuze=self._na_keuze,
            bij_geen=self._geen_keuze,
            bij_andere_vraag=self._andere_vraag,
            knoppen_tekst=lambda aantal: self._t("bedoelde_je_een_knoppen" if aantal == 1 else "bedoelde_je_knoppen"),
        )

    def dialogen(self) -> list[Dialog]:
        return [self.keuze]

    @property
    def _organisatie(self) -> Organisatievragen:
        return Organisatievragen(self.diensten.kennisbank, self.zoeker, self._t, self._functie, self._met_bron)

    def mag_onderbreken(self, dc: DialogContext) -> bool:
        """A waiting 'Bedoelde je' never holds up another question (its answers stay here: the router
        never lets another feature take an answer to the waiting step, `KeuzeDialoog.is_antwoord`)."""
        return True

    def beantwoordt_tussendoor(self, herkend: Herkend) -> bool:
        """Every lookup is answered at once (a "Bedoelde je" keeps its buttons, each a full question)."""
        return True

    @property
    def zoeker(self) -> Zoeker:
        return self.diensten.zoeker

    # ---- routing -------------------------------------------------------------------------

    async def behandel(self, dc: DialogContext, herkend: Herkend) -> bool | None:
        soort = herkend.intentie.split(".", 1)[1] if "." in herkend.intentie else "vraag"
        if soort == "historie" or (
            soort in ("wie", "bestuurlijk", "vraag") and noemt_dag_of_begin(herkend.tekst, self._vandaag())
        ):
            if await self._historie(dc, herkend.tekst):  # a day, 'sinds wanneer', 'hiervoor', a herverdeling
                return None
            soort = "vraag" if soort == "historie" else soort
        if not self.zoeker.onderwerpen_genoemd(herkend.tekst, vandaag=self._vandaag()):
            # the organisation itself: a body's members, your leidinggevende, "your" holder of a rol
            vrager = huidige_gebruiker(dc.context).persoon
            if (organisatie := self._organisatie.antwoord(herkend.tekst, vrager)) is not None:
                await dc.context.send_activity(MessageFactory.text(organisatie))
                return None
        if soort == "zonder_onderwerp":
            namen = [o.naam for o in self._voorbeelden()]
            knoppen = [self._t("knop_onderwerp", naam=naam) for naam in namen]
            voorbeeld = namen[0] if namen else "…"
            await dc.context.send_activity(met_keuzes(self._t("zonder_onderwerp", voorbeeld=voorbeeld), knoppen))
            return None
        if soort == "vraag":
            soort = self._soort_uit_tekst(herkend.tekst)
        if soort == "wie" and herkend.zekerheid < _ZEKER_WIE and genoemde_rol(herkend.tekst) == "bestuurlijk":
            soort = "bestuurlijk"  # unsure, and "wethouder" typed: never silently the ambtelijk one
        if soort in ("wie", "uitleg") and self._eigen_lijst(herkend.tekst):
            soort = "lijst"  # "wat zijn mijn programma's": the asker's own, not what a programma is
        zeker = herkend.door_regel or herkend.zekerheid >= Drempels.onzeker
        if soort == "bestuurlijk":
            await self._bestuurlijk(dc, herkend.tekst)
        elif soort in ("persoon", "lijst"):
            if soort == "persoon":
                await self._persoon_vraag(dc, herkend.tekst, soort, zeker=zeker)
            else:
                await self._lijst(dc, herkend.tekst, zeker=zeker)
            if self._ook_de_rol(dc, herkend.tekst):  # "ik ben teamleider, ben ik dan opdrachtgever?"
                for rol in self._als_rol_genoemd(herkend.tekst)[:1]:
                    await dc.context.send_activity(MessageFactory.text(self.formatteer(RolGevonden(herkend.kern, rol=rol))))
        elif soort == "uitleg":
            return await self._uitleg(dc, herkend.tekst)
        else:  # a who-question, also as read from the text: the names it types win
            return await self._wie(
                dc, herkend.tekst, "opdrachtgever.wie" if herkend.intentie.endswith(".vraag") else herkend.intentie
            )
        return None

    async def _historie(self, dc: DialogContext, tekst: str, gekozen: list[Onderwerp] | None = None) -> bool:
        """Answer a question about opdrachtgevers through time; False when it is none, or when it
        names a person and no onderwerp (the person's answer reads the time asked; not "de voorganger
        van X", which asks about onderwerpen, as before). Without an
        onderwerp named (or `gekozen` through "Bedoelde je") it is about the previous answer's (the
        conversation remembers it)."""
        dag = self._vandaag()
        genoemd = self.zoeker.onderwerpen_genoemd(tekst, vandaag=dag)
        onderwerpen = gekozen or list({o.id: o for groep in genoemd for o in groep}.values())
        if not onderwerpen and not is_hiervoor(tekst) and self._personen_genoemd(tekst):
            return False  # about a person ("waar was X voor de herverdeling wethouder van"): the person's answer, at that time
        historie = HistorieVragen(
            self.diensten.kennisbank, lambda sleutel, **v: self.diensten.teksten.tekst(f"historie.{sleutel}", **v)
        )
        geheugen = self.diensten.geheugen
        vorige = await geheugen.lees(dc.context) if not onderwerpen else None
        antwoord = historie.antwoord(tekst, onderwerpen, dag, vorige)
        if antwoord is None:
            return False
        for regel in antwoord.regels:
            await dc.context.send_activity(MessageFactory.text(regel))
        if antwoord.onthouden:
            await geheugen.onthoud(dc.context, antwoord.onthouden)
        return True

    async def _onthoud(self, dc: DialogContext, onderwerpen, rol: str | None = None) -> None:
        """The onderwerpen just answered, for a follow-up such as "wie was het hiervoor?"."""
        geheugen = self.diensten.geheugen
        if onderwerpen:
            await geheugen.onthoud(dc.context, Onthouden(tuple(o.id for o in onderwerpen), rol))

    def _soort_uit_tekst(self, tekst: str) -> str:
        """The legacy catch-all: lists and bestuurlijk questions are told by their words, a person
        named without an onderwerp asks what that person is opdrachtgever for."""
        gewoon = normaliseer(tekst)
        dag = self._vandaag()
        if _LIJST.search(gewoon) or (
            _LIJSTWOORDEN.search(gewoon)
            and self._soorten_genoemd(tekst)
            and not self.zoeker.onderwerpen_genoemd(tekst, vandaag=dag)
        ):
            return "lijst"
        if (self._personen_genoemd(tekst) or self._personen_twijfel(tekst)) and not self.zoeker.onderwerpen_genoemd(
            tekst, vandaag=dag
        ):
            return "persoon"
        if genoemde_rol(tekst) == "bestuurlijk":
            return "bestuurlijk"
        return "wie"

    # ---- wie -----------------------------------------------------------------------------

    async def _wie(self, dc: DialogContext, tekst: str, intentie: str) -> bool | None:
        """Who is opdrachtgever; False (no answer) for a question about a rapportage period that
        names no onderwerp, where the lookup could only ask "Bedoelde je" or say it knows none."""
        if intentie == "opdrachtgever.wie":  # the classifier is sure it is this question: names win
            genoemd = self.zoeker.onderwerpen_genoemd(tekst, vandaag=self._vandaag())
            if len(genoemd) == 1 and len(genoemd[0]) > 1:  # one alias shared by several onderwerpen: which one?
                await self._vraag_keuze(dc, self._keuze_uit(genoemd[0], None, tekst), intentie, tekst)
                return None
            if genoemd:
                gevonden = list({o.id: o for groep in genoemd for o in groep}.values())
                for onderwerp in gevonden:
                    await dc.context.send_activity(MessageFactory.text(self.onderwerp_tekst(onderwerp)))
                await self._onthoud(dc, gevonden, genoemde_rol(tekst))
                return None
        if not self.zoeker.onderwerpen_genoemd(tekst, vandaag=self._vandaag()):
            # A person named by name and no onderwerp: the question is about that person
            # ("welke bedrijfsvoering doet Flora", "wie is de baas van Lotte Jansen").
            personen = self._personen_genoemd(tekst)
            if personen:
                for persoon in personen:
                    await dc.context.send_activity(MessageFactory.text(self._persoon_antwoord(persoon, tekst)))
                return None
            if await self._vraag_welke_persoon(dc, tekst):
                return None
        antwoord = self.zoeker.beantwoord(tekst, vandaag=self._vandaag())
        if isinstance(antwoord, (BedoeldeU, NietGevonden)) and self.zoeker.noemt_periode(tekst, vandaag=self._vandaag()):
            return False  # the router lets the rapportage facts answer (and logs when nobody does)
        if isinstance(antwoord, BedoeldeU) and (enige := self._enige_vermelding(tekst, antwoord)) is not None:
            # one onderwerp, plainly meant where it stands ("de facilitaire dienst"): no yes/no question
            await dc.context.send_activity(MessageFactory.text(self.onderwerp_tekst(enige)))
            await self._onthoud(dc, [enige], genoemde_rol(tekst))
        elif isinstance(antwoord, BedoeldeU):
            await self._vraag_keuze(dc, antwoord, intentie, tekst, log=True)
        elif isinstance(antwoord, MeerdereOnderwerpen) and not antwoord.gevraagd:  # equally good: which one?
            await self._vraag_keuze(dc, self._keuze_uit(antwoord.onderwerpen, antwoord, tekst), intentie, tekst)
        elif isinstance(antwoord, PersoonGevonden):  # "welke projecten heeft Kossen": filtered as asked, on the day asked
            await dc.context.send_activity(MessageFactory.text(self._persoon_antwoord(antwoord.persoon, tekst)))
        elif isinstance(antwoord, MeerdereOnderwerpen) and antwoord.gevraagd:
            for onderwerp in antwoord.onderwerpen:  # one answer per onderwerp asked
                await dc.context.send_activity(MessageFactory.text(self.onderwerp_tekst(onderwerp)))
            await self._onthoud(dc, antwoord.onderwerpen, genoemde_rol(tekst))
        elif isinstance(antwoord, NietGevonden):
            await self._geen_record(dc, tekst, self.formatteer(antwoord, tekst), antwoord)
        else:
            await dc.context.send_activity(MessageFactory.text(self.formatteer(antwoord, tekst)))
            if isinstance(antwoord, OnderwerpGevonden):
                await self._onthoud(dc, [antwoord.onderwerp], genoemde_rol(tekst))
        return None

    def _enige_vermelding(self, tekst: str, antwoord: BedoeldeU) -> Onderwerp | None:
        """The one candidate of a 'Bedoelde je' that is the only onderwerp mentioned in the sentence,
        where it stands with (nearly) its whole name or a word of it, clearly ahead of any other."""
        if len(antwoord.kandidaten) != 1 or antwoord.kandidaten[0].soort != SOORT_ONDERWERP:
            return None
        d = self.zoeker.drempels
        vermeldingen = self.zoeker.vind(tekst, frozenset({SOORT_ONDERWERP}), vandaag=self._vandaag())
        if len(vermeldingen) != 1:
            return None
        (vermelding,) = vermeldingen
        tweede = vermelding.kandidaten[1].score if len(vermelding.kandidaten) > 1 else 0.0
        if (
            vermelding.beste.id != antwoord.kandidaten[0].id
            or vermelding.beste.score < d.vermelding_zeker
            or tweede > vermelding.beste.score - d.marge
        ):
            return None
        return self.zoeker.record(SOORT_ONDERWERP, vermelding.beste.id)

    # ---- bestuurlijk ---------------------------------------------------------------------

    async def _bestuurlijk(self, dc: DialogContext, tekst: str) -> None:
        dag = self._vandaag()
        genoemd = self.zoeker.onderwerpen_genoemd(tekst, vandaag=dag)
        personen = [] if genoemd else self._personen_genoemd(tekst)
        if not genoemd and not personen and await self._vraag_welke_persoon(dc, tekst, "opdrachtgever.bestuurlijk"):
            return
        if personen:  # "waar is X wethouder van": what the person is bestuurlijk opdrachtgever for
            for persoon in personen:
                tijd = self._gevraagde_tijd(tekst, persoon)
                await dc.context.send_activity(MessageFactory.text(self.persoon_tekst(persoon, rol="bestuurlijk", **tijd)))
            return
        if genoemd:
            onderwerpen = list({o.id: o for groep in genoemd for o in groep}.values())
        else:
            antwoord = self.zoeker.beantwoord(tekst, vandaag=dag)
            match antwoord:
                case OnderwerpGevonden(onderwerp=onderwerp):
                    onderwerpen = [onderwerp]
                case MeerdereOnderwerpen(onderwerpen=gevonden, gevraagd=True):
                    onderwerpen = list(gevonden)
                case MeerdereOnderwerpen(onderwerpen=gevonden):  # equally good: which one?
                    keuze = self._keuze_uit(gevonden, antwoord, tekst)
                    await self._vraag_keuze(dc, keuze, "opdrachtgever.bestuurlijk", tekst, alleen=SOORT_ONDERWERP)
                    return
                case BedoeldeU():
                    await self._vraag_keuze(dc, antwoord, "opdrachtgever.bestuurlijk", tekst, alleen=SOORT_ONDERWERP, log=True)
                    return
                case NietGevonden():  # nothing: the documents if sure, else honest
                    await self._geen_record(dc, tekst, self.formatteer(antwoord), antwoord)
                    return
                case _:  # no onderwerp: a role, begrip or person answers as usual
                    await dc.context.send_activity(MessageFactory.text(self.formatteer(antwoord)))
                    return
        for onderwerp in onderwerpen:
            await dc.context.send_activity(MessageFactory.text(self.bestuurlijk_tekst(onderwerp)))
        await self._onthoud(dc, onderwerpen, "bestuurlijk")

    def bestuurlijk_tekst(self, onderwerp: Onderwerp) -> str:
        """The bestuurlijk opdrachtgever from the data; where there is none, say so and who knows."""
        kennisbank = self.diensten.kennisbank
        bestuurlijk = kennisbank.persoon(onderwerp.bestuurlijk_opdrachtgever)
        genoemd = bestuurlijk
        if bestuurlijk is not None:
            regels = [
                self._t("bestuurlijk_wel", onderwerp=onderwerp.naam, naam=bestuurlijk.naam, functie=self._functie(bestuurlijk))
            ]
        else:
            regels = [self._t("bestuurlijk_onbekend", onderwerp=onderwerp.naam)]
            genoemd = kennisbank.persoon(onderwerp.ambtelijk_opdrachtgever)
            if genoemd is not None:
                regels.append(self._t("bestuurlijk_wie_weet", naam=genoemd.naam, functie=self._functie(genoemd)))
        # an invented person is never shown under the real document's source alone
        extra = [genoemd.bron] if genoemd is not None and kennisbank.is_voorbeeld(genoemd.bron) else []
        return self._met_bron(regels, onderwerp.bron, *extra)

    # ---- persoon -------------------------------------------------------------------------

    async def _persoon_vraag(self, dc: DialogContext, tekst: str, intentie: str, *, zeker: bool = True) -> None:
        dag = self._vandaag()
        personen = self._personen_genoemd(tekst) or self._vrager_zelf(dc, tekst) or self._houders_genoemd(tekst)
        if not personen and self._over_zichzelf(tekst):  # "mijn onderwerpen" from someone we don't know
            await self._wie_ben_jij(dc, tekst, zeker)
            return
        if not personen and await self._vraag_welke_persoon(dc, tekst):
            return
        if (
            not personen
            and not self.zoeker.onderwerpen_genoemd(tekst, vandaag=dag)  # "welke directeur heeft X": X answers
            and (rol := self._rol_als_persoon(tekst)) is not None
        ):
            if not isinstance(rol, Persoon):  # a rol several people hold (or nobody): what it is
                await dc.context.send_activity(MessageFactory.text(self.formatteer(rol, tekst)))
                return
            personen = [rol]  # "de algemeen directeur": the one person who holds that rol
        if not personen:
            antwoord = self.zoeker.beantwoord(tekst, vandaag=dag)
            if isinstance(antwoord, PersoonGevonden):
                personen = [antwoord.persoon]
            elif isinstance(antwoord, BedoeldeU) and any(k.soort == SOORT_PERSOON for k in antwoord.kandidaten):
                await self._vraag_keuze(dc, antwoord, "opdrachtgever.persoon", tekst, alleen=SOORT_PERSOON, log=True)
                return
            elif genoemd := self.zoeker.onderwerpen_genoemd(tekst, vandaag=dag):  # no person, an onderwerp
                gevonden = list({o.id: o for groep in genoemd for o in groep}.values())
                for onderwerp in gevonden:
                    await dc.context.send_activity(MessageFactory.text(self.onderwerp_tekst(onderwerp)))
                await self._onthoud(dc, gevonden)
                return
            elif soorten := self._soorten_genoemd(tekst):  # no person, a soort: "wat valt onder bedrijfsvoering"
                await dc.context.send_activity(MessageFactory.text(self.lijst_tekst(soorten, tekst)))
                return
            elif not antwoord.onzeker:  # no person, but another record is named: answer that
                await dc.context.send_activity(MessageFactory.text(self.formatteer(antwoord)))
                return
            else:
                if ontleed(tekst).soort is VraagSoort.OPDRACHTGEVER:
                    # "wie gaat over de glasbakken": the unknown thing stands where a topic stands
                    await self._geen_record(dc, tekst, self.formatteer(self._niet_gevonden(antwoord)), antwoord)
                else:
                    await self._geen_record(dc, tekst, self._t("persoon_onbekend"), antwoord)
                return
        for persoon in personen:  # "waar was X op 1 maart opdrachtgever voor": that day's holders
            await dc.context.send_activity(MessageFactory.text(self._persoon_antwoord(persoon, tekst)))

    def _persoon_antwoord(self, persoon: Persoon, tekst: str) -> str:
        """What the person is opdrachtgever for at the time asked (filtered by the soort and role
        asked), and whom they report to when that is asked."""
        antwoord = self.persoon_tekst(
            persoon, soorten=self._soorten_genoemd(tekst), rol=genoemde_rol(tekst), **self._gevraagde_tijd(tekst, persoon)
        )
        leidinggevende = self.diensten.kennisbank.persoon(persoon.leidinggevende)
        if leidinggevende is not None and _LEIDING.search(normaliseer(tekst)):
            regel = self._t(
                "persoon_leidinggevende",
                naam=persoon.naam,
                leidinggevende=leidinggevende.naam,
                functie=self._functie(leidinggevende),
            )
            antwoord = f"{regel}\n\n{antwoord}"
        return antwoord

    def _personen_genoemd(self, tekst: str) -> list[Persoon]:
        """Persons named confidently (full name, surname or first name, typos allowed)."""
        d = self.zoeker.drempels
        uit: dict[str, Persoon] = {}
        for vermelding in self.zoeker.vind(tekst, frozenset({SOORT_PERSOON})):
            beste = vermelding.beste
            tweede = vermelding.kandidaten[1].score if len(vermelding.kandidaten) > 1 else 0.0
            if beste.score >= d.zeker and beste.score - tweede >= d.marge:
                uit[beste.id] = self.zoeker.record(SOORT_PERSOON, beste.id)
        return list(uit.values())

    def _rol_als_persoon(self, tekst: str) -> Persoon | RolGevonden | None:
        """A rol named where a person is asked about and no name is typed: the one person holding
        the rol(len) named, or else the one rol meant (the lookup's clear favourite when several are
        named); None when no rol is named exactly. In a reverse question only its subject counts:
        the "opdrachtgever" of "waar is Pietersen opdrachtgever voor" is no rol asked about."""
        vraag = ontleed(tekst)
        inhoud = set(vraag.kern.split()) - _LIDWOORDEN
        onderwerp = vraag.kern if vraag.soort is VraagSoort.PERSOON and inhoud else tekst
        vermeldingen = self.zoeker.vind(onderwerp, frozenset({SOORT_ROL, SOORT_PERSOON}), vandaag=self._vandaag())
        if any(e.soort == SOORT_PERSOON for v in vermeldingen for e in v.kandidaten):
            return None  # a name, even a doubtful one ("Piet Jansen"): the question is about a person
        rollen = {e.id: e for v in vermeldingen for e in v.kandidaten if e.exact and (e.begin, e.eind) == (v.begin, v.eind)}
        if not rollen:
            return None
        kennisbank = self.diensten.kennisbank
        houders = {p.id: p for rol_id in rollen for p in kennisbank.personen_met_rol(rol_id)}
        if len(houders) == 1:
            return next(iter(houders.values()))
        if len(rollen) > 1:
            d = self.zoeker.drempels
            kandidaten = [k for k in self.zoeker.beantwoord(tekst, vandaag=self._vandaag()).kandidaten if k.soort == SOORT_ROL]
            if not kandidaten or kandidaten[0].id not in rollen:
                return None
            if len(kandidaten) > 1 and kandidaten[0].score - kandidaten[1].score < d.marge:
                return None
            rollen = {kandidaten[0].id: rollen[kandidaten[0].id]}
        (rol_id,) = rollen
        return RolGevonden(normaliseer(tekst), self.zoeker.record(SOORT_ROL, rol_id))

    def _personen_twijfel(self, tekst: str) -> list[Kandidaat]:
        """The persons one name in the question fits equally well ("De Wit" when two people have
        that surname), best first; empty when no name is in doubt."""
        return self.zoeker.naamgenoten(tekst)

    async def _vraag_welke_persoon(self, dc: DialogContext, tekst: str, intentie: str = "opdrachtgever.persoon") -> bool:
        """'Bedoelde je A of B?' when a name in the question fits several persons; False when none is in doubt."""
        twijfel = self._personen_twijfel(tekst)
        if not twijfel:
            return False
        antwoord = BedoeldeU(normaliseer(tekst), kandidaten=tuple(twijfel))
        await self._vraag_keuze(dc, antwoord, intentie, tekst, alleen=SOORT_PERSOON, log=True)
        return True

    def _vrager_zelf(self, dc: DialogContext, tekst: str) -> list[Persoon]:
        """The asker, when the question is about themself ("mijn", "heb ik") and names no onderwerp."""
        vrager = huidige_gebruiker(dc.context).persoon
        if vrager is None or not self._over_zichzelf(tekst):
            return []
        return [vrager]

    def _over_zichzelf(self, tekst: str) -> bool:
        """The question is about the asker's own onderwerpen ("mijn", "heb ik") and names none."""
        return bool(_IK.search(normaliseer(tekst))) and not self.zoeker.onderwerpen_genoemd(tekst, vandaag=self._vandaag())

    def _eigen_lijst(self, tekst: str) -> bool:
        """The asker's own onderwerpen, of a soort or all ("mijn projecten", "mijn portefeuille")."""
        return self._over_zichzelf(tekst) and bool(self._soorten_genoemd(tekst) or _ONDERWERPEN.search(normaliseer(tekst)))

    def _houders_genoemd(self, tekst: str) -> list[Persoon]:
        """A rol named in full instead of a person ("de algemeen directeur"): its holders, when few.
        Not a rol the asker says is theirs ("ik ben directeur, ..."): that one is the asker."""
        houders: dict[str, Persoon] = {}
        for vermelding in self.zoeker.vind(tekst, frozenset({SOORT_ROL})):
            if _ALS_ROL.search(normaliseer(tekst[: vermelding.begin])):
                continue
            if vermelding.beste.score >= self.zoeker.drempels.zeker:
                houders.update((p.id, p) for p in self.diensten.kennisbank.personen_met_rol(vermelding.beste.id))
        return list(houders.values()) if len(houders) <= _MAX_HOUDERS else []

    def _soorten_genoemd(self, tekst: str) -> set[str]:
        """The soorten onderwerp a text names, also written together with "onderwerpen"
        ("bedrijfsvoeringsonderwerpen")."""
        soorten = {
            v.beste.id
            for v in self.zoeker.vind(tekst, frozenset({SOORT_SOORT_ONDERWERP}))
            if v.beste.score >= self.zoeker.drempels.zeker
        }
        for woord in normaliseer(tekst).split():
            if (deel := _SAMENSTELLING.match(woord)) is not None:
                soorten |= {
                    soort.id
                    for soort in self.diensten.kennisbank.organisatie.soorten_onderwerp
                    if deel.group(1) in {normaliseer(n) for n in (soort.id, soort.naam, *soort.aliassen)}
                }
        return soorten

    def persoon_tekst(
        self,
        persoon: Persoon,
        *,
        soorten: set[str] | None = None,
        rol: str | None = None,
        dag: date | None = None,
        tot: date | None = None,
        eerder: bool = False,
    ) -> str:
        """What `persoon` is opdrachtgever for on `dag` (default today), or at any time from `dag` to
        `tot` (a year or month asked), grouped per soort, optionally filtered. `eerder` (asked in the
        past tense) and nothing today but something before: what they held last, after saying so."""
        kennisbank = self.diensten.kennisbank
        vandaag = self._vandaag()
        dag = dag or vandaag
        eind = min(tot, vandaag) if tot is not None else dag
        onderwerpen = [
            o
            for o in kennisbank.onderwerpen_van_tussen(persoon.id, dag, eind)
            if (not soorten or o.soort in soorten) and (rol is None or rol in _rollen_van(o, persoon.id, dag, eind))
        ]
        # another day: the same sentences, dated ("Op 1 maart 2024 was ...", "In 2023 was ...")
        if tot is not None:
            op, tijd = "_in", {"periode": periode_tekst(dag, tot), "is_was": self._t("tijd_was" if eind < vandaag else "tijd_is")}
        elif dag == vandaag:
            op, tijd = "", {}
        else:
            op, tijd = "_op", {"datum": datum_tekst(dag), "is_was": self._t("tijd_was" if dag < vandaag else "tijd_is")}
        if not onderwerpen:
            if soorten or rol:
                soort_tekst = ", ".join(kennisbank.soort_naam(s).lower() for s in sorted(soorten or ()))
                regel = self._t(
                    f"persoon_geen_filter{op}",
                    naam=persoon.naam,
                    functie=persoon.functie,
                    rol=self._t(f"filter_{rol or 'opdrachtgever'}"),
                    soort=" " + self._t("filter_soort", soort=soort_tekst) if soort_tekst else "",
                    **tijd,
                )
            else:
                regel = self._t(f"persoon_geen{op}", naam=persoon.naam, functie=persoon.functie, **tijd)
            geen = self._met_bron([regel], persoon.bron)
            if eerder and dag == vandaag and tot is None and (laatst := self._laatst_gehouden(persoon, soorten, rol)) is not None:
                # nothing now, something before ("waar was X wethouder van"): the last day they held it
                return "\n\n".join([geen, self.persoon_tekst(persoon, soorten=soorten, rol=rol, dag=laatst)])
            return geen
        kop = "persoon_kop_een" if len(onderwerpen) == 1 else "persoon_kop"
        regels = [self._t(f"{kop}{op}", naam=persoon.naam, functie=self._functie(persoon), aantal=len(onderwerpen), **tijd)]
        bronnen: set[str] = {kennisbank.bron_tekst(persoon.bron)} if kennisbank.is_voorbeeld(persoon.bron) else set()
        groepen = kennisbank.onderwerpen_per_soort(onderwerpen)
        ingekort = False
        for soort, groep in groepen.items():
            regels.append(self._t("persoon_soort", soort=kennisbank.soort_naam(soort), aantal=len(groep)))
            # Long lists are shortened per soort; one soort asked for shows up to three times as many.
            toon = groep if len(groep) <= (3 if len(groepen) == 1 else 1) * MAX_PER_SOORT else groep[:MAX_PER_SOORT]
            if len(toon) < len(groep):
                ingekort = True
            for onderwerp in toon:
                rol_van = _rollen_van(onderwerp, persoon.id, dag, eind)[0]
                if rol_van == "ambtelijk":
                    regels.append(self._t("persoon_regel", naam=onderwerp.naam))
                else:
                    regels.append(self._t("persoon_regel_rol", naam=onderwerp.naam, rol=self._t(f"persoon_rol_{rol_van}")))
                bronnen.add(kennisbank.bron_tekst(onderwerp.bron))
            if len(toon) < len(groep):
                regels.append(self._t("lijst_meer", aantal=len(groep) - len(toon)))
        if ingekort:
            regels.append(self._t("persoon_tip", naam=persoon.naam))
        regels.append(self._t("bron", bron="; ".join(sorted(bronnen))))
        return "\n".join(regels)

    def _laatst_gehouden(self, persoon: Persoon, soorten: set[str] | None, rol: str | None) -> date | None:
        """The last day before today on which `persoon` was opdrachtgever (in `rol`, of `soorten`)."""
        vandaag = self._vandaag()
        dagen = [
            min(t.tot, o.geldig_tot or t.tot)
            for o in self.diensten.kennisbank.bestanden.onderwerpen
            if not soorten or o.soort in soorten
            for r in OPDRACHTGEVERSROLLEN
            if rol is None or r == rol
            for t in o.termijnen(r)
            if t.persoon == persoon.id and t.tot is not None and t.tot < vandaag
        ]
        return max(dagen, default=None)

    def _gevraagde_tijd(self, tekst: str, persoon: Persoon) -> Tijd:
        """The time a question about `persoon` asks about, as `persoon_tekst` takes it: a day named
        ("op 1 maart 2024", "per 1 januari 2025"), a whole year or month that does not hold today
        ("in 2023", "vorig jaar": from its first to its last day), the day before or after the
        person's latest change of hands ("voor de herverdeling"), else today; and whether it is
        asked in the past tense."""
        vandaag = self._vandaag()
        datums = vind_datums(tekst, vandaag)
        eerder = in_verleden(tekst)
        if any(d.van == d.tot for d in datums):
            return {"dag": gevraagde_dag(tekst, vandaag), "tot": None, "eerder": eerder}
        periode = next((d for d in datums if not d.van <= vandaag <= d.tot), None)
        if periode is not None:  # a year to come: its first day (who holds it now is all that is known)
            return {"dag": periode.van, "tot": periode.tot if periode.van <= vandaag else None, "eerder": eerder}
        if (kant := rond_wissel(tekst)) is not None and (
            wissel := self.diensten.kennisbank.laatste_wissel_van(persoon.id, vandaag)
        ):
            return {"dag": wissel - timedelta(days=1) if kant == "voor" else wissel, "tot": None, "eerder": eerder}
        return {"dag": vandaag, "tot": None, "eerder": eerder}

    # ---- lijst ---------------------------------------------------------------------------

    async def _lijst(self, dc: DialogContext, tekst: str, *, zeker: bool = True) -> None:
        personen = self._personen_genoemd(tekst) or self._vrager_zelf(dc, tekst) or self._houders_genoemd(tekst)
        if not personen and await self._vraag_welke_persoon(dc, tekst):
            return
        soorten = self._soorten_genoemd(tekst)
        if not personen and self._over_zichzelf(tekst):  # "mijn onderwerpen" from someone we don't know
            await self._wie_ben_jij(dc, tekst, zeker)
            return
        if personen:
            rol = genoemde_rol(tekst)
            for persoon in personen:
                tijd = self._gevraagde_tijd(tekst, persoon)
                await dc.context.send_activity(MessageFactory.text(self.persoon_tekst(persoon, soorten=soorten, rol=rol, **tijd)))
            return
        if genoemde_rol(tekst) == "bestuurlijk":  # "alle wethouders en hun portefeuille"
            await dc.context.send_activity(MessageFactory.text(self.bestuurlijk_lijst_tekst(soorten)))
            return
        await dc.context.send_activity(MessageFactory.text(self.lijst_tekst(soorten, tekst)))

    async def _wie_ben_jij(self, dc: DialogContext, tekst: str, zeker: bool) -> None:
        """A question about the asker's own onderwerpen from someone the kennisbank doesn't know: that
        honest answer, unless the recogniser was unsure this is a lookup and a passage that holds the
        question's words answers it ("waar ben ik als afdelingshoofd verantwoordelijk voor")."""
        citaat = self.diensten.documenten_citaat
        passage = citaat(tekst) if not zeker and citaat is not None else None
        await dc.context.send_activity(MessageFactory.text(passage or self._t("persoon_wie_ben_jij")))

    def bestuurlijk_lijst_tekst(self, soorten: set[str] | None = None) -> str:
        """Every bestuurlijk opdrachtgever (portefeuillehouder) with their onderwerpen; where the
        kennisbank names none, it says so (never the ambtelijk opdrachtgever in their place)."""
        kennisbank = self.diensten.kennisbank
        dag = self._vandaag()
        onderwerpen = [o for o in kennisbank.bestanden.onderwerpen if o.geldig_op(dag) and (not soorten or o.soort in soorten)]
        ids = dict.fromkeys(o.bestuurlijk_opdrachtgever for o in onderwerpen if o.bestuurlijk_opdrachtgever)
        personen = [p for pid in ids if (p := kennisbank.persoon(pid)) is not None]
        if not personen:
            return self._t("lijst_geen_bestuurlijk")
        delen = [self.persoon_tekst(p, soorten=soorten, rol="bestuurlijk") for p in personen]
        zonder = sum(1 for o in onderwerpen if not o.bestuurlijk_opdrachtgever)
        if zonder:
            delen.append(self._t("lijst_zonder_bestuurlijk", aantal=zonder))
        return "\n\n".join(delen)

    def lijst_tekst(self, soorten: set[str] | None = None, vraag: str = "") -> str:
        """All onderwerpen valid today (or those of `soorten`), grouped per soort with counts;
        long groups are shortened with a hint how to narrow down. What the question (`vraag`) asks
        of them narrows the list further: an opdrachtgeversrol that has a holder ("waar is een
        gedelegeerd opdrachtgever"), a word of their names ("welke onderwerpen zijn tijdelijk")."""
        kennisbank = self.diensten.kennisbank
        dag = self._vandaag()
        onderwerpen = [o for o in kennisbank.bestanden.onderwerpen if o.geldig_op(dag) and (not soorten or o.soort in soorten)]
        if not onderwerpen:
            return self._t("lijst_leeg")
        filter_ = filter_onderwerpen(kennisbank, vraag, onderwerpen, dag, genoemde_rol(vraag), frozenset(soorten or ()))
        if filter_.gefilterd:
            return self._gefilterde_lijst(filter_)
        groepen = kennisbank.onderwerpen_per_soort(onderwerpen)
        if len(groepen) == 1:
            regels = [self._t("lijst_kop_een_soort", aantal=len(onderwerpen))]
        else:
            regels = [self._t("lijst_kop", aantal=len(onderwerpen), soorten=len(groepen))]
        ingekort = False
        bronnen: set[str] = set()
        for soort, groep in groepen.items():
            regels.append(self._t("lijst_soort", soort=kennisbank.soort_naam(soort), aantal=len(groep)))
            toon = groep if soorten and len(groepen) == 1 and len(groep) <= 3 * MAX_PER_SOORT else groep[:MAX_PER_SOORT]
            for onderwerp in toon:
                ao = kennisbank.persoon(onderwerp.ambtelijk_opdrachtgever)
                regels.append(
                    self._t(
                        "lijst_regel", naam=onderwerp.naam, opdrachtgever=ao.naam if ao else onderwerp.ambtelijk_opdrachtgever
                    )
                )
                bronnen.add(kennisbank.bron_tekst(onderwerp.bron))
            if len(groep) > len(toon):
                ingekort = True
                regels.append(self._t("lijst_meer", aantal=len(groep) - len(toon)))
        if ingekort or not soorten:
            regels.append(self._t("lijst_tip"))
        regels.append(self._t("bron", bron="; ".join(sorted(bronnen))))  # a list is facts too: where they stand
        return "\n".join(regels)

    def _gefilterde_lijst(self, filter_: Lijstfilter) -> str:
        """The onderwerpen a list question's filter kept, each with its holder of the role asked."""
        kennisbank = self.diensten.kennisbank
        wat = []
        if filter_.rol is not None:
            wat.append(self._t("lijst_filter_rol", rol=self._t(f"filter_{filter_.rol}")))
        if filter_.woorden:
            wat.append(self._t("lijst_filter_woorden", woorden=", ".join(f'"{w}"' for w in filter_.woorden)))
        filtertekst = self._t("lijst_filter_en").join(wat)
        if not filter_.onderwerpen:
            return self._t("lijst_gefilterd_leeg", filter=filtertekst)
        regels = [self._t("lijst_kop_gefilterd", filter=filtertekst, aantal=len(filter_.onderwerpen))]
        bronnen: set[str] = set()
        for onderwerp in filter_.onderwerpen:
            ao = kennisbank.persoon(onderwerp.ambtelijk_opdrachtgever)
            ander = kennisbank.persoon(onderwerp.opdrachtgever_op(filter_.rol, self._vandaag())) if filter_.rol else None
            regel = self._t(
                "lijst_regel", naam=onderwerp.naam, opdrachtgever=ao.naam if ao else onderwerp.ambtelijk_opdrachtgever
            )
            if ander is not None:
                regel += self._t("lijst_regel_rol", rol=self._t(f"persoon_rol_{filter_.rol}"), naam=ander.naam)
            regels.append(regel)
            bronnen.add(kennisbank.bron_tekst(onderwerp.bron))
            if ander is not None and kennisbank.is_voorbeeld(ander.bron):
                bronnen.add(kennisbank.bron_tekst(ander.bron))
        regels.append(self._t("bron", bron="; ".join(sorted(bronnen))))
        return "\n".join(regels)

    # ---- uitleg --------------------------------------------------------------------------

    async def _uitleg(self, dc: DialogContext, tekst: str) -> bool | None:
        """Begrippen, rollen, soorten werk and soorten onderwerp; False when nothing matches (the
        documents may know). Several named in one sentence ("het verschil tussen AO en BO"): each.
        Asked from the asker's own view ("ik ben teamleider, ben ik dan opdrachtnemer?", "wat is mijn
        rol"): the rol named, else the asker's own rollen, and the asker's rollen when they differ."""
        plekken = self._uitleg_plekken(tekst)
        if len(plekken) > 1:
            await self._stuur_uitleg(dc, tekst, "\n\n".join(self._uitleg_tekst(s, r, tekst) for s, r in plekken))
            return None
        antwoord = self.zoeker.beantwoord(tekst, vandaag=self._vandaag())
        if isinstance(antwoord, (NietGevonden, BedoeldeU)):
            genoemd = self.zoeker.uitleg_genoemd(tekst, vandaag=self._vandaag())
            if genoemd is not None:  # one begrip or rol named exactly in a longer sentence
                await self._stuur_uitleg(dc, tekst, self.formatteer(genoemd, tekst))
                return None
            if plekken:  # a soort onderwerp ("wat wordt bedoeld met concernaspect in de nota")
                await self._stuur_uitleg(dc, tekst, self._uitleg_tekst(*plekken[0], tekst))
                return None
            personen = self._personen_genoemd(tekst)  # "wat is de functie van Kossen": the person answers
            if not personen and await self._vraag_welke_persoon(dc, tekst):
                return None
            if not personen and (eigen := self._als_rol_genoemd(tekst)):  # "wat moet ik als teammanager doen"
                await self._stuur_uitleg(dc, tekst, self.formatteer(RolGevonden(normaliseer(tekst), rol=eigen[0]), tekst))
                return None
            if not personen and _ZELF.search(normaliseer(tekst)):  # "wat is mijn rol": the asker's own
                await dc.context.send_activity(MessageFactory.text(self._eigen_rollen_tekst(dc, tekst)))
                return None
            if not personen:
                return False
            for persoon in personen:  # "wat doen Jelle en Flora": each
                await dc.context.send_activity(MessageFactory.text(self._persoon_antwoord(persoon, tekst)))
            return None
        await self._stuur_uitleg(dc, tekst, self.formatteer(antwoord, tekst))
        return None

    async def _stuur_uitleg(self, dc: DialogContext, tekst: str, uitleg: str) -> None:
        """An explanation; asked from the asker's own view about a rol the asker (known) does not
        hold ("ik ben projectleider, ben ik dan opdrachtgever?"), with the asker's rollen first."""
        vrager = huidige_gebruiker(dc.context).persoon
        genoemd = {r.id for r in self._als_rol_genoemd(tekst)}
        if vrager is not None and vrager.rollen and genoemd and not set(vrager.rollen) <= genoemd:
            namen = [rol.naam for r in vrager.rollen if (rol := self.diensten.kennisbank.rol(r)) is not None]
            if namen:
                uitleg = f"{self._t('eigen_rol', naam=vrager.naam, rollen=', '.join(namen))}\n\n{uitleg}"
        await dc.context.send_activity(MessageFactory.text(uitleg))

    def _eigen_rollen_tekst(self, dc: DialogContext, tekst: str) -> str:
        """The asker's own rollen explained, or why they cannot be."""
        vrager = huidige_gebruiker(dc.context).persoon
        if vrager is None:
            return self._t("eigen_rol_wie_ben_jij")
        rollen = [rol for r in vrager.rollen if (rol := self.diensten.kennisbank.rol(r)) is not None]
        if not rollen:
            return self._met_bron([self._t("eigen_rol_geen", naam=vrager.naam, functie=vrager.functie)], vrager.bron)
        kop = self._t("eigen_rol", naam=vrager.naam, rollen=", ".join(r.naam for r in rollen))
        return "\n\n".join([kop, *(self.formatteer(RolGevonden(normaliseer(tekst), rol=r), tekst) for r in rollen)])

    def _ook_de_rol(self, dc: DialogContext, tekst: str) -> bool:
        """The asker names a rol as theirs ("ik ben projectleider, ben ik dan ook opdrachtgever?"),
        asks for no soort or onderwerpen of their own, and has none (or is not known): after what
        the asker's own list says (nothing), the rol named is explained ("ik ben concerndirecteur,
        waar ben ik AO van" from someone who is gets their list only)."""
        if not self._als_rol_genoemd(tekst) or self._eigen_lijst(tekst):
            return False
        vrager = huidige_gebruiker(dc.context).persoon
        return vrager is None or not self.diensten.kennisbank.onderwerpen_van(vrager.id, self._vandaag())

    def _als_rol_genoemd(self, tekst: str) -> list[Rol]:
        """The rollen the asker says are theirs: a rol named in full right after "ik ben" or "als"
        ("ik ben teamleider, ben ik dan opdrachtnemer?", "wat moet ik als controller doen"); where
        one name fits several, the rol with that very name first ("teammanager": Teammanager, then
        the rol that has it as an alias)."""
        uit: dict[str, tuple[bool, Rol]] = {}
        for vermelding in self.zoeker.vind(tekst, frozenset({SOORT_ROL}), vandaag=self._vandaag()):
            for e in vermelding.kandidaten:
                if (
                    e.exact
                    and (e.begin, e.eind) == (vermelding.begin, vermelding.eind)
                    and _ALS_ROL.search(normaliseer(tekst[: e.begin]))
                ):
                    rol: Rol = self.zoeker.record(SOORT_ROL, e.id)
                    uit[e.id] = (normaliseer(rol.naam) != normaliseer(tekst[e.begin : e.eind]), rol)
        return [rol for _, rol in sorted(uit.values(), key=lambda paar: paar[0])]

    def _uitleg_plekken(self, tekst: str) -> list[tuple[str, Any]]:
        """Per place in the sentence, the one begrip, rol, soort werk or soort onderwerp named there
        in full (a place where several fit exactly is left out), in sentence order, each once; a
        name written once for two ("ambtelijk en bestuurlijk opdrachtgever") names both."""
        soorten = frozenset({SOORT_BEGRIP, SOORT_ROL, SOORT_SOORT_WERK, SOORT_SOORT_ONDERWERP})
        uit: dict[tuple[str, str], tuple[str, Any]] = {}
        for vermelding in self.zoeker.vind_samengetrokken(tekst, soorten, vandaag=self._vandaag()):
            per_plek: dict[tuple[int, int], list[Entiteit]] = {}
            for e in vermelding.kandidaten:
                if e.exact:  # "lente- en herfstbrief": two places in one mention
                    per_plek.setdefault((e.begin, e.eind), []).append(e)
            for _, exact in sorted(per_plek.items()):
                if len(exact) > 1 and len({e.soort for e in exact}) == len(exact):
                    # one name, a record of each kind ("concerndirectie": a begrip and a rol): the begrip explains it
                    exact = [min(exact, key=lambda e: _UITLEG_VOORKEUR.index(e.soort))]
                if len(exact) == 1:
                    e = exact[0]
                    uit.setdefault((e.soort, e.id), (e.soort, self.zoeker.record(e.soort, e.id)))
        return list(uit.values())

    def _uitleg_tekst(self, soort: str, record: Any, vraag: str) -> str:
        if soort == SOORT_SOORT_ONDERWERP:
            regels = [self._t("soort_onderwerp_kop", naam=record.naam)]
            if record.omschrijving:
                regels.append(record.omschrijving)
            return self._met_bron(regels, record.bron) if record.bron else "\n\n".join(regels)
        kern = normaliseer(vraag)
        if soort == SOORT_BEGRIP:
            return self.formatteer(BegripGevonden(kern, begrip=record), vraag)
        if soort == SOORT_ROL:
            return self.formatteer(RolGevonden(kern, rol=record), vraag)
        return self.formatteer(SoortWerkGevonden(kern, soort_werk=record), vraag)

    # ---- Bedoelde je ---------------------------------------------------------------------

    async def _geen_record(self, dc: DialogContext, vraag: str, onbekend: str, antwoord: Antwoord) -> None:
        """The question names no record at all: a passage the documents are sure of (above their
        threshold, holding the question's words) answers it, quoted with its document and section
        and never as an opdrachtgever;
        otherwise the honest `onbekend` ("niet gevonden" with onderwerp suggestions, never a name),
        and only then the question is logged as unanswered (`antwoord`: what the lookup found).
        The documents are asked what stands where the onderwerp stands (the question's kern), not
        the lookup's own words: "wie is de ambtelijk opdrachtgever van de kermis" is about the
        kermis, and a passage about ambtelijk opdrachtgevers in general does not answer it."""
        citaat = self.diensten.documenten_citaat
        kern = ontleed(vraag).kern
        passage = citaat(kern) if citaat is not None and kern else None
        await dc.context.send_activity(MessageFactory.text(passage or onbekend))
        if passage is None:  # only what really got no answer is work for the maintainers
            await self._log_onbeantwoord(vraag, antwoord)

    def _keuze_uit(self, onderwerpen: tuple[Onderwerp, ...], antwoord: Antwoord | None, tekst: str) -> BedoeldeU:
        """Onderwerpen that fit equally well (an alias they share) as choices, with any other record
        the question names just as well (a begrip of that name)."""
        kandidaten = [Kandidaat(SOORT_ONDERWERP, o.id, o.naam, 1.0) for o in onderwerpen]
        ids = {o.id for o in onderwerpen}
        gevonden = antwoord.kandidaten if antwoord is not None else ()
        top = max((k.score for k in gevonden if k.id in ids), default=1.0)
        kandidaten += [k for k in gevonden if k.soort != SOORT_ONDERWERP and k.score >= top]
        return BedoeldeU(normaliseer(tekst), kandidaten=tuple(kandidaten))

    async def _vraag_keuze(
        self,
        dc: DialogContext,
        antwoord: BedoeldeU,
        intentie: str,
        vraag: str,
        *,
        alleen: str | None = None,
        log: bool = False,
    ) -> None:
        """Ask which record is meant; the question itself is kept, so the choice is answered as it
        asked (its day, role and soort). `log`: the lookup was unsure, so the question is logged
        for the maintainers (an alias would have answered it)."""
        kandidaten = [k for k in antwoord.kandidaten if alleen is None or k.soort == alleen]
        dubbel = {n for n, aantal in Counter(k.naam for k in kandidaten).items() if aantal > 1}
        keuzes = []
        for k in kandidaten:
            naam = k.naam
            if naam in dubbel and k.soort == SOORT_PERSOON:  # two people of one name: told apart by their function
                naam = f"{naam} ({self.zoeker.record(SOORT_PERSOON, k.id).functie})"
            keuzes.append(Keuze(naam, f"{k.soort}:{k.id}", self._knop_tekst(intentie, k.soort, naam)))
        if not keuzes:
            await self._geen_record(dc, vraag, self.formatteer(self._niet_gevonden(antwoord)), antwoord)
            return
        if log:
            await self._log_onbeantwoord(vraag, antwoord)
        await dc.begin_dialog(KEUZE_DIALOOG, keuze_opties(keuzes, context={"intentie": intentie, "vraag": vraag}))

    def _knop_tekst(self, intentie: str, soort: str, naam: str) -> str:
        if intentie.endswith(".bestuurlijk") and soort == SOORT_ONDERWERP:
            return self._t("knop_bestuurlijk", naam=naam)
        return self._t(f"knop_{soort}", naam=naam)

    async def _na_keuze(self, dc: DialogContext, keuze: Keuze, context: dict[str, Any]) -> None:
        soort, _, record_id = keuze.waarde.partition(":")
        try:
            record = self.zoeker.record(soort, record_id)
        except KeyError:  # the kennisbank changed between question and answer
            await dc.context.send_activity(MessageFactory.text(self.formatteer(self._niet_gevonden(None))))
            return
        intentie = str(context.get("intentie", ""))
        vraag = str(context.get("vraag") or "")
        dag = self._vandaag()
        if soort == SOORT_ONDERWERP:
            if vraag and noemt_dag_of_begin(vraag, dag) and await self._historie(dc, vraag, [record]):
                return  # "wie was in maart 2023 ...": the chosen onderwerp on the day asked
            tekst = self.bestuurlijk_tekst(record) if intentie.endswith(".bestuurlijk") else self.onderwerp_tekst(record)
            await self._onthoud(dc, [record], "bestuurlijk" if intentie.endswith(".bestuurlijk") else None)
        elif soort == SOORT_PERSOON:  # as asked: on the day, in the role and of the soort the question names
            tekst = self._persoon_antwoord(record, vraag) if vraag else self.persoon_tekst(record)
        else:
            soorten = {"soort_werk": SoortWerkGevonden, "begrip": BegripGevonden, "rol": RolGevonden}
            veld = {"soort_werk": "soort_werk", "begrip": "begrip", "rol": "rol"}[soort]
            tekst = self.formatteer(soorten[soort](keuze.titel, **{veld: record}))
        await dc.context.send_activity(MessageFactory.text(tekst))

    async def _geen_keuze(self, dc: DialogContext, context: dict[str, Any]) -> None:
        await dc.context.send_activity(MessageFactory.text(self._t("geen_keuze")))

    async def _andere_vraag(self, dc: DialogContext, tekst: str, context: dict[str, Any]) -> None:
        """Not an answer to 'Bedoelde je': a new question, routed like any other (the choice is gone)."""
        routeer = self.diensten.opnieuw_routeren
        if routeer is not None:
            await routeer(dc.context)
        else:
            await self.behandel(dc, maak_herkend("opdrachtgever.vraag", tekst))

    # ---- formatting ----------------------------------------------------------------------

    def formatteer(self, antwoord: Antwoord, vraag: str = "") -> str:
        """The Dutch answer text for every kind of answer except 'Bedoelde je'; `vraag` (the question)
        adds who holds a rol when it asks "wie"."""
        match antwoord:
            case OnderwerpGevonden(onderwerp=onderwerp):
                return self.onderwerp_tekst(onderwerp)
            case MeerdereOnderwerpen(onderwerpen=onderwerpen, gevraagd=True):
                return "\n\n".join(self.onderwerp_tekst(o) for o in onderwerpen)
            case MeerdereOnderwerpen(onderwerpen=onderwerpen):
                return self._meerdere(onderwerpen)
            case PersoonGevonden(persoon=persoon):
                return self.persoon_tekst(persoon)
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
                regels = [self._t("rol_kop", naam=rol.naam)]
                houders = self.diensten.kennisbank.personen_met_rol(rol.id)
                if houders and _WIE.search(normaliseer(vraag)):
                    namen = ", ".join(f"{p.naam} ({self._functie(p)})" for p in houders)
                    regels.append(self._t("rol_houders", namen=namen))
                regels.append(rol.omschrijving)
                if rol.verantwoordelijkheden:
                    regels.append(self._t("rol_verantwoordelijk"))
                    regels.extend(f"- {v}" for v in rol.verantwoordelijkheden)
                return self._met_bron(regels, rol.bron)
            case NietGevonden(suggesties=suggesties):
                regels = [self._t("niet_gevonden")]
                voorbeelden = list(suggesties) or [o.naam for o in self.diensten.kennisbank.bestanden.onderwerpen[:3]]
                regels.append(
                    self._t(
                        "niet_gevonden_tip",
                        voorbeeld=voorbeelden[0] if voorbeelden else "…",
                        voorbeelden=", ".join(voorbeelden[:3]),
                    )
                )
                return "\n\n".join(regels)
        raise TypeError(f"onbekend antwoord {type(antwoord).__name__}")

    def _voorbeelden(self) -> list[Onderwerp]:
        """Three onderwerpen valid today, of different soorten where possible (for examples)."""
        dag = self._vandaag()
        geldig = [o for o in self.diensten.kennisbank.bestanden.onderwerpen if o.geldig_op(dag)]
        per_soort = list({o.soort: o for o in reversed(geldig)}.values())[::-1]
        return (per_soort + [o for o in geldig if o not in per_soort])[:3]

    def _niet_gevonden(self, antwoord: Antwoord | None) -> NietGevonden:
        """The honest answer (with onderwerp suggestions, never a person) for any doubtful result."""
        if isinstance(antwoord, NietGevonden):
            return antwoord
        leeg = self.zoeker.beantwoord("", vandaag=self._vandaag())  # an empty question finds nothing: NietGevonden
        return leeg if isinstance(leeg, NietGevonden) else NietGevonden("")

    def onderwerp_tekst(self, onderwerp: Onderwerp) -> str:
        kennisbank = self.diensten.kennisbank
        regels = [self._t("onderwerp_kop", naam=onderwerp.naam, soort=kennisbank.soort_naam(onderwerp.soort).lower())]
        verzonnen: list[Bron] = []
        for sleutel, persoon_id in (
            ("ambtelijk", onderwerp.ambtelijk_opdrachtgever),
            ("gedelegeerd", onderwerp.gedelegeerd_opdrachtgever),
            ("bestuurlijk", onderwerp.bestuurlijk_opdrachtgever),
        ):
            persoon = kennisbank.persoon(persoon_id)
            if persoon is not None:
                regels.append(self._t(sleutel, naam=persoon.naam, functie=self._functie(persoon)))
                if kennisbank.is_voorbeeld(persoon.bron) and not kennisbank.is_voorbeeld(onderwerp.bron):
                    verzonnen.append(persoon.bron)
        if onderwerp.omschrijving:
            regels.append(onderwerp.omschrijving)
        return self._met_bron(regels, onderwerp.bron, *verzonnen)

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

    async def _log_onbeantwoord(self, vraag: str, antwoord: Antwoord) -> None:
        kandidaten: list[dict[str, Any]] = [
            {"soort": k.soort, "id": k.id, "naam": k.naam, "score": round(k.score, 3)} for k in antwoord.kandidaten
        ]
        await log_onbeantwoord(self.diensten.sessies, vraag, antwoord.vraag_kern, type(antwoord).__name__, kandidaten)

    def _met_bron(self, regels: list[str], bron: Bron, *extra: Bron) -> str:
        """The lines and their source; invented data (`extra`) is named as such beside a real source."""
        bronnen = dict.fromkeys(self.diensten.kennisbank.bron_tekst(b) for b in (bron, *extra))
        return "\n\n".join([*regels, self._t("bron", bron="; ".join(bronnen))])

    def _functie(self, persoon) -> str:
        """A person's function, labelled when the person is invented (voorbeeldgegevens)."""
        if self.diensten.kennisbank.is_voorbeeld(persoon.bron):
            return self._t("voorbeeld_functie", functie=persoon.functie)
        return persoon.functie

    def _vandaag(self):
        return self.diensten.klok().date()

    def _t(self, sleutel: str, **velden: Any) -> str:
        return self.diensten.teksten.tekst(f"opdrachtgever.{sleutel}", **velden)


def maak_herkend(intentie: str, tekst: str, zekerheid: float = 0.0) -> Herkend:
    """A Herkend for a text this feature reads itself (with `zekerheid` once the recogniser has it)."""
    velden: dict[str, Any] = {"intentie": intentie, "tekst": tekst, "kern": normaliseer(tekst)}
    if "zekerheid" in {f.name for f in fields(Herkend)}:
        velden["zekerheid"] = zekerheid
    return Herkend(**velden)


def _rollen_van(onderwerp: Onderwerp, persoon_id: str, van: date, tot: date) -> list[str]:
    """How `persoon_id` was opdrachtgever of `onderwerp` at some time from `van` to `tot`:
    ambtelijk, gedelegeerd and/or bestuurlijk, in that order (never empty: bestuurlijk at least)."""
    rollen: list[str] = [
        rol
        for rol in OPDRACHTGEVERSROLLEN
        if any(t.persoon == persoon_id and t.overlapt(van, tot) for t in onderwerp.termijnen(rol))
    ]
    return rollen or ["bestuurlijk"]
