"""Questions about the organisation itself, answered from the kennisbank's organisation data:

- "wie zitten er in de concerndirectie / het CMT?"  (a body of `organen:` and its members)
- "wie is mijn leidinggevende?"  (the asker, known by their Teams identity, and their `leidinggevende`)
- "wie is de controller van mijn afdeling?" / "wie is mijn directeur?"  (the holder of a rol nearest
  to the asker in the line, `kennisbank.organisatielijn.dichtstbij`)
- "wie is de directeur stad?"  (the one person whose function is named in full, `met_functie`)

`Organisatievragen.antwoord(tekst, vrager)` returns the reply, or None when the question is none of
these (the caller answers as usual). The texts are the opdrachtgever feature's (`organisatie_*`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kennisbank.kennisbank import Kennisbank
from kennisbank.model import Bron, Orgaan, Persoon, Rol
from kennisbank.organisatielijn import dichtstbij, genoemde_organen, leden
from kennisbank.zoeken import Zoeker
from kennisbank.zoeken.antwoord import SOORT_PERSOON, SOORT_ROL
from kennisbank.zoeken.normaliseren import normaliseer

_MIJN = re.compile(r"\b(?:mijn|mn)\b")  # normalised: m'n is mn; "bij ons" is the whole organisation
_LEIDING = re.compile(r"\b(?:leidinggevende|leidinggever|baas|chef|manager|meerdere)\b")
_VRAAG = re.compile(r"\b(?:wie|wiens|welke|wat is de naam|hoe heet|namen|noem)\b")
_WIE = re.compile(r"\b(?:wie|wiens|hoe heet|naam van)\b")
_LEDEN = re.compile(r"\b(?:wie|welke mensen|welke personen|leden|lid|zitten|zit|bestaat|samenstelling|bezetting|namen)\b")
_KORT = 5
_FUNCTIEWOORDEN = 2
"""A function of one word ("Wethouder", "Controller") is a rol, answered as such; from two words it
names its holder ("Directeur Stad")."""
"""A message of at most this many words needs no question word ("mijn leidinggevende?")."""


class Organisatievragen:
    def __init__(
        self,
        kennisbank: Kennisbank,
        zoeker: Zoeker,
        t: Callable[..., str],
        functie: Callable[[Persoon], str],
        met_bron: Callable[..., str],
    ) -> None:
        """`t(sleutel, **velden)`: the feature's texts; `functie(persoon)`: a person's function as shown
        (invented persons labelled); `met_bron(regels, bron, *extra)`: lines with their sources."""
        self.kennisbank = kennisbank
        self.zoeker = zoeker
        self.t = t
        self.functie = functie
        self.met_bron = met_bron

    def antwoord(self, tekst: str, vrager: Persoon | None) -> str | None:
        match lees_vraag(tekst, self.kennisbank, self.zoeker):
            case ("leidinggevende", _):
                return self._leidinggevende(vrager)
            case ("rol", [Rol() as rol, *_]):
                return self._jouw_rol(rol, vrager)
            case ("leden", organen):
                return "\n\n".join(self._leden(o) for o in organen)
            case ("functie", [Persoon() as persoon]):
                regel = self.t("organisatie_functie", functie=persoon.functie, naam=persoon.naam)
                return self.met_bron([regel], persoon.bron)
        return None

    def _leden(self, orgaan: Orgaan) -> str:
        personen = leden(orgaan, self.kennisbank)
        namen = ", ".join(f"**{p.naam}** ({self.functie(p)})" for p in personen)
        regels = [self.t("organisatie_leden", orgaan=orgaan.naam, namen=namen)]
        if orgaan.omschrijving:
            regels.append(orgaan.omschrijving)
        return self.met_bron(regels, orgaan.bron or personen[0].bron, *self._verzonnen(personen))

    def _leidinggevende(self, vrager: Persoon | None) -> str:
        if vrager is None:
            return self.t("organisatie_wie_ben_jij", wat=self.t("organisatie_leidinggevende"))
        baas = self.kennisbank.persoon(vrager.leidinggevende)
        if baas is None:
            return self.met_bron([self.t("organisatie_geen_leidinggevende", naam=vrager.naam)], vrager.bron)
        regel = self.t("organisatie_jouw_leidinggevende", naam=baas.naam, functie=self.functie(baas))
        return self.met_bron([regel], vrager.bron, *self._verzonnen([baas]))

    def _jouw_rol(self, rol: Rol, vrager: Persoon | None) -> str | None:
        if vrager is None:  # someone unknown: the rol's usual answer, with all its holders
            return None
        houders = self.kennisbank.personen_met_rol(rol.id)
        jouw = dichtstbij(houders, vrager, self.kennisbank)
        if vrager in jouw:
            return self.met_bron([self.t("organisatie_rol_jijzelf", rol=rol.naam)], rol.bron, vrager.bron)
        namen = ", ".join(f"**{p.naam}** ({self.functie(p)})" for p in jouw)
        return self.met_bron([self.t("organisatie_jouw_rol", rol=rol.naam, namen=namen)], rol.bron, *self._verzonnen(jouw))

    def _verzonnen(self, personen: list[Persoon]) -> list[Bron]:
        """The sources of invented persons, named beside the real document's."""
        return [p.bron for p in personen if self.kennisbank.is_voorbeeld(p.bron)]


