"""Which known record a text names, for the turn router: a bare name that no example sentence
resembles ("Regiekamer", a surname) goes to the lookup, and a text that names a record exactly goes
to the feature that answers about it (an onderwerp: the lookup; a rapportage period: its facts); a
question that plainly asks for an organisation record (a body's members) beats a document passage..
What the named records decide over the classifier (`naamvraagherkenning`): a bare name or an
opdrachtgever question about onderwerpen named exactly is a lookup, the meaning of a begrip is its
explanation, the meaning of a criterium of the bestuursopdracht check that criterium explained."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from dialogen.herkenning import BUITEN_BEREIK, TERUGVAL, Drempels, Herkend
from dialogen.organisatievragen import lees_vraag as lees_organisatievraag
from dialogen.teksten import Teksten
from dialogen.tussenvraag import leest_als_vraag, vraagwoorden
from kennisbank.criteria import genoemd_criterium
from kennisbank.rapportage import Rapportage, Status
from kennisbank.zoeken import (
    BegripGevonden,
    MeerdereOnderwerpen,
    OnderwerpGevonden,
    PersoonGevonden,
    RolGevonden,
    SoortWerkGevonden,
    VraagSoort,
    Zoeker,
)
from kennisbank.zoeken.antwoord import SOORT_ONDERWERP, SOORT_PERSOON
from kennisbank.zoeken.normaliseren import normaliseer
from kennisbank.zoeken.vraag import betekenis_van

RAPPORTAGE_FEITEN = "rapportage.vraag"
"""The intent that answers facts about a rapportage period (peildatum, deadline)."""
RAPPORTAGE_UPDATE = "rapportage.update"
"""A statement of how one onderwerp named stands: an update (the feature decides for whom)."""
OPZOEKEN = "opdrachtgever.vraag"
"""The lookup that reads the kind of question from its words (who, bestuurlijk, a person, a list)."""
UITLEG = "opdrachtgever.uitleg"
"""The lookup's explanation of a begrip, rol or soort werk."""
HULP = "algemeen.hulp"
CRITERIA = "bestuursopdracht.vraag_criteria"
"""The criteria of the bestuursopdracht check; one criterium named is explained (`kennisbank.criteria`)."""
ZEKER_VAN_SOORT = 0.9
"""From this score the classifier's own kind of lookup (bestuurlijk, history, list) stands for a
bare name or a question about an onderwerp named exactly; below it the lookup reads the kind."""


def naamherkenning(zoeker: Zoeker) -> Callable[[str], bool]:
    """Whether a text confidently names a known record (a bare "Regiekamer" or a surname, also one
    that several people share), or asks
    about the organisation's own records (a body's members, "mijn leidinggevende")."""
    gevonden = (OnderwerpGevonden, MeerdereOnderwerpen, PersoonGevonden, SoortWerkGevonden, BegripGevonden, RolGevonden)
    vraagt_record = recordvraagherkenning(zoeker)

    def noemt_bekende_naam(tekst: str) -> bool:
        antwoord = zoeker.beantwoord(tekst)
        if isinstance(antwoord, gevonden) and not antwoord.onzeker:
            return True
        if zoeker.naamgenoten(tekst) or _persoon_zeker_genoemd(zoeker, tekst):
            return True  # people named by name ("wat doen Jelle en Flora"), or a name two share: the lookup asks which
        return vraagt_record(tekst)

    return noemt_bekende_naam


def vaag_onderwerpherkenning(zoeker: Zoeker) -> Callable[[str], bool]:
    """Whether the lookup would answer a text with an onderwerp that the text only resembles: no
    name or alias of it typed in full, a word close to one ("juridische status" and 'Juridisch &
    inkoop'). Such a match is no reason to doubt a confident documents question."""

    def alleen_vaag(tekst: str) -> bool:
        antwoord = zoeker.beantwoord(tekst)
        if not isinstance(antwoord, OnderwerpGevonden):
            return False
        return not any(
            kandidaat.exact and kandidaat.soort == "onderwerp" and kandidaat.id == antwoord.onderwerp.id
            for vermelding in zoeker.vind(tekst)
            for kandidaat in vermelding.kandidaten
        )

    return alleen_vaag


def recordvraagherkenning(zoeker: Zoeker) -> Callable[[str], bool]:
    """Whether a text plainly asks for a record of the organisation rather than an explanation (who
    sits in a body, "mijn leidinggevende", "de controller van mijn afdeling"; `dialogen.organisatievragen`)."""

    def vraagt_record(tekst: str) -> bool:
        return lees_organisatievraag(tekst, zoeker.kennisbank, zoeker) is not None

    return vraagt_record


