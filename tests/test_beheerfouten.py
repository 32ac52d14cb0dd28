"""An operator's mistakes on the way to a running bot (a wrong DATABASE_URL, a database that is not
there, a ja/nee variable with a typo, an unknown log level) each give one short Dutch message and
exit code 2: never a traceback, never the password in DATABASE_URL."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
from sqlalchemy.engine import make_url

from bot.__main__ import main
from bot.__main__ import main as bot_main
from bot.settings import ConfiguratieFout, Settings
from kennisbank.__main__ import main as kennisbank_main
from tests.botproces import GRENS
from tests.conftest import POSTGRES_URL, SKIP_POSTGRES
from tests.test_server_proces import ROOT, _vrije_poort

GEHEIM = "geheim-wachtwoord-9"

FOUTE_OMGEVING = {
    "geen url": ({"DATABASE_URL": "data/sturingsbot.db"}, "DATABASE_URL is geen database-URL"),
    "mysql": ({"DATABASE_URL": f"mysql://bot:{GEHEIM}@db/bot"}, "alleen SQLite en PostgreSQL worden ondersteund, niet 'mysql'"),
    "ander stuurprogramma": (
        {"DATABASE_URL": f"postgresql+psycopg2://bot:{GEHEIM}@db/bot"},
        "schrijf postgresql:// zonder stuurprogramma",
    ),
    "tikfout in ja/nee": ({"ANONIEM_OP_NETWERK": "neee"}, "ANONIEM_OP_NETWERK moet 'ja' of 'nee' zijn, niet 'neee'"),
    "ja/nee": ({"AUTO_MIGRATE": "misschien"}, "AUTO_MIGRATE moet 'ja' of 'nee' zijn"),
    "logniveau": ({"LOG_LEVEL": "verbose"}, "LOG_LEVEL moet een van DEBUG, INFO, WARNING, ERROR, CRITICAL zijn"),
}


@pytest.mark.parametrize("omgeving,melding", FOUTE_OMGEVING.values(), ids=FOUTE_OMGEVING.keys())
def test_a_wrong_variable_is_a_dutch_configuration_error(omgeving, melding):
    """Before: a URL that is none, or of another database, raised SQLAlchemy's English errors (a
    traceback at start-up); a typo in a ja/nee variable counted as 'ja' (ANONIEM_OP_NETWERK=neee opened
    anonymous mode to the network); an unknown LOG_LEVEL was silently INFO."""
    with pytest.raises(ConfiguratieFout) as fout:
        Settings.uit_omgeving(omgeving)
    assert melding in str(fout.value) and GEHEIM not in str(fout.value)


def test_the_usual_spellings_still_work():
    s = Settings.uit_omgeving(
        {"DATABASE_URL": "postgres://bot@db/bot", "ANONIEM_OP_NETWERK": "Nee", "AUTO_MIGRATE": "no", "LOG_LEVEL": "debug"}
    )
    assert (s.database_url, s.anoniem_op_netwerk, s.auto_migreren, s.log_niveau) == (
        "postgresql+asyncpg://bot@db/bot",
        False,
        False,
        "DEBUG",
    )
    assert Settings.uit_omgeving({"HERINNERINGEN": "", "ANONIEM_OP_NETWERK": "JA"}).herinneringen is True
    assert Settings.uit_omgeving({"DATABASE_URL": "sqlite:///data/x.db"}).database_url == "sqlite+aiosqlite:///data/x.db"


def test_the_server_with_an_unreachable_database_says_so_in_dutch(tmp_path):
    """Before: the migration at start-up raised ConnectionRefusedError through web.run_app, a traceback."""
    omgeving = {
        **os.environ,
        "DATABASE_URL": f"postgresql://bot:{GEHEIM}@127.0.0.1:{_vrije_poort()}/bot",
        "PORT": str(_vrije_poort()),
        "HERINNERINGEN": "nee",
        "LOG_LEVEL": "ERROR",
    }
    proces = subprocess.run([sys.executable, "-m", "bot"], cwd=ROOT, env=omgeving, capture_output=True, text=True, timeout=GRENS)
    assert proces.returncode == 2, proces.stderr
    assert "De database is niet bereikbaar: de server weigert de verbinding" in proces.stderr, proces.stderr
    assert "postgresql+asyncpg://bot:***@127.0.0.1" in proces.stderr
    assert "Traceback" not in proces.stderr and GEHEIM not in proces.stderr + proces.stdout


def _postgres(**delen: str) -> str:
    if SKIP_POSTGRES:
        pytest.skip("STURINGSBOT_SKIP_POSTGRES=1")
    return make_url(POSTGRES_URL).set(**delen).render_as_string(hide_password=False)


@pytest.mark.parametrize(
    "url,melding",
    [
        (lambda _: _postgres(database="bestaat_niet_xyz"), "de database bestaat niet op die server"),
        (lambda _: _postgres(username="niemand_xyz", password=GEHEIM), "aanmelden is mislukt (gebruiker of wachtwoord)"),
        (lambda _: "sqlite:////proc/geen-map/bot.db", "de map /proc/geen-map voor het SQLite-bestand kan niet worden gemaakt"),
        (lambda tmp: f"sqlite:///{tmp / 'ruis.db'}", "het bestand is geen SQLite-database"),
    ],
    ids=["database bestaat niet", "verkeerd wachtwoord", "sqlite-map", "geen sqlite-bestand"],
)
def test_database_commands_name_what_is_wrong(tmp_path, monkeypatch, capsys, url, melding):
    (tmp_path / "ruis.db").write_bytes(bytes(range(256)) * 20)
    monkeypatch.setenv("DATABASE_URL", url(tmp_path))
    monkeypatch.setenv("LOG_LEVEL", "ERROR")
    assert main(["db", "upgrade"]) == 2
    fout = capsys.readouterr().err
    assert melding in fout and "Traceback" not in fout and GEHEIM not in fout, fout


# --- the command line itself ------------------------------------------------------------------


@pytest.mark.parametrize(
    "cli,argumenten,melding",
    [
        (bot_main, ["foo"], "python -m bot: fout: COMMANDO: onbekende keuze 'foo' (kies uit 'serve', 'chat'"),
        (bot_main, ["rapportage", "export"], "fout: verplicht, maar niet opgegeven: --periode"),
        (bot_main, ["webchat", "--poort", "x"], "fout: --poort: 'x' is geen geldige waarde (verwacht een geheel getal)"),
        (bot_main, ["db", "upgrade", "nu"], "fout: onbekende argumenten: nu"),
        (kennisbank_main, ["check"], "python -m kennisbank check: fout: verplicht, maar niet opgegeven: PAD"),
        (kennisbank_main, ["onbeantwoord", "--aantal"], "fout: --aantal: geef er een waarde bij"),
    ],
    ids=["onbekend commando", "verplichte optie", "geen getal", "te veel", "verplicht argument", "waarde ontbreekt"],
)
def test_command_line_mistakes_are_dutch(capsys, cli, argumenten, melding):
    """Before: argparse's English ('usage:', 'error: argument COMMANDO: invalid choice')."""
    with pytest.raises(SystemExit) as info:
        cli(argumenten)
    assert info.value.code == 2
    fout = capsys.readouterr().err
    assert fout.startswith("gebruik: python -m ") and melding in fout, fout
    assert "usage" not in fout and "error" not in fout


