"""Command-line parsing in Dutch for `python -m bot` and `python -m kennisbank`: argparse's own
texts (the usage line, the help headings, `-h`, and its error messages) in the operator's language.

argparse writes its messages in English; `NederlandseParser` translates the ones an operator meets
(a missing or unknown argument, an unknown command, a value that is not a number) and keeps any
other message as it is. Subcommands get the same class (argparse makes them with `type(parser)`).
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

_SOORTEN = {"int": "een geheel getal", "float": "een getal"}

_VERTALINGEN: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"the following arguments are required: (.+)"), "verplicht, maar niet opgegeven: {0}"),
    (re.compile(r"argument (.+?): invalid choice: (.+?) \(choose from (.+)\)"), "{0}: onbekende keuze {1} (kies uit {2})"),
    (re.compile(r"argument (.+?): invalid (\w+) value: (.+)"), "{0}: {2} is geen geldige waarde (verwacht {1})"),
    (re.compile(r"argument (.+?): expected one argument"), "{0}: geef er een waarde bij"),
    (re.compile(r"argument (.+?): expected at least one argument"), "{0}: geef er minstens één waarde bij"),
    (re.compile(r"argument (.+?): not allowed with argument (.+)"), "{0} gaat niet samen met {1}"),
    (re.compile(r"unrecognized arguments: (.+)"), "onbekende argumenten: {0}"),
    (re.compile(r"ambiguous option: (.+?) could match (.+)"), "optie {0} is niet eenduidig; bedoel je {1}?"),
]


def vertaal(melding: str) -> str:
    """argparse's English message in Dutch; an unknown one unchanged."""
    for patroon, tekst in _VERTALINGEN:
        gevonden = patroon.fullmatch(melding.strip())
        if gevonden:
            delen = [_SOORTEN.get(deel, deel) for deel in gevonden.groups()]
            return tekst.format(*delen)
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
