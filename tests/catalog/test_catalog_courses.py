import csv
import datetime as dt
import json

import pytest

from navigator import PROJECT_ROOT
from navigator.catalog import CatalogError
from navigator.catalog.courses import COLUMNS, course_keywords, parse_period, parse_wareki, read_courses
from navigator.catalog.schema import Source

DATA = PROJECT_ROOT / "data" / "courses" / "designated-courses-2022-04.json"
SOURCE = Source(kind="data", ref="data/courses/test.json", section="テスト")


def test_wareki_dates_and_periods():
    assert parse_wareki("令和03年10月01日") == dt.date(2021, 10, 1)
    assert parse_wareki("平成31年04月01日") == dt.date(2019, 4, 1)
    assert parse_period("令和02年10月01日～令和05年09月30日") == (dt.date(2020, 10, 1), dt.date(2023, 9, 30))
    with pytest.raises(ValueError):
        parse_period("2021-10-01")


def test_the_real_course_list_imports_as_published():
    entries = read_courses(DATA, "専門実践教育訓練", SOURCE)
    assert len(entries) == 96 == len(json.loads(DATA.read_text(encoding="utf-8")))
    first = entries[0]
    assert first.name == "ＤＬ４Ｅ　｜　Ｄｅｅｐ　Ｌｅａｒｎｉｎｇ　基礎講座（Ｅ資格対応版）"  # full-width kept
    assert first.course.fee_yen == 190575 and first.course.hours == 40 and first.course.duration_months == 3
    assert first.validity.end == dt.date(2024, 9, 30)
    assert first.rule == "kyufu.professional"
    assert "E資格" in first.keywords
    assert all(e.status(dt.date(2025, 4, 1)) == "終了" for e in entries)  # every designation has ended
    e_learning = [e for e in entries if "eラーニング" in e.course.method]
    assert e_learning and all("時間がない" in e.barriers for e in e_learning)


def _write_csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def _row(**changes):
    row = {
        "スクール名": "テスト校", "入学定員": "20人", "受講料合計": "110,000円", "実施方法": "eラーニング",
        "実施者": "テスト株式会社", "指定期間": "令和07年04月01日～令和10年03月31日", "指定番号": "1300000-2500001-1",
        "訓練時間": "30時間", "訓練期間": "2ヶ月", "講座内容": "Pythonでデータ分析を学ぶ。", "講座名称": "データ分析入門", "開講月": "毎月",
    }
    row.update(changes)
    return row


def test_a_csv_in_the_official_columns_imports(tmp_path):
    path = tmp_path / "courses.csv"
    _write_csv(path, [_row(), _row(指定番号="1300000-2500002-1", 講座名称="統計入門")])
    entries = read_courses(path, "一般教育訓練", SOURCE)
    assert [e.name for e in entries] == ["データ分析入門", "統計入門"]
    assert entries[0].status(dt.date(2026, 11, 1)) == "実施中"
    assert entries[0].rule == "kyufu.general" and entries[0].course.capacity == 20


def test_bad_rows_are_all_reported_with_their_line_and_nothing_is_imported(tmp_path):
    path = tmp_path / "courses.csv"
    _write_csv(path, [_row(), _row(指定期間="2025/04/01-2028/03/31"), _row(受講料合計="未定"), _row()])
    with pytest.raises(CatalogError) as err:
        read_courses(path, "一般教育訓練", SOURCE)
    lines = [p.where for p in err.value.problems]
    assert lines == ["courses.csv 3行目", "courses.csv 4行目", "courses.csv 5行目"]
    assert "指定期間" in str(err.value) and "数値" in str(err.value) and "重複" in str(err.value)


def test_a_csv_without_the_official_columns_is_refused(tmp_path):
    path = tmp_path / "courses.csv"
    path.write_text("講座名称,受講料\nA,1000\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="1行目"):
        read_courses(path, "一般教育訓練", SOURCE)


def test_keywords_come_from_name_and_content():
    words = course_keywords("ＩｏＴセキュリティ実践講座（ＲＥＳＩＯＮ２）", "ＩｏＴシステムの基礎知識")
    assert "IoTセキュリティ実践講座" in words and "RESION2" in words and "IoT" in words
