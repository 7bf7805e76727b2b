"""The career note, generated from the log on this machine (seed 000, 4-3-2-2): emotion trends,
recurring themes, strengths and values by the four conditions of 働きがい (4-2-4), the barriers the
log shows (2-1, 4-2-3), the direction of self-investment, and the week-by-week change (4-3-5-2).

`build_note` is pure: entries in, a JSON-ready dict out. The dict cites entries by id only; the
pages look their text up when they show a note, so an entry deleted since is never quoted.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from navigator.careerlog import lexicon
from navigator.careerlog.entries import Entry, mean_score, tone
from navigator.careerlog.knowledge import knowledge
from navigator.careerlog.themes import Analysis, Embed, themes

# Sections the person can rewrite; their text wins over the generated one wherever the note is shown.
SECTIONS = {
    "summary": "全体のまとめ",
    "strengths": "強み",
    "values": "大切にしていること（価値観）",
    "barriers": "行動をはばむもの",
    "direction": "自己投資の方向性",
    "aspiration": "ありたい姿",
}


def period_bounds(period_id: str, today: date, first_entry: date | None) -> tuple[date, date]:
    """The dates a period option of careerlog/analysis.yaml covers, ending today."""
    period = knowledge().analysis.period(period_id)
    if period is None:
        raise ValueError(period_id)
    if period.days is None:
        return (min(first_entry, today) if first_entry else today), today
    return today - timedelta(days=period.days - 1), today


def build_note(entries: list[Entry], start: date, end: date, embed: Embed | None = None) -> dict:
    k = knowledge()
    entries = sorted((e for e in entries if start <= e.day <= end), key=lambda e: (e.day, e.id))
    analysis = Analysis(entries)
    mean = mean_score(entries)
    counts = Counter(e.emotion for e in entries)
    worth = lexicon.worth(entries)
    directions = lexicon.directions(entries)
    return {
        "rules_version": k.version,
        "analysis_version": k.analysis.version,
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "entry_count": len(entries),
        "days_logged": len({e.day for e in entries}),
        "few_entries": len(entries) < k.analysis.note.min_entries,
        "emotions": {
            "mean": mean,
            "tone": tone(mean),
            "positive_share": _share(entries, lambda e: e.valence > 0),
            "negative_share": _share(entries, lambda e: e.valence < 0),
            "counts": [[label, counts[label]] for label in k.emotions.labels if counts[label]],
            "points": [[e.day.isoformat(), e.score, e.emotion, e.intensity] for e in entries],
        },
        "weeks": _weeks(entries, analysis),
        "key_phrases": analysis.key_phrases(),
        "themes": themes(entries, embed=embed, analysis=analysis),
        "worth": worth,
        "barriers": lexicon.barriers(entries),
        "directions": directions,
        "aspiration": _aspiration(worth, directions),
        "entry_ids": [e.id for e in entries],
    }


def _share(entries: list[Entry], test) -> float | None:
    return round(sum(1 for e in entries if test(e)) / len(entries), 2) if entries else None


def _weeks(entries: list[Entry], analysis: Analysis) -> list[dict]:
    """Week by week (Monday to Sunday): how many entries, the mean feeling, the most frequent
    emotion and phrase. This is the 変化の可視化 inside one note."""
    weeks: dict[date, list[int]] = {}
    for i, e in enumerate(entries):
        weeks.setdefault(e.day - timedelta(days=e.day.weekday()), []).append(i)
    rows = []
    for monday, members in sorted(weeks.items()):
        week_entries = [entries[i] for i in members]
        phrases = Counter(p.key for i in members for p in {p.key: p for p in analysis.phrases[i]}.values())
        top_phrase = phrases.most_common(1)[0][0] if phrases else None
        mean = mean_score(week_entries)
        rows.append(
            {
                "monday": monday.isoformat(),
                "count": len(week_entries),
                "mean": mean,
                "tone": tone(mean),
                "top_emotion": Counter(e.emotion for e in week_entries).most_common(1)[0][0],
                "top_phrase": analysis.spellings.show(top_phrase) if top_phrase else None,
            }
        )
    return rows


def _aspiration(worth: list[dict], directions: list[dict]) -> dict:
    """The pieces of a first draft of ありたい姿: the value most often felt good about, the strength
    used most, the first direction. The person is asked to rewrite it in their own words."""
    def first(condition_id: str, test=lambda i: True):
        for c in worth:
            if c["id"] == condition_id:
                for item in c["items"]:
                    if test(item):
                        return item["label"]
        return None

    return {
        "value": first("values", lambda i: i["tone"] == "positive") or first("values", lambda i: i["tone"] == "mixed"),
        "strength": first("strengths", lambda i: i["kind"] == "strength"),
        "direction": directions[0]["label"] if directions else None,
    }


def strengths(note: dict) -> list[dict]:
    return [i for c in note["worth"] if c["id"] == "strengths" for i in c["items"] if i["kind"] == "strength"]


def values(note: dict) -> list[dict]:
    return [i for c in note["worth"] if c["id"] == "values" for i in c["items"]]


def compare(newer: dict, older: dict) -> dict:
    """What changed between two notes (変化の可視化): feeling, themes, strengths, barriers."""

    def labels(items):
        return [i["label"] for i in items]

    def diff(new: list[str], old: list[str]) -> dict:
        return {"new": [x for x in new if x not in old], "gone": [x for x in old if x not in new], "kept": [x for x in new if x in old]}

    return {
        "mean": (older["emotions"]["mean"], newer["emotions"]["mean"]),
        "positive_share": (older["emotions"]["positive_share"], newer["emotions"]["positive_share"]),
        "entry_count": (older["entry_count"], newer["entry_count"]),
        "themes": diff(labels(newer["themes"]), labels(older["themes"])),
        "strengths": diff(labels(strengths(newer)), labels(strengths(older))),
        "values": diff(labels(values(newer)), labels(values(older))),
        "barriers": diff(labels(newer["barriers"]), labels(older["barriers"])),
        "directions": diff(labels(newer["directions"]), labels(older["directions"])),
    }