@pytest.mark.parametrize(
    "cli,argumenten",
    [(bot_main, ["--help"]), (bot_main, ["rapportage", "export", "-h"]), (kennisbank_main, ["--help"])],
    ids=["bot", "subcommando", "kennisbank"],
)
def test_the_help_is_dutch(capsys, cli, argumenten):
    with pytest.raises(SystemExit) as info:
        cli(argumenten)
    assert info.value.code == 0
    hulp = capsys.readouterr().out
    assert hulp.startswith("gebruik: python -m ") and "opties:" in hulp and "-h, --help  " in hulp
    assert "toon deze hulp en stop" in hulp
    for engels in ("usage:", "options:", "positional arguments", "show this help"):
        assert engels not in hulp


def test_an_output_file_that_cannot_be_written_is_named(tmp_path, monkeypatch, capsys):
    """Before: IsADirectoryError / FileExistsError tracebacks from the exports."""
    (tmp_path / "bestand").write_text("x", encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.db'}")
    monkeypatch.setenv("LOG_LEVEL", "ERROR")
    assert bot_main(["db", "upgrade"]) == 0
    assert bot_main(["bestuursopdracht", "export", "--uitvoer", str(tmp_path)]) == 2
    assert f"{tmp_path}: is een map; geef een bestandsnaam." in capsys.readouterr().err
    assert bot_main(["rapportage", "export", "--periode", "herfst-2026", "--uitvoer", str(tmp_path / "bestand" / "x.xlsx")]) == 2
    assert f"{tmp_path / 'bestand'}: een deel van het pad is een bestand, geen map." in capsys.readouterr().err
    (tmp_path / "map.xlsx").mkdir()
    assert kennisbank_main(["exporteer", "--naar", str(tmp_path / "map.xlsx")]) == 2
    assert f"{tmp_path / 'map.xlsx'}: is een map" in capsys.readouterr().err
    assert kennisbank_main(["exporteer", "--naar", str(tmp_path / "tabel.csv")]) == 2
    assert "--naar moet een .xlsx-bestand zijn" in capsys.readouterr().err and not (tmp_path / "tabel.csv").exists()


@pytest.mark.parametrize(
    "argumenten",
    [["bestuursopdracht", "export"], ["rapportage", "export", "--periode", "herfst-2026"], ["db", "current"]],
    ids=["checks", "rapportage", "db current"],
)
def test_a_reading_command_on_a_database_that_is_not_there(tmp_path, monkeypatch, capsys, argumenten):
    """Before: a traceback ending in sqlite3.OperationalError 'unable to open database file' (or, with
    the folder there, an empty database file made by a command that only reads)."""
    for pad in (tmp_path / "geen-map" / "nergens.db", tmp_path / "nergens.db"):
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{pad}")
        monkeypatch.setenv("LOG_LEVEL", "ERROR")
        assert bot_main(argumenten) == 2
        assert f"De database {pad} bestaat niet (DATABASE_URL)" in capsys.readouterr().err
        assert not pad.exists()


async def test_an_address_or_method_the_bot_does_not_have_is_answered_in_dutch(bot_client):
    """Before: aiohttp's plain-text '404: Not Found' / '405: Method Not Allowed', e.g. for an operator
    who opens /api/messages in a browser or types /health."""
    niet = await bot_client.get("/health")
    assert niet.status == 404 and "Dit adres kent Sturingsbot niet" in (await niet.json())["fout"]
    verkeerd = await bot_client.get("/api/messages")
    assert verkeerd.status == 405 and verkeerd.headers["Allow"] == "POST"
    assert (await verkeerd.json())["fout"] == "GET kan niet op /api/messages; wel: POST."
    assert (await bot_client.get("/healthz")).status == 200


def test_a_failing_statement_is_not_passed_off_as_an_unreachable_database():
    """A bug (a statement the database refuses) keeps its traceback: only causes an operator can fix
    become the Dutch 'niet bereikbaar' line."""
    from sqlalchemy import exc as sa_exc

    from bot.cli.gedeeld import databasefout

    fout = sa_exc.ProgrammingError("SELECT kolom FROM tabel", {}, Exception("no such column: kolom"))
    assert databasefout(fout, "sqlite+aiosqlite:///data/x.db") is None
    geweigerd = sa_exc.OperationalError("connect", {}, ConnectionRefusedError(111, "refused"))
    assert "De database is niet bereikbaar" in (databasefout(geweigerd, "postgresql+asyncpg://u:pw@h/db") or "")


@pytest.mark.parametrize("commando", ["webchat", "chat"])
def test_acting_as_nobody_is_one_dutch_line_before_anything_starts(tmp_path, commando):
    """`--als` names nobody in the kennisbank. Before: webchat raised in the app's start-up after the
    installation was open, so asyncio logged a traceback of its unclosed services before the Dutch
    line; chat started anyway, anonymously, exit code 0."""
    omgeving = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        "PORT": str(_vrije_poort()),
        "HERINNERINGEN": "nee",
    }
    omgeving.pop("MicrosoftAppId", None)
    proces = subprocess.run(
        [sys.executable, "-m", "bot", commando, "--als", "niemand"],
        cwd=ROOT,
        env=omgeving,
        input="/stop\n",
        capture_output=True,
        text=True,
        timeout=GRENS,
    )
    assert proces.returncode == 2, proces.stdout + proces.stderr
    assert proces.stderr.startswith("Persoon 'niemand' staat niet in de kennisbank"), proces.stderr
    assert "marcel-kossen" in proces.stderr  # who can be chosen
    assert "Traceback" not in proces.stderr and "ERROR" not in proces.stderr
    assert not (tmp_path / "bot.db").exists()  # refused before the database was opened


