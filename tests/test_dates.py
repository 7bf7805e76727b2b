"""Tests for navigator.dates: parsing, 民法 periods, 行政機関の休日 and 和暦."""

from datetime import date, datetime

import pytest

from navigator.dates import (
    DateParseError,
    add_months,
    before_counting_from,
    fiscal_year,
    format_ja,
    is_closed_day,
    next_open_day,
    parse_date,
    period_end,
    wareki,
    wareki_year,
    within_from_next_day,
)

D = date


# --- parse_date -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D(2024, 4, 1), D(2024, 4, 1)),
        ("2024-04-01", D(2024, 4, 1)),
        ("2024/04/01", D(2024, 4, 1)),
        ("2024/4/1", D(2024, 4, 1)),
        ("2024年4月1日", D(2024, 4, 1)),
        ("２０２４年４月１日", D(2024, 4, 1)),
        ("２０２４－０４－０１", D(2024, 4, 1)),
        (" 2024-04-01\n", D(2024, 4, 1)),
        ("2024-02-29", D(2024, 2, 29)),
        ("令和6年4月1日", D(2024, 4, 1)),
        ("令和６年４月１日", D(2024, 4, 1)),
        ("令和 6年 4月 1日", D(2024, 4, 1)),
        ("令和元年5月1日", D(2019, 5, 1)),
        ("令和1年5月1日", D(2019, 5, 1)),
        ("平成31年4月30日", D(2019, 4, 30)),
        ("平成27年7月1日", D(2015, 7, 1)),
        ("平成元年1月8日", D(1989, 1, 8)),
        ("昭和64年1月7日", D(1989, 1, 7)),
        ("大正15年12月24日", D(1926, 12, 24)),
        ("R6.4.1", D(2024, 4, 1)),
        ("R06.04.01", D(2024, 4, 1)),
        ("r6.4.1", D(2024, 4, 1)),
        ("Ｒ６．４．１", D(2024, 4, 1)),
        ("R6/4/1", D(2024, 4, 1)),
        ("R元.5.1", D(2019, 5, 1)),
        ("H27.7.1", D(2015, 7, 1)),
        ("S64.1.7", D(1989, 1, 7)),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_parse_date_datetime_becomes_plain_date():
    result = parse_date(datetime(2024, 4, 1, 23, 59))
    assert result == D(2024, 4, 1)
    assert type(result) is date


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2024-02-30", "存在しない日付"),
        ("2023-02-29", "存在しない日付"),
        ("2024-13-01", "存在しない日付"),
        ("令和6年2月30日", "存在しない日付"),
        ("令和５年２月２９日", "存在しない日付"),
        ("abc", "日付として読めません"),
        ("", "日付として読めません"),
        ("2024-04/01", "日付として読めません"),
        ("X6.4.1", "日付として読めません"),
        ("平成32年4月30日", "平成の期間外"),
        ("平成31年5月1日", "平成の期間外"),
        ("平成元年1月7日", "平成の期間外"),
        ("令和元年4月30日", "令和の期間外"),
        ("令和0年5月1日", "令和の期間外"),
        ("昭和64年1月8日", "昭和の期間外"),
        ("H31.5.1", "平成の期間外"),
        ("明治5年12月2日", "明治の期間外"),  # before the Gregorian calendar (明治6年)
    ],
)
def test_parse_date_errors_name_the_bad_text(value, fragment):
    with pytest.raises(DateParseError) as excinfo:
        parse_date(value)
    message = str(excinfo.value)
    assert f"'{value}'" in message
    assert fragment in message
    assert isinstance(excinfo.value, ValueError)


def test_parse_date_unreadable_message_shows_examples():
    with pytest.raises(DateParseError, match="例: 2024-04-01 または 令和6年4月1日"):
        parse_date("abc")


@pytest.mark.parametrize("value", [None, 20240401])
def test_parse_date_rejects_non_strings(value):
    with pytest.raises(DateParseError, match="日付として読めません"):
        parse_date(value)


