"""Quality gate: the combined ranker must put a program a good companion would recommend in the
top 5 for at least 90 % of the evaluation notes (tests/matching/eval_notes.yaml). Not a timing test:
bench/match_eval.py prints the full table, bench/match.py the latency."""

from navigator.matching.evaluate import evaluate, load_cases


def test_combined_hit_at_5_is_at_least_0_9(matcher):
    as_of, cases = load_cases()
    assert len(cases) >= 60
    assert {c.role for c in cases} == {"employee", "employer"}
    report = evaluate(matcher, cases, as_of, "combined")
    assert report.hit_at_5 >= 0.9, report.misses


def test_a_note_that_shows_no_time_surfaces_time_and_leave_programs(matcher):
    result = matcher.match("朝7時に家を出て、帰るのは22時。平日に机に向かうのは無理だ。", as_of=load_cases()[0])
    top = result.recommendations[:5]
    assert any(b["barrier"] == "時間がない" for b in result.barriers)
    assert any(r.kind in ("leave", "time") or "時間がない" in r.barriers for r in top)