def lees_vraag(tekst: str, kennisbank: Kennisbank, zoeker: Zoeker) -> tuple[str, list] | None:
    """Which organisation question the text asks: ("leidinggevende", []), ("rol", the roles named),
    ("leden", the bodies named that have members), or None. Also for the router: such a question
    names a record (the organisation), so it beats a passage of the documents."""
    gewoon = normaliseer(tekst)
    gevraagd = bool(_VRAAG.search(gewoon)) or len(gewoon.split()) <= _KORT
    if _MIJN.search(gewoon) and gevraagd:
        rollen = _rollen_genoemd(tekst, kennisbank, zoeker)
        if _LEIDING.search(gewoon) and not rollen and not _persoon_genoemd(tekst, zoeker):
            return "leidinggevende", []  # (not "de baas van mijn collega Daan")
        bezet = [r for r in rollen if kennisbank.personen_met_rol(r.id)]
        if bezet and _WIE.search(gewoon):  # "wie is de controller van mijn afdeling"
            return "rol", bezet
    if _LEDEN.search(gewoon):
        organen = [o for o in genoemde_organen(tekst, kennisbank) if leden(o, kennisbank)]
        if organen:
            return "leden", organen
    if _WIE.search(gewoon) and not _MIJN.search(gewoon) and (persoon := met_functie(tekst, kennisbank)) is not None:
        return "functie", [persoon]
    return None


def met_functie(tekst: str, kennisbank: Kennisbank) -> Persoon | None:
    """The one person whose function (or a part of it between slashes) of at least two words the text
    names in full ("wie is de directeur stad", "wie is de algemeen directeur"); None when no such
    function is named or several people have it."""
    woorden = f" {normaliseer(tekst)} "
    houders: dict[str, set[str]] = {}
    for persoon in kennisbank.bestanden.personen:
        for deel in persoon.functie.split("/"):
            functie = normaliseer(deel)
            if len(functie.split()) >= _FUNCTIEWOORDEN:
                houders.setdefault(functie, set()).add(persoon.id)
    genoemd = {next(iter(ids)) for functie, ids in houders.items() if len(ids) == 1 and f" {functie} " in woorden}
    return kennisbank.persoon(next(iter(genoemd))) if len(genoemd) == 1 else None


def _rollen_genoemd(tekst: str, kennisbank: Kennisbank, zoeker: Zoeker) -> list[Rol]:
    """Roles named in full ("controller", "afdelingshoofd"), each once."""
    uit: dict[str, Rol] = {}
    for vermelding in zoeker.vind(tekst, frozenset({SOORT_ROL})):
        beste = vermelding.beste
        if beste.score >= zoeker.drempels.zeker and (rol := kennisbank.rol(beste.id)) is not None:
            uit[rol.id] = rol
    return list(uit.values())


def _persoon_genoemd(tekst: str, zoeker: Zoeker) -> bool:
    return any(v.beste.score >= zoeker.drempels.zeker for v in zoeker.vind(tekst, frozenset({SOORT_PERSOON})))