# --- add_months ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "n", "expected"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 1, 28), 1, D(2024, 2, 28)),
        (D(2024, 1, 29), 1, D(2024, 2, 29)),
        (D(2024, 1, 30), 1, D(2024, 2, 29)),
        (D(2024, 8, 31), 1, D(2024, 9, 30)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2023, 3, 31), -1, D(2023, 2, 28)),
        (D(2024, 12, 15), 1, D(2025, 1, 15)),
        (D(2025, 1, 15), -1, D(2024, 12, 15)),
        (D(2024, 1, 31), -13, D(2022, 12, 31)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2024, 5, 31), 0, D(2024, 5, 31)),
    ],
)
def test_add_months(d, n, expected):
    assert add_months(d, n) == expected


# --- period_end (民法143) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "length", "expected"),
    [
        (D(2015, 4, 11), {"months": 2}, D(2015, 6, 10)),
        (D(2015, 4, 10), {"months": 2}, D(2015, 6, 9)),
        (D(2015, 4, 12), {"months": 2}, D(2015, 6, 11)),
        (D(2024, 12, 31), {"months": 2}, D(2025, 2, 28)),  # 2/31 missing -> month end
        (D(2024, 12, 30), {"months": 2}, D(2025, 2, 28)),
        (D(2024, 12, 29), {"months": 2}, D(2025, 2, 28)),  # 2025-02-29 missing
        (D(2024, 12, 28), {"months": 2}, D(2025, 2, 27)),
        (D(2023, 12, 29), {"months": 2}, D(2024, 2, 28)),  # 2024-02-29 exists
        (D(2023, 12, 30), {"months": 2}, D(2024, 2, 29)),
        (D(2024, 1, 1), {"years": 1}, D(2024, 12, 31)),
        (D(2024, 1, 2), {"years": 1}, D(2025, 1, 1)),
        (D(2023, 12, 31), {"years": 1}, D(2024, 12, 30)),
        (D(2024, 2, 29), {"years": 1}, D(2025, 2, 28)),
        (D(2024, 3, 1), {"years": 1}, D(2025, 2, 28)),
        (D(2023, 3, 1), {"years": 1}, D(2024, 2, 29)),
        (D(2024, 3, 1), {"days": 14}, D(2024, 3, 14)),
        (D(2024, 3, 1), {"days": 1}, D(2024, 3, 1)),
        (D(2024, 2, 28), {"days": 2}, D(2024, 2, 29)),
        (D(2023, 2, 28), {"days": 2}, D(2023, 3, 1)),
        (D(2024, 4, 1), {"years": 1, "months": 6}, D(2025, 9, 30)),
        (D(2024, 4, 11), {"months": 1, "days": 10}, D(2024, 5, 20)),
    ],
)
def test_period_end(start, length, expected):
    assert period_end(start, **length) == expected


@pytest.mark.parametrize("length", [{}, {"months": -1}, {"days": -1}, {"years": 0}])
def test_period_end_rejects_empty_or_negative_length(length):
    with pytest.raises(ValueError):
        period_end(D(2024, 4, 1), **length)


# --- within_from_next_day (民法140: 初日不算入) -------------------------------------


@pytest.mark.parametrize(
    ("d", "length", "expected"),
    [
        # MHLW manual: applied 4/10, 4/20, 4/25 -> deadlines 6/10, 6/20, 6/25.
        (D(2015, 4, 10), {"months": 2}, D(2015, 6, 10)),
        (D(2015, 4, 20), {"months": 2}, D(2015, 6, 20)),
        (D(2015, 4, 25), {"months": 2}, D(2015, 6, 25)),
        (D(2015, 4, 9), {"months": 2}, D(2015, 6, 9)),
        (D(2015, 4, 11), {"months": 2}, D(2015, 6, 11)),
        (D(2024, 12, 30), {"months": 2}, D(2025, 2, 28)),
        (D(2024, 12, 31), {"months": 2}, D(2025, 2, 28)),
        (D(2024, 1, 30), {"months": 1}, D(2024, 2, 29)),
        (D(2023, 1, 30), {"months": 1}, D(2023, 2, 28)),
        (D(2024, 1, 29), {"months": 1}, D(2024, 2, 29)),
        (D(2023, 12, 31), {"years": 1}, D(2024, 12, 31)),
        (D(2024, 3, 31), {"days": 14}, D(2024, 4, 14)),
        (D(2024, 2, 28), {"days": 1}, D(2024, 2, 29)),
    ],
)
def test_within_from_next_day(d, length, expected):
    assert within_from_next_day(d, **length) == expected


