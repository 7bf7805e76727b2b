"""Is this person eligible for this program? Answered by the rules engine (navigator.rules).

`person_facts` hold what is known in the facts vocabulary: `worker` a WorkerCase mapping (as
`navigator benefit` reads it: `worker`, and maybe `course`, `consultings`, `leave`; the saved
profile gives {"worker": BenefitProfile.person_facts()}), `employer` an EmployerCase mapping.

- A designated course: the person and that course (as published, starting on its next opening
  month), as on the course's page (navigator.benefits.check), in one batch for all courses.
- A benefit program (教育訓練給付金 of one kind): the person's insurance requirements for a course
  of that kind starting on the next possible date; the course itself is still to choose.
- 教育訓練休暇給付金: the insurance years counted from the profile; the leave is still to plan.
- A company's subsidy: the company's facts; an employee is told that HR checks it.
- An entry whose validity has ended is 終了; one without a rule has no eligibility to decide.

An answer still open names the one question that would decide it, in the words of the
雇用保険 profile when the profile can answer it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from navigator.benefits.check import DESIGNATED, check_courses
from navigator.benefits.courses import next_start
from navigator.benefits.profile import FIELDS_OF_FACT, PERSON_GROUP, BenefitProfile
from navigator.catalog import Entry
from navigator.catalog.facets import facets
from navigator.facts import CASE_TYPES
from navigator.rules import STATUS_JA, CaseResult, FactsError, evaluate, parse_case, rule_base
from navigator.rules.explain import condition_text, next_questions, reasons

EligibilityStatus = Literal["対象", "対象外", "判定不能", "終了"]
MAX_LISTED = 3
# A program without a rule file: nothing decides eligibility automatically (yet).
NO_RULE = "条件の自動判定はまだありません。申込先の案内で確かめてください"
FOR_EMPLOYER = "事業主（会社）が申請する助成金です。対象かどうかは会社の事実で決まり、人事担当者が「申請書類」の画面で判定できます"
COURSE_TO_CHOOSE = "あなたの雇用保険の要件は満たしています。講座を選ぶと、金額と手続きの期限が分かります"
LEAVE_TO_PLAN = "あなたの雇用保険の要件は満たしています。会社の教育訓練休暇の制度と休暇の予定が分かると判定できます"


@dataclass(frozen=True)
class Eligibility:
    status: EligibilityStatus
    reasons: list[str] = field(default_factory=list)
    missing_facts: list[str] = field(default_factory=list)
    rule: str | None = None
    amount_yen: int | None = None  # granted, or the 見込み the rules computed while undecided
    question: str | None = None  # the one question that would decide it next
    answer_in_profile: bool = False  # the 雇用保険 profile (/benefits) answers that question


def eligibility_for(entry: Entry, person_facts: dict, as_of: dt.date | None = None) -> Eligibility:
    return judge([entry], person_facts, as_of)[0]


def judge(entries: list[Entry], person_facts: dict, as_of: dt.date | None = None) -> list[Eligibility]:
    """The eligibility of each entry, the designated courses evaluated in one batch."""
    as_of = as_of or dt.date.today()
    worker = (person_facts.get("worker") or {}).get("worker") or {}
    answers: dict[int, Eligibility] = {}
    courses = [e for e in entries if e.course is not None and e.rule]
    if courses:
        try:
            profile = _profile_view(worker)
            checks = check_courses(profile, courses, facets(), {}, as_of)
        except FactsError as exc:
            checks = {}
            bad = _bad_facts(exc)
            answers.update({id(e): Eligibility("判定不能", bad, rule=e.rule) for e in courses})
        for entry in courses:
            if entry.id in checks:
                answers[id(entry)] = _from_check(checks[entry.id])
    for entry in entries:
        if id(entry) not in answers:
            answers[id(entry)] = _program(entry, person_facts, as_of)
    return [answers[id(e)] for e in entries]


def _profile_view(worker: dict) -> BenefitProfile:
    """The Person facts as the profile holds them (for course checks and their questions)."""
    data = {"birth_date": worker.get("birth_date"), "insured_since": worker.get("insured_since"),
            "insured_now": worker.get("insured_at_start"), "inability_days": worker.get("inability_days"),
            "wage_monthly_yen": worker.get("wage_before_yen"),
            "basic_allowance_daily_yen": worker.get("basic_allowance_daily_yen")}
    if worker.get("insured_lost_on"):
        lost = dt.date.fromisoformat(str(worker["insured_lost_on"]))
        data["left_on"] = (lost - dt.timedelta(days=1)).isoformat()
    previous = worker.get("previous_benefits")
    if previous == []:
        data["benefits_before"] = False
    elif previous:
        latest = max(previous, key=lambda b: str(b["paid_on"]))
        data.update(benefits_before=True, last_benefit_paid_on=latest["paid_on"], last_benefit_kind=latest.get("kind"))
    return BenefitProfile.model_validate({k: v for k, v in data.items() if v is not None})


def _from_check(check) -> Eligibility:
    shown = check.renewed if check.renewed else check
    ask = shown.next_step
    if check.status == "対象外" and check.renewed:
        why = [f"同梱の講座一覧（2022年4月時点）では指定期間が{check.entry.validity.end.isoformat()}で終わっています"
               "（指定の更新を講座検索で確認）"]
        if check.renewed.prospect_yen:
            why.append(f"指定が更新されていれば見込み{check.renewed.prospect_yen:,}円")
        return Eligibility("対象外", why, rule=check.menu.rule.spec.id,
                           question=ask.label if ask else None, answer_in_profile=bool(ask and ask.where == "profile"))
    if check.status == "対象外":
        remedy = next((r for _, r in check.reasons if r), None)
        return Eligibility("対象外", [r for r, _ in check.reasons][:MAX_LISTED] + ([remedy] if remedy else []),
                           rule=check.menu.rule.spec.id)
    amount = check.total_yen if check.status == "対象" else (check.prospect_yen or None)
    why = [f"{check.menu.rule.spec.title}の要件を満たしています"] if check.status == "対象" else (
        [f"{ask.label}が分かると決まります"] if ask else [])
    return Eligibility(check.status, why, [q.label for q in check.questions][:MAX_LISTED], check.menu.rule.spec.id,
                       amount, ask.label if ask else None, bool(ask and ask.where == "profile"))


def _program(entry: Entry, person_facts: dict, as_of: dt.date) -> Eligibility:
    if entry.status(as_of) == "終了":
        end = entry.validity.end.isoformat() if entry.validity.end else ""
        return Eligibility("終了", [f"{end}で終了しました（{entry.validity.note or '有効期間'}）"], rule=entry.rule)
    if entry.rule is None:
        return Eligibility("判定不能", [NO_RULE])
    rule = rule_base().rules.get(entry.rule)
    if rule is None:
        return Eligibility("判定不能", [f"ルール {entry.rule} が見つかりません"], rule=entry.rule)
    kind = rule.spec.kinds[0]
    if kind == "employer" and not person_facts.get("employer"):
        return Eligibility("判定不能", [FOR_EMPLOYER], rule=entry.rule)
    try:
        data = _worker_facts(entry.rule, person_facts, as_of) if kind == "worker" else person_facts["employer"]
        case = parse_case(data, kind)
        result = evaluate(case, as_of, only={entry.rule})
    except FactsError as exc:
        return Eligibility("判定不能", _bad_facts(exc), rule=entry.rule)
    return _from_result(result, entry.rule, kind)


def _worker_facts(rule_id: str, person_facts: dict, as_of: dt.date) -> dict:
    """The case of a program without a course: a course of that program's kind starting on the
    next possible date (what the person's insurance decides), and for the leave benefit the
    insured years counted from the profile."""
    data = dict(person_facts.get("worker") or {})
    worker = data.get("worker") or {}
    start = next_start(as_of)
    kind = rule_id.removeprefix("kyufu.")
    if "course" not in data and kind in ("general", "specific_general", "professional", "support"):
        data["course"] = {"kind": "professional" if kind == "support" else kind, "start_date": start.isoformat()}
    if "leave" not in data and kind == "leave" and worker.get("insured_at_start") and worker.get("insured_since"):
        data["leave"] = _insured_years(dt.date.fromisoformat(str(worker["insured_since"])), start)
    return data


def _insured_years(insured_since: dt.date, leave_start: dt.date) -> dict:
    """For someone insured without a break since `insured_since`: the insured months of the 2
    years before a leave and the insured years in all, as 教育訓練休暇給付金 counts them."""
    months = (leave_start.year - insured_since.year) * 12 + leave_start.month - insured_since.month
    if leave_start.day < insured_since.day:
        months -= 1
    months = max(months, 0)
    return {"start_date": leave_start.isoformat(), "insured_months_2y": min(months, 24),
            "insured_years_total": months // 12}


def _from_result(case: CaseResult, rule_id: str, kind: str) -> Eligibility:
    result = case.get(rule_id)
    status = STATUS_JA[result.status]
    if result.status == "ineligible":
        failed = reasons(result)
        texts = list(dict.fromkeys(condition_text(c) for c in failed))[:MAX_LISTED]
        remedy = next((c.remedy for c in failed if c.remedy), None)  # what would change it
        return Eligibility(status, texts + ([remedy] if remedy else []), rule=rule_id)
    questions = next_questions(CASE_TYPES[kind], case)
    asked = [(q, _profile_label(q.path)) for q in questions]
    profile_questions = [label for _, label in asked if label]
    if result.status == "eligible":
        return Eligibility(status, [f"{result.rule.spec.title}の要件を満たしています"],
                           [q.label for q in questions[:MAX_LISTED]], rule_id, result.total)
    if kind == "worker" and not profile_questions and _person_requirements_met(case):
        leave = rule_id == "kyufu.leave"
        return Eligibility(status, [LEAVE_TO_PLAN if leave else COURSE_TO_CHOOSE],
                           [q.label for q in questions[:MAX_LISTED]], rule_id,
                           question="休暇の予定" if leave else "講座を選ぶ")
    first = profile_questions[0] if profile_questions else (questions[0].label if questions else None)
    return Eligibility(status, ["次の事実が分かれば判定できます"], [q.label for q in questions[:MAX_LISTED]], rule_id,
                       question=first, answer_in_profile=bool(profile_questions))


def _profile_label(fact_path: str) -> str | None:
    """The 雇用保険 profile's question that answers a missing fact, if it is one of the profile's."""
    head = fact_path.split("[", 1)[0]
    for fact, fields in FIELDS_OF_FACT.items():
        if head == fact or head.startswith(fact + "."):
            return BenefitProfile.model_fields[fields[0]].title
    return None


def _person_requirements_met(case: CaseResult) -> bool:
    """Every insurance requirement (the group PERSON_GROUP) of the case is met."""
    person = [c for r in case.results for c in r.conditions
              if c.spec.group == PERSON_GROUP and c.spec.id != DESIGNATED]
    return bool(person) and all(c.met is True for c in person)


def _bad_facts(exc: FactsError) -> list[str]:
    return ["入力された事実に誤りがあります", *[f"{p['label']}: {p['message']}" for p in exc.problems[:MAX_LISTED]]]

