"""Consistent copies of the SQLite database while the app runs, and restoring one.

SQLite's online backup API (sqlite3.Connection.backup) copies a consistent snapshot page by
page while other connections go on reading and writing; the copy is checked with
`PRAGMA integrity_check` before it replaces anything. PostgreSQL is backed up with its own
tools (pg_dump / pg_restore: README, "Backups").
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

from navigator.store.db import normalize_url


class BackupError(Exception):
    """A Japanese message for the person running the command."""


def sqlite_path(database_url: str) -> Path:
    url = make_url(normalize_url(database_url))
    if not url.drivername.startswith("sqlite"):
        raise BackupError(
            "このコマンドは SQLite のデータベースだけを扱います。PostgreSQL は pg_dump と pg_restore で"
            "バックアップ・復元してください（README の「バックアップ」）。")
    if not url.database or url.database == ":memory:":
        raise BackupError("メモリ上のデータベースはバックアップできません。")
    return Path(url.database)


def _copy(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst, pages=1024)  # a batch at a time: writers are not held up for the whole copy


def check(path: Path) -> None:
    """A readable navigator database: integrity_check ok and migrations applied."""
    if not path.is_file():
        raise BackupError(f"ファイルが見つかりません: {path}")
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            result = connection.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError:
        raise BackupError(f"SQLite のデータベースとして読めません: {path}") from None
    if result != "ok":
        raise BackupError(f"データベースが壊れています（integrity_check: {result}）: {path}")
    if not {"alembic_version", "users"} <= tables:
        raise BackupError(f"学びナビのデータベースではありません: {path}")


def backup(database_url: str, target: Path) -> Path:
    """Copy the live database to `target` (a new file; an existing one is not overwritten)."""
    source = sqlite_path(database_url)
    if not source.is_file():
        raise BackupError(f"データベースがありません: {source}")
    if target.exists():
        raise BackupError(f"すでにファイルがあります（上書きしません）: {target}")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    _copy(source, partial)
    check(partial)
    os.replace(partial, target)
    return target


def restore(database_url: str, source: Path) -> Path:
    """Replace the database's content with the backup's (checked first). Stop the server first:
    pages it has open would otherwise show the old data until reloaded."""
    check(source)
    target = sqlite_path(database_url)
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy(source, target)
    check(target)
    return target
