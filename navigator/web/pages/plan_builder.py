"""HR pages of the plan builder: the company case (one per organization), the interview driven by
what the rules still need, the engine's warnings, previews and the application set as PDF / ZIP.

Only HR and admin of the organization reach these pages (access table: STAFF) and the store reads
and writes only the viewer's own organization's case (navigator.store.employer_cases).
"""

from __future__ import annotations

import yaml
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from navigator import PROJECT_ROOT
from navigator.facts import EmployerCase
from navigator.forms import interview, render
from navigator.forms.documents import employer_documents, prepare
from navigator.forms.package import application_zip, problems_of
from navigator.rules import FactsError, parse_case
from navigator.store import employer_cases
from navigator.store.errors import NotFound
from navigator.store.viewer import Viewer
from navigator.web.auth import viewer as current
from navigator.web.deps import form_data, get_db
from navigator.web.headers import DOCUMENT_CSP
from navigator.web.pages.account import see_other
from navigator.web.templating import flash, render as page
from navigator.yamlfile import load_facts_yaml

router = APIRouter(include_in_schema=False)
PARTS = {name: field.title for name, field in EmployerCase.model_fields.items()}
DEMO = PROJECT_ROOT / "examples" / "kigyounai-combined.yaml"


def _dump(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100) if value not in (None, {}, []) else ""


def _state(data: dict):
    try:
        prepared = prepare(data)
    except FactsError as exc:
        return None, [f"{p['label']}（{p['field']}）: {p['message']}" for p in exc.problems]
    return prepared, []


def _page(request, db, viewer, errors=None, status=200, editing=None):
    data = employer_cases.get_case(db, viewer)
    prepared, fact_errors = _state(data)
    documents = employer_documents(prepared) if prepared else []
    context = {
        "data": data,
        "prepared": prepared,
        "fact_errors": fact_errors,
        "documents": documents,
        "problems": problems_of(prepared, documents) if prepared else [],
        "questions": interview.questions(prepared.result) if prepared else [],
        "parts": [(name, label, editing.get(name) if editing and name in editing else _dump(data.get(name)))
                  for name, label in PARTS.items()],
        "form_errors": errors or [],
    }
    return page(request, "plan_builder.html", context, status)


@router.get("/hr/plan")
def plan_page(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return _page(request, db, viewer)


def _save(request, db, viewer, data, message, editing=None):
    try:
        case = parse_case(data)
    except FactsError as exc:
        errors = [f"{p['label']}（{p['field']}）: {p['message']}" for p in exc.problems]
        return _page(request, db, viewer, errors, 422, editing)
    employer_cases.save_case(db, viewer, case.model_dump(mode="json", exclude_none=True))
    flash(request, message)
    return see_other("/hr/plan")


@router.post("/hr/plan/answers")
def save_answers(request: Request, form: dict = Depends(form_data), db: Session = Depends(get_db),
                 viewer: Viewer = Depends(current)):
    data = employer_cases.get_case(db, viewer)
    prepared, _ = _state(data)
    kinds = {q.path: q.kind for q in interview.questions(prepared.result, 50)} if prepared else {}
    answered = 0
    for key, raw in form.items():
        if not key.startswith("q:") or key[2:] not in kinds:
            continue
        value = interview.answer(kinds[key[2:]], raw)
        if value is not None:
            interview.set_path(data, key[2:], value)
            answered += 1
    return _save(request, db, viewer, data, f"{answered}件の回答を保存しました。")


@router.post("/hr/plan/facts")
def save_part(request: Request, form: dict = Depends(form_data), db: Session = Depends(get_db),
              viewer: Viewer = Depends(current)):
    part, text = form.get("part", ""), form.get("text", "")
    if part not in PARTS:
        return _page(request, db, viewer, ["編集する項目を選んでください。"], 422)
    try:
        value = load_facts_yaml(text) if text.strip() else None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f"{line + 1}行目" if line is not None else ""
        return _page(request, db, viewer, [f"「{PARTS[part]}」の書き方（YAML）に誤りがあります{where}。"], 422, {part: text})
    data = employer_cases.get_case(db, viewer)
    if value is None:
        data.pop(part, None)
    else:
        data[part] = value
    return _save(request, db, viewer, data, f"「{PARTS[part]}」を保存しました。", {part: text})


@router.post("/hr/plan/demo")
def load_demo(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    data = load_facts_yaml(DEMO.read_text(encoding="utf-8"))
    return _save(request, db, viewer, data, "デモ企業（株式会社みらいプレス）の事実を読み込みました。")


def _document(db, viewer, doc_id: str):
    prepared, _ = _state(employer_cases.get_case(db, viewer))
    for document in employer_documents(prepared) if prepared else []:
        if document.doc_id == doc_id:
            return document
    raise NotFound("document")


@router.get("/hr/plan/documents/{doc_id}")
def preview(doc_id: str, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return HTMLResponse(render.html(_document(db, viewer, doc_id)), headers={"Content-Security-Policy": DOCUMENT_CSP})


@router.get("/hr/plan/documents/{doc_id}/pdf")
def document_pdf(doc_id: str, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    document = _document(db, viewer, doc_id)
    return Response(render.pdf(render.html(document)), media_type="application/pdf",
                    headers={"Content-Disposition": f"attachment; filename={doc_id}.pdf"})


@router.get("/hr/plan/package.zip")
def package(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    prepared, errors = _state(employer_cases.get_case(db, viewer))
    if prepared is None:
        return _page(request, db, viewer, errors, 422)
    data, _ = application_zip(prepared, allow_missing=True)
    return Response(data, media_type="application/zip",
                    headers={"Content-Disposition": "attachment; filename=application-set.zip"})
