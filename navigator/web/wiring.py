"""Connects the parts that meet only in the running app: the career note's recommendations come
from the matcher (navigator.matching), which also asks the rules engine about eligibility.

The matcher (model and index) is loaded on the first note that needs it, not at start-up.
"""

from __future__ import annotations

from navigator.careerlog import recommend
from navigator.web.deps import get_matcher

RECOMMENDATIONS_PER_NOTE = 5


def recommend_programs(note_text: str, person_facts: dict) -> list[recommend.Recommendation]:
    result = get_matcher().match(note_text, role="employee", limit=RECOMMENDATIONS_PER_NOTE,
                                 person_facts=person_facts)
    return [recommend.Recommendation(
        title=r.name,
        provider=r.provider_name,
        why=r.why,
        status=r.eligibility.status,
        reasons=r.eligibility.reasons,
        amount_yen=r.eligibility.amount_yen,
        question=r.eligibility.question,
        answer_in_profile=r.eligibility.answer_in_profile,
        next_step=r.how_to_apply,
        url=f"/courses/{r.id}" if r.course else None,
    ) for r in result.recommendations]


def connect() -> None:
    recommend.use_recommender(recommend_programs)
