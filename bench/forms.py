"""Warm render time of every form of the demo companies (企業内人材育成推進助成金 and 人材開発支援助成金
人材育成支援コース), and of each whole set, as a table; then the worker's own documents (career note, self-investment plan, meeting sheet) of the demo's 山田 花子,
from the demo seeded into a temporary SQLite database.

    .venv/bin/python bench/forms.py [--runs 5]

Target: median ≤ 300 ms per form (warm: the process has already laid out one document).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from navigator import PROJECT_ROOT
from navigator.forms import render
from navigator.forms.documents import employer_documents, prepare
from navigator.forms.package import application_zip
from navigator.yamlfile import load_facts_yaml


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"{'書類':<44} {'頁':>3} {'中央値 ms':>10} {'最大 ms':>9}")
    for example in ("kigyounai-combined.yaml", "jinzai-ikusei-sakura.yaml"):
        company_set(load_facts_yaml((PROJECT_ROOT / "examples" / example).read_text(encoding="utf-8")), runs)
    for name, make, markup in worker_documents():
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            make()
            times.append((time.perf_counter() - start) * 1000)
        pages = len(render.document(markup()).pages)
        print(f"{name:<44} {pages:>3} {statistics.median(times):>10.0f} {max(times):>9.0f}")


def company_set(data: dict, runs: int) -> None:
    """One company's documents (its course inferred from its facts), each rendered warm `runs` times."""
    prepared = prepare(data)
    documents = employer_documents(prepared)
    render.pdf(render.html(documents[0]))  # warm-up: fonts, templates
    medians = []
    for document in documents:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            render.pdf(render.html(document))
            times.append((time.perf_counter() - start) * 1000)
        pages = len(render.document(render.html(document)).pages)
        medians.append(statistics.median(times))
        print(f"{document.doc_id:<44} {pages:>3} {statistics.median(times):>10.0f} {max(times):>9.0f}")
    times = []
    for _ in range(max(1, runs // 2)):
        start = time.perf_counter()
        application_zip(prepare(data))
        times.append((time.perf_counter() - start) * 1000)
    print(f"{'(各書類の中央値の中央値)':<40} {'':>3} {statistics.median(medians):>10.0f} {max(medians):>9.0f}")
    print(f"{'一式（判定+全書類+ZIP）':<40} {'':>3} {statistics.median(times):>10.0f} {max(times):>9.0f}")


def worker_documents():
    """(name, PDF, HTML) for the three documents of the demo's 山田 花子 (data built once)."""
    from navigator.careerlog.view import note_view
    from navigator.companion.sheet import meeting_sheet_data
    from navigator.forms import worker_docs
    from navigator.store import accounts, companions, demo, migrate, passwords, personal
    from navigator.store.db import make_engine, make_sessionmaker
    from navigator.store.viewer import Viewer

    today = dt.date.today()
    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    passwords.use_profile("CHEAPEST")
    migrate.upgrade(url)
    with make_sessionmaker(make_engine(url))() as db:
        demo.seed(db, today, {p[2]: "bench-password" for p in demo.PEOPLE})
        owner = Viewer.of(accounts.authenticate(db, "hanako@sakura.example.jp", "bench-password"))
        companion = Viewer.of(accounts.authenticate(db, "ken@mirai.example.jp", "bench-password"))
        notes = personal.generated_notes(db, owner)
        view = note_view(notes[0], personal.log_entries_by_ids(db, owner.user_id, notes[0].data["entry_ids"]))
        note = worker_docs.career_note_data(view, owner.display_name, today, personal.fresh(db, notes[1]))
        plan = worker_docs.self_plan_data(personal.list_plans(db, owner)[0], owner.display_name, today)
        sheet = meeting_sheet_data(db, companion, companions.my_companionships(db, owner)[0].id, today)
        meeting = worker_docs.meeting_data(sheet)
    return [
        ("career-note", lambda: worker_docs.career_note_pdf(note, view.chart),
         lambda: render.html(worker_docs.career_note_form(note), chart=view.chart)),
        ("self-plan", lambda: worker_docs.self_plan_pdf(plan), lambda: render.html(worker_docs.self_plan_form(plan))),
        ("meeting-sheet", lambda: worker_docs.meeting_pdf(meeting, sheet.note.chart),
         lambda: render.html(worker_docs.meeting_form(meeting), chart=sheet.note.chart)),
    ]


if __name__ == "__main__":
    main()
