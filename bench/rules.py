"""Benchmark of the rules engine: all employer rules for generated companies, and all worker
rules (教育訓練給付金 and the rest) for generated workers and courses.

    .venv/bin/python bench/rules.py [--companies 10000] [--workers 10000] [--runs 5] [--processes 2]

Prints a table: cases/second (median of the runs, one process and all processes) and the
median / p95 time of one evaluation with its trace and JSON explanation. The cases are in
memory before the clock starts, in the one process as in each of the parallel ones.

The worker rows also give the batch path: worker cases/s with explanations (evaluate + the JSON
explanation) and without (explain=False), and one person against every generated course at once
(evaluate_batch, as the course list and matching use it) beside the same cases one at a time.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import multiprocessing
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from navigator import PROJECT_ROOT  # noqa: E402
from navigator.facts import BenefitCourse, EmployerCase, WorkerCase  # noqa: E402
from navigator.rules import evaluate, evaluate_batch, parse_case, rule_base  # noqa: E402
from navigator.rules.commands import worker_facts  # noqa: E402
from navigator.yamlfile import load_facts_yaml  # noqa: E402
from navigator.rules.engine import evaluate_case  # noqa: E402
from navigator.rules.explain import case_json  # noqa: E402

INDUSTRIES = ["retail", "service", "wholesale", "other"]
MENUS = ["training", "evaluation", "career_consulting", "skill_test"]


def company(rng: random.Random) -> dict:
    """A plausible company and plan; some facts left unknown, some requirements failing."""
    start = dt.date(2015, 4, 1) + dt.timedelta(days=rng.randrange(0, 300))
    day = lambda offset: (start + dt.timedelta(days=offset)).isoformat()  # noqa: E731
    menus = rng.sample(MENUS, rng.randint(1, 3))
    workers = [{"id": f"W{i}", "insured": rng.random() > 0.05} for i in range(rng.randint(3, 40))]
    ids = [w["id"] for w in workers]
    maybe = lambda value, p=0.95: value if rng.random() < p else None  # noqa: E731
    employer = {
        "industry": rng.choice(INDUSTRIES), "capital_yen": rng.choice([3_000_000, 10_000_000, 50_000_000, 80_000_000, 400_000_000]),
        "regular_employees": len(workers) * rng.choice([1, 2, 10]), "insured_employees_at_application": len(workers),
        "employment_insurance_office": True, "separations": [], "development_plan_created": rng.random() > 0.1,
        "development_plan_union_consulted": True, "development_plan_announced": True,
        "development_promoter_appointed": True, "development_promoter_appointed_on": day(-60),
        "keeps_records": True, "cooperates_with_audit": True, "fraud_dates": [], "premium_arrears": rng.random() < 0.05,
        "labor_law_violation_dates": [], "adult_entertainment_business": False, "organized_crime_related": False,
        "bankrupt": False, "consents_to_publication": maybe(True), "group_course_beneficiary": False,
        "past_introduction_grants": [], "existing_systems": [], "other_subsidy_for_same_costs": False,
    }
    courses = [{
        "id": f"C{c}", "name": f"コース{c}", "off_jt": True, "attendance": "ordered", "employer_pays": "all",
        "provider": rng.choice(["external"] * 9 + ["internal"]), "cost_proof": True, "cost_yen": rng.randrange(20_000, 400_000),
        "scheduled_hours": rng.choice([18.0, 21.0, 24.0, 40.0, 60.0]), "ceremony_hours": rng.choice([0.5, 1.5]),
        "meal_break_hours": 2.0, "daily_short_break_hours": [0.5, 1.2], "content": rng.choice(["job_direct"] * 8 + ["general_manners", "hobby"]),
        "method": rng.choice(["classroom"] * 8 + ["video_only", "remote_interactive"]), "instructor_qualified": True,
        "follows_curriculum": True, "uses_annual_paid_leave": False, "facility_appropriate": True,
        "start_date": day(30), "end_date": day(40),
        "trainees": [{"worker_id": rng.choice(ids), "attended_hours": rng.choice([15.0, 20.0, 40.0, 60.0]),
                      "shortfall_reason": "other", "job_card_handed_on": day(40)} for _ in range(rng.randint(1, 3))],
    } for c in range(rng.randint(0, 3) if "training" in menus else 0)]
    evaluations = [{
        "id": f"E{e}", "period_start": day(0), "period_end": day(rng.choice([80, 92, 200, 400])), "conducted_on": day(95),
        "items_total": 12, "items_cited": rng.choice([5, 7, 12]), "cited_items_have_codes": True, "coverage": "duty",
        "uses_job_card": True, "evaluators_assigned": True,
        "evaluees": [{"worker_id": rng.choice(ids), "job_card_handed_on": day(95)} for _ in range(rng.randint(1, 4))],
    } for e in range(rng.randint(0, 2) if "evaluation" in menus else 0)]
    consultings = [{
        "worker_id": rng.choice(ids), "conducted_on": day(50), "consultant_qualified": True, "consultant_job_card_adviser": True,
        "method": rng.choice(["face_to_face"] * 4 + ["video"]), "attendance": "ordered", "employer_pays": "all",
        "uses_job_card": True, "job_card_created_on": day(50),
    } for _ in range(rng.randint(0, 3) if "career_consulting" in menus else 0)]
    skill_tests = [{
        "worker_id": rng.choice(ids), "in_plan": True, "attendance": "ordered", "employer_pays": "all", "exam_date": day(60),
        "passed": rng.random() > 0.3, "reward_yen": 10_000, "reward_paid_on": day(70),
    } for _ in range(rng.randint(0, 2) if "skill_test" in menus else 0)]
    return {
        "employer": employer,
        "plan": {"menus": menus, "start_date": day(0), "end_date": day(700), "submitted_on": day(-40),
                 "instrument": "work_rules_filed", "introduced_on": day(0), "only_formal_revision": False,
                 "ability_map_covers_all_work": True, "training_plan_coverage": "duty",
                 "consulting_plan_covers_all_workers": True, "documents_announced": True},
        "application": {"submitted_on": maybe(day(rng.choice([100, 110, 200])), 0.9)},
        "workers": workers, "courses": courses, "evaluations": evaluations, "consultings": consultings,
        "skill_tests": skill_tests,
    }


def generate(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    return [EmployerCase.model_validate(company(rng)).activation() for _ in range(count)]


COURSE_EXAMPLES = ["benefit-course-iot.yaml", "benefit-course-isms.yaml", "benefit-course-expired.yaml",
                   "benefit-course-company-share.yaml"]
KINDS = ["general", "specific_general", "professional"]


def workers(count: int, seed: int = 11) -> list[dict]:
    """Workers and courses varied from the examples: insured since, fees, start dates, kinds."""
    rng = random.Random(seed)
    worker = load_facts_yaml((PROJECT_ROOT / "examples/benefit-worker.yaml").read_text(encoding="utf-8"))
    courses = [load_facts_yaml((PROJECT_ROOT / "examples" / name).read_text(encoding="utf-8"))
               for name in COURSE_EXAMPLES]
    cases = []
    for _ in range(count):
        course = dict(rng.choice(courses))
        start = dt.date(2023, 4, 1) + dt.timedelta(days=rng.randrange(0, 600))
        course.update(kind=rng.choice(KINDS), start_date=start.isoformat(),
                      end_date=(start + dt.timedelta(days=rng.choice([60, 180, 365, 700]))).isoformat(),
                      fee_yen=rng.randrange(10_000, 1_200_000))
        course.pop("fees_by_period_yen", None)
        person = {**worker, "worker": {**worker["worker"],
                                        "insured_since": (start - dt.timedelta(days=rng.randrange(100, 4000))).isoformat()}}
        cases.append(WorkerCase.model_validate(worker_facts(person, course)).activation())
    return cases


@contextlib.contextmanager
def _dataset_out_of_gc():
    """Thousands of generated cases held in memory are not part of a server's heap (it holds the
    one case it evaluates): without this, every full collection walks them all and the measure
    charges the engine for the benchmark's own dataset (~10 % of the time)."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _as_of(kind: str) -> dt.date | None:
    """The generated companies' plans are of 2015年度; a worker case carries its own date."""
    return dt.date(2016, 1, 1) if kind == "employer" else None


