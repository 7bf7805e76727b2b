"""Issue #13 item 5: company samples (見本) never rank above a real program, designated courses
surface for the notes that name what they teach, and no more than a few of them fill a list."""

import datetime as dt
import re

import numpy as np
import pytest

from navigator.matching import scoring
from navigator.matching.matcher import RANKERS
from navigator.matching.text import normalize

AS_OF = dt.date(2026, 11, 1)
# Notes whose best answer in the catalog is a company sample (tests/matching/eval_notes.yaml t08,
# c03, e21, h05) and a note about learning.
SAMPLE_NOTES = [
    ("employee", "週末は子どものサッカーの付き添いと買い出しで終わってしまう。"),
    ("employee", "来月から育休に入る。復職したあと自分のキャリアがどうなるのか不安。"),
    ("employer", "育休から戻る社員が働きやすく、キャリアを諦めなくていい職場にしたい。"),
    ("employee", "育児休業中に何か勉強しておきたい。同じ立場の人ともつながりたい。"),
    ("employee", "Pythonを勉強したい。できれば無料で学べるところがいい。"),
]


def test_pick_keeps_samples_out_of_the_list_of_real_programs():
    # the sample scores best of all: it still goes to its own list, never into the programs
    total = np.array([0.9, 0.8, 0.7, 0.6, 0.5])
    samples = np.array([True, False, True, False, True])
    courses = np.zeros(5, bool)
    programs, shown = scoring.pick(total, [None] * 5, samples, courses, k=2)
    assert programs == [1, 3]
    # a sample scoring below the last real program listed is not shown
    assert shown == [0, 2]


def test_pick_shows_at_most_a_few_courses_and_one_of_each_family():
    total = np.linspace(1.0, 0.1, 10)
    courses = np.array([True] * 6 + [False] * 4)
    families = ["a", "a", None, None, None, None, None, None, None, None]
    programs, _ = scoring.pick(total, families, np.zeros(10, bool), courses, k=6)
    assert [i for i in programs if courses[i]] == [0, 2, 3][: scoring.COURSES_SHOWN]
    assert programs[scoring.COURSES_SHOWN:] == [6, 7, 8]


def test_a_course_designated_now_ranks_above_an_equal_one_whose_designation_ended():
    ones = np.ones(2)
    designation = scoring.designation_factors(np.array([False, True]))
    total = scoring.combine(0.5 * ones, 0 * ones, 0.5 * ones, 0 * ones, ones, ones, designation)
    assert total[0] > total[1]


def test_a_course_needs_a_word_or_name_of_the_note():
    courses = np.array([True, True, True, False])
    words = np.array([0.0, scoring.COURSE_WORDS, 0.0, 0.0])
    lexical = np.array([0.0, 0.0, 0.4, 0.0])
    assert list(scoring.teaches_what_the_note_names(words, lexical, courses)) == [False, True, True, True]


@pytest.mark.parametrize("ranker", RANKERS)
@pytest.mark.parametrize("role, note", SAMPLE_NOTES)
def test_no_ranker_lists_a_sample_among_the_real_programs(matcher, ranker, role, note):
    result = matcher.match(note, role=role, as_of=AS_OF, limit=10, ranker=ranker)
    assert result.recommendations and not any(r.sample for r in result.recommendations)
    assert all(r.sample and r.name.endswith("（見本）") for r in result.samples)
    assert len(result.samples) <= scoring.SAMPLES_SHOWN
    if len(result.recommendations) == 10:  # a sample is shown only when it scores as high as the list
        assert all(s.score["total"] >= result.recommendations[-1].score["total"] for s in result.samples)


def test_samples_still_answer_the_notes_only_a_company_program_answers(matcher):
    result = matcher.match(SAMPLE_NOTES[3][1], as_of=AS_OF, limit=10)
    assert "sample.ikukyu-community" in [r.id for r in result.samples]


def test_the_career_notes_recommendations_hold_no_sample(matcher, monkeypatch):
    from navigator.web import wiring

    monkeypatch.setattr(wiring, "get_matcher", lambda: matcher)
    for _, note in SAMPLE_NOTES:
        recommendations = wiring.recommend_programs(note, {})
        assert recommendations and not any(r.title.endswith("（見本）") for r in recommendations)


def test_the_issues_note_gets_designated_courses_that_teach_data_analysis(matcher, catalog):
    note = "経理を10年やってきた。データ分析を学んで経営企画に移りたい。平日は時間がない。"
    top = matcher.match(note, as_of=AS_OF, limit=5).recommendations
    about_data = re.compile("データ分析|データサイエンス")
    courses = [r for r in top if r.course and about_data.search(normalize(f"{r.name} {catalog.get(r.id).description}"))]
    assert courses, [r.name for r in top]
    assert any(e.kind == "語の一致" and "分析" in e.detail for r in courses for e in r.evidence)


def test_a_note_that_names_no_subject_gets_no_course(matcher):
    # e5 finds the IT courses about as close to this as to anything; none teaches what it says
    result = matcher.match("週末は子どものサッカーの付き添いと買い出しで終わってしまう。", as_of=AS_OF, limit=10)
    assert not [r.name for r in result.recommendations if r.course]


def test_a_course_list_never_fills_the_recommendations(matcher):
    result = matcher.match("Pythonでディープラーニングを学んでE資格を取りたい。", as_of=AS_OF, limit=10)
    courses = [r for r in result.recommendations if r.course]
    assert 0 < len(courses) <= scoring.COURSES_SHOWN
    assert "kyoiku-kunren-kyufu.senmon-jissen" in [r.id for r in result.recommendations]
