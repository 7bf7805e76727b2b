"""Japanese date arithmetic for deadlines in subsidy manuals and for printable forms.

Periods follow 民法 第140条〜第143条 (the first day is not counted unless the period
starts at midnight; months and years are counted by the calendar and end the day before
the corresponding day, or at the end of the final month when that day does not exist).
Closed days and the moving of deadlines follow 行政機関の休日に関する法律 第1条・第2条.

National holidays come from the ``holidays`` package and era data (元号) from
``japanera``; neither table is written by hand here.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Literal

import holidays
from japanera import ERA_DATA_GENERAL, Era

__all__ = [
    "DateParseError",
    "parse_date",
    "add_months",
    "period_end",
    "within_from_next_day",
    "before_counting_from",
    "is_closed_day",
    "next_open_day",
    "wareki",
    "wareki_year",
    "fiscal_year",
    "format_ja",
]

_ONE_DAY = timedelta(days=1)

# Japan adopted the Gregorian calendar on 明治6年1月1日 (改暦ノ布告). Earlier 和暦 dates are
# lunisolar and cannot be converted by an era-year offset, so they are not supported.
_GREGORIAN_START = date(1873, 1, 1)

# Eras in use since the Gregorian calendar: 明治, 大正, 昭和, 平成, 令和 (and any later era
# a future japanera release adds). japanera's ``until`` is exclusive.
_ERAS: tuple[Era, ...] = tuple(
    e for e in ERA_DATA_GENERAL if e.until is None or e.until > _GREGORIAN_START
)
_ERA_BY_NAME: dict[str, Era] = {e.kanji: e for e in _ERAS} | {e.english_head: e for e in _ERAS}

# Public holidays under 国民の祝日に関する法律, including 振替休日 and 国民の休日.
# language="ja" pins the holiday names; otherwise they follow the process locale.
_JP_HOLIDAYS = holidays.country_holidays("JP", language="ja")
# The years the holiday table covers: closed days (and so deadlines) are known only within them.
HOLIDAY_YEARS = (_JP_HOLIDAYS.start_year, _JP_HOLIDAYS.end_year)

# 和暦 strings are matched with our own patterns and converted with japanera's Era data
# (relative_year_to_absolute_year, ``in``), not with EraDate.strptime: in japanera 2.1
# strptime reads '令和0年' as 令和元年, and head letters match every era since 大化
# ('S64.1.7' also yields 西暦64年, 'T15.12.24' yields 天平/天文/天正/大正).
_EXAMPLE = "（例: 2024-04-01 または 令和6年4月1日）"
_KANJI_ERAS = "|".join(re.escape(e.kanji) for e in _ERAS)
_HEAD_ERAS = "|".join(re.escape(e.english_head) for e in _ERAS)
_NUM = r"\d{1,2}"
_WESTERN_PATTERNS = (
    re.compile(rf"(?P<y>\d{{4}})(?P<sep>[-/.])(?P<m>{_NUM})(?P=sep)(?P<d>{_NUM})"),
    re.compile(rf"(?P<y>\d{{4}})年(?P<m>{_NUM})月(?P<d>{_NUM})日"),
)
_WAREKI_PATTERNS = (
    re.compile(rf"(?P<era>{_KANJI_ERAS})(?P<y>{_NUM}|元)年(?P<m>{_NUM})月(?P<d>{_NUM})日"),
    re.compile(
        rf"(?P<era>(?i:{_HEAD_ERAS}))(?P<y>{_NUM}|元)(?P<sep>[./])(?P<m>{_NUM})(?P=sep)(?P<d>{_NUM})"
    ),
)


class DateParseError(ValueError):
    """A value could not be read as a date; the message is Japanese, for end users."""


def parse_date(value: date | str) -> date:
    """Read a date from a ``date``/``datetime`` or a Western or 和暦 string.

    Accepted strings (full-width characters and spaces are tolerated):
    '2024-04-01', '2024/4/1', '2024年4月1日', '令和6年4月1日', '令和元年5月1日',
    'R6.4.1', 'R6/4/1'. A 和暦 date outside its era (e.g. '平成31年5月1日') is an error.

    Raises:
        DateParseError: the value is unreadable, names a non-existent day, or lies
            outside its era.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise DateParseError(f"日付として読めません: {value!r}{_EXAMPLE}")
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))
    for pattern in _WESTERN_PATTERNS:
        if m := pattern.fullmatch(text):
            return _build_date(value, int(m["y"]), int(m["m"]), int(m["d"]))
    for pattern in _WAREKI_PATTERNS:
        if m := pattern.fullmatch(text):
            return _wareki_to_date(value, _ERA_BY_NAME[m["era"].upper()], m["y"], m["m"], m["d"])
    raise DateParseError(f"日付として読めません: '{value}'{_EXAMPLE}")


def _build_date(raw: str, year: int, month: int, day: int) -> date:
    """Build a date, or raise DateParseError naming the valid range of the month."""
    try:
        return date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            hint = "（月は1〜12）"
        elif 1 <= year <= 9999:
            hint = f"（{year}年{month}月は{calendar.monthrange(year, month)[1]}日まで）"
        else:
            hint = ""
        raise DateParseError(f"'{raw}' は存在しない日付です{hint}") from None


