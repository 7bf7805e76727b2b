"""The per-trainee table (forms/_trainee-table.yaml): the facts as rows, rows back into the facts
(all or nothing, every bad cell by row and column), CSV round trip, what the table does not show kept."""

from __future__ import annotations

import copy

import pytest

from navigator import PROJECT_ROOT
from navigator.forms import programs, trainees
from navigator.rules import parse_case
from navigator.yamlfile import load_facts_yaml

IKUSEI = programs.get("jinzai.ikusei")
CSV = PROJECT_ROOT / "examples" / "jinzai-ikusei-sakura-trainees.csv"


def facts(name: str = "jinzai-ikusei-sakura.yaml") -> dict:
    data = load_facts_yaml((PROJECT_ROOT / "examples" / name).read_text(encoding="utf-8"))
    return parse_case(data).model_dump(mode="json", exclude_none=True)


def csv_lines() -> list[str]:
    return CSV.read_text(encoding="utf-8-sig").splitlines()


def errors(data: dict, text: str) -> list[str]:
    with pytest.raises(trainees.TableError) as exc:
        trainees.apply(data, IKUSEI, trainees.read_csv(text.encode("utf-8")))
    return [p.text() for p in exc.value.problems]


def test_the_example_csv_is_the_example_cases_table():
    data = facts()
    assert trainees.to_csv(trainees.rows_of(data, IKUSEI)) == CSV.read_bytes()
    empty = {"employer": data["employer"], "application": data["application"]}
    imported = trainees.apply(empty, IKUSEI, trainees.read_csv(CSV.read_bytes()))
    assert imported["courses"] == data["courses"] and imported["workers"] == data["workers"]


def test_export_then_import_leaves_the_facts_unchanged():
    data = facts()
    raw = trainees.to_csv(trainees.rows_of(data, IKUSEI))
    assert trainees.apply(data, IKUSEI, trainees.read_csv(raw)) == data


def test_what_the_table_does_not_show_is_kept():
    data = facts()
    data["courses"].insert(0, {"name": "社内研修（対象外の区分）", "scheduled_hours": 8, "trainees": [{"worker_id": "E001"}]})
    data["courses"][1]["note"] = "備考は表にない"
    data["courses"][1]["trainees"][0]["comment"] = "コメントも表にない"
    data["workers"].append({"id": "E099", "name": "表にない人"})
    data = parse_case(data).model_dump(mode="json", exclude_none=True)
    lines = csv_lines()
    lines[1] = lines[1].replace(",40,200000,", ",38,200000,")  # 山田 花子 attended 38 hours
    result = trainees.apply(data, IKUSEI, trainees.read_csv("\n".join(lines).encode()))
    assert result["courses"][0] == data["courses"][0]  # another course, untouched, in its place
    assert result["courses"][1]["note"] == "備考は表にない"
    assert result["courses"][1]["trainees"][0] == dict(data["courses"][1]["trainees"][0], attended_hours=38.0)
    assert result["workers"][-1] == {"id": "E099", "name": "表にない人"}


def test_every_bad_cell_is_named_by_row_and_column_and_nothing_is_returned():
    lines = csv_lines()
    lines[1] = lines[1].replace("2027-02-10", "2027-02-30")
    lines[2] = lines[2].replace("正規雇用労働者等", "パート") if "正規雇用労働者等" in lines[2] else lines[2].replace(
        "有期契約労働者等（非正規雇用労働者）", "パート")
    lines[3] = lines[3].replace("高橋 美咲", "４５６７")
    lines[4] = lines[4].replace(",はい,いいえ,", ",たぶん,いいえ,")
    found = errors(facts(), "\n".join(lines))
    assert "2行目「訓練の最終日」: '2027-02-30' は存在しない日付です（2027年2月は28日まで）" in found
    assert any(f.startswith("3行目「雇用形態」: 次のいずれかを書いてください") for f in found)
    assert "4行目「氏名」: 名前を書いてください（数字だけは受け付けません）" in found
    assert "5行目「eラーニング・通信制」: 「はい」か「いいえ」で書いてください" in found