def _evaluate_all(base, kind: str, cases: list[dict]) -> float:
    """Seconds to evaluate every case."""
    start = time.perf_counter()
    for case in cases:
        evaluate_case(base, kind, case, _as_of(kind))
    return time.perf_counter() - start


def _process(kind: str, cases: list[dict], runs: int, start_together, seconds) -> None:
    """One of the parallel processes: its share of the cases, evaluated `runs` times, each run
    started with the others; reports (run, seconds) for each."""
    base = rule_base()
    _evaluate_all(base, kind, cases[:50])  # warm up
    with _dataset_out_of_gc():
        for run in range(runs):
            start_together.wait()
            seconds.put((run, _evaluate_all(base, kind, cases)))


def _parallel(kind: str, cases: list[dict], runs: int, processes: int) -> list[float]:
    """Cases/second of `processes` processes evaluating their shares at the same time, per run.

    Each process gets its share when it starts (forked: nothing to copy or unpickle), so a run
    times the evaluations only, as the one-process figure does; a run lasts until the slowest
    process is done."""
    context = multiprocessing.get_context("fork")
    start_together = context.Barrier(processes)
    seconds = context.Queue()
    workers = [context.Process(target=_process, args=(kind, cases[i::processes], runs,
                                                      start_together, seconds))
               for i in range(processes)]
    for worker in workers:
        worker.start()
    slowest = [0.0] * runs
    for _ in range(runs * processes):
        run, elapsed = seconds.get()
        slowest[run] = max(slowest[run], elapsed)
    for worker in workers:
        worker.join()
    return [len(cases) / elapsed for elapsed in slowest]


