"""Recommended programs for a career note: the seam to navigator.matching.

`recommend_for_note(note_text, person_facts)` is what the note page calls. The running app sets
the recommender (navigator.web.wiring: the matcher, which asks the rules engine whether the
person is eligible); without one, as in the career log's own tests, the page says that
recommendations are not available: it never shows sample or made-up programs.

person_facts (built by `person_facts` below):
    barriers        the barrier ids the note shows (same names as catalog/barriers.yaml)
    directions      the labels of the note's directions of self-investment
    hours_per_week  the weekly time budget of the latest plan, if any
    worker          what the person's 雇用保険 profile says, as a WorkerCase mapping
                    ({"worker": {...}}), for eligibility
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Recommendation:
    title: str
    provider: str
    why: list[str] = field(default_factory=list)  # the sentences of the note and program that matched
    status: str | None = None  # 対象 / 対象外 / 判定不能 / 終了, from navigator.rules
    reasons: list[str] = field(default_factory=list)  # why, or what decides it
    amount_yen: int | None = None  # granted, or the 見込み the rules computed
    question: str | None = None  # the one question that decides it next
    answer_in_profile: bool = False  # the 雇用保険 profile (/benefits) answers it
    next_step: str | None = None
    url: str | None = None  # the program's page in the app (a course's benefit check)


Recommender = Callable[[str, dict], list[Recommendation]]
_recommender: Recommender | None = None


def use_recommender(recommender: Recommender | None) -> None:
    global _recommender
    _recommender = recommender


def available() -> bool:
    return _recommender is not None


def recommend_for_note(note_text: str, person_facts: dict) -> list[Recommendation]:
    if _recommender is None:
        return []
    return _recommender(note_text, person_facts)


def person_facts(note_data: dict, hours_per_week: float | None = None,
                 worker: dict | None = None) -> dict:
    """`worker`: the Person facts of the person's profile (BenefitProfile.person_facts())."""
    facts = {
        "barriers": [b["id"] for b in note_data.get("barriers", [])],
        "directions": [d["label"] for d in note_data.get("directions", [])],
        "hours_per_week": hours_per_week,
    }
    if worker:
        facts["worker"] = {"worker": worker}
    return facts
