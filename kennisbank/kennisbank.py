"""The loaded kennisbank: validated records plus the indices every feature needs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kennisbank.bestanden import KennisbankBestanden
from kennisbank.model import OPDRACHTGEVERSROLLEN, Bron, Document, Onderwerp, Opdrachtgeversrol, Persoon, Rol


@dataclass(frozen=True)
class Kennisbank:
    """Read-only view on one organisation's kennisbank with lookups by id."""

    bestanden: KennisbankBestanden
    pad: Path
    personen: dict[str, Persoon] = field(init=False)
    onderwerpen: dict[str, Onderwerp] = field(init=False)
    documenten: dict[str, Document] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "personen", {p.id: p for p in self.bestanden.personen})
        object.__setattr__(self, "onderwerpen", {o.id: o for o in self.bestanden.onderwerpen})
        object.__setattr__(self, "documenten", {d.id: d for d in self.bestanden.organisatie.documenten})

    @property
    def organisatie(self):
        return self.bestanden.organisatie

    def persoon(self, persoon_id: str | None) -> Persoon | None:
        return self.personen.get(persoon_id) if persoon_id else None

    def soort_naam(self, soort_id: str) -> str:
        for soort in self.organisatie.soorten_onderwerp:
            if soort.id == soort_id:
                return soort.naam
        return soort_id

    def opdrachtgever(self, onderwerp: Onderwerp, rol: Opdrachtgeversrol, op: date | None) -> Persoon | None:
        """The person holding `rol` for `onderwerp` on day `op` (None = the current holder)."""
        return self.persoon(onderwerp.opdrachtgever_op(rol, op))

    def onderwerpen_van(self, persoon_id: str, op: date | None = None) -> list[Onderwerp]:
        """Onderwerpen where this person is ambtelijk, gedelegeerd or bestuurlijk opdrachtgever on
        day `op` (None = currently, whatever the onderwerp's validity)."""
        return [
            o
            for o in self.bestanden.onderwerpen
            if (op is None or o.geldig_op(op)) and any(o.opdrachtgever_op(rol, op) == persoon_id for rol in OPDRACHTGEVERSROLLEN)
        ]

    def onderwerpen_van_tussen(self, persoon_id: str, van: date, tot: date) -> list[Onderwerp]:
        """Onderwerpen where this person was ambtelijk, gedelegeerd or bestuurlijk opdrachtgever on
        some day from `van` to `tot` (both included; the same day twice is `onderwerpen_van(op=van)`)."""
        return [
            o
            for o in self.bestanden.onderwerpen
            if (o.geldig_vanaf is None or o.geldig_vanaf <= tot)
            and (o.geldig_tot is None or van <= o.geldig_tot)
            and any(t.persoon == persoon_id and t.overlapt(van, tot) for rol in OPDRACHTGEVERSROLLEN for t in o.termijnen(rol))
        ]

    def laatste_wissel_van(self, persoon_id: str, vandaag: date) -> date | None:
        """The latest day up to `vandaag` on which this person started or stopped holding a role of
        an onderwerp (not the onderwerp's own start): a herverdeling they were part of."""
        from datetime import timedelta

        dagen: list[date] = []
        for onderwerp in self.bestanden.onderwerpen:
            for rol in OPDRACHTGEVERSROLLEN:
                termijnen = onderwerp.termijnen(rol)
                for i, termijn in enumerate(termijnen):
                    if termijn.persoon != persoon_id:
                        continue
                    if i and termijn.vanaf is not None:
                        dagen.append(termijn.vanaf)
                    if termijn.tot is not None and (onderwerp.geldig_tot is None or termijn.tot < onderwerp.geldig_tot):
                        dagen.append(termijn.tot + timedelta(days=1))
        return max((d for d in dagen if d <= vandaag), default=None)

    def wisselingen_op(self, dag: date) -> list[tuple[Onderwerp, Opdrachtgeversrol, str | None, str | None]]:
        """(onderwerp, rol, previous holder, new holder) for every role that changed hands on `dag`."""
        from datetime import timedelta

        gisteren = dag - timedelta(days=1)
        wissels = []
        for onderwerp in self.bestanden.onderwerpen:
            for rol in OPDRACHTGEVERSROLLEN:
                oud, nieuw = onderwerp.opdrachtgever_op(rol, gisteren), onderwerp.opdrachtgever_op(rol, dag)
                if oud != nieuw and (oud or any(t.vanaf == dag for t in onderwerp.termijnen(rol))):
                    wissels.append((onderwerp, rol, oud, nieuw))
        return wissels

    def onderwerpen_per_soort(self, onderwerpen: list[Onderwerp]) -> dict[str, list[Onderwerp]]:
        groepen: dict[str, list[Onderwerp]] = defaultdict(list)
        for onderwerp in onderwerpen:
            groepen[onderwerp.soort].append(onderwerp)
        return dict(groepen)

    def rol(self, rol_id: str | None) -> Rol | None:
        """The role with this id from rollen.yaml, or None."""
        return next((r for r in self.bestanden.rollen if r.id == rol_id), None) if rol_id else None

    def personen_met_rol(self, rol_id: str) -> list[Persoon]:
        return [p for p in self.bestanden.personen if rol_id in p.rollen]

    def persoon_bij_identiteit(self, aad_object_id: str | None = None, email: str | None = None) -> Persoon | None:
        """Match a Teams user on aadObjectId first, then on e-mail (case-insensitive)."""
        for persoon in self.bestanden.personen:
            if aad_object_id and persoon.aad_object_id and persoon.aad_object_id.lower() == aad_object_id.lower():
                return persoon
        if email:
            for persoon in self.bestanden.personen:
                if persoon.email and persoon.email.lower() == email.lower():
                    return persoon
        return None

    def is_voorbeeld(self, bron: Bron) -> bool:
        """Invented data: bron `voorbeeld`, or a document marked `voorbeeld: true`."""
        document = self.documenten.get(bron.document)
        return bron.document == "voorbeeld" or (document is not None and document.voorbeeld)

    def bron_tekst(self, bron: Bron) -> str:
        """'<organisatie>, <document>, <sectie>' style citation."""
        document = self.documenten.get(bron.document)
        if document is None:
            return f"{bron.document}, {bron.sectie}"
        return f"{document.organisatie}, {document.titel}, {bron.sectie}"
