"""The catalog's courses and programs as a person browses them: filters, paging, and the facts of
a course as the benefit rules read them.

A designated course is entered in the catalog as published (navigator.catalog.courses). To judge
a benefit the rules also need when the person would start: `planned_start` takes the first
opening month (開講月) at least LEAD_MONTHS away, and the person can change it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass

from navigator import dates
from navigator.catalog import Catalog, Entry
from navigator.catalog.facets import Facets
from navigator.facts import BENEFIT_KIND

PAGE_SIZE = 20
# Time to book the pre-course career consultation and the check at Hello Work, which must be done
# 14 days before the start for 特定一般・専門実践 (rules/kyufu/pre_course.yaml): a start one month
# away at the earliest leaves two weeks for them.
LEAD_MONTHS = 1
KIND_OF_BENEFIT = {label: code for code, label in BENEFIT_KIND.labels.items()}  # 一般教育訓練 -> general
SCOPES = {"courses": "講座", "programs": "国・自治体・会社の制度", "all": "すべて"}
_MONTH = re.compile(r"(\d{1,2})月")


@dataclass(frozen=True)
class Query:
    """What the person asked for on /courses (every field optional)."""

    text: str = ""
    scope: str = "courses"  # courses / programs / all
    benefit: str = ""  # general / specific_general / professional
    field: str = ""  # an id of catalog/facets.yaml fields
    region: str = ""  # a prefecture: programs of other prefectures are left out
    way: str = ""  # online / classroom
    time: str = ""  # evening_weekend
    max_hours: int | None = None
    max_fee: int | None = None
    current_only: bool = False  # only courses whose designation has not ended
    page: int = 1


@dataclass
class Page:
    items: list[Entry]
    total: int
    page: int
    pages: int


def benefit_kind(entry: Entry) -> str | None:
    return KIND_OF_BENEFIT.get(entry.course.benefit) if entry.course else None


def designation_current(entry: Entry, day: dt.date) -> bool:
    return entry.validity.status(day) == "実施中"


def search(catalog: Catalog, facets: Facets, query: Query, today: dt.date) -> Page:
    chosen = [e for e in catalog if _matches(e, facets, query, today)]
    chosen.sort(key=lambda e: _order(e, today))
    pages = max(1, math.ceil(len(chosen) / PAGE_SIZE))
    page = min(max(query.page, 1), pages)
    start = (page - 1) * PAGE_SIZE
    return Page(chosen[start:start + PAGE_SIZE], len(chosen), page, pages)


def _matches(entry: Entry, facets: Facets, query: Query, today: dt.date) -> bool:
    course = entry.course
    if query.scope == "courses" and course is None or query.scope == "programs" and course is not None:
        return False
    if course is None and entry.status(today) == "終了":
        return False  # a program that has ended is kept for past cases, not offered
    if "employee" not in entry.audience:
        return False
    if query.text and not _contains(entry, query.text):
        return False
    if query.field and query.field not in facets.fields_of(entry):
        return False
    if query.region and entry.region and entry.region != query.region:
        return False
    if query.benefit and benefit_kind(entry) != query.benefit:
        return False
    if query.way or query.time or query.max_hours is not None or query.current_only:
        if course is None:
            return False  # these describe courses
    way, time = facets.way(query.way), facets.time(query.time)
    if way and not facets.matches(way, course.method):
        return False
    if time and not facets.matches(time, course.method):
        return False
    if query.max_hours is not None and (course.hours is None or course.hours > query.max_hours):
        return False
    if query.max_fee is not None and (course is None or course.fee_yen is None or course.fee_yen > query.max_fee):
        return False
    if query.current_only and not designation_current(entry, today):
        return False
    return True


def _contains(entry: Entry, text: str) -> bool:
    haystack = _plain(" ".join([entry.name, entry.description, entry.provider_name, *entry.keywords]))
    return all(word in haystack for word in _plain(text).split())


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _order(entry: Entry, today: dt.date) -> tuple:
    """Courses whose designation is current first, then by name; programs after courses."""
    if entry.course is None:
        return (2, entry.name)
    return (0 if designation_current(entry, today) else 1, _plain(entry.name))


# --- a course as the rules read it --------------------------------------------------------


def opening_months(entry: Entry) -> list[int] | None:
    """The months a course starts (開講月 '4月、10月' -> [4, 10]); None when it starts every month
    or the list does not say."""
    text = unicodedata.normalize("NFKC", entry.course.start_months or "") if entry.course else ""
    months = sorted({int(m) for m in _MONTH.findall(text) if 1 <= int(m) <= 12})
    return months or None


def next_start(today: dt.date) -> dt.date:
    """The first 1st of a month at least LEAD_MONTHS from today: when a course could start."""
    earliest = dates.add_months(today, LEAD_MONTHS)
    first = dt.date(earliest.year, earliest.month, 1)
    return first if first >= earliest else dates.add_months(first, 1)


def planned_start(entry: Entry, today: dt.date) -> dt.date:
    """The first day of the first opening month of the course from next_start(today) on."""
    first = next_start(today)
    months = opening_months(entry)
    for step in range(12):
        candidate = dates.add_months(first, step)
        if months is None or candidate.month in months:
            return candidate
    return first


def planned_end(entry: Entry, start: dt.date) -> dt.date | None:
    months = entry.course.duration_months if entry.course else None
    return dates.period_end(start, months=months) if months else None


def course_facts(entry: Entry, facets: Facets, start: dt.date, *, completed: bool | None = True,
                 employer_paid_yen: int | None = None, employer_subsidy_yen: int | None = None) -> dict:
    """The `course` of a WorkerCase (navigator.facts.BenefitCourse, as data: parse_case checks
    it): as published, starting on `start`. `completed` is the plan to complete it (修了見込み),
    which every benefit requires."""
    course = entry.course
    assert course is not None, entry.id
    end = planned_end(entry, start)
    data = {
        "kind": benefit_kind(entry), "name": entry.name, "provider": course.school,
        "designation_number": course.designation_number,
        "designation_start": entry.validity.start, "designation_end": entry.validity.end,
        "fee_yen": course.fee_yen, "start_date": start, "end_date": end, "completed": completed,
        "mode": facets.mode(course.method), "hours": course.hours,
        "employer_paid_yen": employer_paid_yen, "employer_subsidy_yen": employer_subsidy_yen,
    }
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items() if v is not None}
