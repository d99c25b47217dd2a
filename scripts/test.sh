#!/usr/bin/env bash
# Installs what the tests need (Python packages, and Debian's Chromium for the browser tests
# when it is missing), checks style, and runs the whole suite. `.ci/run` runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

if [ ! -x /usr/bin/chromium ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

python3 -m ruff check .
python3 -m ruff format --check .
python3 -m mypy
# One worker per core: each test module keeps its own app server and fixture database.
python3 -m pytest -n auto "$@"
