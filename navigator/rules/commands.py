"""`navigator check FACTS.yaml`: evaluate a company's plan and print the Japanese report.

`navigator benefit WORKER.yaml COURSE.yaml`: what a worker gets back for one course.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from navigator import dates
from navigator.inputfile import InputFileError, read_text
from navigator.facts import CASE_TYPES, EmployerCase, WorkerCase, vocabulary_table
from navigator.rules import FactsError, evaluate, parse_case
from navigator.rules.explain import benefit_report, case_json, report
from navigator.yamlfile import load_facts_yaml

EXIT_BAD_INPUT = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    check = subparsers.add_parser(
        "check", help="事業主の事実ファイルから助成金の対象・金額・期限・理由を判定する")
    check.add_argument("facts", type=Path, help="事実ファイル（YAML または JSON）")
    check.add_argument("--as-of", help="判定の基準日（例: 2015-09-01、令和7年4月1日）")
    check.add_argument("--json", action="store_true", help="結果を JSON で出力する")
    check.set_defaults(handler=run_check)

    benefit = subparsers.add_parser(
        "benefit", help="本人と講座の事実ファイルから教育訓練給付金などの金額・手順・期限・理由を判定する")
    benefit.add_argument("worker", type=Path, help="本人の事実ファイル（YAML または JSON）")
    benefit.add_argument("course", type=Path, nargs="?",
                         help="講座の事実ファイル（省略時は本人のファイルの course を使う）")
    benefit.add_argument("--as-of", help="判定の基準日（例: 2025-04-01、令和7年4月1日）")
    benefit.add_argument("--json", action="store_true", help="結果を JSON で出力する")
    benefit.set_defaults(handler=run_benefit)

    facts = subparsers.add_parser("facts", help="事実の語彙（項目名・日本語ラベル・型）を表示する")
    facts.add_argument("--kind", default="employer", choices=sorted(CASE_TYPES))
    facts.set_defaults(handler=run_facts)


def read_facts(path: Path) -> object:
    """Reads a YAML/JSON facts file; errors are raised as FactsError with Japanese text."""
    try:
        text = read_text(path)
    except InputFileError as exc:
        raise FactsError([{"field": exc.path, "label": "ファイル", "message": str(exc)}]) from None
    try:
        return load_facts_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{mark.line + 1}行目" if mark else "どこか"
        raise FactsError([{"field": str(path), "label": "ファイル",
                           "message": f"YAML として読めません（{where}）: {getattr(exc, 'problem', exc)}"}])


def worker_facts(worker_data: Any, course_data: Any = None) -> Any:
    """One WorkerCase mapping from a worker file and a course file.

    The course file may be the course itself or a mapping with a `course` key; without a course
    file the worker file must hold `course` itself.
    """
    if course_data is None or not isinstance(worker_data, dict):
        return worker_data  # parse_case names the problem
    if not isinstance(course_data, dict):
        raise FactsError([{"field": "course", "label": "講座",
                           "message": "講座はキーと値の組（YAML/JSONのマッピング）で書いてください"}])
    course = course_data["course"] if set(course_data) == {"course"} else course_data
    return {**worker_data, "course": course}


def run_check(args: argparse.Namespace) -> int:
    try:
        as_of = dates.parse_date(args.as_of) if args.as_of else None
        result = evaluate(parse_case(read_facts(args.facts), "employer"), as_of)
    except dates.DateParseError as exc:
        return _bad_input(args, [{"field": "--as-of", "label": "判定の基準日", "message": str(exc)}])
    except FactsError as exc:
        return _bad_input(args, exc.problems)
    if args.json:
        json.dump(case_json(EmployerCase, result), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(report(EmployerCase, result))
    return 0


def run_benefit(args: argparse.Namespace) -> int:
    try:
        as_of = dates.parse_date(args.as_of) if args.as_of else None
        worker = read_facts(args.worker)
        course = read_facts(args.course) if args.course else None
        case = parse_case(worker_facts(worker, course), "worker")
        result = evaluate(case, as_of)
    except dates.DateParseError as exc:
        return _bad_input(args, [{"field": "--as-of", "label": "判定の基準日", "message": str(exc)}])
    except FactsError as exc:
        return _bad_input(args, exc.problems)
    if args.json:
        json.dump(case_json(WorkerCase, result), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(benefit_report(WorkerCase, result, case.course.model_dump(mode="json", exclude_none=True)))
    return 0


def _bad_input(args: argparse.Namespace, problems: list[dict[str, str]]) -> int:
    if args.json:
        json.dump({"error": "invalid_facts", "problems": problems}, sys.stderr, ensure_ascii=False, indent=2)
        print(file=sys.stderr)
    else:
        print("入力に誤りがあります:", file=sys.stderr)
        for p in problems:
            print(f"  ・{p['label']}（{p['field']}）: {p['message']}", file=sys.stderr)
    return EXIT_BAD_INPUT


def run_facts(args: argparse.Namespace) -> int:
    print(vocabulary_table(CASE_TYPES[args.kind]))
    return 0
