import datetime as dt

AS_OF = dt.date(2026, 11, 1)


def test_every_result_explains_itself(matcher):
    note = "工場で機械加工をしています。毎日残業で勉強する時間が取れない。"
    result = matcher.match(note, as_of=AS_OF, limit=5)
    assert result.recommendations and result.timings_ms["total"] > 0
    for rec in result.recommendations:
        assert rec.why and rec.evidence and rec.sources
        assert set(rec.score) == {"cosine", "dense", "lexical", "words", "barrier", "audience", "region", "designation", "total"}
        dense = next(e for e in rec.evidence if e.kind == "意味の近さ")
        assert dense.note_sentence in note and dense.program_sentence
    kinzoku = next(r for r in result.recommendations if r.id == "ginou-kentei.kinzoku")
    assert any(e.kind == "名称の一致" and e.program_sentence == "機械加工" and "機械加工" in e.note_sentence for e in kinzoku.evidence)
    assert any("時間がない" in r.barriers for r in result.recommendations)


def test_designated_courses_stay_candidates_after_their_designation_ended(matcher):
    """The shipped course list is a 2022 snapshot: a course whose designation ended is still
    listed, marked 終了 with its designation dates; one designated on the day asked about is current."""
    note = "Pythonでディープラーニングを学んでE資格を取りたい。"
    courses = [r for r in matcher.match(note, as_of=AS_OF, limit=10).recommendations if r.course]
    assert courses
    for rec in courses:
        assert rec.status == "終了" and not rec.course.current and rec.course.end < AS_OF.isoformat()
        assert rec.course.number and rec.course.benefit == "専門実践教育訓練"
    in_2022 = [r for r in matcher.match(note, as_of=dt.date(2022, 6, 1), limit=10).recommendations if r.course]
    assert in_2022 and all(r.status == "実施中" and r.course.current for r in in_2022)


def test_ended_programs_stay_out_unless_asked_for(matcher):
    note = "技能検定の合格者に報奨金を出す制度を作りたい。"
    ended = {"kigyounai.skill-test-reward", "kigyounai.training-evaluation", "kigyounai.career-consulting"}  # ended 2016
    active = matcher.match(note, role="employer", as_of=AS_OF, limit=10)
    assert not ended & {r.id for r in active.recommendations}
    everything = matcher.match(note, role="employer", as_of=AS_OF, limit=10, include_ended=True)
    shown = [r for r in everything.recommendations if r.id in ended]
    assert shown and all(r.status == "終了" for r in shown)


def test_regional_programs_follow_the_prefecture(matcher):
    note = "社員にITパスポートを取らせたい。"
    hiroshima = matcher.match(note, role="employer", as_of=AS_OF, person_facts={"prefecture": "広島県"})
    saga = matcher.match(note, role="employer", as_of=AS_OF, person_facts={"prefecture": "佐賀県"})
    rank = lambda r: next((x.rank for x in r.recommendations if x.id == "hiroshima.it-passport"), 99)
    assert rank(hiroshima) == 1 and rank(saga) > rank(hiroshima)
    assert matcher.match("東京都で働いています", as_of=AS_OF).prefectures == ["東京都"]
    assert matcher.match("京都府で働いています", as_of=AS_OF).prefectures == ["京都府"]


def test_one_entry_stands_for_a_program_split_into_a_family(matcher, catalog):
    """技能検定 is 12 entries (one per trade group): a note about a qualification gets the
    closest trade group once, with the others named, not a list of 技能検定 only."""
    family = [e for e in catalog.entries if e.family == "ginou-kentei"]
    assert len(family) == 12
    result = matcher.match("簿記の資格を取りたい", as_of=AS_OF, limit=5)
    shown = [r for r in result.recommendations if r.id.startswith("ginou-kentei.")]
    assert len(shown) <= 1 and len(result.recommendations) == 5
    assert any(r.id.startswith("kyoiku-kunren-kyufu.") for r in result.recommendations)
    for rec in shown:
        assert any("同じ制度のほかの区分" in line and "ほか8件" in line for line in rec.why)
    trade = matcher.match("建築大工の技能士になりたい", as_of=AS_OF, limit=5)
    assert trade.recommendations[0].id == "ginou-kentei.kensetsu"
