"""CLI subcommands of the web foundation: `serve`, `demo`, `admin create`."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime

from navigator.store import accounts, demo, migrate, passwords
from navigator.store.db import make_engine, make_sessionmaker
from navigator.store.errors import InvalidInput
from navigator.settings import Settings

DEMO_FILE = "demo-accounts.txt"


def register(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser("serve", help="Webアプリを起動する（起動時にマイグレーションを適用）")
    serve.add_argument("--host", help="待ち受けるアドレス（既定: 127.0.0.1）")
    serve.add_argument("--port", type=int, help="ポート番号（既定: 8000）")
    serve.add_argument("--demo", action="store_true", help="データベースが空ならデモデータを入れてから起動する")
    serve.set_defaults(handler=cmd_serve)

    demo_parser = subparsers.add_parser("demo", help="デモの組織・アカウント・サンプルデータを作る")
    demo_parser.set_defaults(handler=cmd_demo)

    admin = subparsers.add_parser("admin", help="管理者アカウントの操作")
    admin_sub = admin.add_subparsers(dest="admin_command", required=True)
    create = admin_sub.add_parser("create", help="最初の管理者を作る（組織がなければ作る）")
    create.add_argument("--email", required=True, help="管理者のメールアドレス")
    create.add_argument("--org", required=True, help="所属する組織の名前")
    create.add_argument("--name", help="表示名（既定: メールアドレスの@より前）")
    create.add_argument("--password-stdin", action="store_true", help="パスワードを標準入力の1行目から読む")
    create.set_defaults(handler=cmd_admin_create)


def _open_store(settings: Settings):
    settings.ensure_var_dir()
    passwords.use_profile(settings.password_hash_profile)
    migrate.upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    return engine, make_sessionmaker(engine)


def _seed_demo(settings: Settings, db) -> str:
    from navigator.web.templating import JST

    created = demo.seed(db, datetime.now(JST).date())
    text = demo.format_accounts(created)
    path = settings.var_dir / DEMO_FILE
    path.touch(mode=0o600)
    path.write_text(text + "\n", encoding="utf-8")
    return text


def _saved_demo_accounts(settings: Settings) -> str | None:
    path = settings.var_dir / DEMO_FILE
    return path.read_text(encoding="utf-8").rstrip() if path.exists() else None


def cmd_demo(args: argparse.Namespace) -> int:
    settings = Settings()
    engine, sessions = _open_store(settings)
    with sessions() as db:
        if demo.demo_exists(db):
            print("デモはすでに作られています。")
            saved = _saved_demo_accounts(settings)
            if saved:
                print(saved)
            return 0
        print(_seed_demo(settings, db))
    print(f"（{settings.var_dir / DEMO_FILE} にも保存しました）")
    engine.dispose()
    return 0


def cmd_admin_create(args: argparse.Namespace) -> int:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("パスワード（10文字以上）: ")
        if getpass.getpass("もう一度: ") != password:
            print("パスワードが一致しません。", file=sys.stderr)
            return 2
    settings = Settings()
    engine, sessions = _open_store(settings)
    try:
        with sessions() as db:
            org = accounts.get_or_create_organization(db, args.org)
            name = args.name or args.email.split("@")[0]
            user = accounts.create_user(db, org, args.email, name, password, {"admin"})
            print(f"管理者 {user.email}（{org.name}）を作りました。")
    except InvalidInput as exc:
        print(exc.message, file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from navigator.web.app import create_app

    overrides = {k: v for k, v in {"host": args.host, "port": args.port}.items() if v is not None}
    settings = Settings(**overrides)
    engine, sessions = _open_store(settings)
    with sessions() as db:
        if (args.demo or settings.seed_demo) and not demo.has_any_organization(db):
            _seed_demo(settings, db)
        has_demo = demo.demo_exists(db)
        has_org = demo.has_any_organization(db)
    engine.dispose()

    app = create_app(settings, run_migrations=False)
    url = f"http://{settings.host}:{settings.port}/"
    print(f"\n学びナビを起動します: {url}")
    saved = _saved_demo_accounts(settings) if has_demo else None
    if saved:
        print(f"ブラウザで {url}login を開き、次のアカウントでサインインしてください。")
        print(saved)
    elif not has_org:
        print("アカウントがまだありません。最初の管理者を作ってください:")
        print("  .venv/bin/navigator admin create --email you@example.jp --org 組織名")
        print("  （デモを試すには: .venv/bin/navigator demo）")
    else:
        print(f"ブラウザで {url}login を開いてサインインしてください。")
    print("止めるには Ctrl+C\n", flush=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
    return 0
