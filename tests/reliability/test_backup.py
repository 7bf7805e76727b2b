"""`navigator backup` while the server writes, and `navigator restore`."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import time

import pytest

from navigator import PROJECT_ROOT
from navigator.cli import main

sys.path.insert(0, str(PROJECT_ROOT / "bench"))

import loadkit  # noqa: E402


def _entries(path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM career_log_entries").fetchone()[0]


def _use(monkeypatch, db_path, var_dir):
    monkeypatch.setenv("NAVIGATOR_DATABASE_URL", f"sqlite:///{db_path}")
    monkeypatch.setenv("NAVIGATOR_VAR_DIR", str(var_dir))


async def _write_and_back_up(server, target, results):
    """Writers keep writing while the backup runs; returns the writes acknowledged before it."""
    deadline = time.monotonic() + 4
    writers = [asyncio.create_task(loadkit.employee(server.url, email, deadline, results, write_only=True))
               for email in server.world.employees[:4]]
    await asyncio.sleep(1.5)
    before = {email: set(events) for email, events in results.acknowledged.items()}
    code = await asyncio.to_thread(main, ["backup", str(target)])
    await asyncio.gather(*writers)
    return code, before


def test_backup_while_the_server_writes_then_restore(tmp_path, monkeypatch, capsys, figures):
    world = loadkit.seed(tmp_path / "live", employees=4, companions=1, hr=1)
    _use(monkeypatch, world.db_path, world.var_dir)
    target = tmp_path / "backup.db"
    server = loadkit.Server(world).start()
    results = loadkit.Results()
    try:
        code, before = asyncio.run(_write_and_back_up(server, target, results))
    finally:
        server.stop()
    assert code == 0, capsys.readouterr().err
    assert "integrity_check: ok" in capsys.readouterr().out
    assert loadkit.integrity(target) == "ok"
    # everything acknowledged before the backup started is in it; the live file has more since
    assert loadkit.missing_writes(target, before) == []
    backed_up, live = _entries(target), _entries(world.db_path)
    assert 0 < backed_up <= live

    # restore into a new place, as after losing the machine
    restored = tmp_path / "restored" / "navigator.db"
    _use(monkeypatch, restored, tmp_path / "restored")
    assert main(["restore", str(target)]) == 0
    assert _entries(restored) == backed_up and loadkit.integrity(restored) == "ok"
    figures(f"Backup: consistent copy taken while 4 writers ran ({backed_up} entries, integrity ok), restored")


def test_backup_refuses_to_overwrite_and_restore_refuses_what_is_not_a_backup(tmp_path, monkeypatch, capsys):
    world = loadkit.seed(tmp_path / "live", employees=1, companions=1, hr=1)
    _use(monkeypatch, world.db_path, world.var_dir)
    existing = tmp_path / "existing.db"
    existing.write_text("keep me")
    assert main(["backup", str(existing)]) == 2
    assert "上書きしません" in capsys.readouterr().err and existing.read_text() == "keep me"
    assert main(["restore", str(existing)]) == 2
    assert "SQLite のデータベースとして読めません" in capsys.readouterr().err
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    assert main(["restore", str(other)]) == 2
    assert "学びナビのデータベースではありません" in capsys.readouterr().err
    assert main(["restore", str(tmp_path / "missing.db")]) == 2
    assert "ファイルが見つかりません" in capsys.readouterr().err
    assert _entries(world.db_path) == 0  # the live database untouched


def test_postgresql_is_pointed_to_pg_dump(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("NAVIGATOR_DATABASE_URL", "postgresql://u:p@127.0.0.1/db")
    monkeypatch.setenv("NAVIGATOR_VAR_DIR", str(tmp_path))
    assert main(["backup", str(tmp_path / "x.db")]) == 2
    assert "pg_dump" in capsys.readouterr().err
