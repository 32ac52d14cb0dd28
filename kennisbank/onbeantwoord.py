"""`python -m kennisbank onbeantwoord`: the questions the bot could not answer confidently, so a
maintainer can add aliases. Reads DATABASE_URL (the bot's database); no asker is stored."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone

from db.engine import database_url_uit_omgeving, maak_engine, maak_sessies
from db.repositories.onbeantwoord import OnbeantwoordRepository


async def toon_onbeantwoord(aantal: int, wis_ouder_dan: int | None = None) -> int:
    if wis_ouder_dan is not None and wis_ouder_dan < 0:
        print("--wis-ouder-dan moet 0 of meer dagen zijn.")
        return 2
    engine = maak_engine(database_url_uit_omgeving())
    try:
        async with maak_sessies(engine).begin() as sessie:
            repository = OnbeantwoordRepository(sessie)
            if wis_ouder_dan is not None:
                gewist = await repository.wis_ouder_dan(datetime.now(timezone.utc) - timedelta(days=wis_ouder_dan))
                print(f"{gewist} vragen ouder dan {wis_ouder_dan} dagen verwijderd.")
            vragen = await repository.recent(aantal)
    except Exception as fout:  # noqa: BLE001 — a missing or unmigrated database is a user error here
        print(f"De database kon niet worden gelezen ({type(fout).__name__}). Klopt DATABASE_URL, en is de bot al eens gestart?")
        return 1
    finally:
        await engine.dispose()
    if not vragen:
        print("Geen onbeantwoorde vragen. Mooi!")
        return 0
    print(f"{len(vragen)} recente vragen die de bot niet zeker kon beantwoorden (nieuwste eerst):\n")
    for vraag in vragen:
        kandidaten = ", ".join(f"{k['naam']} ({k['score']:.2f})" for k in vraag.kandidaten[:3]) or "geen kandidaten"
        uitkomst = "bedoelde u" if vraag.uitkomst == "BedoeldeU" else "niet gevonden"
        print(f"{vraag.gesteld_op:%Y-%m-%d %H:%M}  [{uitkomst}]  {vraag.vraag}\n    beste kandidaten: {kandidaten}")
    vaakst = Counter(v.kern for v in vragen).most_common(5)
    print("\nVaakst gevraagd (kern van de vraag): " + "; ".join(f"'{kern}' {n}x" for kern, n in vaakst))
    print("Tip: voeg een alias toe aan het juiste onderwerp in onderwerpen.yaml en controleer met `python -m kennisbank check`.")
    return 0
