"""Keeping the habit (seed 000 4-4, 6-2: 三日坊主のリスク): the streak, the week view, and the
daily reminder a person adds to their own calendar."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, vRecur

TOKYO = ZoneInfo("Asia/Tokyo")
WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")
WEEKDAYS = "月火水木金土日"


def streak(days: list[date] | set[date], today: date) -> int:
    """Consecutive days with an entry, up to today (or up to yesterday while today is still open)."""
    logged = set(days)
    day = today if today in logged else today - timedelta(days=1)
    count = 0
    while day in logged:
        count += 1
        day -= timedelta(days=1)
    return count


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def parse_week(value: str | None, today: date) -> date:
    """"2026-W15" (ISO week) -> its Monday; anything else -> this week's Monday."""
    match = WEEK_RE.match(value or "")
    if match:
        try:
            return date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            pass
    return week_of(today)


def week_label(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class Day:
    day: date
    weekday: str
    entries: list


def week_view(monday: date, entries) -> list[Day]:
    """Seven days, Monday to Sunday, each with its entries (rows with `occurred_on`)."""
    by_day: dict[date, list] = {}
    for e in entries:
        by_day.setdefault(e.occurred_on, []).append(e)
    return [Day(monday + timedelta(days=i), WEEKDAYS[i], by_day.get(monday + timedelta(days=i), [])) for i in range(7)]


def reminder_ics(at: time, today: date, url: str) -> bytes:
    """An iCalendar file with one daily event at `at` (Japan time) and an alarm at its start."""
    calendar = Calendar()
    calendar.add("prodid", "-//学びナビ//キャリアログ//JA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "キャリアログ")
    event = Event()
    event.add("uid", f"careerlog-reminder-{at.hour:02d}{at.minute:02d}@manabi-navi")
    event.add("summary", "キャリアログを書く（1分）")
    event.add(
        "description",
        "今日、心に残った出来事と、その時の感情を1つずつ記録しましょう。\n" + url,
    )
    event.add("url", url)
    start = datetime.combine(today, at, tzinfo=TOKYO)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=5))
    event.add("dtstamp", datetime.now(TOKYO))
    event.add("rrule", vRecur(freq="daily"))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "キャリアログを書く時間です")
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
