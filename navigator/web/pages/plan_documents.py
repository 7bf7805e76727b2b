"""The chosen course's documents on /hr/plan: a preview and a PDF of each, the set as a ZIP, and
the deadlines as an iCalendar file (one event per deadline, with its legal basis)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from navigator.forms import render, schedule
from navigator.forms.documents import employer_documents
from navigator.forms.package import application_zip
from navigator.store.errors import NotFound
from navigator.store.viewer import Viewer
from navigator.web.auth import viewer as current
from navigator.web.deps import get_db
from navigator.web.headers import DOCUMENT_CSP
from navigator.web.pages.plan_builder import PLAN, load, render as page

router = APIRouter(include_in_schema=False)


def _prepared(db, viewer):
    prepared = load(db, viewer).prepared
    if prepared is None:
        raise NotFound("case")
    return prepared


def _document(db, viewer, doc_id: str):
    for document in employer_documents(_prepared(db, viewer)):
        if document.doc_id == doc_id:
            return document
    raise NotFound("document")


@router.get(f"{PLAN}/documents/{{doc_id}}")
def preview(doc_id: str, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return HTMLResponse(render.html(_document(db, viewer, doc_id)), headers={"Content-Security-Policy": DOCUMENT_CSP})


@router.get(f"{PLAN}/documents/{{doc_id}}/pdf")
def document_pdf(doc_id: str, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    document = _document(db, viewer, doc_id)
    return Response(render.pdf(render.html(document)), media_type="application/pdf",
                    headers={"Content-Disposition": f"attachment; filename={doc_id}.pdf"})


@router.get(f"{PLAN}/package.zip")
def package(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    state = load(db, viewer)
    if state.prepared is None:
        return page(request, db, viewer, 422, state, form_errors=state.fact_errors or ["先に助成金とコースを選んでください。"])
    data, _ = application_zip(state.prepared, allow_missing=True)
    return Response(data, media_type="application/zip",
                    headers={"Content-Disposition": "attachment; filename=application-set.zip"})


@router.get(f"{PLAN}/deadlines.ics")
def deadlines(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    prepared = _prepared(db, viewer)
    url = str(request.base_url).rstrip("/") + PLAN
    body = schedule.calendar(prepared.context["derived"]["timeline"], prepared.program.title, url)
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="deadlines.ics"'})
