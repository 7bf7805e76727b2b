"""Keeping the habit (seed 000 4-4, 6-2: 三日坊主のリスク): the streak, the week view, and what a
person adds to their own calendar: the daily reminder, and a plan's dated steps."""

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


def plan_ics(title: str, steps, url: str, today: date) -> bytes:
    """An iCalendar file with one all-day event per dated step of a self-investment plan (a
    claim deadline, the pre-course steps...), each with why it is due then, and an alarm three
    days before at 9:00 for the steps not done yet. `steps`: objects with id, title, due_on,
    done_on and detail (navigator.store.models.PlanStep)."""
    calendar = Calendar()
    calendar.add("prodid", "-//学びナビ//自己投資プラン//JA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"自己投資プラン: {title}")
    for step in steps:
        if step.due_on is None:
            continue
        event = Event()
        event.add("uid", f"plan-step-{step.id}@manabi-navi")
        event.add("summary", f"{'済 ' if step.done_on else ''}{step.title}")
        event.add("description", "\n".join(part for part in (step.detail, url) if part))
        event.add("url", url)
        event.add("dtstart", step.due_on)
        event.add("dtend", step.due_on + timedelta(days=1))
        event.add("dtstamp", datetime.now(TOKYO))
        if not step.done_on and step.due_on >= today:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"3日後が期日です: {step.title}")
            alarm.add("trigger", timedelta(days=-3, hours=9))
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
