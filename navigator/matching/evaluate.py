"""hit@5 and recall@10 of a ranker on the evaluation notes (tests/matching/eval_notes.yaml)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from navigator import PROJECT_ROOT

EVAL_FILE = PROJECT_ROOT / "tests" / "matching" / "eval_notes.yaml"


@dataclass(frozen=True)
class Case:
    id: str
    role: str
    note: str
    expected: tuple[str, ...]


@dataclass
class Report:
    ranker: str
    hit_at_5: float
    recall_at_10: float
    misses: list[tuple[str, list[str]]] = field(default_factory=list)  # (case id, top 5) when no hit


def load_cases(path: Path = EVAL_FILE) -> tuple[dt.date, list[Case]]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    cases = [Case(c["id"], c["role"], c["note"], tuple(c["expected"])) for c in data["notes"]]
    return data["as_of"], cases


def evaluate(matcher, cases: list[Case], as_of: dt.date, ranker: str = "combined") -> Report:
    hits, recall, misses = 0, 0.0, []
    for case in cases:
        result = matcher.match(case.note, role=case.role, as_of=as_of, limit=10, ranker=ranker)
        ranked = [r.id for r in result.recommendations]
        if set(case.expected) & set(ranked[:5]):
            hits += 1
        else:
            misses.append((case.id, ranked[:5]))
        recall += len(set(case.expected) & set(ranked[:10])) / len(case.expected)
    n = max(len(cases), 1)
    return Report(ranker, hits / n, recall / n, misses)
