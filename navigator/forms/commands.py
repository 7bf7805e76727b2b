"""`navigator forms ...`: list the forms, check a case, render one form or the whole set."""

from __future__ import annotations

import sys
from pathlib import Path

from navigator.forms import programs, render
from navigator.forms.documents import employer_documents, prepare
from navigator.forms.package import NotReady, application_zip, problems_of
from navigator.forms.spec import FormLoadError, load_forms
from navigator.rules import FactsError
from navigator.rules.commands import read_facts


def register(subparsers) -> None:
    forms = subparsers.add_parser("forms", help="申請書類・計画書をPDFで作る")
    sub = forms.add_subparsers(dest="forms_command", required=True, metavar="SUBCOMMAND")
    p = sub.add_parser("list", help="様式の一覧")
    p.set_defaults(handler=run_list)
    p = sub.add_parser("check", help="書類を作る前の確認（未入力の欄と規則エンジンの指摘）")
    p.add_argument("facts", type=Path)
    _program_option(p)
    p.set_defaults(handler=run_check)
    p = sub.add_parser("render", help="1つの様式をPDFにする（繰り返す様式は全部を1つのPDFに）")
    p.add_argument("form_id")
    p.add_argument("facts", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--html", action="store_true", help="PDFではなくHTMLを書き出す")
    _program_option(p)
    p.set_defaults(handler=run_render)
    p = sub.add_parser("standards", help="職業能力評価基準のユニットを個票の評価項目（YAML）として出力")
    p.add_argument("unit_code")
    p.set_defaults(handler=run_standards)
    p = sub.add_parser("all", help="申請書類一式をZIPにする")
    p.add_argument("facts", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--allow-missing", action="store_true", help="未入力の欄があっても作る（下書き）")
    _program_option(p)
    p.set_defaults(handler=run_all)


def _program_option(parser) -> None:
    parser.add_argument("--program", choices=[p.id for p in programs.programs()],
                        help="助成金とコース（省略時は事実から判断。例: jinzai.ikusei）")


def _prepare(path: Path, program_id: str | None = None):
    try:
        prepared = prepare(read_facts(path), program=programs.get(program_id))
        if not prepared.program.forms:
            print(f"「{prepared.program.title}」の書類は、学びナビではまだ作れません"
                  "（判定・金額・期限は navigator check で確かめられます）", file=sys.stderr)
            return None
        return prepared
    except FactsError as exc:
        print("事実の入力に誤りがあります:", file=sys.stderr)
        for p in exc.problems:
            print(f"  ・{p['label']}（{p['field']}）: {p['message']}", file=sys.stderr)
    except FormLoadError as exc:
        print(str(exc), file=sys.stderr)
    return None


def _warn(prepared) -> None:
    for w in prepared.warnings:
        print(f"注意: {w.text()}", file=sys.stderr)


def run_list(args) -> int:
    for program in programs.programs():
        print(f"■ {program.title}（--program {program.id}）")
        for form_id in program.forms:
            spec = load_forms()[form_id]
            menus = "・".join(spec.menus) if spec.menus else "常に"
            print(f"  {spec.id:<20} {spec.number or '':<22} {spec.title}（{menus}）")
    return 0


def run_check(args) -> int:
    prepared = _prepare(args.facts, args.program)
    if prepared is None:
        return 2
    problems = problems_of(prepared, employer_documents(prepared))
    for p in problems:
        print(f"未入力・不整合: {p}")
    for w in prepared.warnings:
        print(f"注意: {w.text()}")
    if not problems and not prepared.warnings:
        print("書類を作る準備ができています。")
    return 1 if problems else 0


def run_render(args) -> int:
    prepared = _prepare(args.facts, args.program)
    if prepared is None:
        return 2
    if args.form_id not in load_forms():
        print(f"様式 '{args.form_id}' はありません（navigator forms list で一覧）", file=sys.stderr)
        return 2
    documents = employer_documents(prepared, only=args.form_id)
    if not documents:
        print(f"この会社の事実では '{args.form_id}' を作る対象がありません", file=sys.stderr)
        return 1
    _warn(prepared)
    for p in problems_of(prepared, documents):
        print(f"未入力・不整合: {p}", file=sys.stderr)
    if args.html:
        args.output.write_text("\n".join(render.html(d) for d in documents), encoding="utf-8")
    else:
        args.output.write_bytes(render.pdf_of(documents))
    print(f"{args.output} を書き出しました（{len(documents)}件）")
    return 0


def run_all(args) -> int:
    prepared = _prepare(args.facts, args.program)
    if prepared is None:
        return 2
    _warn(prepared)
    try:
        data, documents = application_zip(prepared, allow_missing=args.allow_missing)
    except NotReady as exc:
        print("未入力の欄があるため作れません（下書きなら --allow-missing）:", file=sys.stderr)
        for p in exc.problems:
            print(f"  ・{p}", file=sys.stderr)
        return 1
    args.output.write_bytes(data)
    print(f"{args.output} を書き出しました（{len(documents)}件の書類）")
    return 0


def run_standards(args) -> int:
    import yaml

    from navigator.forms.standards import SOURCE, items_for

    items = items_for(args.unit_code)
    if not items:
        print(f"ユニット {args.unit_code} は data/evaluation-standards にありません", file=sys.stderr)
        return 1
    sheet = {"source": SOURCE, "items": [i.model_dump(exclude_none=True) for i in items]}
    print(yaml.safe_dump(sheet, allow_unicode=True, sort_keys=False, width=200), end="")
    return 0
