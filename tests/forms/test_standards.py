"""個票 items taken from the real 職業能力評価基準 data count as cited, with their unit code."""

from __future__ import annotations

from navigator.forms.documents import prepare
from navigator.forms.standards import SOURCE, items_for

from formkit import demo_data


def test_unit_criteria_become_cited_items_with_the_unit_code():
    items = items_for("06C022L11")
    assert len(items) >= 10
    assert all(i.code == "06C022L11" and i.cited for i in items)
    assert items[0].criterion == "職長の指示により現場乗込に必要な道具・材料等の準備を行い結果を報告している"
    assert items_for("00X000L00") == []


def test_a_sheet_built_from_the_standards_satisfies_the_citation_rule():
    data = demo_data()
    items = [i.model_dump() for i in items_for("06C022L11")[:6]]
    items.append({"detail": "自社の手順", "criterion": "自社の型枠保管ルールを守っている", "cited": False})
    data["plan"]["evaluation_sheets"].append({"number": 30, "unit_code": "A30", "source": SOURCE, "items": items})
    data["evaluations"][0]["sheets"] = [30]
    del data["evaluations"][0]["items_total"], data["evaluations"][0]["items_cited"]
    prepared = prepare(data)
    evaluation = prepared.case.evaluations[0]
    assert (evaluation.items_total, evaluation.items_cited) == (7, 6)
    items_rule = prepared.result.get("kigyounai.training_evaluation").items["evaluee"][0]
    assert next(c for c in items_rule.conditions if c.spec.id == "items_cited").met is True
