"""The employee's 雇用保険 profile: what the benefit rules read about the person, in their words.

The profile holds facts of the person (when they became insured, when they left, the benefits
they received, their age and wage), not of a course: the course and what is done for it (the
pre-course consultation, the check at Hello Work) belong to the benefit check of that course.

    profile = BenefitProfile.model_validate(form)     # Japanese messages naming the field
    facts = profile.person_facts()                    # the `worker` part of a WorkerCase
    questions(profile, start)                         # what to ask next, most decisive first
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from pydantic import Field, ValidationInfo, field_validator

from navigator import dates
from navigator.facts import BENEFIT_KIND, BirthDate, Count, FactDate, Facts, WorkerCase, Yen
from navigator.rules import CaseResult, evaluate_batch, parse_case
from navigator.rules.explain import next_questions

# The condition group of the benefit rules that is about the person's insurance, not the course.
PERSON_GROUP = "雇用保険"
# The programs whose requirements the profile answers, one reference course each.
KINDS = tuple(BENEFIT_KIND.labels)  # general, specific_general, professional


class BenefitProfile(Facts):
    """Each field is optional: what is not given is unknown, and the rules say what it decides."""

    insured_now: bool | None = Field(
        None, title="いま雇用保険に入って働いている",
        description="会社員・パートなどで雇用保険の一般被保険者になっている（給与明細に雇用保険料の控除がある）")
    insured_since: FactDate | None = Field(
        None, title="雇用保険に入った日",
        description="いまの勤め先の入社日など。前の勤め先から1年以内に転職し、その間に教育訓練給付金を受けていなければ、"
                    "前の勤め先で入った日から数えられます（支給要件期間）。離職票や雇用保険被保険者証で確かめられます")
    left_on: FactDate | None = Field(
        None, title="離職日（最後に勤めた日）",
        description="いま雇用保険に入っていない場合だけ。離職票の「離職年月日」")
    inability_days: Count | None = Field(
        None, title="離職後、妊娠・出産・育児・病気などで引き続き30日以上受講できなかった日数",
        description="いま離職中の方で、ハローワークに受講開始を延ばす申し出（適用対象期間の延長）をしている場合")
    benefits_before: bool | None = Field(None, title="教育訓練給付金を受けたことがある")
    last_benefit_paid_on: FactDate | None = Field(
        None, title="前に教育訓練給付金の支給を受けた日", description="支給決定通知書の日付")
    last_benefit_kind: BENEFIT_KIND.type() | None = Field(None, title="前に受けた教育訓練給付金の種類")
    birth_date: BirthDate | None = Field(None, title="生年月日")
    wage_monthly_yen: Yen | None = Field(
        None, title="いまの賃金（月額、円）",
        description="専門実践教育訓練で、修了後に賃金が5%以上上がると追加で支給されます。その比べる元の額です")
    basic_allowance_daily_yen: Yen | None = Field(
        None, title="基本手当日額（円）",
        description="離職中で失業手当（基本手当）を受けている方だけ。雇用保険受給資格者証に書かれています")

    @field_validator("left_on")
    @classmethod
    def _left_after_joining(cls, left_on: dt.date | None, info: ValidationInfo) -> dt.date | None:
        insured_since = info.data.get("insured_since")
        if left_on and insured_since and left_on < insured_since:
            raise ValueError(f"離職日（{dates.format_ja(left_on)}）が「雇用保険に入った日」"
                             f"（{dates.format_ja(insured_since)}）より前です。日付を確かめてください")
        return left_on

    @field_validator("last_benefit_paid_on")
    @classmethod
    def _paid_only_if_received(cls, paid_on: dt.date | None, info: ValidationInfo) -> dt.date | None:
        if paid_on and info.data.get("benefits_before") is False:
            raise ValueError("「教育訓練給付金を受けたことがある」を「いいえ」にしたまま、支給を受けた日が入っています。"
                             "どちらかを直してください")
        return paid_on

    def person_facts(self) -> dict[str, Any]:
        """The `worker` facts of a WorkerCase (navigator.facts.Person)."""
        facts: dict[str, Any] = {}
        if self.insured_now is not None:
            facts["insured_at_start"] = self.insured_now
        if self.insured_since:
            facts["insured_since"] = self.insured_since.isoformat()
        if self.insured_now is False and self.left_on:
            # the fact is the day insured status was lost: the day after leaving (Person.insured_lost_on)
            facts["insured_lost_on"] = (self.left_on + dt.timedelta(days=1)).isoformat()
        if self.insured_now is False and self.inability_days is not None:
            facts["inability_days"] = self.inability_days
        if self.benefits_before is False:
            facts["previous_benefits"] = []
        elif self.last_benefit_paid_on:
            facts["previous_benefits"] = [{"paid_on": self.last_benefit_paid_on.isoformat(),
                                           **({"kind": self.last_benefit_kind} if self.last_benefit_kind else {})}]
        for name, fact in (("birth_date", "birth_date"), ("wage_monthly_yen", "wage_before_yen"),
                           ("basic_allowance_daily_yen", "basic_allowance_daily_yen")):
            value = getattr(self, name)
            if value is not None:
                facts[fact] = value.isoformat() if isinstance(value, dt.date) else value
        return facts

    def answered(self) -> int:
        return sum(1 for name in type(self).model_fields if getattr(self, name) is not None)


# A missing fact of the rules -> the profile field that answers it (the first not yet answered).
FIELDS_OF_FACT: dict[str, tuple[str, ...]] = {
    "worker.insured_at_start": ("insured_now",),
    "worker.insured_since": ("insured_since",),
    "worker.insured_lost_on": ("left_on",),
    "worker.inability_days": ("inability_days",),
    "worker.previous_benefits": ("benefits_before", "last_benefit_paid_on"),
    "worker.birth_date": ("birth_date",),
    "worker.wage_before_yen": ("wage_monthly_yen",),
    "worker.basic_allowance_daily_yen": ("basic_allowance_daily_yen",),
}


@dataclass(frozen=True)
class Question:
    field: str
    label: str
    hint: str
    kind: str  # bool / date / int / choice
    settles: int  # how many undecided conditions of the benefit rules the answer helps settle
    programs: list[str]  # the programs it concerns


def field_for(profile: BenefitProfile, fact_path: str) -> str | None:
    """The profile field that answers a missing fact (e.g. 'worker.previous_benefits[0].paid_on')."""
    head = fact_path.split("[", 1)[0]
    for fact, fields in FIELDS_OF_FACT.items():
        if head == fact or head.startswith(fact + "."):
            return next((f for f in fields if getattr(profile, f) is None), fields[-1])
    return None


def reference_cases(profile: BenefitProfile, start: dt.date) -> list[CaseResult]:
    """The person against a course of each kind starting on `start`, with nothing else of the
    course known: what the rules still need about the person shows as their missing facts."""
    person = parse_case({"worker": profile.person_facts()}, "worker")
    assert isinstance(person, WorkerCase)
    courses = [{"kind": kind, "start_date": start.isoformat()} for kind in KINDS]
    return evaluate_batch(person, "course", courses, only={f"kyufu.{kind}" for kind in KINDS})


@dataclass(frozen=True)
class Requirement:
    label: str
    met: bool | None
    remedy: str | None


def requirements(results: list[CaseResult]) -> list[tuple[str, list[Requirement]]]:
    """For each program of reference_cases, its requirements about the person's insurance (the
    conditions of the group PERSON_GROUP), met, not met or not yet known, with what would change
    the answer."""
    rows = []
    for kind, result in zip(KINDS, results):
        menu = result.get(f"kyufu.{kind}")
        common = result.get("kyufu.eligibility")
        found = {}
        for cond in [*common.conditions, *menu.conditions]:
            if cond.spec.group == PERSON_GROUP:
                found.setdefault(cond.spec.id, Requirement(cond.spec.label, cond.met, cond.remedy))
        rows.append((menu.rule.spec.title, list(found.values())))
    return rows


def questions(profile: BenefitProfile, start: dt.date) -> list[Question]:
    """The profile's unanswered questions that the rules need, most decisive first."""
    settles: dict[str, int] = {}
    programs: dict[str, list[str]] = {}
    for result in reference_cases(profile, start):
        for q in next_questions(WorkerCase, result):
            name = field_for(profile, q.path)
            if name is None or getattr(profile, name) is not None:
                continue
            settles[name] = settles.get(name, 0) + q.settles
            programs.setdefault(name, [])
            programs[name] += [p for p in q.rules if p not in programs[name]]
    ranked = sorted(settles, key=lambda n: (-settles[n], list(BenefitProfile.model_fields).index(n)))
    return [_question(name, settles[name], programs[name]) for name in ranked]


def _question(name: str, settles: int, programs: list[str]) -> Question:
    info = BenefitProfile.model_fields[name]
    return Question(name, info.title or name, info.description or "", input_kind(name), settles, programs)


def input_kind(name: str) -> str:
    """How a field is asked: 'bool' (はい／いいえ), 'date', 'choice' or 'int'."""
    leaves = _leaf_types(BenefitProfile.model_fields[name].annotation)
    if bool in leaves:
        return "bool"
    if dt.date in leaves:
        return "date"
    if str in leaves:
        return "choice"
    return "int"


def _leaf_types(annotation: Any) -> set[Any]:
    args = get_args(annotation)
    if get_origin(annotation) is Literal:
        return {str}
    if not args:
        return {annotation}
    return set().union(*(_leaf_types(a) for a in args if a is not type(None)))


def choices(name: str) -> list[tuple[str, str]]:
    """(code, label) of a choice field, for the form."""
    if name == "last_benefit_kind":
        return list(BENEFIT_KIND.labels.items())
    return []
