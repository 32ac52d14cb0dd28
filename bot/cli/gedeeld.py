"""What the subcommands share: reading settings and reporting configuration errors in Dutch."""

from __future__ import annotations

import sys

from bot.gemeenten import gemeenten_uit
from bot.logboek import stel_logging_in
from bot.settings import ConfiguratieFout, Settings
from kennisbank.kennisbank import Kennisbank
from kennisbank.laden import laad_kennisbank
from kennisbank.meldingen import KennisbankFout, rapport


def lees_settings() -> Settings | None:
    """The settings, with the GEMEENTEN file (when set) checked; None after a Dutch message."""
    try:
        settings = Settings.uit_omgeving()
        gemeenten_uit(settings)
    except ConfiguratieFout as fout:
        print(f"Configuratiefout: {fout}", file=sys.stderr)
        return None
    stel_logging_in(settings.log_niveau, settings.log_formaat)
    return settings


def meld_kennisbank_fout(fout: KennisbankFout, pad) -> int:
    print(f"De kennisbank in {pad} bevat fouten; de bot is niet gestart.", file=sys.stderr)
    print(rapport(fout.meldingen), file=sys.stderr)
    print("Controleer na het herstellen met: python -m kennisbank check PAD", file=sys.stderr)
    return 2


def lees_omgeving_en_kennisbank() -> tuple[Settings, Kennisbank] | int:
    """Settings and the loaded kennisbank for a command, or the exit code after a clear message."""
    settings = lees_settings()
    if settings is None:
        return 2
    try:
        return settings, laad_kennisbank(settings.kennisbank)
    except KennisbankFout as fout:
        return meld_kennisbank_fout(fout, settings.kennisbank)
