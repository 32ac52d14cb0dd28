"""The feature: starts the check, answers direct questions from the kennisbank, lists 'mijn checks',
and handles the card's submits statelessly (the card carries sleutel, opdracht and kenmerk)."""

from __future__ import annotations

from typing import Any

from botbuilder.core import MessageFactory
from botbuilder.dialogs import Dialog, DialogContext

from db.repositories.bestuursopdracht import BestuursopdrachtRepository
from dialogen.bestuursopdracht.afronden import MAX_OPDRACHT, MAX_SLEUTEL, Invulling, gebruiker_sleutel, rond_af
from dialogen.bestuursopdracht.criteria import criteria_antwoord, criterium_antwoord, noemt, vraagt_check, vraagt_criteria
from dialogen.bestuursopdracht.dialoog import CHECK, CheckDialogen, nieuwe_sleutel, stuur_resultaat
from dialogen.bestuursopdracht.kaart import MAX_NOTITIE, check_kaart, geldende_ids, melding_kaart
from dialogen.bestuursopdracht.mijnchecks import MAX_CHECKS, checks_kaart, filter_uit_tekst, lees_filter
from dialogen.bestuursopdracht.opdrachtnaam import opdracht_in_tekst, opdrachtnaam
from dialogen.bestuursopdracht.weergave import CheckWeergave
from dialogen.feature import Feature
from dialogen.gebruiker import huidige_gebruiker
from dialogen.herkenning import Herkend
from dialogen.kaarteigenaar import eigen_sleutel, eigenaar, van_afzender
from dialogen.kaarten import kaarten_mogelijk, vervang_kaart, weiger_kaart
from dialogen.kaarten_tekst import kaart_of_tekst
from dialogen.opmaak import letterlijk
from dialogen.tussenvraag import wachtende_dialoog
from kennisbank.bestuursopdracht import OnbekendCriterium
from kennisbank.criteria import genoemd_criterium

VRAAG = "vraag_"


