#!/usr/bin/env bash
# Sets up 学びナビ and starts it on its embedded defaults (SQLite, shipped rules and catalog).
# A fresh checkout starts with the demo organization (NAVIGATOR_SEED_DEMO=0 to start empty).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NAVIGATOR_SEED_DEMO="${NAVIGATOR_SEED_DEMO:-1}"
exec .venv/bin/navigator serve "$@"
