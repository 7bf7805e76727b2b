"""The evaluation's counting (navigator/matching/evaluate.py) and the BM25 word index."""

import re
from types import SimpleNamespace as NS

from navigator.catalog import load_catalog
from navigator.matching.bm25 import BM25Index, words
from navigator.matching.evaluate import Case, Score, _judge


def _rec(rank, entry_id, course=False):
    return NS(rank=rank, id=entry_id, course=object() if course else None)


class _Catalog:
    def __init__(self, entries):
        self.entries = entries

    def get(self, entry_id):
        return self.entries.get(entry_id, NS(name="", description="", course=None))


CATALOG = _Catalog({
    "course.a": NS(name="データ分析講座", description="統計を学ぶ", course=object()),
    "course.b": NS(name="Web制作", description="HTML", course=object()),
    "manabi-dx": NS(name="マナビDX", description="ポータル", course=None),
    "sample.lms": NS(name="LMS", description="見本", course=None),
})


def test_a_course_that_teaches_the_pattern_counts_as_one_expected_item():
    case = Case("n01", "employee", "…", ("manabi-dx",), re.compile("データ分析"))
    result = NS(recommendations=[_rec(1, "course.b", True), _rec(2, "course.a", True)] + [_rec(i, "x") for i in range(3, 11)], samples=[])
    score = Score()
    assert _judge(case, result, CATALOG, score) is True
    assert score.recall == 0.5  # the course pattern found, manabi-dx not


def test_a_late_hit_is_a_miss_and_samples_are_judged_in_their_own_list():
    case = Case("t01", "employee", "…", ("manabi-dx",), None, ("sample.lms",))
    result = NS(recommendations=[_rec(i, "x") for i in range(1, 6)] + [_rec(6, "manabi-dx")], samples=[_rec(1, "sample.lms")])
    score = Score()
    assert _judge(case, result, CATALOG, score) is False
    assert score.recall == 1.0 and (score.sample_notes, score.sample_hits) == (1, 1)


def test_a_note_without_a_real_answer_is_left_out_of_hit_at_5():
    case = Case("e21", "employer", "…", (), None, ("sample.lms",))
    score = Score()
    assert _judge(case, NS(recommendations=[_rec(1, "x")], samples=[]), CATALOG, score) is None
    assert score.notes == 0 and score.sample_notes == 1 and score.sample_hits == 0


def test_words_are_content_words_in_normalized_form():
    assert words("Ｐｙｔｈｏｎでデータ分析を学んだ。") == ["python", "データ", "分析", "学ぶ"]


def test_bm25_scores_the_entries_that_share_the_notes_words():
    entries = load_catalog().entries
    index = BM25Index(entries)
    scores = index.scores("ファイナンシャル・プランニングの検定を受けたい")
    best = entries[int(scores.argmax())]
    assert best.id == "ginou-kentei.sonota"
    assert not index.scores("ｘｙｚｚｙ").any()