class BestuursopdrachtFeature(Feature):
    naam = "bestuursopdracht"

    def __init__(self, diensten) -> None:
        super().__init__(diensten)
        self.check = CheckDialogen(diensten)

    def dialogen(self) -> list[Dialog]:
        return self.check.dialogen()

    async def bij_stop(self, dc: DialogContext) -> str | None:
        """Stop keeps the answers given so far; the next 'bestuursopdracht check' offers to continue."""
        if dc.active_dialog is None or dc.active_dialog.id != CHECK or self.check.stap_opzij(dc.active_dialog.state):
            return None  # nothing typed in the chat (an open card keeps its own state)
        if await self.check.dialoog.parkeer(dc):
            opdracht = dc.active_dialog.state["antwoorden"].get("opdracht", "")
            return self.check.weergave().t("gestopt_bewaard", opdracht=letterlijk(opdracht))
        return None

    def mag_onderbreken(self, dc: DialogContext) -> bool:
        """Another feature's command may end the check while nothing was typed into it yet."""
        state = dc.active_dialog.state if dc.active_dialog is not None else {}
        antwoorden = state.get("antwoorden") or {}
        return not antwoorden or self.check.stap_opzij(state)

    def beantwoordt_tussendoor(self, herkend: Herkend) -> bool:
        """The threshold and the kennisbank's questions about bestuursopdrachten are answered at once;
        starting a check, the criteria (they offer the check) and 'mijn checks' are not; one criterium
        named ("wat betekent afbreukrisico?") is explained at once."""
        soort = herkend.intentie.split(".", 1)[1]
        kader = self.diensten.kennisbank.bestanden.bestuursopdracht
        if kader is None or not soort.startswith(VRAAG):
            return False
        if soort == "vraag_criteria":
            return genoemd_criterium(kader, herkend.tekst) is not None
        return soort == "vraag_drempel" or self.check.kader.vraag(soort.removeprefix(VRAAG)) is not None

    async def _sluit_open_kaart(self, dc: DialogContext, sleutel: str) -> None:
        """The card was submitted or stopped: the form waiting for typed answers to it is done."""
        if (
            dc.active_dialog is not None
            and dc.active_dialog.id == CHECK
            and dc.active_dialog.state.get("context", {}).get("sleutel") == sleutel
        ):
            await dc.end_dialog()

    @property
    def ingericht(self) -> bool:
        return self.diensten.kennisbank.bestanden.bestuursopdracht is not None

    async def behandel(self, dc: DialogContext, herkend: Herkend) -> None:
        if not self.ingericht:
            await dc.context.send_activity(self.diensten.teksten.tekst("bestuursopdracht.niet_beschikbaar"))
            return
        soort = herkend.intentie.split(".", 1)[1]
        w = self.check.weergave()
        opdracht = opdrachtnaam(herkend.groepen.get("opdracht") or opdracht_in_tekst(herkend.tekst), herkend.tekst)
        if opdracht and not self._echte_opdracht(opdracht, w):
            opdracht = None  # "of iets een bestuursopdracht wordt", "is X een criterium voor een bestuursopdracht"
        wil_check = bool(opdracht) or vraagt_check(herkend.tekst, w)
        verwijs = wachtende_dialoog(dc.context) != CHECK  # no "typ bestuursopdracht check" while the check waits
        over_criteria = soort == "vraag_criteria" or (soort == "start" and vraagt_criteria(herkend.tekst, w))
        criterium = genoemd_criterium(w.kader, herkend.tekst) if over_criteria and not opdracht else None
        if criterium is not None:  # "wat betekent afbreukrisico?": that one criterium, not the list
            await dc.context.send_activities(criterium_antwoord(w, criterium, verwijs=verwijs))
        elif (soort == "vraag_criteria" and not wil_check) or (
            soort == "start" and not opdracht and vraagt_criteria(herkend.tekst, w)
        ):
            # A question about the criteria lists them and offers the check; it does not start it.
            await dc.context.send_activities(criteria_antwoord(w))
        elif soort in ("start", "vraag_criteria"):
            await self.check.start(dc, opdracht)
        elif soort == "vraag_drempel":
            await dc.context.send_activity(MessageFactory.text(w.drempel_antwoord(verwijs=verwijs)))
        elif soort.startswith(VRAAG) and (vraag := w.kader.vraag(soort.removeprefix(VRAAG))) is not None:
            tekst = w.antwoord(vraag.vraag, vraag.antwoord, verwijs=verwijs, niet_in_bronnen=vraag.niet_in_bronnen)
            await dc.context.send_activity(MessageFactory.text(tekst))
        elif soort == "mijn_checks":
            await self._mijn_checks(dc, w, *filter_uit_tekst(herkend.tekst, w))
        else:  # an intent in the yaml without an answer in the kennisbank: start the check instead
            await self.check.start(dc, None)

    @staticmethod
    def _echte_opdracht(opdracht: str, w: CheckWeergave) -> bool:
        """A name read from the text names an opdracht, not vague words only ("iets", "ik", "ons
        project") or the criteria themselves ("langer dan een jaar een criterium voor")."""
        naam = opdracht.strip().lower()
        vaag = set(w.lijst("vage_woorden"))
        return (
            naam not in w.lijst("vage_opdrachten")
            and not all(woord in vaag for woord in naam.split())  # "ik", "ons nieuwe project"
            and not noemt(opdracht, w, "criteria_woorden")
        )

    async def behandel_actie(self, dc: DialogContext, actie: str, waarde: dict[str, Any]) -> None:
        if not self.ingericht:
            await dc.context.send_activity(self.diensten.teksten.tekst("bestuursopdracht.niet_beschikbaar"))
            return
        w = self.check.weergave()
        if actie == "mijn_checks":  # paging and filtering the list: nothing to validate but the filter
            await self._mijn_checks(dc, w, *lees_filter(waarde), vervang=True)
            return
        sleutel, opdracht = waarde.get("sleutel"), waarde.get("opdracht")
        if actie not in ("beoordeel", "opnieuw", "annuleer"):
            await super().behandel_actie(dc, actie, waarde)
        elif not (
            isinstance(sleutel, str)
            and 0 < len(sleutel) <= MAX_SLEUTEL
            and isinstance(opdracht, str)
            and 0 < len(opdracht.strip()) <= MAX_OPDRACHT
        ):
            await dc.context.send_activity(w.t("kaart_ongeldig"))
        elif not van_afzender(dc.context, waarde):  # someone else's card in a group chat
            await weiger_kaart(dc.context, w.t("kaart_van_ander"))
        elif actie == "annuleer":
            await self._sluit_open_kaart(dc, sleutel)
            await self._annuleer(dc, w, sleutel, opdracht.strip())
        elif actie == "opnieuw" or waarde.get("kenmerk") != w.kader.kenmerk:
            await self._nieuwe_kaart(dc, w, opdracht.strip(), waarde.get("onderwerp_id"), verouderd=actie != "opnieuw")
        else:
            await self._sluit_open_kaart(dc, sleutel)
            await self._beoordeel(dc, w, sleutel, opdracht.strip(), waarde)

    async def _beoordeel(self, dc: DialogContext, w: CheckWeergave, sleutel: str, opdracht: str, waarde: dict[str, Any]) -> None:
        onderwerp_id = waarde.get("onderwerp_id")
        if not isinstance(onderwerp_id, str) or onderwerp_id not in self.diensten.kennisbank.onderwerpen:
            onderwerp_id = None
        notitie = waarde.get("notitie")
        notitie = notitie.strip()[:MAX_NOTITIE] if isinstance(notitie, str) else None
        invulling = Invulling(
            sleutel, opdracht, onderwerp_id, tuple(geldende_ids(waarde)), notitie or None, dc.context.activity.channel_id
        )
        try:
            afgerond = await rond_af(self.diensten, w.kader, huidige_gebruiker(dc.context), invulling)
        except OnbekendCriterium:
            await self._nieuwe_kaart(dc, w, opdracht, onderwerp_id, verouderd=True)
            return
        check = afgerond.check
        vervang_kaart(
            dc.context,
            melding_kaart(
                w.t(
                    "kaart_ingevuld",
                    opdracht=letterlijk(check.opdracht),
                    advies=w.advies_titel(check.advies),
                    aantal=check.aantal_geldend,
                    totaal=len(check.antwoorden),
                )
            ),
        )
        await stuur_resultaat(dc.context, w, afgerond, self.diensten)

    async def _annuleer(self, dc: DialogContext, w: CheckWeergave, sleutel: str, opdracht: str) -> None:
        async with self.diensten.sessies() as sessie:
            bestaand = await BestuursopdrachtRepository(sessie).met_sleutel(eigen_sleutel(huidige_gebruiker(dc.context), sleutel))
        if bestaand is not None:  # stopping a card that was already submitted changes nothing
            await dc.context.send_activity(w.al_opgeslagen(bestaand))
            return
        vervang_kaart(dc.context, melding_kaart(w.t("kaart_gestopt", opdracht=letterlijk(opdracht))))
        await dc.context.send_activity(w.t("gestopt"))

    async def _nieuwe_kaart(
        self, dc: DialogContext, w: CheckWeergave, opdracht: str, onderwerp_id: Any, *, verouderd: bool
    ) -> None:
        onderwerp = self.diensten.kennisbank.onderwerpen.get(onderwerp_id) if isinstance(onderwerp_id, str) else None
        vervang_kaart(dc.context, melding_kaart(w.t("kaart_vervangen")))
        if verouderd:
            await dc.context.send_activity(w.t("kaart_verouderd"))
        kaart = check_kaart(
            w,
            self.check.kaartslots(),
            sleutel=nieuwe_sleutel(),
            opdracht=opdracht,
            onderwerp_id=onderwerp.id if onderwerp else None,
            koppeling=w.koppeling(onderwerp),
            voor=eigenaar(huidige_gebruiker(dc.context)),
        )
        await dc.context.send_activity(MessageFactory.attachment(kaart))

    async def _mijn_checks(
        self, dc: DialogContext, w: CheckWeergave, advies: str | None, pagina: int, *, vervang: bool = False
    ) -> None:
        gebruiker = huidige_gebruiker(dc.context)
        async with self.diensten.sessies() as sessie:
            checks = await BestuursopdrachtRepository(sessie).van_gebruiker(
                gebruiker_sleutel(gebruiker), gebruiker.persoon_id, MAX_CHECKS
            )
        kaart = checks_kaart(w, checks, advies, pagina)
        activiteit = dc.context.activity
        if vervang and kaarten_mogelijk(dc.context) and (activiteit.reply_to_id or activiteit.type == "invoke"):
            vervang_kaart(dc.context, kaart)  # paging replaces the card in place, no second copy
            return
        await dc.context.send_activities(kaart_of_tekst(dc.context, kaart, self.diensten.teksten.tekst("algemeen.keuzes_kop")))