def test_rows_of_one_course_must_agree_and_one_worker_once_per_course():
    lines = csv_lines()
    lines[2] = lines[2].replace(",40,いいえ,", ",45,いいえ,", 1)  # 田中 次郎's row: the course's hours differ
    lines.append(lines[1])  # 山田 花子 twice in the same course
    found = errors(facts(), "\n".join(lines))
    assert "3行目「訓練時間数」: 同じ訓練の2行目（40）と違います（45）" in found
    assert "6行目「労働者ID」: この訓練にE001の行がほかにもあります" in found


def test_a_missing_required_column_a_stray_one_and_a_training_type_of_another_course():
    assert errors(facts(), "労働者ID,氏名\nE1,山田 花子\n") == [
        "1行目: 見出しに次の列がありません: 訓練名、訓練区分、訓練の初日"]
    header = csv_lines()[0]
    assert any("知らない列があります: 備考欄" in e for e in errors(facts(), header + ",備考欄\n"))
    lines = csv_lines()
    lines[1] = lines[1].replace("人材育成訓練（人材育成支援コース）", "高度デジタル人材訓練（人への投資促進コース）")
    assert any(e.startswith("2行目「訓練区分」: 次のいずれかを書いてください: 人材育成訓練（人材育成支援コース）")
               for e in errors(facts(), "\n".join(lines)))


def test_not_utf8_is_refused_with_what_to_do():
    with pytest.raises(trainees.TableError) as exc:
        trainees.read_csv(CSV.read_text(encoding="utf-8-sig").encode("cp932"))
    assert "文字コードが UTF-8 ではありません。Excel では「CSV UTF-8（コンマ区切り）」で保存してください" in str(exc.value)


def test_short_choice_labels_japanese_booleans_and_full_width_numbers_are_read():
    row = {"労働者ID": "E1", "氏名": "山田 花子", "雇用保険被保険者": "はい", "雇用形態": "有期契約労働者等",
           "訓練名": "研修", "訓練区分": "人材育成訓練", "訓練の初日": "令和9年2月1日", "訓練時間数": "２０",
           "訓練経費（事業主負担・円）": "１００，０００円"}
    result = trainees.apply({}, IKUSEI, [row])
    course = result["courses"][0]
    assert course["training_type"] == "ikusei" and course["start_date"] == "2027-02-01" and course["scheduled_hours"] == 20
    assert course["trainees"] == [{"worker_id": "E1", "staff_type": "fixed_term", "expenses_yen": 100000}]
    assert result["workers"] == [{"id": "E1", "name": "山田 花子", "insured": True}]


def test_one_row_corrects_its_whole_course_and_a_blank_cell_takes_the_courses_value():
    data = facts()
    rows = trainees.rows_of(data, IKUSEI)
    edited = dict(rows[1], **{"訓練時間数": "42"})
    result = trainees.apply(data, IKUSEI, trainees.with_row(rows, 1, edited))
    assert result["courses"][0]["scheduled_hours"] == 42 and len(result["courses"][0]["trainees"]) == 2
    added = {"労働者ID": "E005", "氏名": "渡辺 由美", "訓練名": "生産管理実務研修", "訓練の初日": "2027-02-01"}
    result = trainees.apply(data, IKUSEI, trainees.with_row(rows, None, added))
    course = result["courses"][0]
    assert [t["worker_id"] for t in course["trainees"]] == ["E001", "E002", "E005"]
    assert course["scheduled_hours"] == 40 and course["provider_name"] == "東京ものづくり研修センター"


def test_the_table_of_another_course_leaves_this_one_alone():
    data = facts()
    toushi = programs.get("jinzai.toushi")
    assert trainees.rows_of(data, toushi) == []
    row = {"労働者ID": "E001", "氏名": "山田 花子", "訓練名": "DX研修", "訓練区分": "高度デジタル人材訓練",
           "訓練の初日": "2027-03-01"}
    result = trainees.apply(copy.deepcopy(data), toushi, [row])
    assert result["courses"][:3] == data["courses"] and result["courses"][3]["training_type"] == "digital"