# --- before_counting_from -----------------------------------------------------------


@pytest.mark.parametrize(
    ("kisan", "length", "expected"),
    [
        # 計画期間の初日4/1の前日(3/31)から起算して1か月前 = 3/1
        (D(2026, 3, 31), {"months": 1}, D(2026, 3, 1)),
        (D(2026, 3, 30), {"months": 1}, D(2026, 2, 28)),  # 2/31 missing -> month end
        (D(2026, 4, 1), {"months": 1}, D(2026, 3, 2)),
        (D(2023, 4, 1), {"months": 1}, D(2023, 3, 2)),
        (D(2023, 4, 1), {"months": 6}, D(2022, 10, 2)),
        (D(2024, 3, 30), {"months": 1}, D(2024, 2, 29)),  # 2/31 missing -> month end
        (D(2024, 3, 29), {"months": 1}, D(2024, 2, 29)),  # 2/30 missing -> month end
        (D(2024, 3, 28), {"months": 1}, D(2024, 2, 29)),  # 2/29 exists (leap year)
        (D(2023, 3, 28), {"months": 1}, D(2023, 2, 28)),  # 2/29 missing -> month end
        (D(2023, 3, 27), {"months": 1}, D(2023, 2, 28)),
        (D(2025, 2, 28), {"years": 1}, D(2024, 3, 1)),
        (D(2024, 4, 14), {"days": 14}, D(2024, 4, 1)),
        (D(2024, 4, 15), {"days": 14}, D(2024, 4, 2)),
        (D(2024, 4, 13), {"days": 14}, D(2024, 3, 31)),
        (D(2024, 3, 13), {"days": 14}, D(2024, 2, 29)),
        (D(2024, 4, 1), {"days": 1}, D(2024, 4, 1)),
    ],
)
def test_before_counting_from(kisan, length, expected):
    assert before_counting_from(kisan, **length) == expected


@pytest.mark.parametrize("kisan", [D(2023, 4, 1), D(2024, 6, 15), D(2025, 1, 10)])
@pytest.mark.parametrize("length", [{"months": 1}, {"months": 6}, {"years": 1}, {"days": 30}])
def test_before_counting_from_is_inverse_of_period_end(kisan, length):
    assert period_end(before_counting_from(kisan, **length), **length) == kisan


def test_before_counting_from_rejects_empty_length():
    with pytest.raises(ValueError):
        before_counting_from(D(2024, 4, 1))


# --- 行政機関の休日 -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "closed"),
    [
        (D(2026, 1, 2), True),  # 年末年始 (Friday)
        (D(2026, 1, 3), True),  # 年末年始 (Saturday)
        (D(2026, 1, 5), False),  # Monday after 年末年始
        (D(2024, 1, 3), True),  # 年末年始 (Wednesday)
        (D(2024, 1, 4), False),
        (D(2025, 12, 29), True),  # 年末年始 (Monday)
        (D(2025, 12, 26), False),  # Friday before
        (D(2023, 12, 28), False),  # Thursday
        (D(2023, 12, 29), True),  # Friday, 年末年始
        (D(2025, 5, 5), True),  # こどもの日
        (D(2025, 5, 6), True),  # 振替休日
        (D(2025, 5, 7), False),
        (D(2026, 9, 22), True),  # 国民の休日 between 敬老の日 and 秋分の日
        (D(2019, 4, 30), True),  # 国民の休日
        (D(2019, 5, 1), True),  # 天皇の即位の日
        (D(2019, 5, 7), False),
        (D(2024, 4, 5), False),  # Friday
        (D(2024, 4, 6), True),  # Saturday
        (D(2024, 4, 7), True),  # Sunday
    ],
)
def test_is_closed_day(d, closed):
    assert is_closed_day(d) is closed


