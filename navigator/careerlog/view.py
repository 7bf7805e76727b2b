"""A generated note ready to show: its data, the person's corrections, the entries it quotes (looked
up now, so deleted ones are gone), the chart and the full text. Used by the note page, the
companion's view of a shared note and the meeting sheet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from navigator.careerlog.chart import emotion_chart
from navigator.careerlog.entries import Entry
from navigator.careerlog.generate import note_text
from navigator.careerlog.knowledge import knowledge


@dataclass
class NoteView:
    note: object  # navigator.store.models.CareerNote (generated)
    data: dict
    corrections: dict
    quotes: dict[int, Entry]
    chart: Markup
    text: str  # plain text with quotes, for prompts, recommendations and the meeting sheet

    def quoted(self, ids: list[int]) -> list[Entry]:
        return [self.quotes[i] for i in ids if i in self.quotes]


def note_view(note, rows: dict, chart_id: str = "emotion-chart") -> NoteView:
    """`rows`: entry id -> store row, for the entries the note cites (navigator.store.personal)."""
    quotes = {i: Entry.of(r) for i, r in rows.items()}
    data = note.data or {}
    emotions = knowledge().emotions
    points = [
        (date.fromisoformat(d), score, emotion, emotions.intensity_label(intensity))
        for d, score, emotion, intensity in data.get("emotions", {}).get("points", [])
    ]
    chart = Markup(emotion_chart(points, note.period_from, note.period_to, chart_id))
    corrections = note.corrections or {}
    return NoteView(note, data, corrections, quotes, chart, note_text(data, corrections, quotes))