@pytest.mark.parametrize("commando,instelling", [(["serve"], "PORT"), (["webchat"], "--poort of PORT")], ids=["serve", "webchat"])
def test_a_taken_port_is_named_before_the_bot_is_loaded(tmp_path, commando, instelling):
    """Before: the whole installation (kennisbank, recogniser, database) loaded first, and the port was
    only found taken after that: here a broken kennisbank was reported instead of the port."""
    kapot = tmp_path / "kb"
    kapot.mkdir()  # a kennisbank without any of its files: loading it would fail
    with socket.socket() as bezet:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen()
        poort = bezet.getsockname()[1]
        omgeving = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
            "PORT": str(poort),
            "HERINNERINGEN": "nee",
            "KENNISBANK": str(kapot),
        }
        omgeving.pop("MicrosoftAppId", None)
        proces = subprocess.run(
            [sys.executable, "-m", "bot", *commando], cwd=ROOT, env=omgeving, capture_output=True, text=True, timeout=GRENS
        )
    assert proces.returncode == 2, proces.stderr
    assert f"poort {poort} is op 127.0.0.1 al in gebruik" in proces.stderr, proces.stderr
    assert f"Kies een andere poort met {instelling}" in proces.stderr, proces.stderr
    assert "kennisbank" not in proces.stderr.lower() and "Traceback" not in proces.stderr
    assert not (tmp_path / "bot.db").exists()
