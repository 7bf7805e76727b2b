from navigator.catalog import load_catalog
from navigator.matching.lexical import LexicalIndex
from navigator.matching.text import sentences


def test_sentences_keep_their_place_in_the_note():
    note = "毎日残業です。\n時間が取れない！ でも学びたい"
    spans = sentences(note)
    assert [s.text for s in spans] == ["毎日残業です。", "時間が取れない！", "でも学びたい"]
    assert all(note[s.start : s.end] == s.text for s in spans)


def test_names_qualifications_and_trades_are_found_where_they_occur():
    catalog = load_catalog()
    index = LexicalIndex(catalog.entries)
    note = "工場で機械加工をしています。ＩＴパスポートも取りたい。"
    scores, evidence = index.search(note)
    ids = [e.id for e in catalog.entries]
    kinzoku = ids.index("ginou-kentei.kinzoku")
    passport = ids.index("hiroshima.it-passport")
    assert scores[kinzoku] > 0.5 and scores[passport] > 0.5
    hit = next(h for h in evidence[passport] if h.term == "ITパスポート")
    assert note[hit.start : hit.end] == "ＩＴパスポート"  # full-width in the note, matched after NFKC
    assert scores[ids.index("manabi-dx")] == 0


def test_short_terms_must_match_exactly_and_shared_terms_weigh_less():
    catalog = load_catalog()
    index = LexicalIndex(catalog.entries)
    ids = [e.id for e in catalog.entries]
    scores, _ = index.search("DXを学びたい")
    assert 0 < scores[ids.index("manabi-dx")] < 0.6  # 「DX」 is a keyword of many programs
    scores, _ = index.search("ADXという製品")  # not the word DX
    assert scores[ids.index("manabi-dx")] == 0
