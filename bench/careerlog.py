"""Benchmark of the career note: one person's year of daily entries (365).

    .venv/bin/python bench/careerlog.py [--days 365] [--runs 5]

The entries are made from the demo's sentences (examples/demo-careerlog.yaml) with a second clause
now and then, random emotions' intensities and a few days skipped, so that themes, barriers and
directions have something to find. Prints a table: the analysis alone, the note generated through
the store (read the log, analyse, write the version) on SQLite, the note page, and the page after
an entry was deleted (the note is generated again before it is shown). Target: generation ≤ 2 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml  # noqa: E402

from navigator.store.demo import DEMO_LOG  # noqa: E402

TARGET_S = 2.0
CLAUSES = [
    "帰りに本屋に寄った。", "夜は早めに寝た。", "昼休みに同僚と話した。", "明日は早く出社する。",
    "通勤中に少し考えた。", "家族に話したら笑われた。", "メモを手帳に残した。", "",
]


def year_of_entries(days: int, seed: int = 11) -> list[tuple[date, str, str, int]]:
    rng = random.Random(seed)
    pool = [row for rows in yaml.safe_load(DEMO_LOG.read_text(encoding="utf-8"))["entries"].values() for row in rows]
    start = date(2026, 1, 1)
    entries = []
    for i in range(days):
        if rng.random() < 0.08:  # a day without an entry now and then
            continue
        _, emotion, _, text = rng.choice(pool)
        entries.append((start + timedelta(days=i), text + rng.choice(CLAUSES), emotion, rng.choice([1, 2, 2, 3])))
    return entries


def timed(fn, runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rows = year_of_entries(args.days)
    start, end = rows[0][0], rows[-1][0]

    from navigator.careerlog.entries import Entry
    from navigator.careerlog.note import build_note

    entries = [Entry(i, d, text, emotion, intensity) for i, (d, text, emotion, intensity) in enumerate(rows, start=1)]
    t = time.perf_counter()
    note = build_note(entries, start, end)
    cold = time.perf_counter() - t
    analysis = timed(lambda: build_note(entries, start, end), args.runs)

    from fastapi.testclient import TestClient

    from navigator.store import accounts, migrate, passwords, personal
    from navigator.store.db import make_engine, make_sessionmaker
    from navigator.store.viewer import Viewer
    from navigator.web.app import create_app
    from navigator.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        passwords.use_profile("CHEAPEST")
        migrate.upgrade(url)
        engine = make_engine(url)
        db = make_sessionmaker(engine)()
        org = accounts.create_organization(db, "ベンチ社")
        user = accounts.create_user(db, org, "bench@example.jp", "ベンチ", "bench-password-1", {"employee"})
        viewer = Viewer.of(user)
        for d, text, emotion, intensity in rows:
            personal.add_log_entry(db, viewer, d, text, emotion, intensity)
        notes = []
        store = timed(lambda: notes.append(personal.generate_note(db, viewer, start, end)), args.runs)
        note_id = notes[-1].id

        app = create_app(Settings(database_url=url, var_dir=Path(tmp), secret_key="bench", password_hash_profile="CHEAPEST"), run_migrations=False)
        client = TestClient(app)
        token = client.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
        client.post("/login", data={"email": "bench@example.jp", "password": "bench-password-1", "csrf_token": token})
        page = timed(lambda: client.get(f"/notes/{note_id}").raise_for_status(), args.runs)

        victims = personal.list_log_entries(db, viewer)[: args.runs]
        after_delete = []
        for victim in victims:
            personal.delete_log_entry(db, viewer, victim.id)
            t = time.perf_counter()
            client.get(f"/notes/{note_id}").raise_for_status()
            after_delete.append(time.perf_counter() - t)
        db.close()
        engine.dispose()
    after_delete.sort()

    print(f"career note benchmark: {len(rows)} entries over {args.days} days ({start} to {end}), {args.runs} runs")
    print(f"themes found: {len(note['themes'])}, key phrases: {len(note['key_phrases'])}, "
          f"barriers: {[b['id'] for b in note['barriers']]}, first direction: {note['directions'][0]['label'] if note['directions'] else '-'}")
    print("| measure | median | p95 | target |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| first note in a new process (loads the Sudachi dictionary) | {cold:.2f} s | — | — |")
    print(f"| analysis only (build_note) | {analysis[0]:.2f} s | {analysis[1]:.2f} s | ≤ {TARGET_S:.0f} s |")
    print(f"| generate through the store (read log, analyse, write version) | {store[0]:.2f} s | {store[1]:.2f} s | ≤ {TARGET_S:.0f} s |")
    print(f"| note page (chart, quotes, comparison, template) | {page[0]:.2f} s | {page[1]:.2f} s | — |")
    print(f"| note page after an entry was deleted (generated again first) | {statistics.median(after_delete):.2f} s | "
          f"{after_delete[-1]:.2f} s | ≤ {TARGET_S:.0f} s |")
    worst = max(analysis[1], store[1], after_delete[-1])
    print(f"{'OK' if worst <= TARGET_S else 'SLOWER THAN TARGET'}: worst generation {worst:.2f} s")


if __name__ == "__main__":
    main()
