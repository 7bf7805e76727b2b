"""Load test of the running product on 127.0.0.1: employees logging entries, companions reading
shared notes, HR running evaluations and downloading document PDFs, all at once.

    .venv/bin/python bench/load.py [--users 50] [--seconds 60] [--pdf-every 10]

Starts `navigator serve` (one process, SQLite) on a fresh seeded database, runs the users for the
given time, stops the server and checks that every entry the server acknowledged (303) is in
the database with its text. Prints throughput and p50/p95/p99 latency per operation; exits 1 on
any error or missing write. The short form runs in the tests (tests/reliability/test_load_and_crash.py).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loadkit  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--pdf-every", type=int, default=10, help="every n-th HR request is a PDF (0: none)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="navigator-load-") as tmp:
        world = loadkit.seed(Path(tmp))
        load_before = os.getloadavg()[0]
        server = loadkit.Server(world).start()
        try:
            results = asyncio.run(loadkit.run_mix(server, args.users, args.seconds, args.pdf_every))
        finally:
            server.stop()
        missing = loadkit.missing_writes(world.db_path, results.acknowledged)
        acknowledged = sum(len(v) for v in results.acknowledged.values())
        print(f"{args.users} users for {args.seconds:.0f} s on {os.cpu_count()} cores "
              f"(1-minute load average before the run: {load_before:.1f})")
        print(loadkit.table(results))
        print(f"errors: {len(results.errors)}")
        for error in results.errors[:10]:
            print(f"  {error}")
        print(f"acknowledged writes: {acknowledged}; missing from the database: {len(missing)}; "
              f"integrity_check: {loadkit.integrity(world.db_path)}")
        return 1 if results.errors or missing else 0


if __name__ == "__main__":
    sys.exit(main())