def eigenaarherkenning(zoeker: Zoeker, klok: Callable[[], datetime]) -> Callable[[str], str | None]:
    """The intent that answers about a record a text names exactly: an onderwerp (valid today) by
    name or alias, or a person by name -> the lookup; else a rapportage period, kind of round or status -> its facts;
    else None."""

    def genoemd_voor(tekst: str) -> str | None:
        vandaag = klok().date()
        if zoeker.onderwerpen_genoemd(tekst, vandaag=vandaag) or _persoon_zeker_genoemd(zoeker, tekst):
            return TERUGVAL
        if zoeker.noemt_periode(tekst, vandaag=vandaag) or noemt_status(tekst, zoeker.kennisbank.bestanden.rapportage):
            return RAPPORTAGE_FEITEN
        return None

    return genoemd_voor


def _persoon_zeker_genoemd(zoeker: Zoeker, tekst: str) -> bool:
    """A person named by name, surely: a full name, or a name part only one person has."""
    d = zoeker.drempels
    return any(v.beste.exact and v.beste.score >= d.zeker for v in zoeker.vind(tekst, frozenset({SOORT_PERSOON})))


def noemt_status(tekst: str, rapportage: Rapportage | None) -> bool:
    """The text names a status of a statusupdate: by its name ("aandachtspunt"), or by an alias
    next to the word status ("status rood")."""
    if rapportage is None:
        return False
    woorden = f" {normaliseer(tekst)} "
    met_status = " status " in woorden or " statussen " in woorden
    return any(
        f" {normaliseer(naam)} " in woorden
        for status in rapportage.statussen
        for naam in (status.naam, *(status.aliassen if met_status else ()))
    )


FEITSOORTEN = ("peildatum", "deadline", "open", "herinnering")
"""Kinds of rapportage fact asked for a date (`rapportage.feiten_<soort>_woorden` in the texts)."""
_NIET_VOOR_FEITEN = (UITLEG, "documenten.vraag", BUITEN_BEREIK)
"""Classified as these, a question about a date of a rapportage period named is its facts."""


def feitvraagherkenning(zoeker: Zoeker, klok: Callable[[], datetime], teksten: Teksten) -> Callable[[str], bool]:
    """Whether a text asks a date of a rapportage period or kind of round it names ("wat is de
    peildatum van de najaarsnota"), not what a word means ("wat betekent peildatum")."""
    woorden = [
        f" {w} "
        for soort in FEITSOORTEN
        for woord in teksten.lijst(f"rapportage.feiten_{soort}_woorden")
        if (w := normaliseer(woord))
    ]

    def vraagt_feit(tekst: str) -> bool:
        gewoon = f" {normaliseer(tekst)} "
        if not any(w in gewoon for w in woorden) or betekenis_van(tekst):
            return False
        return zoeker.noemt_periode(tekst, vandaag=klok().date())

    return vraagt_feit


def criteriumvraagherkenning(zoeker: Zoeker, teksten: Teksten | None = None) -> Callable[[str, VraagSoort | None], bool]:
    """Whether a text asks about one criterium of the bestuursopdracht check it names: "het
    criterium afbreukrisico" (with a word of `bestuursopdracht.criteria_woorden`), or the meaning
    of words that name a criterium ("wat bedoelen ze met complex en onontgonnen terrein") when no
    begrip or rol is named exactly (`soort` UITLEG: "wat betekent strategisch manager" is the rol)."""
    kader = zoeker.kennisbank.bestanden.bestuursopdracht
    lijst = teksten.lijst("bestuursopdracht.criteria_woorden") if teksten is not None else []
    woorden = [f" {w}" for w in map(normaliseer, lijst) if w]

    def vraagt_criterium(tekst: str, soort: VraagSoort | None) -> bool:
        if kader is None:
            return False
        if any(w in f" {normaliseer(tekst)}" for w in woorden) and genoemd_criterium(kader, tekst) is not None:
            return True
        woord = betekenis_van(tekst)
        return woord is not None and soort is not VraagSoort.UITLEG and genoemd_criterium(kader, woord) is not None

    return vraagt_criterium


