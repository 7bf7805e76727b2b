"""hit@5 and recall@10 of a ranker on the evaluation notes (tests/matching/eval_notes.yaml), by
group of notes; company samples are measured apart (見本 hit@3). The file's header says how."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from navigator import PROJECT_ROOT

from .text import normalize

EVAL_FILE = PROJECT_ROOT / "tests" / "matching" / "eval_notes.yaml"
SAMPLES_JUDGED = 3  # 見本 hit@3: a fitting sample among the first 3 of the samples list

GROUPS = {"t": "時間がない", "c": "キャリア不明確", "m": "学び方", "f": "お金・給付金", "g": "技能検定", "r": "地域",
          "e": "事業主・人事", "h": "別の書き手", "n": "独立ノート"}
INDEPENDENT = "n"  # written after the ranker, without looking at its output; the rest are the older notes


@dataclass(frozen=True)
class Case:
    id: str
    role: str
    note: str
    expected: tuple[str, ...]  # real programs
    courses: re.Pattern | None = None  # designated courses whose name or description matches count as expected
    samples: tuple[str, ...] = ()  # company samples that fit, judged in the samples list

    @property
    def group(self) -> str:
        return GROUPS.get(self.id[0], "その他")

    @property
    def wanted(self) -> int:
        """How many expected items recall@10 counts: each program, and the course pattern as one."""
        return len(self.expected) + (self.courses is not None)


@dataclass
class Score:
    """hit@5 and recall@10 over the notes that have a real answer; 見本 hit@3 over those with samples."""

    notes: int = 0
    hits: int = 0
    recall: float = 0.0
    sample_notes: int = 0
    sample_hits: int = 0

    @property
    def hit_at_5(self) -> float:
        return self.hits / self.notes if self.notes else float("nan")

    @property
    def recall_at_10(self) -> float:
        return self.recall / self.notes if self.notes else float("nan")

    @property
    def sample_hit_at_3(self) -> float:
        return self.sample_hits / self.sample_notes if self.sample_notes else float("nan")


@dataclass
class Report:
    ranker: str
    total: Score
    by_group: dict[str, Score]
    older: Score  # every group but the independent notes
    misses: list[tuple[str, list[str]]] = field(default_factory=list)  # (case id, top 5) when no hit

    @property
    def hit_at_5(self) -> float:
        return self.total.hit_at_5

    @property
    def recall_at_10(self) -> float:
        return self.total.recall_at_10


def load_cases(path: Path = EVAL_FILE) -> tuple[dt.date, list[Case]]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    cases = [
        Case(c["id"], c["role"], c["note"], tuple(c["expected"]),
             re.compile(normalize(c["courses"])) if c.get("courses") else None, tuple(c.get("samples", ())))
        for c in data["notes"]
    ]
    return data["as_of"], cases


def _course_found(case: Case, entry) -> bool:
    """A designated course whose name or description matches the note's course pattern."""
    return bool(case.courses and entry.course and case.courses.search(normalize(f"{entry.name} {entry.description}")))


def _judge(case: Case, result, catalog, score: Score) -> bool | None:
    """Adds the case to the score; True/False = hit or miss in the top 5, None = no real answer."""
    if case.samples:
        score.sample_notes += 1
        score.sample_hits += bool(set(case.samples) & {r.id for r in result.samples[:SAMPLES_JUDGED]})
    if not case.wanted:
        return None
    top = result.recommendations[:10]
    programs = [r.rank for r in top if r.id in case.expected]
    courses = [r.rank for r in top if r.course and _course_found(case, catalog.get(r.id))]
    hit = any(rank <= 5 for rank in programs + courses)
    score.notes += 1
    score.hits += hit
    score.recall += (len(programs) + bool(courses)) / case.wanted
    return hit


def evaluate(matcher, cases: list[Case], as_of: dt.date, ranker: str = "combined") -> Report:
    report = Report(ranker, Score(), {}, Score())
    for case in cases:
        result = matcher.match(case.note, role=case.role, as_of=as_of, limit=10, ranker=ranker)
        scores = [report.total, report.by_group.setdefault(case.group, Score())]
        if case.id[0] != INDEPENDENT:
            scores.append(report.older)
        hits = [_judge(case, result, matcher.catalog, score) for score in scores]
        if hits[0] is False:
            report.misses.append((case.id, [r.id for r in result.recommendations[:5]]))
    return report
