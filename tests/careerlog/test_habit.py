"""Keeping the habit: streak, week view, the .ics reminder read back with icalendar."""

from __future__ import annotations

from datetime import date, time, timedelta

from icalendar import Calendar

from navigator.careerlog import habit

TODAY = date(2026, 4, 15)  # a Wednesday


def test_streak_counts_back_from_today_or_from_yesterday_while_today_is_open():
    days = [TODAY - timedelta(days=i) for i in range(5)]
    assert habit.streak(days, TODAY) == 5
    assert habit.streak(days[1:], TODAY) == 4  # not yet logged today: still a streak of 4
    assert habit.streak(days[2:], TODAY) == 0  # yesterday missed: broken
    assert habit.streak([TODAY, TODAY - timedelta(days=2)], TODAY) == 1
    assert habit.streak([], TODAY) == 0


def test_week_view_runs_monday_to_sunday():
    monday = habit.parse_week("2026-W16", TODAY)
    assert monday == date(2026, 4, 13) and habit.week_label(monday) == "2026-W16"
    assert habit.parse_week("not-a-week", TODAY) == date(2026, 4, 13)
    assert habit.parse_week("2026-W99", TODAY) == date(2026, 4, 13)

    class Row:
        def __init__(self, day):
            self.occurred_on = day

    days = habit.week_view(monday, [Row(TODAY), Row(TODAY), Row(monday)])
    assert [d.weekday for d in days] == list("月火水木金土日")
    assert [len(d.entries) for d in days] == [1, 0, 2, 0, 0, 0, 0]


def test_reminder_is_a_daily_event_in_japan_time_with_an_alarm():
    ics = habit.reminder_ics(time(21, 30), TODAY, "https://navi.example.jp/log")
    calendar = Calendar.from_ical(ics)
    event = next(c for c in calendar.walk("VEVENT"))
    assert str(event["summary"]).startswith("キャリアログを書く")
    start = event.decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (21, 30, "Asia/Tokyo")
    assert event["rrule"]["FREQ"] == ["DAILY"]
    alarm = next(c for c in event.walk("VALARM"))
    assert alarm["action"] == "DISPLAY" and alarm.decoded("trigger") == timedelta(0)
    assert "https://navi.example.jp/log" in str(event["description"])
    assert any(c.name == "VTIMEZONE" for c in calendar.subcomponents)
