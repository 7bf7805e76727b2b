"""The career log entry as the analysis sees it: plain data, no database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from navigator.careerlog.knowledge import knowledge


@dataclass(frozen=True)
class Entry:
    id: int
    day: date
    text: str
    emotion: str
    intensity: int = 2

    @property
    def score(self) -> int:
        """Valence × intensity, -3 … +3 (careerlog/emotions.yaml)."""
        return knowledge().emotions.score(self.emotion, self.intensity)

    @property
    def valence(self) -> int:
        emotion = knowledge().emotions.get(self.emotion)
        return emotion.valence if emotion else 0

    @property
    def growth_signal(self) -> bool:
        emotion = knowledge().emotions.get(self.emotion)
        return bool(emotion and emotion.growth_signal)

    @classmethod
    def of(cls, row) -> Entry:
        """From a store row (navigator.store.models.CareerLogEntry)."""
        return cls(row.id, row.occurred_on, row.event, row.emotion, row.intensity or knowledge().emotions.intensity.default)


def tone(mean: float | None) -> str:
    """positive / mixed / negative, by the thresholds of careerlog/analysis.yaml."""
    rules = knowledge().analysis.tone
    if mean is None:
        return "mixed"
    if mean >= rules.positive_min_mean:
        return "positive"
    if mean <= rules.negative_max_mean:
        return "negative"
    return "mixed"


def mean_score(entries: list[Entry]) -> float | None:
    return round(sum(e.score for e in entries) / len(entries), 2) if entries else None
