#!/usr/bin/env bash
# Installs what the end-to-end tests (tests/e2e) and `python -m bot webchat` need, and nothing that
# is already there (safe to run before every test run):
#   - Debian's chromium (apt, only when /usr/bin/chromium is missing; never `playwright install`)
#   - the npm packages from package.json (botframework-webchat, @microsoft/app-manifest, and the
#     Microsoft 365 Agents Playground @microsoft/m365agentsplayground, pinned: tests/e2e/test_agentsplayground.py)
#   - the Python playwright package (the driver only) in the venv
# Fails loudly when something cannot be installed: the e2e tests must run, not skip.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-.venv/bin/python}"
CHROMIUM="${STURINGSBOT_CHROMIUM:-/usr/bin/chromium}"

meld() { echo "installeer-e2e: $*"; }

# 1. Chromium
if [ ! -x "$CHROMIUM" ]; then
    meld "Chromium ontbreekt; installeren met apt-get"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
        meld "FOUT: geen root en geen sudo; installeer Chromium zelf: apt-get install chromium" >&2
        exit 1
    fi
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium
fi

# 2. npm packages (Web Chat bundle, Teams manifest schemas, Agents Playground)
if ! command -v npm >/dev/null; then
    meld "FOUT: npm ontbreekt; installeer Node.js (20 of nieuwer) en npm" >&2
    exit 1
fi
PLAYGROUND=node_modules/@microsoft/m365agentsplayground
if ! npm ls --depth=0 >/dev/null 2>&1 || [ ! -f node_modules/botframework-webchat/dist/webchat.js ] \
        || [ ! -f "$PLAYGROUND/cli.js" ]; then
    if [ -f package-lock.json ]; then
        meld "npm ci"
        npm ci --no-audit --no-fund
    else
        meld "npm install"
        npm install --no-audit --no-fund
    fi
fi

# 3. Python playwright (driver only; the browser is Debian's chromium)
if ! "$PY" -c "import playwright" >/dev/null 2>&1; then
    meld "Python-pakket playwright installeren"
    "$PY" -m pip install --quiet "playwright>=1.40,<2"
fi

# 4. nginx (the load-balancer configuration test and bench/schaal.py run the real nginx -t)
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    meld "nginx ontbreekt; installeren met apt-get"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
        meld "FOUT: geen root en geen sudo; installeer nginx zelf: apt-get install nginx" >&2
        exit 1
    fi
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q nginx-light || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q nginx
fi

# Check the result
"$CHROMIUM" --version >/dev/null 2>&1 || { meld "FOUT: $CHROMIUM start niet" >&2; exit 1; }
[ -f node_modules/botframework-webchat/dist/webchat.js ] || { meld "FOUT: Web Chat-bundel ontbreekt na npm" >&2; exit 1; }
[ -f "$PLAYGROUND/cli.js" ] || { meld "FOUT: de Agents Playground ontbreekt na npm ($PLAYGROUND)" >&2; exit 1; }
node "$PLAYGROUND/cli.js" --version >/dev/null 2>&1 || { meld "FOUT: de Agents Playground start niet met $(node --version)" >&2; exit 1; }
"$PY" -c "import playwright.async_api" || { meld "FOUT: playwright niet importeerbaar met $PY" >&2; exit 1; }
meld "klaar ($("$CHROMIUM" --version 2>/dev/null | head -n1), Web Chat $(node -p "require('./node_modules/botframework-webchat/package.json').version"), Agents Playground $(node -p "require('./$PLAYGROUND/package.json').version"))"
