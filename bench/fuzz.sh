#!/usr/bin/env bash
# Longer, randomized API fuzzing than CI's (which is derandomized and bounded):
#   bash bench/fuzz.sh [EXAMPLES]   (default 100 examples per operation, role and mode)
set -euo pipefail
cd "$(dirname "$0")/.."
NAVIGATOR_FUZZ_EXAMPLES="${1:-100}" NAVIGATOR_FUZZ_RANDOM=1 \
  exec .venv/bin/python -m pytest -p no:cacheprovider tests/reliability/test_api_fuzz.py
