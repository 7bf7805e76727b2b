"""The interview of the chosen course: what its conditions cannot decide, what its amounts cannot be
computed without, what its documents print but nobody entered; answers written back by path."""

from __future__ import annotations

from navigator import PROJECT_ROOT
from navigator.forms import interview, programs
from navigator.forms.documents import employer_documents, prepare
from navigator.yamlfile import load_facts_yaml

IKUSEI = programs.get("jinzai.ikusei")


def sakura() -> dict:
    return load_facts_yaml((PROJECT_ROOT / "examples/jinzai-ikusei-sakura.yaml").read_text(encoding="utf-8"))


def asked(data: dict, program=IKUSEI) -> list[str]:
    return [q.path for q in interview.questions(prepare(data, program=program), 50)]


def test_an_empty_case_is_asked_the_size_of_the_company_not_the_ended_programs_facts():
    paths = asked({})
    assert paths == ["employer.capital_yen", "employer.industry", "employer.regular_employees"]
    # the courses and the workers are entered in the per-trainee table, not as questions
    assert "courses" not in paths and "workers" not in paths


def test_a_course_entered_brings_its_own_questions_named_after_it():
    data = {"courses": [{"name": "研修", "training_type": "ikusei", "trainees": [{"worker_id": "E1"}]}],
            "workers": [{"id": "E1", "name": "山田 花子"}]}
    questions = {q.path: q.label for q in interview.questions(prepare(data, program=IKUSEI), 50)}
    assert questions["courses[0].start_date"] == "教育訓練「研修」の訓練の初日"
    assert questions["courses[0].trainees[0].staff_type"] == "教育訓練「研修」の受講者「山田 花子」の雇用形態"


def test_what_only_the_amounts_need_is_asked_too():
    data = sakura()
    del data["employer"]["wage_increase_met"]  # read by the rates, not by any condition
    del data["courses"][0]["trainees"][0]["expenses_yen"]
    assert asked(data) == ["courses[0].cost_yen", "employer.wage_increase_met"]


def test_the_documents_ask_for_what_they_print_and_is_missing():
    data = sakura()
    del data["employer"]["labor_bureau"]
    prepared = prepare(data, program=IKUSEI)
    questions = interview.document_questions(employer_documents(prepared), prepared.case.activation())
    assert [q.path for q in questions] == ["employer.labor_bureau"]
    assert asked(data) == []  # the verdict does not need it


def test_answers_are_checked_all_together_and_named_by_their_input():
    data = sakura()
    del data["application"]
    prepared = prepare(data, program=IKUSEI)
    questions = interview.questions(prepared, 50)
    form = {"q:application.submitted_on": "令和9年2月30日"}
    updated, _, errors = interview.apply_answers(data, questions, form)
    assert updated is None
    assert errors == {"q:application.submitted_on": "「支給申請日（予定日でも可。複数回申請する場合は最後の申請日）」："
                                                    "'令和9年2月30日' は存在しない日付です（2027年2月は28日まで）"}
    updated, answered, errors = interview.apply_answers(data, questions, {"q:application.submitted_on": "R9.4.9"})
    assert (answered, errors, updated["application"]) == (1, {}, {"submitted_on": "R9.4.9"})
