"""Recommended programs for a career note: the seam to navigator.matching.

`recommend_for_note(note_text, person_facts)` is what the note page calls. Until the lead connects
the matcher (navigator.matching.Matcher.match, which takes the same note text and person facts),
no recommender is set and the page says that recommendations are not available yet: it never
shows sample or made-up programs.

person_facts (built by `person_facts` below from the note and the plan):
    barriers        the barrier ids the note shows (same names as catalog/barriers.yaml)
    directions      the labels of the note's directions of self-investment
    hours_per_week  the weekly time budget of the latest plan, if any
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Recommendation:
    title: str
    provider: str
    why: list[str] = field(default_factory=list)  # the sentences of the note and program that matched
    eligibility: str | None = None  # e.g. 対象 / 対象外 / 判定不能, from navigator.rules
    next_step: str | None = None
    url: str | None = None


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


def person_facts(note_data: dict, hours_per_week: float | None = None) -> dict:
    return {
        "barriers": [b["id"] for b in note_data.get("barriers", [])],
        "directions": [d["label"] for d in note_data.get("directions", [])],
        "hours_per_week": hours_per_week,
    }
