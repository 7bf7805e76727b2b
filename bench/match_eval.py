"""Evaluation of matching on the notes in tests/matching/eval_notes.yaml: hit@5 and recall@10 of the
combined ranker beside its two baselines, dense only (e5 cosine) and words only (BM25 + rapidfuzz
names), per group of notes; the older notes and the independent ones (group n) apart; company
samples measured on their own list (見本 hit@3). Run: .venv/bin/python bench/match_eval.py"""

from __future__ import annotations

import argparse
import time
import unicodedata

from navigator.matching.evaluate import EVAL_FILE, GROUPS, INDEPENDENT, Score, evaluate, load_cases
from navigator.matching.matcher import Matcher

RANKERS = ("combined", "dense", "bm25")


def _pad(text: str, width: int) -> str:
    """Left-aligned in `width` terminal columns (a Japanese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - used, 0)


def _cell(score: Score) -> str:
    return f"{score.hit_at_5:>6.2f} {score.recall_at_10:>6.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="外れた（上位5件に期待の制度がない）ノートを表示")
    args = parser.parse_args()
    as_of, cases = load_cases()
    matcher = Matcher.from_settings()
    employee = sum(c.role == "employee" for c in cases)
    print(f"評価ノート: {len(cases)}件（働く人 {employee}、事業主・人事 {len(cases) - employee}）、判定日 {as_of}、{EVAL_FILE.name}")
    reports, seconds = [], []
    for ranker in RANKERS:
        t = time.perf_counter()
        reports.append(evaluate(matcher, cases, as_of, ranker))
        seconds.append(time.perf_counter() - t)

    print()
    print("hit@5 and recall@10 of the real programs listed (a company sample never counts as a hit)")
    print(f"{_pad('notes', 24)} {'n':>3}   " + "   ".join(f"{r:<13}" for r in RANKERS))
    print(f"{_pad('', 24)} {'':>3}   " + "   ".join(f"{'hit@5':>6} {'rec10':>6}" for _ in RANKERS))
    older = [g for key, g in GROUPS.items() if key != INDEPENDENT and g in reports[0].by_group]
    rows = [(g, [r.by_group[g] for r in reports]) for g in older]
    rows += [("従来の90件（n 以外）", [r.older for r in reports]),
             (f"{GROUPS[INDEPENDENT]}（{INDEPENDENT}）", [r.by_group[GROUPS[INDEPENDENT]] for r in reports]),
             ("全体", [r.total for r in reports])]
    for name, scores in rows:
        print(f"{_pad(name, 24)} {scores[0].notes:>3}   " + "   ".join(_cell(s) for s in scores))
    total = reports[0].total
    print(f"{_pad('見本 hit@3（見本の一覧）', 24)} {total.sample_notes:>3}   "
          + "   ".join(f"{r.total.sample_hit_at_3:>6.2f} {'':>6}" for r in reports))
    print(f"{_pad('seconds', 24)} {'':>3}   " + "   ".join(f"{s:>6.1f} {'':>6}" for s in seconds))
    print(f"（n = 実在の制度で答えのあるノートの数。expected が空の {len(cases) - total.notes} 件は見本だけで測る）")
    if args.misses:
        for report in reports:
            for case_id, top in report.misses:
                print(f"  {report.ranker} 外れ {case_id}: {top}")


if __name__ == "__main__":
    main()
