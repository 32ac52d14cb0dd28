"""What the subcommands share: reading settings and reporting configuration errors in Dutch."""

from __future__ import annotations

import sys

from bot.logboek import stel_logging_in
from bot.settings import ConfiguratieFout, Settings
from kennisbank.meldingen import KennisbankFout, rapport


def lees_settings() -> Settings | None:
    try:
        settings = Settings.uit_omgeving()
    except ConfiguratieFout as fout:
        print(f"Configuratiefout: {fout}", file=sys.stderr)
        return None
    stel_logging_in(settings.log_niveau)
    return settings


def meld_kennisbank_fout(fout: KennisbankFout, pad) -> int:
    print(f"De kennisbank in {pad} bevat fouten; de bot is niet gestart.", file=sys.stderr)
    print(rapport(fout.meldingen), file=sys.stderr)
    print("Controleer na het herstellen met: python -m kennisbank check PAD", file=sys.stderr)
    return 2
