"""Is this person eligible for this program? Answered by the rules engine (navigator.rules).

An entry whose validity has ended is 終了. An entry linked to a rule is evaluated with what is
known of the person (`person_facts["worker"]` for a worker's benefit, `person_facts["employer"]`
for a company's subsidy, in the facts vocabulary): 対象 / 対象外 with the reasons, or 判定不能 with
the facts still missing, first the ones that would settle the most. An entry without a rule
(a company allowance, a community) has no eligibility to decide: 判定不能, saying so (NO_RULE).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from navigator.catalog import Entry
from navigator.facts import CASE_TYPES
from navigator.rules import STATUS_JA, CaseResult, FactsError, evaluate, parse_case, rule_base
from navigator.rules.explain import condition_text, next_questions, reasons

EligibilityStatus = Literal["対象", "対象外", "判定不能", "終了"]
MAX_LISTED = 3
# A program without a rule file: nothing decides eligibility automatically (yet).
NO_RULE = "条件の自動判定はまだありません。申込先の案内で確かめてください"


@dataclass(frozen=True)
class Eligibility:
    status: EligibilityStatus
    reasons: list[str] = field(default_factory=list)
    missing_facts: list[str] = field(default_factory=list)
    rule: str | None = None


def eligibility_for(entry: Entry, person_facts: dict, as_of: dt.date | None = None) -> Eligibility:
    as_of = as_of or dt.date.today()
    if entry.status(as_of) == "終了":
        end = entry.validity.end.isoformat() if entry.validity.end else ""
        return Eligibility("終了", [f"{end}で終了しました（{entry.validity.note or '有効期間'}）"], rule=entry.rule)
    if entry.rule is None:
        return Eligibility("判定不能", [NO_RULE])
    rule = rule_base().rules.get(entry.rule)
    if rule is None:
        return Eligibility("判定不能", [f"ルール {entry.rule} が見つかりません"], rule=entry.rule)
    kind = rule.spec.kinds[0]
    try:
        result = evaluate(parse_case(person_facts.get(kind) or {}, kind), as_of, only={entry.rule})
    except FactsError as exc:
        problems = [f"{p['label']}: {p['message']}" for p in exc.problems[:MAX_LISTED]]
        return Eligibility("判定不能", ["入力された事実に誤りがあります", *problems], rule=entry.rule)
    return _from_result(result, entry.rule, kind)


def _from_result(case: CaseResult, rule_id: str, kind: str) -> Eligibility:
    result = case.get(rule_id)
    status = STATUS_JA[result.status]
    if result.status == "ineligible":
        texts = [condition_text(c) for c in reasons(result)]
        return Eligibility(status, list(dict.fromkeys(texts))[:MAX_LISTED], rule=rule_id)
    questions = next_questions(CASE_TYPES[kind], case)
    missing = [q.label for q in questions[:MAX_LISTED]]
    if result.status == "eligible":
        return Eligibility(status, [f"{result.rule.spec.title}の要件を満たしています"], missing, rule_id)
    return Eligibility(status, ["次の事実が分かれば判定できます"], missing, rule_id)
