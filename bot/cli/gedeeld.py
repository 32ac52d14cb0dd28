"""What the subcommands share: reading settings, reporting configuration, database, kennisbank and
address errors in Dutch, and running a web server (`draai_webserver`).

Kept light to import: `python -m bot --help` and a command that stops at a configuration mistake
load no bot, no kennisbank search and no web framework; those are imported where they are used.
"""

from __future__ import annotations

import errno
import socket
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from bot.gemeenten import Gemeente, Gemeenten, gemeenten_uit
from bot.logboek import stel_logging_in
from bot.settings import ConfiguratieFout, Settings
from kennisbank.meldingen import KennisbankFout, rapport

if TYPE_CHECKING:
    from aiohttp import web

    from kennisbank.kennisbank import Kennisbank


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


def databasefout(fout: BaseException, database_url: str) -> str | None:
    """A short Dutch message when `fout` is the database failing (unreachable, unknown server or
    database, refused login, unopenable SQLite file), else None (a failing statement is a bug: its
    traceback stays). Names DATABASE_URL without its password."""
    from bot.databasebewaking import is_database_onbereikbaar

    reden = _reden(fout)
    if reden is None:
        if not is_database_onbereikbaar(fout):
            return None
        reden = type(fout).__name__
    try:
        url = make_url(database_url)
    except (sa_exc.ArgumentError, ValueError):
        return f"De database is niet bereikbaar: {reden}. Controleer DATABASE_URL."
    ontbreekt = ontbrekend_sqlite_bestand(database_url)
    if ontbreekt is not None:
        return ontbreekt
    server = "" if url.get_backend_name() == "sqlite" else " en of de databaseserver draait"
    return (
        f"De database is niet bereikbaar: {reden}. Controleer DATABASE_URL ({url.render_as_string(hide_password=True)}){server}."
    )


def adresfout(fout: BaseException, settings: Settings, poort_instelling: str = "PORT") -> str | None:
    """A short Dutch message when the server could not listen on HOST/PORT (or METRICS_PORT), else
    None: a port taken after `luisterfout` looked. The error does not say which listener failed, so
    with METRICS_PORT both are named. `poort_instelling` is how the command chooses its port."""
    if not isinstance(fout, OSError) or fout.filename is not None:
        return None
    poorten, instelling = f"poort {settings.port}", poort_instelling
    if settings.metrics_port:
        poorten, instelling = f"poort {settings.port} of {settings.metrics_port}", f"{poort_instelling} of METRICS_PORT"
    return _adresmelding(fout, settings.host, poorten, instelling, "HOST")


def luisterfout(settings: Settings, poort_instelling: str = "PORT") -> str | None:
    """Whether the server can listen on HOST/PORT (and METRICS_HOST/METRICS_PORT), tried before
    anything is loaded: the Dutch message naming the port and the setting that chooses another, or
    None. Each address is bound and released at once, the way the server binds it later (all of the
    host's addresses, SO_REUSEADDR); a port taken in between is still told by `adresfout`."""
    luisteradressen = [(settings.host, settings.port, poort_instelling, "HOST")]
    if settings.metrics_port:
        luisteradressen.append((settings.metrics_host, settings.metrics_port, "METRICS_PORT", "METRICS_HOST"))
    for host, poort, instelling, host_instelling in luisteradressen:
        try:
            _probeer_te_luisteren(host, poort)
        except OSError as fout:
            melding = _adresmelding(fout, host, f"poort {poort}", instelling, host_instelling)
            if melding is not None:
                return melding
    return None


