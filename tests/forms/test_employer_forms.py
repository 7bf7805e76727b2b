"""The demo company's application set, rendered once and read back with poppler."""

from __future__ import annotations

import re

import pytest

from navigator.forms.documents import employer_documents, prepare
from navigator.forms.spec import load_forms

from formkit import demo_data, squeeze

EXPECTED = {
    "checklist", "timeline", "kigyounai-01", "kigyounai-03", "kigyounai-04", "kigyounai-05-1",
    "kigyounai-06-1", "kigyounai-07-1", "kigyounai-08-1", "kigyounai-08-2", "development-plan",
    "work-rules", "jobcard-3-3-4-1", "jobcard-3-3-1-2-1", "kigyounai-10", "kigyounai-11-1",
    "kigyounai-12-1", "kigyounai-13",
}


def test_the_demo_gets_every_document_of_its_menus(demo_rendered):
    # 技能検定（様式第9号・第14号）is not among the demo's menus.
    assert set(demo_rendered) == EXPECTED


def test_every_filled_value_is_printed(demo_rendered):
    missing = {}
    for doc_id, rendered in demo_rendered.items():
        text = squeeze(rendered.text)
        # A value split by spaces may be laid out in several boxes: each piece must be there.
        absent = [v for v in rendered.form.values() if any(piece not in text for piece in v.split())]
        if absent:
            missing[doc_id] = absent
    assert not missing


def test_no_required_field_is_empty_for_the_demo(demo_prepared, demo_rendered):
    assert demo_prepared.problems == []
    assert {d: r.form.problems for d, r in demo_rendered.items() if r.form.problems} == {}


def test_japanese_font_is_embedded_and_text_round_trips(demo_rendered):
    for doc_id, rendered in demo_rendered.items():
        font_lines = [l for l in rendered.fonts.splitlines()[2:] if l.strip()]
        assert font_lines, doc_id
        assert all(" yes " in l for l in font_lines), (doc_id, rendered.fonts)  # emb / sub / uni
        # one face only: a glyph Noto CJK lacks (☑ was one) would pull in a second font and its time
        assert len(font_lines) == 1 and "Noto-Sans-CJK-JP" in font_lines[0], (doc_id, rendered.fonts)
        assert squeeze(rendered.form.label)[:12] in squeeze(rendered.text), doc_id
        assert "\ufffd" not in rendered.text  # no replacement characters: every glyph mapped


def test_page_numbers_and_sources_are_printed(demo_rendered):
    for doc_id, rendered in demo_rendered.items():
        assert re.search(r"1\s*/\s*\d", rendered.text), doc_id
        assert "根拠" in rendered.text, doc_id


def test_dates_are_wareki_and_yen_has_separators(demo_rendered):
    plan = squeeze(demo_rendered["kigyounai-01"].text)
    assert "平成27年4月1日" in plan and "平成28年3月31日" in plan
    assert "30,000,000円" in plan
    assert "950,000円" in plan  # the engine's total for the manual's combined example (p.6)
    application = squeeze(demo_rendered["kigyounai-10"].text)
    assert "600,000円" in application and "350,000円" in application


def test_ability_map_is_a_matrix_of_duties_and_worker_classes(demo_rendered):
    text = demo_rendered["kigyounai-04"].layout
    assert "スタッフ" in text and "シニア・スタッフ" in text
    assert "A29 プレス曲げ加工" in text and "B33 プレス曲げ加工" in text
    row = next(line for line in text.splitlines() if "A29" in line)
    assert "B33" in row  # the same 職務 (曲げ加工) in the two worker-class columns of one row


def test_evaluation_sheet_counts_cited_items(demo_rendered):
    text = squeeze(demo_rendered["kigyounai-06-1"].text)
    assert text.count("34S100L11") == 11
    assert "職業能力評価基準" in text
    assert "11項目" in text


def test_job_card_3_3_1_2_marks_self_and_company_ratings(demo_rendered):
    rendered = demo_rendered["jobcard-3-3-1-2-1"]
    marks = rendered.text.replace("該当する欄に○を記入", "")
    assert marks.count("○") == 22  # 11 criteria × (self + company)
    assert "山田 太郎" in rendered.text and "森 和夫" in rendered.text


def test_timeline_has_the_engines_deadlines(demo_rendered, demo_prepared):
    text = squeeze(demo_rendered["timeline"].text)
    plan_rule = demo_prepared.result.get("kigyounai.plan")
    deadline = next(d for d in plan_rule.deadlines if d.id == "plan_submission")
    from navigator import dates

    assert squeeze(dates.wareki(deadline.date)) in text
    assert "支給申請の期限" in text
    assert "<svg" not in demo_rendered["timeline"].text  # drawn, not printed as text


def test_checklist_lists_the_rules_documents_once(demo_rendered, demo_prepared):
    text = squeeze(demo_rendered["checklist"].text)
    labels = [d["label"] for d in demo_prepared.context["derived"]["checklist"]]
    assert len(labels) == len(set((d["stage"], d["label"]) for d in demo_prepared.context["derived"]["checklist"]))
    assert "職業能力体系図（様式第4号）" in labels
    assert "技能検定実施計画書（様式第9号）" not in labels  # not a planned menu
    for label in labels:
        assert squeeze(label)[:15] in text


def test_work_rules_print_the_clauses_of_the_planned_menus_only(demo_rendered):
    text = squeeze(demo_rendered["work-rules"].text)
    assert "（教育訓練）" in text and "（キャリア・コンサルティング）" in text
    assert "（技能検定）" not in text


def test_a_missing_required_fact_is_named_in_japanese():
    data = demo_data()
    del data["employer"]["name"]
    documents = employer_documents(prepare(data), only="kigyounai-01")
    assert any("「事業主の名称」が未入力です" in p and "様式第1号" in p for p in documents[0].problems)


def test_a_typed_count_that_contradicts_the_evaluation_sheets_is_reported():
    data = demo_data()
    data["evaluations"][0]["items_total"] = 20
    assert any("個票から数えると11" in p for p in prepare(data).problems)


@pytest.mark.parametrize(("patch", "reason"), [
    (lambda d: d["courses"][0].update(scheduled_hours=19), "20時間"),
    (lambda d: d["consultings"][0].update(method="video"), "テレビ電話"),
    (lambda d: d["plan"].update(end_date="2018-04-01"), "3年"),
    (lambda d: d["plan"].update(submitted_on="2015-03-15"), "期限"),
])
def test_warnings_come_from_the_rules_engine(patch, reason):
    data = demo_data()
    patch(data)
    warnings = prepare(data).warnings
    hits = [w for w in warnings if reason in w.reason + w.label]
    assert hits, [w.text() for w in warnings]
    assert all(w.source for w in hits)


def test_every_form_definition_cites_its_source():
    for spec in load_forms().values():
        assert spec.source.doc and spec.source.section, spec.id