def _wareki_to_date(raw: str, era: Era, year: str, month: str, day: str) -> date:
    """Convert the parts of a 和暦 date, checking that the result lies within the era."""
    relative = 1 if year == "元" else int(year)
    d = _build_date(raw, era.relative_year_to_absolute_year(relative), int(month), int(day))
    if d not in era or d < _GREGORIAN_START:
        first = max(era.since, _GREGORIAN_START)
        span = f"{wareki(first)}から" + (f"{wareki(era.until - _ONE_DAY)}まで" if era.until else "")
        raise DateParseError(f"'{raw}' は{era.kanji}の期間外の日付です（{era.kanji}は{span}）")
    return d


def add_months(d: date, n: int) -> date:
    """Return the same day ``n`` months later (earlier if negative), clamped to month end.

    Example: add_months(2024-01-31, 1) == 2024-02-29.
    """
    year, month0 = divmod(d.year * 12 + d.month - 1 + n, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(d.day, last))


def _check_length(years: int, months: int, days: int) -> None:
    """Reject negative or empty period lengths."""
    if min(years, months, days) < 0 or not (years or months or days):
        raise ValueError(f"期間の長さが不正です: years={years}, months={months}, days={days}")


def period_end(start: date, *, years: int = 0, months: int = 0, days: int = 0) -> date:
    """Return the last day of a period that counts ``start`` as its first day (起算日).

    Months and years end the day before the corresponding day of the final month; if
    that day does not exist, at the end of the final month (民法 第143条第2項). Days end
    on ``start + days - 1``. A combined length counts the months first, then the days.
    Examples: (2015-04-11, months=2) -> 2015-06-10; (2024-12-31, months=2) -> 2025-02-28.
    """
    _check_length(years, months, days)
    end = start - _ONE_DAY
    if total := years * 12 + months:
        target = add_months(start, total)
        end = target if target.day != start.day else target - _ONE_DAY
    return end + timedelta(days=days)


def within_from_next_day(d: date, *, years: int = 0, months: int = 0, days: int = 0) -> date:
    """Return the deadline of "``d`` の翌日から起算して…以内".

    The day of the event is not counted (初日不算入, 民法 第140条); the period ends at the
    end of its last day (民法 第141条). Example: applied 2015-04-10, 2か月以内 -> 2015-06-10.
    Moving a deadline off a closed day is separate: see ``next_open_day``.
    """
    return period_end(d + _ONE_DAY, years=years, months=months, days=days)


def before_counting_from(kisan: date, *, years: int = 0, months: int = 0, days: int = 0) -> date:
    """Return the day that is "``kisan`` から起算して…前", counting backwards.

    ``kisan`` is day 1 and the result is the first day of the period of that length that
    ends on ``kisan`` (民法 第140条〜第143条 applied backwards). A missing corresponding
    day is clamped to the end of its month. Examples: (2026-03-31, months=1) -> 2026-03-01;
    (2024-03-30, months=1) -> 2024-02-29; (2024-04-14, days=14) -> 2024-04-01.
    """
    _check_length(years, months, days)
    return add_months(kisan + _ONE_DAY, -(years * 12 + months)) - timedelta(days=days)


def is_closed_day(d: date) -> bool:
    """Return True if 行政機関 are closed on ``d`` (行政機関の休日に関する法律 第1条).

    Closed days: Saturdays and Sundays, holidays under 国民の祝日に関する法律 (including
    振替休日 and 国民の休日), and 12月29日〜1月3日.

    Raises:
        ValueError: ``d`` lies outside the years the holiday data covers.
    """
    if not _JP_HOLIDAYS.start_year <= d.year <= _JP_HOLIDAYS.end_year:
        raise ValueError(
            f"祝日データの対象外の年です: {d.year}"
            f"（{_JP_HOLIDAYS.start_year}〜{_JP_HOLIDAYS.end_year}年）"
        )
    year_end = (d.month, d.day) >= (12, 29) or (d.month, d.day) <= (1, 3)
    return d.weekday() >= 5 or year_end or d in _JP_HOLIDAYS


def next_open_day(d: date) -> date:
    """Return ``d`` if 行政機関 are open on it, else the next open day.

    A deadline that falls on a closed day moves to the next open day
    (行政機関の休日に関する法律 第2条).
    """
    while is_closed_day(d):
        d += _ONE_DAY
    return d


def _era_of(d: date) -> Era:
    """Return the era containing ``d`` (明治6年1月1日 or later)."""
    if d >= _GREGORIAN_START:
        for era in _ERAS:
            if d in era:
                return era
    raise ValueError(f"和暦に変換できません: {d}（明治6年1月1日以降のみ）")


def wareki_year(d: date) -> str:
    """Return the 和暦 year of ``d``, e.g. '令和6年'; the first year is '元年'."""
    era = _era_of(d)
    year = era.calc_relative_year(d)
    return f"{era.kanji}{'元' if year == 1 else year}年"


def wareki(d: date, *, style: Literal["long", "short"] = "long") -> str:
    """Return ``d`` as a 和暦 date: long '令和6年4月1日' / '令和元年5月1日', short 'R6.4.1'."""
    if style == "long":
        return f"{wareki_year(d)}{d.month}月{d.day}日"
    if style == "short":
        era = _era_of(d)
        return f"{era.english_head}{era.calc_relative_year(d)}.{d.month}.{d.day}"
    raise ValueError(f"style must be 'long' or 'short', not {style!r}")


def fiscal_year(d: date) -> int:
    """Return the 年度 (April to March) of ``d``: 2025-03-31 -> 2024, 2025-04-01 -> 2025."""
    return d.year if d.month >= 4 else d.year - 1


def format_ja(d: date) -> str:
    """Return ``d`` in Western Japanese form for the UI, e.g. '2024年4月1日'."""
    return f"{d.year}年{d.month}月{d.day}日"
