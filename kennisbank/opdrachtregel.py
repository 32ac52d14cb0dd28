"""Command-line parsing in Dutch for `python -m bot` and `python -m kennisbank`: argparse's own
texts (the usage line, the help headings, `-h`, and its error messages) in the operator's language.

argparse writes its messages in English; `NederlandseParser` translates the ones an operator meets
(a missing or unknown argument, an unknown command, a value that is not a number) and keeps any
other message as it is. Subcommands get the same class (argparse makes them with `type(parser)`).
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

_SOORTEN = {"int": "een geheel getal", "float": "een getal"}

_VAST = {
    "expected one argument": "geef er een waarde bij",
    "expected at least one argument": "geef er minstens één waarde bij",
}


def vertaal(melding: str) -> str:
    """argparse's English message in Dutch; an unknown one unchanged. Read with plain string
    operations, no regular expressions: the message holds what the user typed."""
    tekst = melding.strip()
    for engels, nederlands in (
        ("the following arguments are required: ", "verplicht, maar niet opgegeven: "),
        ("unrecognized arguments: ", "onbekende argumenten: "),
    ):
        if tekst.startswith(engels):
            return nederlands + tekst.removeprefix(engels)
    if tekst.startswith("ambiguous option: "):
        optie, _, kandidaten = tekst.removeprefix("ambiguous option: ").partition(" could match ")
        return f"optie {optie} is niet eenduidig; bedoel je {kandidaten}?"
    if not tekst.startswith("argument "):
        return melding
    naam, _, rest = tekst.removeprefix("argument ").partition(": ")
    if rest.startswith("invalid choice: "):
        waarde, _, keuzes = rest.removeprefix("invalid choice: ").partition(" (choose from ")
        return f"{naam}: onbekende keuze {waarde} (kies uit {keuzes.removesuffix(')')})"
    if rest.startswith("invalid ") and " value: " in rest:
        soort, _, waarde = rest.removeprefix("invalid ").partition(" value: ")
        return f"{naam}: {waarde} is geen geldige waarde (verwacht {_SOORTEN.get(soort, soort)})"
    if rest in _VAST:
        return f"{naam}: {_VAST[rest]}"
    if rest.startswith("not allowed with argument "):
        return f"{naam} gaat niet samen met {rest.removeprefix('not allowed with argument ')}"
    return melding


def bestandsfout(fout: BaseException) -> str | None:
    """A short Dutch message for a file a command could not read or write (a folder given as the
    output file, a folder that cannot be made, no permission), else None."""
    if not isinstance(fout, OSError) or fout.filename is None:
        return None
    if isinstance(fout, IsADirectoryError):
        reden = "is een map; geef een bestandsnaam"
    elif isinstance(fout, FileNotFoundError):
        reden = "bestaat niet (of de map waarin het moet staan niet)"
    elif isinstance(fout, (FileExistsError, NotADirectoryError)):
        reden = "een deel van het pad is een bestand, geen map"
    elif isinstance(fout, PermissionError):
        reden = "geen rechten om het te lezen of te schrijven"
    else:
        reden = f"niet te lezen of te schrijven ({type(fout).__name__})"
    return f"{fout.filename}: {reden}."


class _Opmaak(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class NederlandseParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Opmaak)
        help_ = kwargs.get("add_help", True)
        kwargs["add_help"] = False  # our own -h with a Dutch text, below
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        if help_:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="toon deze hulp en stop")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {vertaal(message)}\n")
