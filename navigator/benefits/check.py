"""The benefit check of one course for one person: what the rules answer, by stage, with the net
cost and the dated steps.

    plan = CoursePlan.model_validate(form)                  # the person's plan for this course
    check = check_course(profile, entry, facets(), plan, today)
    check.status, check.stages, check.net_cost_yen, check.steps, check.questions

The amounts are the rules engine's (navigator.rules); `navigator benefit` on `check.case` prints
the same. An amount the rules computed while something is still undecided (the pre-course steps
not yet done, a designation the shipped list shows as ended) is shown as a 見込み, with what
decides it, never as granted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field, model_validator

from navigator.benefits.courses import benefit_kind, course_facts, planned_start
from navigator.benefits.profile import PERSON_GROUP, BenefitProfile, field_for
from navigator.catalog import Entry
from navigator.catalog.facets import Facets
from navigator.facts import CONSULTING_METHOD, JOB_CARD_SHEET, FactDate, Facts, WorkerCase, Yen
from navigator.rules import STATUS_JA, CaseResult, evaluate, evaluate_batch, parse_case, rule_base
from navigator.rules.engine import ConditionResult, RuleResult
from navigator.rules.explain import applicable, condition_text, next_questions, timeline, unverified_sources
from navigator.rules.schema import Source

STAGES = ("受講中", "修了", "資格取得・就職", "賃金上昇")
DESIGNATED = "designated"  # kyufu.eligibility: the start is within the course's designation period
FEE_SCHEDULES = {"at_start": "受講開始時にまとめて払う", "per_period": "6か月ごとに同じ額ずつ払う"}


class CoursePlan(Facts):
    """What the person plans, or has done, for one course: the facts of the benefit rules that
    are neither the person's (BenefitProfile) nor the course's as published."""

    start_date: FactDate | None = Field(None, title="受講開始日（予定）")
    fee_schedule: Literal["at_start", "per_period"] | None = Field(
        None, title="受講料の払い方",
        description="専門実践教育訓練で受講期間が6か月を超えると、給付金は6か月ごとの期間に払った受講料で計算します",
        json_schema_extra={"labels": FEE_SCHEDULES})
    employer_paid_yen: Yen | None = Field(
        None, title="受講料のうち会社が負担する額（円）",
        description="会社の自己啓発支援・手当などで受講料の一部を会社が払う場合。教育訓練給付金は本人が払った分だけが対象です")
    consulted_on: FactDate | None = Field(
        None, title="訓練前キャリアコンサルティングを受けた日（予定日）",
        description="特定一般・専門実践教育訓練では、受講開始日の14日前までに訓練対応キャリアコンサルタントの面談でジョブ・カードを作ります")
    consultant_training_certified: bool | None = Field(
        None, title="面談したのは訓練対応キャリアコンサルタントである",
        description="ハローワークで紹介される訓練対応キャリアコンサルタント（ジョブ・カードセンターなど）")
    consulting_method: CONSULTING_METHOD.type() | None = Field(None, title="面談の方法")
    sheets_used: list[JOB_CARD_SHEET.type()] | None = Field(None, title="作ったジョブ・カードの様式")
    card_kept_by_me: bool | None = Field(
        None, title="ジョブ・カードは自分で管理している（写しを渡していない・会社の人事に見せていない）")
    eligibility_checked_on: FactDate | None = Field(
        None, title="ハローワークで受給資格確認を済ませた日（予定日）",
        description="ジョブ・カードなどを添えて、受講開始日の14日前までに住所地のハローワークで手続きします")

    @model_validator(mode="after")
    def _consultation_first(self) -> "CoursePlan":
        if self.start_date and self.consulted_on and self.consulted_on > self.start_date:
            raise ValueError("「訓練前キャリアコンサルティングを受けた日」が受講開始日より後です。受講前に受けます")
        return self

    def consultings(self) -> list[dict[str, Any]] | None:
        """The pre-course consultation as the rules read it (None: not told yet)."""
        if self.consulted_on is None:
            return None
        record: dict[str, Any] = {"purpose": "pre_course", "conducted_on": self.consulted_on.isoformat()}
        if self.consultant_training_certified is not None:
            record["consultant_training_certified"] = self.consultant_training_certified
        if self.consulting_method:
            record["method"] = self.consulting_method
        if self.sheets_used is not None:
            record["sheets_used"] = self.sheets_used
        if self.card_kept_by_me is not None:
            record.update(card_kept_by="worker" if self.card_kept_by_me else "consultant",
                          copy_kept_by_consultant=not self.card_kept_by_me,
                          shown_to_employer=not self.card_kept_by_me)
        return [record]


@dataclass
class StageAmount:
    stage: str
    label: str
    yen: int | None
    granted: bool  # the rules answer 対象 with this amount; otherwise a 見込み
    source: Source


@dataclass
class Step:
    date: dt.date | None
    label: str
    detail: str  # the rule and its source: why the step is due then
    yen: int | None = None
    moved_from: dt.date | None = None


@dataclass
class Ask:
    """A fact the rules still need: where the person answers it."""
    label: str
    where: str  # 'profile' (the 雇用保険 profile) or 'plan' (this course's plan) or 'course'
    field: str | None
    settles: int


@dataclass
class BenefitCheck:
    entry: Entry
    case: WorkerCase
    result: CaseResult
    menu: RuleResult
    status: str  # 対象 / 対象外 / 判定不能
    total_yen: int  # granted
    stages: list[StageAmount]
    fee_yen: int | None
    employer_paid_yen: int
    worker_paid_yen: int | None
    steps: list[Step]
    reasons: list[tuple[str, str | None]]  # (why not, what would change it)
    undecided: list[tuple[str, str | None]]  # (requirement, what to do)
    person: list[tuple[str, bool | None, str | None]]  # the 雇用保険 requirements: (label, met, remedy)
    questions: list[Ask]
    unverified: list[str]
    designation_ended: bool
    renewed: BenefitCheck | None = None  # the same course if its designation has been renewed

    @property
    def next_step(self) -> Ask | None:
        """The one thing that decides the answer next: a question of the profile first (it
        decides every course), then what to enter for this course."""
        if self.status == "対象":
            return None
        profile = [q for q in self.questions if q.where == "profile"]
        return (profile or [q for q in self.questions if q.where == "plan"] or [None])[0]

    @property
    def pre_course_deadline(self) -> dt.date | None:
        return next((d.date for r in self.result.results for d in r.deadlines
                     if d.id == "pre_course_deadline" and applicable(r)), None)

    @property
    def prospect_yen(self) -> int:
        """Everything the rules computed for this course, granted or not yet."""
        return sum(s.yen or 0 for s in self.stages)

    @property
    def net_cost_yen(self) -> int | None:
        """What the person pays in the end with what is granted."""
        return None if self.worker_paid_yen is None else self.worker_paid_yen - self.total_yen

    @property
    def net_cost_at_best_yen(self) -> int | None:
        """What the person pays if every 見込み is paid too."""
        return None if self.worker_paid_yen is None else self.worker_paid_yen - self.prospect_yen


def benefit_case(profile: BenefitProfile, entry: Entry, facets: Facets, plan: CoursePlan,
                 today: dt.date) -> WorkerCase:
    """The facts the rules read for this person and course (what `navigator benefit` would read)."""
    start = plan.start_date or planned_start(entry, today)
    course = course_facts(entry, facets, start, employer_paid_yen=plan.employer_paid_yen)
    data: dict[str, Any] = {"as_of": today.isoformat(), "worker": profile.person_facts(), "course": course}
    months = entry.course.duration_months if entry.course else None
    period = _period_months(start)
    if plan.fee_schedule and course.get("fee_yen") is not None and months and period and months > period:
        course["fees_by_period_yen"] = _fees_by_period(course["fee_yen"], -(-months // period), plan.fee_schedule)
    if plan.eligibility_checked_on:
        data["worker"]["eligibility_checked_on"] = plan.eligibility_checked_on.isoformat()
    consultings = plan.consultings()
    if consultings is not None:
        data["consultings"] = consultings
    case = parse_case(data, "worker")
    assert isinstance(case, WorkerCase)
    return case


def _period_months(start: dt.date) -> int | None:
    """The 支給単位期間 of 専門実践教育訓練 in force on the start date (rules/kyufu/professional.yaml);
    None before the rule has one (then the rules leave the amount undecided)."""
    dated = rule_base().rules["kyufu.professional"].spec.parameters["period_months"].at(start)
    return dated.value if dated else None


def _fees_by_period(fee: int, periods: int, schedule: str) -> list[int]:
    if schedule == "at_start":
        return [fee] + [0] * (periods - 1)
    share, rest = divmod(fee, periods)
    return [share + rest] + [share] * (periods - 1)


def check_course(profile: BenefitProfile, entry: Entry, facets: Facets, plan: CoursePlan,
                 today: dt.date) -> BenefitCheck:
    case = benefit_case(profile, entry, facets, plan, today)
    check = _check(profile, entry, case, evaluate(case))
    if check.designation_ended:
        # The shipped list is a snapshot: a course whose designation it shows as ended is often
        # designated again. With the designation left unknown the rules compute what it would pay.
        renewed = _renewed(case)
        check.renewed = _check(profile, entry, renewed, evaluate(renewed), renewed=True)
    return check


def check_courses(profile: BenefitProfile, entries: list[Entry], facets: Facets,
                  plans: dict[str, CoursePlan], today: dt.date) -> dict[str, BenefitCheck]:
    """「あなたの場合」 for a page of courses: the courses without a plan of the person's are
    evaluated in one batch (the person's facts converted once), the planned ones one by one."""
    checks: dict[str, BenefitCheck] = {}
    plain = [e for e in entries if e.id not in plans]
    if plain:
        cases = [benefit_case(profile, e, facets, CoursePlan(), today) for e in plain]
        person = cases[0].model_copy(update={"course": None})
        results = evaluate_batch(person, "course", [c.course for c in cases])
        for entry, case, result in zip(plain, cases, results):
            checks[entry.id] = _check(profile, entry, case, result)
    for entry in entries:
        if entry.id in plans:
            checks[entry.id] = check_course(profile, entry, facets, plans[entry.id], today)
    ended = [checks[e.id] for e in plain if checks[e.id].designation_ended]
    if ended:
        renewed = [_renewed(c.case) for c in ended]
        person = renewed[0].model_copy(update={"course": None})
        for check, case, result in zip(ended, renewed,
                                       evaluate_batch(person, "course", [c.course for c in renewed])):
            check.renewed = _check(profile, check.entry, case, result, renewed=True)
    return checks


def _renewed(case: WorkerCase) -> WorkerCase:
    """The case with the course's designation period unknown, as if it had been renewed."""
    course = case.course.model_copy(update={"designation_start": None, "designation_end": None})
    return case.model_copy(update={"course": course})


def _check(profile: BenefitProfile, entry: Entry, case: WorkerCase, result: CaseResult,
           renewed: bool = False) -> BenefitCheck:
    """`renewed`: the case of _renewed, whose unknown designation is the assumption, not a question."""
    menu = result.get(f"kyufu.{benefit_kind(entry)}")
    common = result.get("kyufu.eligibility")
    concerned = [r for r in result.results if applicable(r) and r.rule.spec.role in ("menu", "requirement")]
    designation = next((c for c in common.conditions if c.spec.id == DESIGNATED), None)
    assumed = {DESIGNATED} if renewed else set()
    return BenefitCheck(
        entry=entry, case=case, result=result, menu=menu,
        status=STATUS_JA[menu.status],
        total_yen=(menu.total or 0) if menu.status == "eligible" else 0,
        stages=_stages(menu),
        fee_yen=case.course.fee_yen,
        employer_paid_yen=case.course.employer_paid_yen or 0,
        worker_paid_yen=common.values.get("worker_fee"),
        steps=_steps(case, result),
        reasons=_unique([(condition_text(c), c.remedy) for r in concerned for c in _failed(r)]),
        undecided=_unique([(c.spec.label, c.remedy) for r in concerned for c in _open(r)
                           if c.spec.group != PERSON_GROUP and not c.spec.expr.startswith("rules.")
                           and c.spec.id not in assumed]),
        person=_unique([(c.spec.label, c.met, c.remedy) for r in (common, menu) for c in r.conditions
                        if c.spec.group == PERSON_GROUP]),
        questions=[q for q in _questions(profile, result) if not (renewed and q.where == "course")],
        unverified=unverified_sources(result),
        designation_ended=designation is not None and designation.met is False,
    )


def _failed(result: RuleResult) -> list[ConditionResult]:
    return [c for c in result.conditions if c.met is False and not c.spec.expr.startswith("rules.")]


def _open(result: RuleResult) -> list[ConditionResult]:
    return [c for c in result.conditions if c.met is None]


def _unique(rows: list[tuple]) -> list[tuple]:
    return list(dict.fromkeys(rows))


def _stages(menu: RuleResult) -> list[StageAmount]:
    """The menu's amounts by the stage each is paid at, then the 見込み the rule computed for a
    later stage not yet earned (a top-up once the qualification is obtained)."""
    if menu.status == "ineligible":
        return []
    granted = menu.status == "eligible"
    rows = [StageAmount(spec.stage, found.label, found.yen, granted, spec.source)
            for spec, found in zip(menu.rule.spec.amounts, menu.amounts)
            if spec.stage and found.yen]
    earned = {r.stage for r in rows}
    for value in menu.rule.spec.values:
        yen = menu.values.get(value.id)
        if value.stage and value.stage not in earned and isinstance(yen, int) and yen > 0:
            rows.append(StageAmount(value.stage, menu.shown(value).label, yen, False,
                                    value.source or menu.rule.spec.validity_source))
    return sorted(rows, key=lambda r: STAGES.index(r.stage) if r.stage in STAGES else len(STAGES))


def _steps(case: WorkerCase, result: CaseResult) -> list[Step]:
    course = case.course
    steps = [Step(s.date, s.label, f"{s.title}（{s.source.cite()}）", s.yen, s.moved_from)
             for s in timeline(result)]
    if course.start_date:
        steps.append(Step(course.start_date, f"「{course.name}」の受講開始", "講座の開講月の1日として計算（変更できます）"))
    if course.end_date:
        steps.append(Step(course.end_date, f"「{course.name}」の修了（予定）", "受講開始日と訓練期間から計算"))
    return sorted(steps, key=lambda s: (s.date is None, s.date or dt.date.min))


def _questions(profile: BenefitProfile, result: CaseResult) -> list[Ask]:
    asks = []
    for q in next_questions(WorkerCase, result):
        name = field_for(profile, q.path)
        if name is not None:
            asks.append(Ask(BenefitProfile.model_fields[name].title, "profile", name, q.settles))
        elif _plan_field(q.path):
            field = _plan_field(q.path)
            asks.append(Ask(CoursePlan.model_fields[field].title, "plan", field, q.settles))
        else:  # a fact of the course the list does not give (e.g. its designation period)
            asks.append(Ask(q.label, "course", None, q.settles))
    return asks


_PLAN_FIELDS = {
    "consultings": "consulted_on", "conducted_on": "consulted_on",
    "consultant_training_certified": "consultant_training_certified", "method": "consulting_method",
    "sheets_used": "sheets_used", "card_kept_by": "card_kept_by_me",
    "copy_kept_by_consultant": "card_kept_by_me", "shown_to_employer": "card_kept_by_me",
    "eligibility_checked_on": "eligibility_checked_on",
    "fees_by_period_yen": "fee_schedule",
}


def _plan_field(path: str) -> str | None:
    return _PLAN_FIELDS.get(path.rsplit(".", 1)[-1].split("[", 1)[0])

