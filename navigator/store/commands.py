"""CLI: `navigator backup FILE` and `navigator restore FILE` (SQLite; PostgreSQL: pg_dump)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from navigator.store import backup, migrate
from navigator.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    save = subparsers.add_parser("backup", help="動作中でも一貫したデータベースのコピーを作る（SQLite）")
    save.add_argument("file", type=Path, help="コピー先のファイル（新しいファイル）")
    save.set_defaults(handler=cmd_backup)
    load = subparsers.add_parser("restore", help="バックアップからデータベースを戻す（先にサーバーを止める）")
    load.add_argument("file", type=Path, help="navigator backup で作ったファイル")
    load.set_defaults(handler=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    try:
        path = backup.backup(Settings().database_url, args.file)
    except backup.BackupError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"バックアップを作りました: {path}（integrity_check: ok）")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    settings = Settings()
    try:
        path = backup.restore(settings.database_url, args.file)
    except backup.BackupError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    migrate.upgrade(settings.database_url)  # a backup from an older version gets the newer tables
    print(f"{args.file} から {path} に戻しました（integrity_check: ok）")
    return 0
