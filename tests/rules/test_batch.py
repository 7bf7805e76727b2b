"""evaluate_batch: one person and many courses give what evaluating each case alone gives."""

import datetime as dt
import random

import pytest

from navigator import PROJECT_ROOT
from navigator.facts import BenefitCourse
from navigator.rules import FactsError, evaluate, evaluate_batch, parse_case
from navigator.yamlfile import load_facts_yaml

EXAMPLES = PROJECT_ROOT / "examples"
PERSON = parse_case(load_facts_yaml((EXAMPLES / "benefit-worker.yaml").read_text(encoding="utf-8")), "worker")
COURSES = [load_facts_yaml((EXAMPLES / name).read_text(encoding="utf-8"))
           for name in ("benefit-course-iot.yaml", "benefit-course-isms.yaml",
                        "benefit-course-expired.yaml", "benefit-course-company-share.yaml")]


def _courses(count: int, seed: int = 3) -> list[BenefitCourse]:
    """Courses varied in kind, dates, fee and what is known, as a catalog page holds them."""
    rng = random.Random(seed)
    courses = []
    for _ in range(count):
        course = dict(rng.choice(COURSES))
        start = dt.date(2023, 4, 1) + dt.timedelta(days=rng.randrange(0, 700))
        course.update(kind=rng.choice(["general", "specific_general", "professional"]),
                      start_date=start.isoformat(),
                      end_date=(start + dt.timedelta(days=rng.choice([30, 180, 400, 800]))).isoformat(),
                      fee_yen=rng.choice([15_000, 19_000, 20_005, 300_000, 1_500_000]))
        course.pop("fees_by_period_yen", None)
        if rng.random() < 0.2:
            course.pop("completed", None)  # unknown: undetermined
        courses.append(BenefitCourse.model_validate(course))
    return courses


def _summary(case) -> list[tuple]:
    return [(r.rule.spec.id, r.status, r.total, [(a.id, a.yen) for a in r.amounts],
             [(d.id, d.date) for d in r.deadlines], sorted(m.path for m in r.missing),
             [(c.spec.id, c.met, c.remedy) for c in r.conditions], r.values)
            for r in case.results]


def test_a_batch_gives_what_each_case_gives_alone():
    courses = _courses(120)
    batch = evaluate_batch(PERSON, "course", courses)
    alone = [evaluate(PERSON.model_copy(update={"course": c})) for c in courses]
    assert [_summary(b) for b in batch] == [_summary(a) for a in alone]
    statuses = {r.status for case in batch for r in case.results}
    assert statuses == {"eligible", "ineligible", "undetermined"}  # the sample covers all three


def test_a_rule_that_reads_nothing_of_the_course_runs_once_for_the_batch():
    batch = evaluate_batch(PERSON, "course", _courses(5))
    consulting = [case.get("jobcard.consulting") for case in batch]
    assert all(result is consulting[0] for result in consulting)
    professional = [case.get("kyufu.professional") for case in batch]
    assert len({id(result) for result in professional}) == 5


def test_without_explanations_the_answers_are_the_same_and_no_remedy_is_filled():
    courses = _courses(60, seed=5)
    full = evaluate_batch(PERSON, "course", courses)
    bare = evaluate_batch(PERSON, "course", courses, explain=False)
    strip = lambda s: [(rule, st, tot, am, dl, ms, [(c, met) for c, met, _ in conds], v)  # noqa: E731
                       for rule, st, tot, am, dl, ms, conds, v in s]
    assert [strip(_summary(c)) for c in bare] == [strip(_summary(c)) for c in full]
    assert any(c.remedy for case in full for r in case.results for c in r.conditions)
    assert not any(c.remedy for case in bare for r in case.results for c in r.conditions)


def test_only_limits_the_batch_to_a_rule_and_what_it_uses():
    batch = evaluate_batch(PERSON, "course", _courses(3), only={"kyufu.general"})
    assert {r.rule.spec.id for r in batch[0].results} == {"kyufu.general", "kyufu.eligibility"}


def test_facts_the_rules_cannot_compute_with_are_refused_naming_the_fact():
    late = BenefitCourse.model_validate({**COURSES[0], "start_date": "2099-12-01", "end_date": "2099-12-31"})
    with pytest.raises(FactsError) as info:
        evaluate_batch(PERSON, "course", [_courses(1)[0], late])
    assert any(p["field"].startswith("course.") for p in info.value.problems)
    assert all(p["message"] for p in info.value.problems)


def test_a_batch_leaves_no_cyclic_garbage():
    """evaluate_batch pauses the cyclic collector while it runs: that is only sound if
    evaluating makes no reference cycles per case, which this holds it to (a few one-off
    objects of the caches may be cyclic: their number must not grow with the batch)."""
    import gc

    def garbage(count: int) -> int:
        courses = _courses(count, seed=9)
        gc.collect()
        gc.disable()
        try:
            results = evaluate_batch(PERSON, "course", courses)
            del results
            return gc.collect()
        finally:
            gc.enable()

    garbage(5)
    assert garbage(400) - garbage(50) < 20
