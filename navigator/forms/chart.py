"""The timeline sheet's chart: the steps and deadlines on a calendar line, as inline SVG."""

from __future__ import annotations

import datetime as dt
from html import escape

WIDTH, HEIGHT, AXIS_Y, LEFT, RIGHT = 1000, 330, 165, 30, 970
LEVELS = [-1, 1, -2, 2, -3, 3, -4, 4]
STEP = 34
MAX_LABEL = 22  # characters


def _width(text: str) -> float:
    """Estimated width at font-size 10: a full-width character 10 px, a half-width one 5.5 px."""
    return sum(5.5 if ord(c) < 0x2E80 else 10 for c in text)


def _merged(events: list[dict]) -> list[tuple[dt.date, str, str, str]]:
    """Events of one kind on one day are one mark, labelled by their step without the course's name
    (`step`, when given): '計画届の提出期限（2件）', or 'label ほか2件' for different steps."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for event in events:
        groups.setdefault((event["date"], event["kind"]), []).append(event)
    merged = []
    for (day, kind), group in groups.items():
        labels = list(dict.fromkeys(e.get("step") or e["label"] for e in group))
        more = "" if len(group) == 1 else f"（{len(group)}件）" if len(labels) == 1 else f" ほか{len(group) - 1}件"
        merged.append((dt.date.fromisoformat(day), kind, labels[0], more))
    return merged


def _months(first: dt.date, last: dt.date):
    day = first.replace(day=1)
    while day <= last:
        yield day
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def timeline_svg(events: list[dict]) -> str:
    if not events:
        return ""
    merged = sorted(_merged(events), key=lambda m: m[0])
    days = [m[0] for m in merged]
    first, last = min(days).replace(day=1), max(days) + dt.timedelta(days=10)
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return LEFT + (day - first).days / span * (RIGHT - LEFT)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'font-family="Noto Sans CJK JP" font-size="10">',
             f'<line x1="{LEFT}" y1="{AXIS_Y}" x2="{RIGHT}" y2="{AXIS_Y}" stroke="#000" stroke-width="1.5"/>']
    for month in _months(first, last):
        mx = x(month)
        parts.append(f'<line x1="{mx:.1f}" y1="{AXIS_Y - 4}" x2="{mx:.1f}" y2="{AXIS_Y + 4}" stroke="#000"/>')
        if month.month in (1, 4, 7, 10) or span < 400:
            parts.append(f'<text x="{mx + 2:.1f}" y="{AXIS_Y + 14}" font-size="8" fill="#444">'
                         f'{month.year}.{month.month}</text>')
    taken: dict[int, list[tuple[float, float]]] = {level: [] for level in LEVELS}  # label extents per level
    for index, (day, kind, text, more) in enumerate(merged):
        ex = x(day)
        deadline = kind == "deadline"
        color = "#b00000" if deadline else "#000"
        mark = (f'<path d="M{ex:.1f},{AXIS_Y - 6} l5,9 l-10,0 z" fill="{color}"/>' if deadline
                else f'<circle cx="{ex:.1f}" cy="{AXIS_Y}" r="3.5" fill="{color}"/>')
        room = MAX_LABEL - len(more)
        label = (text if len(text) <= room else text[:room - 1] + "…") + more
        anchor = "start" if ex < WIDTH * 0.75 else "end"
        tx = ex + 2 if anchor == "start" else ex - 2
        width = _width(f"{day.month}/{day.day} {label}")
        extent = (tx, tx + width) if anchor == "start" else (tx - width, tx)
        free = [lv for lv in LEVELS if all(extent[1] < a or extent[0] > b for a, b in taken[lv])]
        level = free[0] if free else LEVELS[index % len(LEVELS)]  # a crowded chart: the list below has all
        taken[level].append(extent)
        ly = AXIS_Y + level * STEP + (8 if level > 0 else 0)
        parts += [mark,
                  f'<line x1="{ex:.1f}" y1="{AXIS_Y}" x2="{ex:.1f}" y2="{ly - 4 if level > 0 else ly + 3}" '
                  f'stroke="{color}" stroke-width="0.5" stroke-dasharray="2,2"/>',
                  f'<text x="{tx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" fill="{color}">'
                  f'{day.month}/{day.day} {escape(label)}</text>']
    parts.append("</svg>")
    return "".join(parts)
