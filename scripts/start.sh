#!/usr/bin/env bash
# Sets up 学びナビ and starts it on its embedded defaults (SQLite, shipped rules and catalog).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/navigator serve "$@"
