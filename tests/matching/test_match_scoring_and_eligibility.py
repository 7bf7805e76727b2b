import datetime as dt

import numpy as np

from navigator.catalog import load_catalog
from navigator.matching import scoring
from navigator.matching.barriers import BarrierDetector
from navigator.matching.eligibility import NO_RULE, eligibility_for
from navigator.matching.settings import settings
from navigator.matching.text import sentences


def test_dense_is_calibrated_between_median_and_best():
    cos = np.array([0.80, 0.82, 0.84, 0.90, 0.70])
    among = np.array([True, True, True, True, False])
    out = scoring.calibrate_dense(cos, among, np.ones(5, bool))
    assert out[3] == 1.0 and out[0] == 0.0 and out[4] == 0.0
    assert 0 < out[2] < 1


def test_dense_median_leaves_courses_out_so_the_scale_does_not_move_with_the_course_list():
    programs = np.array([0.80, 0.82, 0.84])
    few, many = np.full(2, 0.83), np.full(200, 0.83)  # courses all alike to e5
    for courses in (few, many):
        cos = np.concatenate([programs, courses])
        reference = np.arange(cos.size) < programs.size
        out = scoring.calibrate_dense(cos, np.ones(cos.size, bool), reference)
        assert out[1] == 0.0 and out[2] == 1.0


def test_barrier_scores_are_the_share_of_the_notes_barriers_addressed():
    programs = np.array([[1, 0, 0], [0, 1, 0], [1, 1, 1]], dtype=np.float32)
    note = np.array([1.0, 0.5, 0.0], dtype=np.float32)
    assert np.allclose(scoring.barrier_scores(programs, note), [1 / 1.5, 0.5 / 1.5, 1.0])
    assert not scoring.barrier_scores(programs, np.zeros(3, np.float32)).any()


def test_time_programs_rise_for_a_note_with_no_time_even_without_shared_words():
    # equal meaning and names, the only difference is the barrier the program addresses
    dense = np.array([0.5, 0.5])
    barrier = scoring.barrier_scores(np.array([[1, 0, 0], [0, 0, 1]], np.float32), np.array([1.0, 0, 0], np.float32))
    total = scoring.combine(dense, np.zeros(2), np.zeros(2), barrier, np.ones(2), np.ones(2), np.ones(2))
    assert total[0] > total[1]


def test_region_and_audience_factors():
    regions = np.array(["", "広島県", "佐賀県"])
    assert list(scoring.region_factors(regions, ["広島県"])) == [1.0, scoring.REGION_SAME, scoring.REGION_OTHER]
    assert list(scoring.region_factors(regions, [])) == [1.0, scoring.REGION_UNKNOWN, scoring.REGION_UNKNOWN]
    assert list(scoring.audience_factors(np.array([True, False]))) == [1.0, scoring.AUDIENCE_OTHER]


def test_barrier_cues_are_found_in_the_sentence_that_shows_them():
    detector = BarrierDetector.from_file(settings().catalog_dir / "barriers.yaml")
    note = "仕事は好きです。毎日残業で勉強する時間が取れない。何から始めればいいかも分からない。"
    found = detector.detect(sentences(note))
    assert found["時間がない"].sentence.text == "毎日残業で勉強する時間が取れない。"
    assert found["学び方がわからない"].strength == 1.0
    assert "目指すキャリアが不明確" not in found


def test_eligibility_seam():
    catalog = load_catalog()
    facts = {}
    no_rule = eligibility_for(catalog.get("manabi-dx"), facts, dt.date(2026, 11, 1))
    assert no_rule.status == "判定不能" and no_rule.reasons == [NO_RULE]
    with_rule = eligibility_for(catalog.get("kyoiku-kunren-kyufu.ippan"), facts, dt.date(2026, 11, 1))
    assert with_rule.status == "判定不能" and with_rule.rule == "kyufu.general"
    assert NO_RULE not in with_rule.reasons and with_rule.missing_facts  # what to ask first
    ended = eligibility_for(catalog.get("kigyounai.training-evaluation"), facts, dt.date(2026, 11, 1))
    assert ended.status == "終了" and "2016-03-31" in ended.reasons[0]
    assert eligibility_for(catalog.get("kigyounai.training-evaluation"), facts, dt.date(2015, 6, 1)).status == "判定不能"