def test_is_closed_day_outside_holiday_data_raises():
    with pytest.raises(ValueError, match="祝日データの対象外"):
        is_closed_day(D(2100, 6, 1))


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (D(2025, 12, 27), D(2026, 1, 5)),  # Saturday before 年末年始
        (D(2025, 12, 29), D(2026, 1, 5)),
        (D(2025, 12, 26), D(2025, 12, 26)),  # open: unchanged
        (D(2026, 1, 5), D(2026, 1, 5)),
        (D(2025, 5, 3), D(2025, 5, 7)),  # Golden Week incl. 振替休日
        (D(2024, 4, 6), D(2024, 4, 8)),  # Saturday -> Monday
        (D(2026, 9, 19), D(2026, 9, 24)),  # weekend + シルバーウィーク
    ],
)
def test_next_open_day(d, expected):
    assert next_open_day(d) == expected


# --- 和暦 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "long", "short"),
    [
        (D(2024, 4, 1), "令和6年4月1日", "R6.4.1"),
        (D(2019, 5, 1), "令和元年5月1日", "R1.5.1"),
        (D(2019, 5, 2), "令和元年5月2日", "R1.5.2"),
        (D(2019, 4, 30), "平成31年4月30日", "H31.4.30"),
        (D(2020, 1, 1), "令和2年1月1日", "R2.1.1"),
        (D(2015, 7, 1), "平成27年7月1日", "H27.7.1"),
        (D(1989, 1, 7), "昭和64年1月7日", "S64.1.7"),
        (D(1989, 1, 8), "平成元年1月8日", "H1.1.8"),
        (D(1926, 12, 24), "大正15年12月24日", "T15.12.24"),
        (D(1926, 12, 25), "昭和元年12月25日", "S1.12.25"),
        (D(1912, 7, 29), "明治45年7月29日", "M45.7.29"),
        (D(1912, 7, 30), "大正元年7月30日", "T1.7.30"),
        (D(1873, 1, 1), "明治6年1月1日", "M6.1.1"),
    ],
)
def test_wareki_and_round_trip(d, long, short):
    assert wareki(d) == long
    assert wareki(d, style="short") == short
    assert parse_date(long) == d
    assert parse_date(short) == d


def test_wareki_before_gregorian_calendar_raises():
    with pytest.raises(ValueError, match="和暦に変換できません"):
        wareki(D(1872, 12, 31))


def test_wareki_rejects_unknown_style():
    with pytest.raises(ValueError):
        wareki(D(2024, 4, 1), style="medium")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (D(2024, 4, 1), "令和6年"),
        (D(2019, 5, 1), "令和元年"),
        (D(2019, 4, 30), "平成31年"),
        (D(2019, 1, 1), "平成31年"),
        (D(1989, 1, 8), "平成元年"),
        (D(1989, 1, 7), "昭和64年"),
    ],
)
def test_wareki_year(d, expected):
    assert wareki_year(d) == expected


# --- 年度 and Western display -------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (D(2025, 3, 31), 2024),
        (D(2025, 4, 1), 2025),
        (D(2025, 1, 1), 2024),
        (D(2024, 12, 31), 2024),
    ],
)
def test_fiscal_year(d, expected):
    assert fiscal_year(d) == expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [(D(2024, 4, 1), "2024年4月1日"), (D(2024, 12, 31), "2024年12月31日")],
)
def test_format_ja_and_round_trip(d, expected):
    assert format_ja(d) == expected
    assert parse_date(expected) == d
