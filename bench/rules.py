"""Benchmark of the rules engine: all employer rules for generated companies.

    .venv/bin/python bench/rules.py [--companies 10000] [--runs 5] [--processes 2]

Prints a table: companies/second (median of the runs, one process and all processes) and the
median / p95 time of one evaluation with its trace and JSON explanation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from navigator.facts import EmployerCase  # noqa: E402
from navigator.rules import rule_base  # noqa: E402
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


def _throughput(cases: list[dict]) -> float:
    base = rule_base()
    start = time.perf_counter()
    for case in cases:
        evaluate_case(base, "employer", case, dt.date(2016, 1, 1))
    return len(cases) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()

    cases = generate(args.companies)
    base = rule_base()
    _throughput(cases[:200])  # warm up
    single = [_throughput(cases) for _ in range(args.runs)]

    chunks = [cases[i::args.processes] for i in range(args.processes)]
    parallel = []
    with ProcessPoolExecutor(args.processes) as pool:
        list(pool.map(_throughput, [c[:50] for c in chunks]))  # warm up the workers
        for _ in range(args.runs):
            start = time.perf_counter()
            list(pool.map(_throughput, chunks))
            parallel.append(len(cases) / (time.perf_counter() - start))

    latencies = []
    statuses: dict[str, int] = {}
    for case in cases[:2000]:
        start = time.perf_counter()
        result = evaluate_case(base, "employer", case, dt.date(2016, 1, 1))
        case_json(EmployerCase, result)
        latencies.append((time.perf_counter() - start) * 1000)
        for r in result.results:
            if r.rule.spec.role == "menu":
                statuses[r.status] = statuses.get(r.status, 0) + 1
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    rules = len(base.rules)
    print(f"rules engine benchmark: {args.companies:,} generated companies, {rules} employer rule files, "
          f"{args.runs} runs")
    print(f"menu results in the sample: {statuses}")
    print("| measure | median | target |")
    print("| --- | ---: | ---: |")
    print(f"| companies/s, 1 process | {statistics.median(single):,.0f} | |")
    print(f"| companies/s, {args.processes} processes | {statistics.median(parallel):,.0f} | ≥ 2,000 |")
    print(f"| one evaluation with trace + JSON, median | {statistics.median(latencies):.2f} ms | |")
    print(f"| one evaluation with trace + JSON, p95 | {p95:.2f} ms | ≤ 5 ms |")


if __name__ == "__main__":
    main()