def _probeer_te_luisteren(host: str, poort: int) -> None:
    """Bind every address `host` stands for (all interfaces when empty) to `poort`, and let go. As
    asyncio's server does, an address of a family this machine has not enabled is skipped, unless
    none is left."""
    adressen = socket.getaddrinfo(host or None, poort, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    niet_beschikbaar: OSError | None = None
    gebonden = 0
    for familie, soort, protocol, _naam, adres in dict.fromkeys(adressen):
        with socket.socket(familie, soort, protocol) as proef:
            proef.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if familie == socket.AF_INET6 and hasattr(socket, "IPPROTO_IPV6"):
                proef.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                proef.bind(adres)
            except OSError as fout:
                if fout.errno != errno.EADDRNOTAVAIL:
                    raise
                niet_beschikbaar = fout
            else:
                gebonden += 1
    if not gebonden and niet_beschikbaar is not None:
        raise niet_beschikbaar


def _adresmelding(fout: OSError, host: str, poort_tekst: str, instelling: str, host_instelling: str) -> str | None:
    if isinstance(fout, socket.gaierror):
        return f"De bot kan niet luisteren: {host_instelling}={host!r} is geen bekende naam of adres."
    if fout.errno == errno.EADDRINUSE:
        return (
            f"De bot kan niet luisteren: {poort_tekst} is op {host or 'alle adressen'} al in gebruik (draait de bot al?). "
            f"Kies een andere poort met {instelling}."
        )
    if fout.errno == errno.EADDRNOTAVAIL:
        return f"De bot kan niet luisteren: {host_instelling}={host!r} is geen adres van deze machine."
    if fout.errno == errno.EACCES:
        return (
            f"De bot kan niet luisteren: geen rechten voor {poort_tekst} (een poort onder 1024 vraagt beheerrechten). "
            f"Kies een andere poort met {instelling}."
        )
    return None


def ontbrekend_sqlite_bestand(database_url: str) -> str | None:
    """The Dutch message when DATABASE_URL names a SQLite file that is not there, else None. A command
    that only reads (an export, `db current`) checks this first, so it neither creates an empty file
    nor fails inside the driver."""
    url = make_url(database_url)
    bestand = url.database if url.get_backend_name() == "sqlite" else None
    if not bestand or bestand == ":memory:" or Path(bestand).expanduser().exists():
        return None
    return (
        f"De database {bestand} bestaat niet (DATABASE_URL). Klopt het pad, en is de bot hier al eens "
        "gestart (of `python -m bot db upgrade` gedraaid)?"
    )


def _reden(fout: BaseException) -> str | None:
    """Why the database could not be used, for the causes an operator can fix; None otherwise."""
    keten: list[BaseException] = []
    volgende: BaseException | None = fout
    while volgende is not None and volgende not in keten and len(keten) < 10:
        keten.append(volgende)
        volgende = getattr(volgende, "orig", None) or volgende.__cause__ or volgende.__context__
    for oorzaak in keten:
        sqlstate = getattr(oorzaak, "sqlstate", None)
        if sqlstate == "3D000":
            return "de database bestaat niet op die server"
        if sqlstate in ("28P01", "28000"):
            return "aanmelden is mislukt (gebruiker of wachtwoord)"
        if isinstance(oorzaak, socket.gaierror):
            return "de server is onbekend (de naam is niet gevonden)"
        if isinstance(oorzaak, ConnectionRefusedError):
            return "de server weigert de verbinding (draait de database, klopt de poort?)"
        if isinstance(oorzaak, (TimeoutError, sa_exc.TimeoutError)):
            return "geen antwoord op tijd (DB_VERBIND_TIMEOUT)"
        if isinstance(oorzaak, sqlite3.OperationalError) and "unable to open" in str(oorzaak):
            return "het SQLite-bestand kan niet worden geopend (bestaat de map, mag de bot erin schrijven?)"
        if isinstance(oorzaak, sqlite3.DatabaseError) and "not a database" in str(oorzaak):
            return "het bestand is geen SQLite-database"
    return None


def meld_kennisbank_fout(fout: KennisbankFout, pad: Path | None) -> int:
    """The mistakes of a kennisbank that stopped a command. `pad` None: the GEMEENTEN's kennisbanken,
    loaded with the whole installation (the mistakes of every broken one, each naming its folder)."""
    if pad is None:
        print(
            "Een of meer kennisbanken van de gemeenten in GEMEENTEN bevatten fouten (elke melding noemt de map); "
            "de bot is niet gestart.",
            file=sys.stderr,
        )
    else:
        print(f"De kennisbank in {pad} bevat fouten; de bot is niet gestart.", file=sys.stderr)
    print(rapport(fout.meldingen), file=sys.stderr)
    print("Controleer na het herstellen met: python -m kennisbank check PAD", file=sys.stderr)
    return 2


def kennisbank_van_installatie(settings: Settings) -> Path | None:
    """The kennisbank folder to name when the whole installation failed to load: KENNISBANK, or
    None with GEMEENTEN (any gemeente's may be the one; its mistakes name the folder)."""
    return None if settings.gemeenten is not None else settings.kennisbank


def controleer_als(gemeente: Gemeente, persoon_id: str | None) -> int | None:
    """`--als PERSOON_ID` of a local tool (`chat`, `webchat`), checked before anything starts: None
    when it names a persoon of the gemeente's kennisbank (or is not given), else the exit code after
    a Dutch message. Reads the kennisbank without logging its warnings (the installation does, when
    it loads it); a kennisbank with mistakes is reported here already, with its folder."""
    if not persoon_id:
        return None
    from kennisbank.laden import lees_kennisbank

    gelezen = lees_kennisbank(gemeente.kennisbank)
    if gelezen.kennisbank is None:
        return meld_kennisbank_fout(KennisbankFout(gelezen.meldingen), gemeente.kennisbank)
    if gelezen.kennisbank.persoon(persoon_id) is None:
        bekend = ", ".join(sorted(gelezen.kennisbank.personen))
        print(f"Persoon {persoon_id!r} staat niet in de kennisbank (--als). Kies uit: {bekend}", file=sys.stderr)
        return 2
    return None


def lees_omgeving_en_kennisbank(gemeente_id: str | None = None) -> tuple[Settings, Gemeente, Kennisbank] | int:
    """Settings, the gemeente (`--gemeente`, else the first) and its loaded kennisbank for a command,
    or the exit code after a clear message."""
    settings = lees_settings()
    if settings is None:
        return 2
    gemeente = kies_gemeente(gemeenten_uit(settings), gemeente_id)
    if gemeente is None:
        return 2
    from kennisbank.laden import laad_kennisbank

    try:
        return settings, gemeente, laad_kennisbank(gemeente.kennisbank)
    except KennisbankFout as fout:
        return meld_kennisbank_fout(fout, gemeente.kennisbank)


def kies_gemeente(gemeenten: Gemeenten, gemeente_id: str | None) -> Gemeente | None:
    """The gemeente named by `--gemeente` (the first one when not given); None after a Dutch message."""
    if gemeente_id is None:
        return gemeenten.standaard
    gemeente = next((g for g in gemeenten.lijst if g.id == gemeente_id), None)
    if gemeente is None:
        bekend = ", ".join(g.id for g in gemeenten.lijst)
        print(f"Onbekende gemeente {gemeente_id!r}; de gemeenten zijn: {bekend}.", file=sys.stderr)
    return gemeente


def lokale_gemeente(settings: Settings, gemeente_id: str | None, commando: str) -> Gemeente | None:
    """The gemeente a local tool (`chat`, `webchat`) talks to: `--gemeente`, else the first. These
    tools send activities without a Bot Framework token, so that gemeente must run without a bot
    registration (no `bot:` block in GEMEENTEN, no MicrosoftAppId); None after a Dutch message."""
    gemeente = kies_gemeente(gemeenten_uit(settings), gemeente_id)
    if gemeente is None or gemeente.instellingen(settings).lokaal:
        return gemeente
    if gemeente.bot is not None:
        waarom = f"gemeente {gemeente.id!r} heeft een eigen botregistratie (haar bot-blok in GEMEENTEN)"
        hoe = "Kies met --gemeente een gemeente zonder bot-blok, of gebruik een GEMEENTEN-bestand zonder bot-blokken."
    else:
        waarom = "MicrosoftAppId is gezet"
        hoe = f"Laat MicrosoftAppId leeg, bijvoorbeeld: MicrosoftAppId= python -m bot {commando}"
    print(
        f"python -m bot {commando} werkt alleen in de lokale anonieme modus: {waarom}. Het stuurt berichten "
        f"zonder Bot Framework-token, dus de bot zou elk bericht weigeren. {hoe}",
        file=sys.stderr,
    )
    return None


def voeg_gemeente_toe(parser) -> None:
    """The `--gemeente ID` option of commands that read one gemeente's data."""
    parser.add_argument("--gemeente", metavar="ID", help="id van de gemeente uit GEMEENTEN (standaard de eerste)")


def draai_webserver(
    settings: Settings, maak_app: Callable[[], web.Application], *, poort_instelling: str = "PORT", **opties: Any
) -> int:
    """Run the app `maak_app` builds on HOST/PORT until SIGTERM or Ctrl+C (`opties` go to aiohttp's
    `run_app`). An address it cannot listen on is found before the app is built and loaded (a Dutch
    message naming the port and `poort_instelling`, the setting that chooses another); that and a
    kennisbank with mistakes are a Dutch message and exit code 2, not a traceback (`serve` and
    `webchat` both start this way)."""
    from aiohttp import web

    melding = luisterfout(settings, poort_instelling)
    if melding is not None:
        print(melding, file=sys.stderr)
        return 2
    try:
        web.run_app(maak_app(), host=settings.host, port=settings.port, **opties)
    except KennisbankFout as fout:
        return meld_kennisbank_fout(fout, kennisbank_van_installatie(settings))
    except OSError as fout:
        melding = adresfout(fout, settings, poort_instelling)
        if melding is None:
            raise
        print(melding, file=sys.stderr)
        return 2
    return 0
