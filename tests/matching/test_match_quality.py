"""Quality gate on the evaluation notes (tests/matching/eval_notes.yaml): the combined ranker must
list a real program a good companion would recommend in the top 5 for at least 90 % of the older
notes and 85 % of the independent ones (group n, written without looking at the ranker). Not a
timing test: bench/match_eval.py prints the full table beside the baselines, bench/match.py the
latency."""

from navigator.matching.evaluate import GROUPS, INDEPENDENT, evaluate, load_cases


def test_combined_hit_at_5_on_the_older_and_the_independent_notes(matcher):
    as_of, cases = load_cases()
    assert len(cases) >= 110 and sum(c.id[0] == INDEPENDENT for c in cases) >= 20
    assert {c.role for c in cases} == {"employee", "employer"}
    assert not [c.id for c in cases if any(e.startswith("sample.") for e in c.expected)]
    report = evaluate(matcher, cases, as_of, "combined")
    assert report.older.hit_at_5 >= 0.9, report.misses
    assert report.by_group[GROUPS[INDEPENDENT]].hit_at_5 >= 0.85, report.misses
    assert report.total.sample_hit_at_3 >= 0.8


def test_a_note_that_shows_no_time_surfaces_time_and_leave_programs(matcher):
    result = matcher.match("朝7時に家を出て、帰るのは22時。平日に机に向かうのは無理だ。", as_of=load_cases()[0])
    top = result.recommendations[:5]
    assert any(b["barrier"] == "時間がない" for b in result.barriers)
    assert any(r.kind in ("leave", "time") or "時間がない" in r.barriers for r in top)
