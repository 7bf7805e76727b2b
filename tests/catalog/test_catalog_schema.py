import datetime as dt

import pytest
from pydantic import ValidationError

from navigator.catalog.schema import Entry, Figure, Validity


def entry(**changes) -> dict:
    data = {
        "id": "test.program",
        "name": "テスト制度",
        "provider": "national",
        "provider_name": "厚生労働省",
        "audience": ["employee"],
        "kind": "benefit",
        "description": "説明",
        "gives": ["money"],
        "cost_for_person": "なし",
        "time_for_person": "なし",
        "how_to_apply": "ハローワークで申請する",
        "sources": [{"kind": "seed", "ref": "000_f3526125b50af452.txt", "section": "2-3"}],
    }
    data.update(changes)
    return data


def test_a_complete_entry_is_valid():
    e = Entry.model_validate(entry(rule="kyoiku_kunren_kyufu.ippan", barriers=["時間がない"]))
    assert e.rule == "kyoiku_kunren_kyufu.ippan"
    assert e.status(dt.date(2026, 1, 1)) == "実施中"


@pytest.mark.parametrize("rule", ["kyoiku_kunren_kyufu", "Kigyounai.x", "kigyounai..x", "kigyounai.training evaluation"])
def test_rule_ids_must_be_dotted_lowercase(rule):
    with pytest.raises(ValidationError, match="ルールID"):
        Entry.model_validate(entry(rule=rule))


@pytest.mark.parametrize(
    "changes",
    [
        {"provider": "ngo"},
        {"kind": "grant"},
        {"audience": []},
        {"barriers": ["お金がない"]},
        {"sources": []},
        {"unknown_field": 1},
        {"id": "Has Space"},
    ],
)
def test_values_outside_the_vocabulary_are_rejected(changes):
    with pytest.raises(ValidationError):
        Entry.model_validate(entry(**changes))


def test_a_seed_source_needs_the_file_name_and_a_section():
    with pytest.raises(ValidationError, match="section"):
        Entry.model_validate(entry(sources=[{"kind": "seed", "ref": "000_f3526125b50af452.txt"}]))
    with pytest.raises(ValidationError, match="ファイル名"):
        Entry.model_validate(entry(sources=[{"kind": "seed", "ref": "報告書", "section": "2-3"}]))


def test_an_official_source_needs_a_date():
    with pytest.raises(ValidationError, match="date"):
        Entry.model_validate(entry(sources=[{"kind": "official", "ref": "厚生労働省のページ"}]))


def test_validity_decides_the_status():
    v = Validity(start=dt.date(2025, 10, 1), end=dt.date(2027, 3, 31))
    assert v.status(dt.date(2025, 9, 30)) == "開始前"
    assert v.status(dt.date(2027, 3, 31)) == "実施中"
    assert v.status(dt.date(2027, 4, 1)) == "終了"
    with pytest.raises(ValidationError):
        Validity(start=dt.date(2027, 1, 1), end=dt.date(2026, 1, 1))


def test_unconfirmed_figures_are_shown_as_to_be_checked():
    assert Figure(label="給付日数", value="90日", confidence="3P").display() == "給付日数: 90日（要確認）"
    assert Figure(label="給付日数", value="90日", confidence="?").needs_check
    assert Figure(label="給付率", value="20%", confidence="O").display() == "給付率: 20%"


def test_folded_yaml_lines_do_not_leave_spaces_in_japanese():
    e = Entry.model_validate(entry(description="休暇を取って学ぶ人に、 休暇中の生活を支える。 Python も学べる"))
    assert e.description == "休暇を取って学ぶ人に、休暇中の生活を支える。Python も学べる"


def test_a_sample_must_be_a_company_program():
    with pytest.raises(ValidationError, match="見本"):
        Entry.model_validate(entry(sample=True))


def test_an_official_source_names_a_document_of_the_sources_list():
    with pytest.raises(ValidationError, match="rules/sources.yaml"):
        Entry.model_validate(entry(sources=[{"kind": "official", "ref": "厚生労働省「教育訓練給付制度」", "date": "2024-10-01"}]))
    with pytest.raises(ValidationError, match="rules/sources.yaml"):  # a third-party page is no official source
        Entry.model_validate(entry(sources=[{"kind": "official", "ref": "third-party-kigyounai", "date": "2015-05-25"}]))
    e = Entry.model_validate(entry(sources=[{"kind": "official", "ref": "mhlw-kyufu", "date": "2024-10-01"}]))
    assert e.sources[0].label() == "厚生労働省「教育訓練給付制度」 / 2024-10-01"


@pytest.mark.parametrize("source, confidence, message", [
    ("reference/official-figures.md §1", "O", "rules/sources.yaml の id"),
    ("厚生労働省のページ", "O", "rules/sources.yaml の id"),
    ("seed-003 Ⅰ-3", "O", "seed-003 の数値の確度は seed"),
    ("mhlw-kyuka-kyufu", "seed", "mhlw-kyuka-kyufu の数値の確度は"),
    ("third-party-kigyounai", "O", "third-party-kigyounai の数値の確度は 3P / ?"),
])
def test_a_figure_cites_an_entry_with_a_confidence_it_allows(source, confidence, message):
    with pytest.raises(ValidationError, match=message):
        Figure(label="給付日数", value="90日", confidence=confidence, source=source)
    assert Figure(label="給付日数", value="90日", confidence="3P", source="mhlw-kyuka-kyufu 給付日数").needs_check