def measure(label: str, one: str, kind: str, cases: list[dict], runs: int, processes: int) -> list[str]:
    base = rule_base()
    _evaluate_all(base, kind, cases[:200])  # warm up
    with _dataset_out_of_gc():
        single = [len(cases) / _evaluate_all(base, kind, cases) for _ in range(runs)]
    parallel = _parallel(kind, cases, runs, processes)
    case_type = EmployerCase if kind == "employer" else WorkerCase
    latencies = []
    with _dataset_out_of_gc():
        for case in cases[:2000]:
            start = time.perf_counter()
            result = evaluate_case(base, kind, case, _as_of(kind))
            case_json(case_type, result)
            latencies.append((time.perf_counter() - start) * 1000)
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    return [
        f"| {label}/s, 1 process | {statistics.median(single):,.0f} | {_spread(single)} | |",
        f"| {label}/s, {processes} processes | {statistics.median(parallel):,.0f} | {_spread(parallel)} | ≥ 2,000 |",
        f"| one {one} with trace + JSON, median | {statistics.median(latencies):.2f} ms | | |",
        f"| one {one} with trace + JSON, p95 | {p95:.2f} ms | | ≤ 5 ms |",
    ]


def measure_batch(cases: list[dict], runs: int) -> list[str]:
    """Worker cases/s with and without explanations, and one person × every course."""
    typed = [WorkerCase.model_validate(c) for c in cases]
    person = parse_case({k: v for k, v in cases[0].items() if k != "course"}, "worker")
    courses = [BenefitCourse.model_validate(c["course"]) for c in cases]
    one_person = [person.model_copy(update={"course": c}) for c in courses]

    def rate(work) -> list[float]:
        work(typed[:200] if work is not batch else courses[:200])  # warm up
        rates = []
        with _dataset_out_of_gc():
            for _ in range(runs):
                start = time.perf_counter()
                work(typed if work is not batch and work is not alone else courses)
                rates.append(len(cases) / (time.perf_counter() - start))
        return rates

    def explained(items):
        for case in items:
            case_json(WorkerCase, evaluate(case))

    def bare(items):
        for case in items:
            evaluate(case, explain=False)

    def alone(items):  # the results kept, as a page keeps them
        return [evaluate(case, explain=False) for case in one_person[:len(items)]]

    def batch(items):
        evaluate_batch(person, "course", items, explain=False)

    rows = []
    for label, work in (("worker cases/s with explanations (evaluate + JSON), 1 process", explained),
                        ("worker cases/s without explanations (explain=False), 1 process", bare),
                        ("one person × each course, one at a time (results kept), 1 process", alone),
                        ("one person × all courses, evaluate_batch, 1 process", batch)):
        rates = rate(work)
        rows.append(f"| {label} | {statistics.median(rates):,.0f} | {_spread(rates)} | |")
    return rows


def _spread(rates: list[float]) -> str:
    """The slowest and the fastest run: on a shared machine they can be far apart."""
    return f"{min(rates):,.0f}–{max(rates):,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()

    base = rule_base()
    rows = measure("companies", "company evaluation", "employer", generate(args.companies), args.runs, args.processes)
    worker_cases = workers(args.workers)
    rows += measure("workers", "worker evaluation", "worker", worker_cases, args.runs, args.processes)
    rows += measure_batch(worker_cases, args.runs)
    print(f"rules engine benchmark: {args.companies:,} generated companies, {args.workers:,} generated "
          f"workers, {len(base.rules)} rule files, {args.runs} runs, {args.processes} processes")
    print("| measure | median | runs (slowest–fastest) | target |")
    print("| --- | ---: | ---: | ---: |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
