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


GROUPS = {"t": "時間がない", "c": "キャリア不明確", "m": "学び方", "f": "お金・給付金", "g": "技能検定", "r": "地域", "e": "事業主・人事", "h": "別の書き手"}


@dataclass
class Report:
    ranker: str
    hit_at_5: float
    recall_at_10: float
    misses: list[tuple[str, list[str]]] = field(default_factory=list)  # (case id, top 5) when no hit
    by_group: dict[str, float] = field(default_factory=dict)  # hit@5 per group of notes (id prefix)


def load_cases(path: Path = EVAL_FILE) -> tuple[dt.date, list[Case]]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    cases = [Case(c["id"], c["role"], c["note"], tuple(c["expected"])) for c in data["notes"]]
    return data["as_of"], cases


def evaluate(matcher, cases: list[Case], as_of: dt.date, ranker: str = "combined") -> Report:
    hits, recall, misses = 0, 0.0, []
    groups: dict[str, list[int]] = {}
    for case in cases:
        result = matcher.match(case.note, role=case.role, as_of=as_of, limit=10, ranker=ranker)
        ranked = [r.id for r in result.recommendations]
        hit = bool(set(case.expected) & set(ranked[:5]))
        hits += hit
        if not hit:
            misses.append((case.id, ranked[:5]))
        groups.setdefault(GROUPS.get(case.id[0], "その他"), []).append(hit)
        recall += len(set(case.expected) & set(ranked[:10])) / len(case.expected)
    n = max(len(cases), 1)
    by_group = {g: sum(v) / len(v) for g, v in groups.items()}
    return Report(ranker, hits / n, recall / n, misses, by_group)
