"""The emotion trend as an SVG drawn on the server: the same markup works in the page, in print and
in a PDF (WeasyPrint renders inline SVG), with no script.

Each entry is a dot (its emotion's colour, its score valence × intensity on the vertical axis);
the line is the moving average over careerlog/analysis.yaml's chart.moving_average_days, or the
weekly mean when the period is long. A <title> and <desc> say the same in words for screen readers,
and the note page shows the numbers in a table as well.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from xml.sax.saxutils import escape

from navigator.careerlog.knowledge import knowledge

W, H = 400, 250
LEFT, RIGHT, TOP, BOTTOM = 56, 10, 12, 30
FONT = "'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', sans-serif"


def _x(day: date, start: date, span: int) -> float:
    return LEFT + (W - LEFT - RIGHT) * ((day - start).days / span if span else 0.5)


def _y(score: float) -> float:
    return TOP + (H - TOP - BOTTOM) * (3 - score) / 6


def _ticks(start: date, end: date) -> list[date]:
    span = (end - start).days
    if span <= 120:
        first = start + timedelta(days=(7 - start.weekday()) % 7)  # Mondays
        ticks = [first + timedelta(days=7 * i) for i in range(span // 7 + 1) if first + timedelta(days=7 * i) <= end]
    else:
        ticks, d = [], date(start.year, start.month, 1)
        while d <= end:
            if d >= start:
                ticks.append(d)
            d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    step = max(1, -(-len(ticks) // 8))
    return ticks[::step] or [start]


def trend_line(points: list[tuple[date, float]], start: date, end: date) -> list[tuple[date, float]]:
    """The smoothed line: a trailing moving average of daily means, or weekly means."""
    rules = knowledge().analysis.chart
    daily: dict[date, list[float]] = defaultdict(list)
    for day, score in points:
        daily[day].append(score)
    if not daily:
        return []
    if (end - start).days > rules.weekly_line_after_days:
        weeks: dict[date, list[float]] = defaultdict(list)
        for day, scores in daily.items():
            weeks[day - timedelta(days=day.weekday())].extend(scores)
        return [(w + timedelta(days=3), sum(s) / len(s)) for w, s in sorted(weeks.items())]
    days = sorted(daily)
    line = []
    for day in days:
        window = [s for d in days if day - timedelta(days=rules.moving_average_days - 1) <= d <= day for s in daily[d]]
        line.append((day, sum(window) / len(window)))
    return line


def emotion_chart(points: list[tuple[date, int, str, str]], start: date, end: date, chart_id: str = "chart") -> str:
    """points: (day, score, emotion label, intensity label) per entry."""
    emotions = knowledge().emotions
    span = max((end - start).days, 1)
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    mean = sum(p[1] for p in points) / len(points) if points else 0
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="emotion-chart" viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" font-family="{escape(FONT)}" font-size="13">',
        f'<title id="{title_id}">気持ちの移り変わり</title>',
        f'<desc id="{desc_id}">{escape(_jd(start))}から{escape(_jd(end))}までの記録{len(points)}件。'
        f"縦軸は気持ちのスコア（+3がとても前向き、-3がとても後ろ向き）。平均は{mean:+.1f}。</desc>",
        f'<rect x="{LEFT}" y="{TOP}" width="{W - LEFT - RIGHT}" height="{_y(0) - TOP:.1f}" fill="#eef7f2"/>',
        f'<rect x="{LEFT}" y="{_y(0):.1f}" width="{W - LEFT - RIGHT}" height="{_y(-3) - _y(0):.1f}" fill="#f8eeee"/>',
    ]
    for s in range(-3, 4):
        y = _y(s)
        stroke = "#5b6875" if s == 0 else "#d8dee4"
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{W - RIGHT}" y2="{y:.1f}" stroke="{stroke}" stroke-width="1"/>')
        if s % 3 == 0:  # +3, 0, -3: the rest are gridlines only, which keeps small screens legible
            out.append(f'<text x="{LEFT - 5}" y="{y + 4:.1f}" text-anchor="end" fill="#5b6875">{s:+d}</text>' if s else
                       f'<text x="{LEFT - 5}" y="{y + 4:.1f}" text-anchor="end" fill="#5b6875">0</text>')
    out.append(f'<text x="2" y="{_y(1.6):.1f}" fill="#15803d" font-size="12">前向き</text>')
    out.append(f'<text x="2" y="{_y(-1.4):.1f}" fill="#b42318" font-size="12">後ろ向き</text>')
    for tick in _ticks(start, end):
        x = _x(tick, start, span)
        out.append(f'<line x1="{x:.1f}" y1="{H - BOTTOM}" x2="{x:.1f}" y2="{H - BOTTOM + 4}" stroke="#5b6875"/>')
        out.append(f'<text x="{x:.1f}" y="{H - BOTTOM + 19}" text-anchor="middle" fill="#1f2933">{tick.month}/{tick.day}</text>')
    line = trend_line([(p[0], p[1]) for p in points], start, end)
    if len(line) > 1:
        coords = " ".join(f"{_x(d, start, span):.1f},{_y(s):.1f}" for d, s in line)
        out.append(f'<polyline points="{coords}" fill="none" stroke="#1d6b5a" stroke-width="2.5" stroke-linejoin="round"/>')
    for day, score, emotion, intensity in points:
        e = emotions.get(emotion)
        color = e.color if e else "#6b7280"
        label = f"{_jd(day)} {emotion}（{intensity}）"
        out.append(
            f'<circle cx="{_x(day, start, span):.1f}" cy="{_y(score):.1f}" r="5.5" fill="{color}" '
            f'stroke="#fff" stroke-width="1.5"><title>{escape(label)}</title></circle>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _jd(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"