def test_eligibility_comes_from_the_rules_engine():
    """A worker with a 一般教育訓練 course: the engine's answer, not the matcher's."""
    import yaml

    from navigator import PROJECT_ROOT
    from navigator.rules.commands import worker_facts

    catalog = load_catalog()
    worker = yaml.safe_load((PROJECT_ROOT / "examples/benefit-worker.yaml").read_text(encoding="utf-8"))
    course = yaml.safe_load((PROJECT_ROOT / "examples/benefit-course-iot.yaml").read_text(encoding="utf-8"))
    facts = {"worker": worker_facts(worker, course)}
    pro = eligibility_for(catalog.get("kyoiku-kunren-kyufu.senmon-jissen"), facts, dt.date(2024, 9, 1))
    assert pro.status == "対象" and pro.rule == "kyufu.professional"
    general = eligibility_for(catalog.get("kyoiku-kunren-kyufu.ippan"), facts, dt.date(2024, 9, 1))
    assert general.status == "対象外" and general.reasons


def test_every_catalog_rule_exists_in_the_rule_base():
    from navigator.rules import rule_base

    rules = rule_base().rules
    missing = {e.id: e.rule for e in load_catalog().entries if e.rule and e.rule not in rules}
    assert not missing, f"catalog entries naming rules that do not exist: {missing}"


def test_with_a_profile_no_answer_waits_for_a_fact_the_profile_holds():
    """Judged with the person's 雇用保険 profile: an open answer never names one of its facts; with
    no profile, the one question that decides it is the profile's."""
    from navigator.benefits.profile import FIELDS_OF_FACT, BenefitProfile
    from navigator.matching.eligibility import judge

    catalog = load_catalog()
    entries = [e for e in catalog if e.rule and e.rule.startswith("kyufu.")]
    entries += [e for e in catalog if e.course][:10]
    labels = {BenefitProfile.model_fields[f].title for fields in FIELDS_OF_FACT.values() for f in fields}
    from navigator.rules.explain import missing_label
    from navigator.facts import WorkerCase
    fact_labels = {missing_label(WorkerCase, path) for path in FIELDS_OF_FACT}

    profile = BenefitProfile(insured_now=True, insured_since="2018-04-01", benefits_before=False,
                             birth_date="1990-06-15", wage_monthly_yen=300000)
    answers = judge(entries, {"worker": {"worker": profile.person_facts()}}, dt.date(2026, 12, 4))
    for entry, answer in zip(entries, answers):
        assert not set(answer.missing_facts) & (labels | fact_labels), (entry.id, answer)
        assert not answer.answer_in_profile, (entry.id, answer)
    by_rule = {e.rule: a for e, a in zip(entries, answers) if not e.course}
    assert by_rule["kyufu.support"].status == "対象外"  # in work: the support benefit is for the unemployed
    assert by_rule["kyufu.general"].question == "講座を選ぶ"

    empty = judge(entries, {}, dt.date(2026, 12, 4))
    assert all(a.answer_in_profile and a.question in labels for e, a in zip(entries, empty)
               if e.rule in ("kyufu.general", "kyufu.specific_general", "kyufu.professional")), empty


def test_a_short_insurance_is_refused_with_the_date_it_will_be_enough():
    from navigator.benefits.profile import BenefitProfile
    from navigator.matching.eligibility import judge

    entry = load_catalog().get("kyoiku-kunren-kyufu.senmon-jissen")
    profile = BenefitProfile(insured_now=True, insured_since="2026-01-05", benefits_before=False)
    answer = judge([entry], {"worker": {"worker": profile.person_facts()}}, dt.date(2026, 12, 4))[0]
    assert answer.status == "対象外" and any("支給要件期間" in r for r in answer.reasons)
    # what would change it: the day the 2 years (first claim) are reached, and how far it is
    assert any("2028年1月4日" in r and "あと" in r for r in answer.reasons), answer.reasons
