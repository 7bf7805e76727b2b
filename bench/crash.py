"""Crash safety: kill the server (SIGKILL) while writes are in flight, restart, and check that the
database opens, passes `PRAGMA integrity_check` and holds every write the server acknowledged.

    .venv/bin/python bench/crash.py [--runs 10] [--writers 20]

Each run kills the server at a different moment (0.5 to 3 s after the first write is
acknowledged) on the same database, so later runs start from a database that has already been
through earlier kills.
Exits 1 if any run loses an acknowledged write or fails the integrity check. The short form
runs in the tests (tests/reliability/test_load_and_crash.py).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loadkit  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    failed = 0
    total = 0
    with tempfile.TemporaryDirectory(prefix="navigator-crash-") as tmp:
        world = loadkit.seed(Path(tmp))
        print(f"{'run':>3} {'killed after s':>14} {'acknowledged':>12} {'missing':>8} {'integrity':>10} {'restarted':>9}")
        for run in range(1, args.runs + 1):
            kill_after = rng.uniform(0.5, 3.0)
            result = loadkit.crash_run(world, args.writers, kill_after)
            total += result.acknowledged
            ok = not result.missing and result.integrity == "ok" and result.restarted
            failed += not ok
            print(f"{run:3d} {kill_after:14.2f} {result.acknowledged:12d} {len(result.missing):8d} "
                  f"{result.integrity:>10} {'yes' if result.restarted else 'NO':>9}")
            for line in result.missing[:5]:
                print(f"    missing: {line}")
        stored = sum(len(v) for v in loadkit.stored_events(world.db_path).values())
    print(f"{args.runs - failed} of {args.runs} runs survived; {total} acknowledged writes, "
          f"{stored} entries in the database at the end")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
