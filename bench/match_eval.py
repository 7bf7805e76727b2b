"""Evaluation of matching on the notes in tests/matching/eval_notes.yaml: hit@5 and recall@10 of
the lexical-only, dense-only and combined rankers. Run: .venv/bin/python bench/match_eval.py"""

from __future__ import annotations

import argparse
import time

from navigator.matching.evaluate import EVAL_FILE, evaluate, load_cases
from navigator.matching.matcher import Matcher


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="外れた（上位5件に期待の制度がない）ノートを表示")
    args = parser.parse_args()
    as_of, cases = load_cases()
    matcher = Matcher.from_settings()
    employee = sum(c.role == "employee" for c in cases)
    print(f"評価ノート: {len(cases)}件（働く人 {employee}、事業主・人事 {len(cases) - employee}）、判定日 {as_of}、{EVAL_FILE.name}")
    print(f"{'ranker':<10} {'hit@5':>7} {'recall@10':>10} {'seconds':>8}")
    reports = []
    for ranker in ("lexical", "dense", "combined"):
        t = time.perf_counter()
        report = evaluate(matcher, cases, as_of, ranker)
        reports.append(report)
        print(f"{ranker:<10} {report.hit_at_5:>7.3f} {report.recall_at_10:>10.3f} {time.perf_counter() - t:>8.1f}")
        if args.misses:
            for case_id, top in report.misses:
                print(f"    外れ {case_id}: {top}")
    print()
    print("hit@5 by group of notes")
    groups = list(reports[0].by_group)
    print(f"{'ranker':<10} " + " ".join(f"{g:>10}" for g in groups))
    for report in reports:
        print(f"{report.ranker:<10} " + " ".join(f"{report.by_group[g]:>10.2f}" for g in groups))


if __name__ == "__main__":
    main()
