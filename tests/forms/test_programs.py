"""The courses HR chooses from (forms/_programs.yaml): checked at load time, and for every course
of 人材開発支援助成金 the verdict, the amounts and the deadlines of its example."""

from __future__ import annotations

import datetime as dt

import pytest

from navigator import PROJECT_ROOT
from navigator.forms import programs
from navigator.forms.documents import prepare
from navigator.forms.spec import FormLoadError
from navigator.forms import verdict
from navigator.rules import evaluate, parse_case
from navigator.yamlfile import load_facts_yaml


def example(program_id: str):
    program = programs.get(program_id)
    return prepare(load_facts_yaml((PROJECT_ROOT / program.example).read_text(encoding="utf-8")), program=program)


@pytest.mark.parametrize(("program_id", "total", "amounts"), [
    # official-figures.md §3: 人材育成支援コース 45 % / 70 %, 800円/h, caps by hours, 専門実践 50万円 [O]
    ("jinzai.ikusei", 507100, {"expenses": 405500, "wages": 101600, "ojt": 0, "year_cap": 0}),
    # 高度デジタル人材訓練 SME 75 % and 1,000円/h; 自発的職業能力開発訓練 45 % [O]
    ("jinzai.toushi", 765000, {"main": 765000, "growth": 0, "voluntary_cap": 0, "year_cap": 0, "year_cap_growth": 0}),
    # 事業展開等リスキリング支援コース SME 75 % (cap 40万円 for 100–200 hours) and 1,000円/h [O]
    ("jinzai.reskilling", 520000, {"expenses": 400000, "wages": 120000, "year_cap": 0}),
    # 教育訓練休暇等付与コース a paid-leave scheme of 5 days or more over 3 years: 30万円 [O]
    ("jinzai.kyuka", 300000, {"paid_leave": 300000, "long_leave": 0, "long_leave_days": 0, "short_hours": 0}),
])
def test_each_course_gets_its_verdict_amounts_and_deadlines(program_id, total, amounts):
    prepared = example(program_id)
    view = prepared.context["derived"]["verdict"]
    rule = view["rules"][0]
    assert (rule["status"], view["total_yen"]) == ("eligible", total)
    assert {a["id"]: a["yen"] for a in rule["amounts"]} == amounts
    deadlines = [e for e in prepared.context["derived"]["timeline"] if e["kind"] == "deadline"]
    assert deadlines and all(e["source"] for e in deadlines)
    assert {d["id"] for d in rule["deadlines"]} <= {"plan_submission", "claim"}


def test_the_deadlines_of_each_course_are_the_engines():
    toushi = example("jinzai.toushi")
    items = toushi.result.get("jinzai.toushi").items["trainee"]
    deadlines = {(e["what"], e["date"]) for e in toushi.context["derived"]["timeline"] if e["kind"] == "deadline"}
    assert deadlines == {(name, item.values[key]) for item in items for key in ("plan_by", "apply_by")
                         for name in [item.name.split(" / ")[0]]}
    kyuka = example("jinzai.kyuka")
    # the claim: within 2 months from the day after the 3-year plan period ends (2029-03-31 → 2029-05-31)
    assert [(e["date"], e["kind"]) for e in kyuka.context["derived"]["timeline"] if e["kind"] == "deadline"] == [
        ("2029-05-31", "deadline")]


def test_what_if_shows_the_higher_rate_only_where_the_rules_give_one():
    def what_if(prepared):
        return verdict.what_if(prepared.case.activation(), prepared.result, prepared.program,
                               lambda changed: evaluate(parse_case(changed), prepared.result.as_of))

    ikusei = what_if(example("jinzai.ikusei"))
    assert ikusei[0]["label"] == "賃金要件または資格等手当要件を満たすと"
    assert "経費助成率が45%から60%に（+15ポイント）" in ikusei[0]["lines"]
    assert "賃金助成が101,600円から127,000円に（+25,400円）" in ikusei[0]["lines"]
    toushi = what_if(example("jinzai.toushi"))  # +15 pt for 自発的職業能力開発訓練 only, no bonus for 高度デジタル
    assert toushi[0]["lines"][0] == "経費助成率が45%から60%に（+15ポイント）"
    assert what_if(example("jinzai.reskilling")) == []  # the course has no what-if
    assert "有給教育訓練休暇制度が300,000円から360,000円に（+60,000円）" in what_if(example("jinzai.kyuka"))[0]["lines"]


def test_caps_are_shown_for_the_companys_size():
    caps = {c["label"]: c["text"] for c in example("jinzai.ikusei").context["derived"]["caps"]}
    assert caps["1事業所1年度の上限"] == "10,000,000円"
    assert caps["経費助成の1人1訓練当たりの上限（時間数の区分別：10時間以上100時間未満／100時間以上200時間未満／200時間以上）"] \
        == "150,000円／300,000円／500,000円"


def test_the_ended_program_is_known_from_its_rules():
    kigyounai = programs.get("kigyounai")
    assert kigyounai.valid_to() == dt.date(2016, 3, 31) and kigyounai.ended(dt.date(2026, 12, 4))
    assert not programs.get("jinzai.ikusei").ended(dt.date(2026, 12, 4))
    assert programs.get("jinzai.toushi").ended(dt.date(2027, 4, 1))  # FY2026 is its last year [3P]


def test_a_case_without_a_choice_is_about_the_program_of_its_facts():
    assert programs.infer(load_facts_yaml((PROJECT_ROOT / "examples/kigyounai-combined.yaml").read_text())).id == "kigyounai"
    assert programs.infer({"courses": [{"training_type": "reskilling"}]}).id == "jinzai.reskilling"
    assert programs.infer({"leave_plan": {"systems": ["paid_leave"]}}).id == "jinzai.kyuka"
    assert programs.infer({"employer": {"name": "x"}}) is None


@pytest.mark.parametrize(("change", "message"), [
    (("rules: [jinzai.ikusei]", "rules: [jinzai.nothing]"), "規則 jinzai.nothing がありません"),
    (("jinzai-breakdown]", "jinzai-nothing]"), "様式 jinzai-nothing がありません"),
    (("- {value: plan_from}", "- {value: plan_fromm}"), "scope trainee に値 plan_fromm がありません"),
    (("fact: employer.wage_increase_met,", "fact: employer.wage_increase,"), "事実 employer.wage_increase は語彙にありません"),
])
def test_a_wrong_name_fails_at_load_time_naming_the_course(change, message, tmp_path, monkeypatch):
    text = programs.PROGRAMS_FILE.read_text(encoding="utf-8").replace(*change, 1)
    (tmp_path / "_programs.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(programs, "PROGRAMS_FILE", tmp_path / "_programs.yaml")
    programs.load_programs.cache_clear()
    try:
        with pytest.raises(FormLoadError, match=message):
            programs.load_programs()
    finally:
        programs.load_programs.cache_clear()
