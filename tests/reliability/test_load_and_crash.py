"""Short forms of bench/load.py and bench/crash.py (correctness only; the figures come from the
full runs): the real server in a child process on 127.0.0.1."""

from __future__ import annotations

import asyncio
import sys

from navigator import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "bench"))

import loadkit  # noqa: E402


def test_five_users_for_five_seconds_no_errors_and_every_acknowledged_write_stored(tmp_path, figures):
    world = loadkit.seed(tmp_path / "load", employees=5, companions=2, hr=2)
    server = loadkit.Server(world).start()
    try:
        results = asyncio.run(loadkit.run_mix(server, users=5, seconds=5, pdf_every=5))
    finally:
        server.stop()
    assert not results.errors, results.errors[:10]
    acknowledged = sum(len(v) for v in results.acknowledged.values())
    assert acknowledged > 0 and results.latencies["companion: GET /shared/{id}"]
    assert results.latencies["hr: POST /api/v1/employer/evaluate"] and results.latencies["hr: GET document PDF"]
    assert loadkit.missing_writes(world.db_path, results.acknowledged) == []
    assert loadkit.integrity(world.db_path) == "ok"
    requests = sum(len(v) for v in results.latencies.values())
    figures(f"Load (short form): 5 users × 5 s, {requests} requests, 0 errors, {acknowledged} acknowledged writes all stored")


def test_sigkill_during_writes_loses_no_acknowledged_write(tmp_path, figures):
    world = loadkit.seed(tmp_path / "crash", employees=5, companions=1, hr=1)
    run = loadkit.crash_run(world, writers=5, kill_after=1.5)
    assert run.acknowledged > 0
    assert run.integrity == "ok"
    assert run.restarted
    assert run.missing == []
    figures(f"Crash (short form): SIGKILL after 1.5 s of writes, {run.acknowledged} acknowledged, 0 missing, integrity ok, restarted")
