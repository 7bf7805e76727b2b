"""HR pages of the plan builder: the company case (one per organization), the subsidy course HR
chose, the interview driven by what that course's rules still need, the verdict with its amounts,
caps, what-if and deadlines, and the YAML editors of the facts. The per-trainee table is in
plan_trainees.py, the documents, the ZIP and the iCal file in plan_documents.py.

Only HR and admin of the organization reach these pages (access table: STAFF) and the store reads
and writes only the viewer's own organization's case (navigator.store.employer_cases).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import yaml
from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from navigator import PROJECT_ROOT
from navigator.facts import EmployerCase, label_of
from navigator.forms import interview, programs, trainees, verdict
from navigator.forms.chart import timeline_svg
from navigator.forms.documents import Prepared, employer_documents, prepare
from navigator.forms.package import problems_of
from navigator.forms.programs import Program
from navigator.rules import FactsError, evaluate, parse_case
from navigator.rules.engine import RuleRuntimeError
from navigator.store import employer_cases
from navigator.store.viewer import Viewer
from navigator.web.auth import viewer as current
from navigator.web.deps import form_data, get_db
from navigator.web.pages.account import see_other
from navigator.web.templating import flash, render as page
from navigator.yamlfile import load_facts_yaml

router = APIRouter(include_in_schema=False)
PARTS = {name: field.title for name, field in EmployerCase.model_fields.items()}
PLAN = "/hr/plan"


@dataclass
class CaseState:
    """The organization's case as the pages use it."""

    data: dict  # the facts
    chosen: str | None  # the course HR chose (None: not yet)
    program: Program | None  # the chosen one, or for a case saved before choosing, the one its facts are about
    prepared: Prepared | None
    fact_errors: list[str]


def load(db: Session, viewer: Viewer, program_id: str | None = None) -> CaseState:
    """`program_id` (a page's hidden field): the course the person was looking at, else the chosen one."""
    data = employer_cases.get_case(db, viewer)
    chosen = employer_cases.get_program(db, viewer)
    program = programs.get(program_id) or programs.get(chosen) or (programs.infer(data) if data else None)
    if program is None:
        return CaseState(data, chosen, None, None, [])
    try:
        return CaseState(data, chosen, program, prepare(data, program=program), [])
    except FactsError as exc:
        return CaseState(data, chosen, program, None, _messages(exc))
    except RuleRuntimeError as exc:
        if not exc.refused_value:
            raise
        return CaseState(data, chosen, program, None, [exc.problem])


def _messages(exc: FactsError) -> list[str]:
    return [f"{p['label']}（{p['field']}）: {p['message']}" for p in exc.problems]


def render(request, db, viewer, status=200, state: CaseState | None = None, **extra):
    """The page, with `extra` for what a refused post shows again (errors and what was typed)."""
    state = state or load(db, viewer)
    prepared = state.prepared
    documents = employer_documents(prepared) if prepared else []
    today = dt.date.today()
    context = {
        "state": state,
        "prepared": prepared,
        "ended": state.program.ended(today) if state.program else False,
        "choices": _choices(state),
        "parts": [(name, label, (extra.get("editing") or {}).get(name, _dump(state.data.get(name))))
                  for name, label in PARTS.items()],
        "form_errors": [], "answer_errors": {}, "answer_values": {},
        "table_errors": [], "row_errors": {}, "row_values": {}, "editing_row": None,
    }
    if prepared:
        facts = prepared.case.activation()
        program = prepared.program
        asked = interview.questions(prepared)
        context |= {
            "verdict": prepared.context["derived"]["verdict"],
            "what_if": verdict.what_if(facts, prepared.result, program,
                                       lambda changed: evaluate(parse_case(changed), prepared.result.as_of)),
            "others": verdict.others(prepared.result, program),
            "questions": asked,
            "document_questions": [q for q in interview.document_questions(documents, facts)
                                   if q.path not in {a.path for a in asked}],
            "timeline": prepared.context["derived"]["timeline"],
            "chart": timeline_svg(prepared.context["derived"]["timeline"]),
            "documents": documents,
            "problems": problems_of(prepared, documents),
            "columns": trainees.columns() if program.training_types else [],
            "rows": trainees.rows_of(facts, program) if program.training_types else [],
        }
    context |= extra
    edit = request.query_params.get("edit", "")
    if not context["row_values"] and edit.isdigit() and int(edit) < len(context.get("rows", [])):
        context["editing_row"] = int(edit)
        context["row_values"] = {c.field: context["rows"][int(edit)][c.header] for c in context["columns"]}
    return page(request, "plan_builder.html", context, status)


