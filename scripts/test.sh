#!/usr/bin/env bash
# Runs every test of 学びナビ on a fresh machine: sets up what is missing, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m pytest "$@"
