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
        eligibility="、".join([r.eligibility.status, *r.eligibility.reasons, *r.eligibility.missing_facts]),
        next_step=r.how_to_apply,
    ) for r in result.recommendations]


def connect() -> None:
    recommend.use_recommender(recommend_programs)