def _choices(state: CaseState) -> list[dict]:
    """Every course, the ended ones last (kept for past cases), each with when it ended."""
    today = dt.date.today()
    return [{"program": p, "ended": p.ended(today), "valid_to": p.valid_to(), "cite": p.validity_cite(),
             "current": state.program is not None and p.id == state.program.id,
             "trainings": "、".join(label_of("training_type", t).split("（")[0] for t in p.training_types)}
            for p in sorted(programs.programs(), key=lambda p: p.ended(today))]


def _dump(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100) if value not in (None, {}, []) else ""


@router.get(PLAN)
def plan_page(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return render(request, db, viewer)


@router.post(f"{PLAN}/program")
def choose_program(request: Request, form: dict = Depends(form_data), db: Session = Depends(get_db),
                   viewer: Viewer = Depends(current)):
    program = programs.get(form.get("program") if isinstance(form.get("program"), str) else None)
    if program is None:
        return render(request, db, viewer, 422, form_errors=["「助成金とコース」を選んでください。"])
    employer_cases.save_program(db, viewer, program.id)
    flash(request, f"「{program.title}」で進めます。入力した事実はそのまま使います。")
    return see_other(PLAN)


def save(request, db, viewer, data, message, **extra):
    """Saves valid facts and goes back to the page; bad facts: the page again with the messages, nothing saved."""
    try:
        case = parse_case(data)
    except FactsError as exc:
        return render(request, db, viewer, 422, form_errors=_messages(exc), **extra)
    employer_cases.save_case(db, viewer, case.model_dump(mode="json", exclude_none=True))
    flash(request, message)
    return see_other(PLAN)


@router.post(f"{PLAN}/answers")
def save_answers(request: Request, form: dict = Depends(form_data), db: Session = Depends(get_db),
                 viewer: Viewer = Depends(current)):
    state = load(db, viewer)
    if state.prepared is None:
        return render(request, db, viewer, 422, state, form_errors=["先に助成金とコースを選んでください。"])
    documents = employer_documents(state.prepared)
    facts = state.prepared.case.activation()
    asked = interview.questions(state.prepared, 50)
    asked += [q for q in interview.document_questions(documents, facts, 100) if q.path not in {a.path for a in asked}]
    data, answered, errors = interview.apply_answers(state.data, asked, form)
    if errors:
        values = {k: v for k, v in form.items() if k.startswith("q:")}
        return render(request, db, viewer, 422, state, answer_errors=errors, answer_values=values)
    return save(request, db, viewer, data, f"{answered}件の回答を保存しました。")


@router.post(f"{PLAN}/facts")
def save_part(request: Request, form: dict = Depends(form_data), db: Session = Depends(get_db),
              viewer: Viewer = Depends(current)):
    part, text = form.get("part", ""), form.get("text", "")
    if part not in PARTS or not isinstance(text, str):
        return render(request, db, viewer, 422, form_errors=["編集する項目を選んでください。"])
    try:
        value = load_facts_yaml(text) if text.strip() else None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f"{line + 1}行目" if line is not None else ""
        return render(request, db, viewer, 422, form_errors=[f"「{PARTS[part]}」の書き方（YAML）に誤りがあります{where}。"],
                      editing={part: text})
    data = employer_cases.get_case(db, viewer)
    if value is None:
        data.pop(part, None)
    else:
        data[part] = value
    return save(request, db, viewer, data, f"「{PARTS[part]}」を保存しました。", editing={part: text})


@router.post(f"{PLAN}/demo")
def load_demo(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    """The chosen course's example facts; with no course chosen yet, the first course's (and it is chosen)."""
    state = load(db, viewer)
    program = state.program or next(p for p in programs.programs() if p.example)
    if not program.example:
        return render(request, db, viewer, 422, form_errors=["このコースにはデモの事実がありません。"])
    data = load_facts_yaml((PROJECT_ROOT / program.example).read_text(encoding="utf-8"))
    if state.chosen is None:
        employer_cases.save_program(db, viewer, program.id)
    name = (data.get("employer") or {}).get("name", "デモ企業")
    return save(request, db, viewer, data, f"デモ企業（{name}）の事実を読み込みました。")
