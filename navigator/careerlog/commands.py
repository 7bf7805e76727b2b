"""`navigator careerlog check | analyze`: for the people who edit careerlog/ and prompts/."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import yaml

from navigator.inputfile import read_text


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("careerlog", help="キャリアログ・キャリアノートの知識ファイルを検査・試す")
    sub = parser.add_subparsers(dest="careerlog_command", required=True)
    check = sub.add_parser("check", help="careerlog/ と prompts/ のファイルをすべて検査する")
    check.set_defaults(handler=cmd_check)
    analyze = sub.add_parser("analyze", help="記録のYAMLファイルからキャリアノートを作って表示する（データベースは使わない）")
    analyze.add_argument("file", type=Path, help="記録のYAML：- {date: 2026-04-01, emotion: うれしい, intensity: 2, event: …}")
    analyze.add_argument("--json", action="store_true", help="ノートのデータをJSONで出す")
    analyze.set_defaults(handler=cmd_analyze)


def cmd_check(args: argparse.Namespace) -> int:
    from navigator.careerlog import knowledge, prompts
    from navigator.careerlog.knowledge import KnowledgeError

    try:
        k = knowledge.load()
        prompt_set = prompts.load()
    except KnowledgeError as exc:
        print(exc, file=sys.stderr)
        return 1
    items = sum(len(c.items) for c in k.worth.conditions)
    print(
        f"OK（きまりの版 {k.version}）：感情{len(k.emotions.emotions)}、壁{len(k.barriers.barriers)}、"
        f"働きがいの項目{items}、方向性{len(k.directions.topics)}、プロンプト{len(prompt_set)}"
    )
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from navigator.careerlog.entries import Entry
    from navigator.careerlog.generate import note_text
    from navigator.careerlog.knowledge import knowledge
    from navigator.careerlog.note import build_note

    try:
        rows = yaml.safe_load(read_text(args.file))
    except yaml.YAMLError as exc:
        print(f"{args.file}: 読み込めません: {exc}", file=sys.stderr)
        return 2
    emotions = knowledge().emotions
    entries = []
    for i, row in enumerate(rows or [], start=1):
        day = row.get("date")
        if not isinstance(day, date) or row.get("emotion") not in emotions.labels or not row.get("event"):
            print(f"{args.file}: {i}件目：date（日付）、emotion（{'・'.join(emotions.labels)}）、event が必要です", file=sys.stderr)
            return 2
        entries.append(Entry(i, day, str(row["event"]), row["emotion"], int(row.get("intensity", emotions.intensity.default))))
    if not entries:
        print(f"{args.file}: 記録がありません", file=sys.stderr)
        return 2
    note = build_note(entries, min(e.day for e in entries), max(e.day for e in entries))
    if args.json:
        print(json.dumps(note, ensure_ascii=False, indent=2))
    else:
        print(note_text(note, {}, {e.id: e for e in entries}), end="")
    return 0
