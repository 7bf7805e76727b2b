"""The dated steps of the chosen program (its `timeline` in forms/_programs.yaml) and the same
deadlines as an iCalendar file, one event per deadline with its legal basis.

The dates are the rules engine's (each trainee's computed values, the rule's deadlines) and the
facts' own; the steps of one course are the same for each of its trainees and shown once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from icalendar import Calendar, Event

from navigator import dates
from navigator.forms.programs import Program
from navigator.forms.verdict import bound
from navigator.rules.engine import CaseResult
from navigator.rules.explain import applicable

FACT_SOURCE = "会社が入力した日付"


def steps(data: dict[str, Any], result: CaseResult, program: Program) -> list[dict[str, Any]]:
    """[{date, label, step, kind: deadline|step, source, what}] in date order (deadlines first on a
    day); `what` is the course a step is of, `step` the label without it."""
    events: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add(day: Any, label: str, deadline: bool, source: str, what: str = "") -> None:
        if day:
            day = day.isoformat() if isinstance(day, dt.date) else str(day)
            events.setdefault((day, label, what), {"date": day, "label": f"{what}：{label}" if what else label,
                                                   "step": label, "kind": "deadline" if deadline else "step",
                                                   "source": source, "what": what})

    for rule_id in program.rules:
        rule = result.get(rule_id)
        if not applicable(rule):
            continue
        spec = rule.rule.spec
        scope = next((s for s in spec.scopes if s.id == program.scope), None)
        values = {v.id: v for v in scope.values} if scope else {}
        for item in rule.items.get(program.scope, []) if scope else []:
            if item.ok is False:
                continue
            joined = bound(data, item.path, scope.names)
            what = (joined.get(scope.names[0]) or {}).get("name") or item.name
            for step in program.timeline:
                if step.value:
                    value = values[step.value]
                    source = (value.source or spec.validity_source).cite()
                    add(item.values.get(step.value), step.label or rule.shown(value).label, step.deadline, source, what)
                elif step.fact and step.fact.split(".")[0] in scope.names:
                    head, _, name = step.fact.partition(".")
                    add((joined.get(head) or {}).get(name), step.label, step.deadline, FACT_SOURCE, what)
        for step in program.timeline:
            if step.rule_deadline:
                deadline = next(d for d in rule.deadlines if d.id == step.rule_deadline)
                add(deadline.date, step.label or deadline.label, True, deadline.source.cite())
            elif step.fact and not (scope and step.fact.split(".")[0] in scope.names):
                section, _, name = step.fact.partition(".")
                add((data.get(section) or {}).get(name), step.label, step.deadline, FACT_SOURCE)
    return sorted(events.values(), key=lambda e: (e["date"], e["kind"] != "deadline"))


def calendar(events: list[dict[str, Any]], title: str, url: str) -> bytes:
    """One all-day event per deadline; the description says what is due and on which basis."""
    cal = Calendar()
    cal.add("prodid", "-//学びナビ//申請の期限//JA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{title} の期限")
    for e in events:
        if e["kind"] != "deadline":
            continue
        day = dt.date.fromisoformat(e["date"])
        event = Event()
        key = hashlib.sha256(f"{title}|{e['date']}|{e['label']}".encode()).hexdigest()[:20]
        event.add("uid", f"deadline-{key}@manabi-navi")
        event.add("summary", f"期限：{e['label']}")
        event.add("description", f"{title}\n{e['label']}：{dates.format_ja(day)}（{dates.wareki(day)}）まで\n"
                                 f"根拠：{e['source']}\n{url}")
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("dtstamp", dt.datetime.now(dt.timezone.utc))
        event.add("url", url)
        cal.add_component(event)
    return cal.to_ical()
