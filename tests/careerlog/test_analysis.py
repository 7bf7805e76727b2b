"""The career note generated from the demo's two weeks: what a person and a companion read."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from navigator.careerlog import lexicon
from navigator.careerlog.entries import Entry
from navigator.careerlog.generate import note_text
from navigator.careerlog.note import build_note, compare, strengths, values
from navigator.careerlog.phrases import phrases
from navigator.careerlog.themes import themes

TODAY = date(2026, 4, 15)


def note_of(entries, days=13):
    return build_note(entries, TODAY - timedelta(days=days), TODAY)


def test_emotions_are_counted_and_scored(hanako):
    note = note_of(hanako)
    e = note["emotions"]
    assert note["entry_count"] == 14 and note["days_logged"] == 14 and not note["few_entries"]
    assert sum(n for _, n in e["counts"]) == 14
    assert e["positive_share"] == 0.57 and e["negative_share"] == 0.43
    assert len(e["points"]) == 14 and all(-3 <= p[1] <= 3 for p in e["points"])
    # 悔しい with とても (3) scores -3
    assert [p[1] for p in e["points"] if p[2] == "悔しい"] == [-3]
    # 2026-04-02 (Thu) to 04-15 (Wed): weeks from Monday
    assert [(w["monday"], w["count"]) for w in note["weeks"]] == [("2026-03-30", 4), ("2026-04-06", 7), ("2026-04-13", 3)]


def test_themes_group_entries_by_meaning_with_typical_sentences_and_tone(hanako):
    found = themes(hanako)
    by_label = {t["label"]: t for t in found}
    teaching = next(t for t in found if "新人" in t["label"])
    texts = {e.id: e.text for e in hanako}
    assert len(teaching["entry_ids"]) == 3 and all("新人" in texts[i] for i in teaching["entry_ids"])
    assert teaching["tone"] == "positive" and "教える・伝える" in teaching["concepts"]
    # Excel, 集計 and 統計 share no word, yet are one theme: the lexicons group them by meaning
    data = next(t for t in found if "Excel" in t["label"])
    assert {"集計", "統計"} <= set(data["phrases"]) and "データ活用・デジタル（DX）" in data["concepts"]
    assert set(data["typical_ids"]) <= set(data["entry_ids"])
    assert all(t["count"] >= 2 for t in by_label.values())


def test_embed_seam_changes_grouping_when_given(hanako):
    """A sentence-embedding function, when passed, adds meaning the words do not share."""
    parenting = {e.id for e in hanako if "子ども" in e.text or "保育園" in e.text or "定時" in e.text}

    def embed(texts):
        return [[1.0, 0.0] if any(w in t for w in ("子ども", "保育園", "定時")) else [0.0, 1.0] for t in texts]

    grouped = themes(hanako, embed=embed)
    assert any(set(t["entry_ids"]) == parenting for t in grouped)
    assert not any(set(t["entry_ids"]) == parenting for t in themes(hanako))


def test_strengths_and_values_by_the_four_conditions_cite_their_entries(hanako):
    note = note_of(hanako)
    assert [c["id"] for c in note["worth"]] == ["values", "strengths", "needs", "rewards"]
    by_id = {e.id: e for e in hanako}
    teaching = next(i for i in strengths(note) if i["label"] == "教える・伝える")
    assert teaching["kind"] == "strength" and teaching["count"] == 4
    assert all(by_id[i].valence >= 0 for i in teaching["evidence_ids"])
    # an item felt mostly bad about is not called a strength
    data = next(i for c in note["worth"] if c["id"] == "strengths" for i in c["items"] if i["id"] == "analysis")
    assert data["kind"] == "growth" and data["mean"] < 0.5
    assert "仕組みを良くすること" in [v["label"] for v in values(note)]
    thanks = next(i for c in note["worth"] if c["id"] == "rewards" for i in c["items"] if i["id"] == "thanks")
    assert {by_id[i].day for i in thanks["entry_ids"]} == {TODAY - timedelta(days=13), TODAY - timedelta(days=2)}


def test_barriers_come_from_non_positive_entries_only(hanako):
    found = {b["id"]: b for b in lexicon.barriers(hanako)}
    by_id = {e.id: e for e in hanako}
    assert set(found) == {"時間がない", "学び方がわからない"}
    time_ids = found["時間がない"]["entry_ids"]
    assert all(by_id[i].valence <= 0 for i in time_ids)
    # 「チームの残業が減った」（充実）mentions 残業 but is not a time barrier
    assert not any("残業が減った" in by_id[i].text for i in time_ids)
    assert "15分" in found["時間がない"]["advice"]


def test_direction_of_self_investment_weighs_wishes_first(hanako, jiro):
    first = lexicon.directions(hanako)[0]
    assert first["label"] == "データ活用・デジタル（DX）" and len(first["wish_ids"]) == 2
    assert first["evidence_ids"][:2] == first["wish_ids"]
    assert lexicon.directions(jiro)[0]["label"] == "語学"


def test_aspiration_draft_and_text(hanako):
    note = note_of(hanako)
    assert note["aspiration"] == {"value": "仕組みを良くすること", "strength": "教える・伝える", "direction": "データ活用・デジタル（DX）"}
    quotes = {e.id: e for e in hanako}
    text = note_text(note, {}, quotes)
    assert "■ 強み" in text and "教える・伝える" in text and "「新人の佐々木さんに図面チェックのやり方を教えた。" in text
    # the stored body quotes no entry; a correction replaces the generated section
    body = note_text(note, {"aspiration": "現場とデータの橋渡し役になる"})
    assert "佐々木" not in body and "現場とデータの橋渡し役になる（本人による修正）" in body
    assert "（下書き）" not in body


def test_few_entries_are_said_to_be_few(hanako):
    note = build_note(hanako[-3:], TODAY - timedelta(days=2), TODAY)
    assert note["few_entries"] and note["entry_count"] == 3
    assert "記録がまだ少ないため" in note_text(note)
    empty = build_note([], TODAY, TODAY)
    assert empty["entry_count"] == 0 and empty["emotions"]["mean"] is None and "この期間の記録はありません" in note_text(empty)


def cited(note: dict) -> set[int]:
    """Every entry id a note refers to, in any section."""
    found: set[int] = set()

    def walk(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in ("entry_ids", "typical_ids", "evidence_ids", "wish_ids"):
                    found.update(inner)
                else:
                    walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(note)
    return found


def test_the_note_cites_entries_by_id_so_a_removed_entry_leaves_every_section(hanako):
    victim = next(e for e in hanako if "新人の佐々木さんに図面チェックのやり方を教えた" in e.text)
    before = note_of(hanako)
    after = note_of([e for e in hanako if e.id != victim.id])
    assert victim.id in cited(before) and any(victim.id in t["typical_ids"] for t in before["themes"])
    assert victim.id not in cited(after)
    assert "図面チェックのやり方" not in str(after) and "佐々木" not in str(after)


def test_compare_shows_what_changed(hanako):
    first_week = build_note(hanako, TODAY - timedelta(days=13), TODAY - timedelta(days=7))
    both = note_of(hanako)
    change = compare(both, first_week)
    assert change["entry_count"] == (7, 14)
    assert "データ活用・デジタル（DX）" in change["directions"]["kept"]
    assert change["barriers"]["new"] == ["学び方がわからない"]


def test_key_phrases_keep_compounds_and_drop_names_and_numbers():
    found = [(p.surface, p.parts) for p in phrases("新人の佐々木さんと1on1。データ分析を3つ学んだ。Ｅｘｃｅｌも")]
    surfaces = [s for s, _ in found]
    assert "佐々木" not in "".join(surfaces) and "3つ" not in surfaces
    assert "1on1" in surfaces and "Excel" in surfaces
    assert ("データ分析", ("データ", "分析")) in found


def test_chart_is_an_svg_with_one_dot_per_entry_and_words_for_screen_readers(hanako):
    from navigator.careerlog.chart import emotion_chart

    note = note_of(hanako)
    points = [(TODAY - timedelta(days=13) + timedelta(days=i), p[1], p[2], "けっこう") for i, p in enumerate(note["emotions"]["points"])]
    svg = emotion_chart(points, TODAY - timedelta(days=13), TODAY)
    assert svg.startswith("<svg") and svg.count("<circle") == 14 and "<polyline" in svg
    assert "<title" in svg and "記録14件" in svg and 'role="img"' in svg
    assert "<script" not in svg


def test_year_of_entries_is_summarised_weekly_in_the_chart(hanako):
    from navigator.careerlog.chart import trend_line

    start = TODAY - timedelta(days=364)
    points = [(start + timedelta(days=i), (i % 7) - 3) for i in range(365)]
    line = trend_line(points, start, TODAY)
    assert 52 <= len(line) <= 54 and all(-3 <= s <= 3 for _, s in line)
    assert len(trend_line(points[-14:], TODAY - timedelta(days=13), TODAY)) == 14


def test_entry_score_uses_the_emotion_file():
    assert Entry(1, TODAY, "x", "不安", 3).score == -3 and Entry(1, TODAY, "x", "安心", 1).score == 1
    assert np.isclose(Entry(1, TODAY, "x", "ふつう", 2).score, 0)
