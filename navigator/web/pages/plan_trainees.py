"""The per-trainee table of the chosen course on /hr/plan: add or correct one row, delete one,
import a CSV (all rows or none, every error by row and column), export it.

Each form carries the course its page showed (`program`), so a table is written as the person saw
it even if the course was changed in another tab; without it, the chosen course.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from navigator.forms import trainees
from navigator.store.errors import NotFound
from navigator.store.viewer import Viewer
from navigator.web.auth import viewer as current
from navigator.web.deps import form_data, get_db
from navigator.web.pages.plan_builder import PLAN, load, render, save

router = APIRouter(include_in_schema=False)
TABLE = f"{PLAN}/trainees"


def _state_with_table(db, viewer, program_id):
    state = load(db, viewer, program_id if isinstance(program_id, str) else None)
    if state.program is None or not state.program.training_types:
        raise NotFound("trainee table")
    return state


def _row_index(raw, rows) -> int | None:
    return int(raw) if isinstance(raw, str) and raw.isdigit() and int(raw) < len(rows) else None


@router.post(TABLE)
def save_row(request: Request, form: dict = Depends(form_data), db: Session = Depends(get_db),
             viewer: Viewer = Depends(current)):
    state = _state_with_table(db, viewer, form.get("program"))
    rows = trainees.rows_of(state.data, state.program)
    index = _row_index(form.get("row"), rows)
    typed = {c.header: form[c.field].strip() if isinstance(form.get(c.field), str) else "" for c in trainees.columns()}
    try:
        data = trainees.apply(state.data, state.program, trainees.with_row(rows, index, typed))
    except trainees.TableError as exc:
        errors = {}
        for problem in exc.problems:
            name = problem.column.field if problem.column else "form"
            errors.setdefault(name, f"「{problem.column.header}」：{problem.message}" if problem.column else problem.text())
        values = {c.field: typed[c.header] for c in trainees.columns()}
        return render(request, db, viewer, 422, state, row_errors=errors, row_values=values, editing_row=index)
    name = typed["氏名"] or typed["労働者ID"]
    return save(request, db, viewer, data, f"受講者「{name}」（{typed['訓練名']}）を保存しました。")


@router.post(f"{TABLE}/delete")
def delete_row(request: Request, form: dict = Depends(form_data), db: Session = Depends(get_db),
               viewer: Viewer = Depends(current)):
    state = _state_with_table(db, viewer, form.get("program"))
    rows = trainees.rows_of(state.data, state.program)
    index = _row_index(form.get("row"), rows)
    if index is None:
        return render(request, db, viewer, 422, state, table_errors=["その受講者の行はありません（表が変わったかもしれません。もう一度表示してください）。"])
    removed = rows.pop(index)
    data = trainees.apply(state.data, state.program, rows)
    return save(request, db, viewer, data, f"受講者「{removed['氏名']}」（{removed['訓練名']}）の行を削除しました。")


@router.post(f"{TABLE}/import")
async def import_csv(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form = await request.form()
    state = _state_with_table(db, viewer, form.get("program"))
    upload = form.get("file")
    if upload is None or isinstance(upload, str) or not upload.filename:
        return render(request, db, viewer, 422, state, table_errors=["取り込むCSVファイルを選んでください。"])
    try:
        data = trainees.apply(state.data, state.program, trainees.read_csv(await upload.read()))
    except trainees.TableError as exc:
        messages = [f"{upload.filename} {p.text()}" for p in exc.problems]
        return render(request, db, viewer, 422, state, table_errors=messages + ["何も取り込んでいません（1行でも誤りがあると、表は変わりません）。"])
    count = len(trainees.rows_of(data, state.program))
    return save(request, db, viewer, data, f"{upload.filename} から受講者{count}行を取り込みました。")


@router.get(f"{PLAN}/trainees.csv")
def export_csv(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    state = _state_with_table(db, viewer, request.query_params.get("program"))
    body = trainees.to_csv(trainees.rows_of(state.data, state.program))
    return Response(body, media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f"attachment; filename=trainees.csv; filename*=UTF-8''{quote('受講者.csv')}"})
