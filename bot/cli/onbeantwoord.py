"""`python -m kennisbank onbeantwoord [--gemeente ID]`: read the questions the bot could not answer
confidently from its database (DATABASE_URL), of one gemeente (the first of GEMEENTEN unless named),
and print them grouped, each group with the edit that teaches the bot (`kennisbank.onbeantwoord`).
No asker is stored."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.cli.gedeeld import kies_gemeente
from bot.gemeenten import gemeenten_uit
from bot.settings import ConfiguratieFout, Settings
from db.engine import database_url_uit_omgeving, maak_engine, maak_sessies
from db.repositories.onbeantwoord import OnbeantwoordRepository
from kennisbank.onbeantwoord import OnbeantwoordeVraag, groepeer, rapport


async def toon_onbeantwoord(aantal: int, wis_ouder_dan: int | None = None, gemeente_id: str | None = None) -> int:
    if wis_ouder_dan is not None and wis_ouder_dan < 0:
        print("--wis-ouder-dan moet 0 of meer dagen zijn.")
        return 2
    try:
        gemeente = kies_gemeente(gemeenten_uit(Settings.uit_omgeving()), gemeente_id)
    except ConfiguratieFout as fout:
        print(f"Configuratiefout: {fout}")
        return 2
    if gemeente is None:
        return 2
    engine = maak_engine(database_url_uit_omgeving())
    try:
        async with maak_sessies(engine, gemeente.id).begin() as sessie:
            repository = OnbeantwoordRepository(sessie)
            if wis_ouder_dan is not None:
                gewist = await repository.wis_ouder_dan(datetime.now(timezone.utc) - timedelta(days=wis_ouder_dan))
                print(f"{gewist} vragen ouder dan {wis_ouder_dan} dagen verwijderd.")
            vragen = [
                OnbeantwoordeVraag(v.vraag, v.kern, v.uitkomst, list(v.kandidaten or []), v.gesteld_op)
                for v in await repository.recent(aantal)
            ]
    except Exception as fout:  # noqa: BLE001 — a missing or unmigrated database is a user error here
        print(f"De database kon niet worden gelezen ({type(fout).__name__}). Klopt DATABASE_URL, en is de bot al eens gestart?")
        return 1
    finally:
        await engine.dispose()
    if not vragen:
        print("Geen onbeantwoorde vragen. Mooi!")
        return 0
    groepen = groepeer(vragen)
    print(f"{len(vragen)} recente vragen die de bot niet zeker kon beantwoorden, in {len(groepen)} groepen:\n")
    print("\n".join(rapport(groepen, str(gemeente.kennisbank))))
    print("Na een wijziging: controleer met `python -m kennisbank check PAD` en herstart de bot.")
    return 0