def naamvraagherkenning(
    zoeker: Zoeker, klok: Callable[[], datetime], teksten: Teksten | None = None
) -> Callable[[Herkend], str | None]:
    """The intent the records a text names decide over the classified one (`Zoeker.naamvraag`), or
    None to keep it: the explanation for the meaning of a begrip or rol ("betekenis peildatum"); the
    lookup for a bare name and for an opdrachtgever question about onderwerpen named exactly (unless
    the classifier is sure of a greeting, thanks or help, or very sure of its own kind of lookup);
    the lookup for a request for help about an onderwerp or a person named in full; with `teksten`,
    the rapportage facts for a date of a period named that was read as an explanation, a document
    question or out of scope; the criteria of the check for a question about one criterium named
    (`criteriumvraagherkenning`), also when it was classified so: the router then knows the records
    decided it and asks no document passage first."""

    vraagt_feit = feitvraagherkenning(zoeker, klok, teksten) if teksten is not None else None
    vraagt_criterium = criteriumvraagherkenning(zoeker, teksten)
    meldt_status = statusmeldingherkenning(zoeker, klok, teksten) if teksten is not None else None

    def naamvraag(herkend: Herkend) -> str | None:
        dag = klok().date()
        if (
            meldt_status is not None
            and (
                herkend.zekerheid < Drempels.onzeker
                or herkend.intentie == BUITEN_BEREIK  # like no example: its score says nothing
                or herkend.intentie.startswith(_RAPPORTAGE)
            )
            and meldt_status(herkend.tekst)
        ):
            return RAPPORTAGE_UPDATE  # "de jeugdagenda ligt achter op schema": told (also when classified so)
        if vraagt_feit is not None and herkend.intentie in _NIET_VOOR_FEITEN and vraagt_feit(herkend.tekst):
            return RAPPORTAGE_FEITEN  # "wat is de peildatum van de najaarsnota": a date, not the begrip
        soort = zoeker.naamvraag(herkend.tekst, vandaag=dag)
        intentie = herkend.intentie
        if vraagt_criterium(herkend.tekst, soort):
            return CRITERIA  # "wat betekent het criterium afbreukrisico": that criterium (also when classified so)
        if soort is VraagSoort.UITLEG:
            gewenst = UITLEG
        elif soort in (VraagSoort.ONBEKEND, VraagSoort.OPDRACHTGEVER):
            if intentie.startswith("algemeen.") and intentie != BUITEN_BEREIK and herkend.zekerheid >= Drempels.onzeker:
                return None  # "dank je, Flora"
            if intentie.startswith(_OPDRACHTGEVER) and herkend.zekerheid >= ZEKER_VAN_SOORT:
                return None  # "en bij de binnenstad?" read as bestuurlijk
            gewenst = OPZOEKEN  # (a role word makes it bestuurlijk, a day its history)
        elif intentie == HULP and zoeker.noemt_naam_voluit(herkend.tekst, vandaag=dag):
            gewenst = OPZOEKEN
        else:
            return None
        return gewenst if gewenst != intentie else None

    return naamvraag


_OPDRACHTGEVER = TERUGVAL.split(".", 1)[0] + "."
_RAPPORTAGE = RAPPORTAGE_UPDATE.split(".", 1)[0] + "."


def status_buiten_namen(zoeker: Zoeker, tekst: str, vandaag: date) -> Status | None:
    """The one status a sentence names outside the names of onderwerpen ("goed" in "Goed werkgever"
    is no status), or None (none, several, or no rapportage in the kennisbank)."""
    rapportage = zoeker.kennisbank.bestanden.rapportage
    if rapportage is None:
        return None
    plekken = [(v.begin, v.eind) for v in zoeker.vind(tekst, frozenset({SOORT_ONDERWERP}), vandaag=vandaag) if v.beste.exact]
    rest = "".join(" " if any(b <= i < e for b, e in plekken) else teken for i, teken in enumerate(tekst))
    statussen = rapportage.statussen_in_tekst(rest)
    return statussen[0] if len(statussen) == 1 else None


def statusmeldingherkenning(zoeker: Zoeker, klok: Callable[[], datetime], teksten: Teksten) -> Callable[[str], bool]:
    """Whether a text tells how one onderwerp stands: it names exactly one onderwerp and one status
    outside that name ("de jeugdagenda ligt achter op schema", "X: afwijking, budget overschreden"),
    and does not read as a question ("ligt X op koers?", "wat betekent afwijking bij X"). Such a
    statement is an update, never a question for X's opdrachtgever (`rapportage.bedoeling` decides
    for whom: the card with that status, who may submit, or the choice)."""
    woorden = vraagwoorden(teksten)

    def meldt_status(tekst: str) -> bool:
        vandaag = klok().date()
        genoemd = {o.id for plek in zoeker.onderwerpen_genoemd(tekst, vandaag=vandaag) for o in plek}
        if len(genoemd) != 1 or leest_als_vraag(tekst, woorden):
            return False
        return status_buiten_namen(zoeker, tekst, vandaag) is not None

    return meldt_status
