"""Which entries are evidence for each barrier, each of the four conditions of 働きがい, and each
direction of self-investment: the cues of careerlog/lexicons/*.yaml matched against the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from navigator.careerlog.entries import Entry, mean_score, tone
from navigator.careerlog.knowledge import Knowledge, knowledge
from navigator.careerlog.phrases import normalize


@dataclass(frozen=True)
class Matcher:
    id: str
    patterns: tuple[re.Pattern, ...]

    def hits(self, text: str) -> bool:
        return any(p.search(text) for p in self.patterns)


def _matcher(item_id: str, cues: list[str]) -> Matcher:
    return Matcher(item_id, tuple(re.compile(c) for c in cues))


_COMPILED: dict[str, dict] = {}


def _compiled(k: Knowledge) -> dict:
    if k.version in _COMPILED:
        return _COMPILED[k.version]
    _COMPILED[k.version] = compiled_ = {
        "barriers": [_matcher(b.id, b.cues) for b in k.barriers.barriers],
        "worth": {c.id: [_matcher(i.id, i.cues) for i in c.items] for c in k.worth.conditions},
        "topics": [_matcher(t.id, t.cues) for t in k.directions.topics],
        "wish": _matcher("wish", k.directions.wish_cues),
    }
    return compiled_


def compiled():
    return _compiled(knowledge())


def concept_features(text: str) -> list[str]:
    """Names of the lexicon items a text hits: extra features that group entries by meaning."""
    c = compiled()
    text = normalize(text)
    found = [f"worth:{m.id}" for ms in c["worth"].values() for m in ms if m.hits(text)]
    found += [f"topic:{m.id}" for m in c["topics"] if m.hits(text)]
    return found


def _evidence(entries: list[Entry], ids: list[int], shown: int) -> list[int]:
    """The entries to quote: the strongest feelings first, then the latest."""
    by_id = {e.id: e for e in entries}
    chosen = sorted((by_id[i] for i in ids), key=lambda e: (-abs(e.score), -e.day.toordinal()))
    return [e.id for e in chosen[:shown]]


def barriers(entries: list[Entry]) -> list[dict]:
    k = knowledge()
    rules = k.analysis.barriers
    texts = {e.id: normalize(e.text) for e in entries}
    result = []
    for barrier, matcher in zip(k.barriers.barriers, compiled()["barriers"]):
        ids = [
            e.id for e in entries if matcher.hits(texts[e.id]) and not (rules.only_non_positive and e.valence > 0)
        ]
        if len(ids) >= rules.min_evidence:
            result.append(
                {
                    "id": barrier.id,
                    "label": barrier.label,
                    "count": len(ids),
                    "entry_ids": ids,
                    "evidence_ids": _evidence(entries, ids, rules.evidence_shown),
                    "advice": barrier.advice,
                    "source": barrier.advice_source,
                }
            )
    return sorted(result, key=lambda b: -b["count"])


def worth(entries: list[Entry]) -> list[dict]:
    """The four conditions of 働きがい, each with the items the log shows and their evidence."""
    k = knowledge()
    rules = k.analysis.worth
    texts = {e.id: normalize(e.text) for e in entries}
    by_id = {e.id: e for e in entries}
    conditions = []
    for condition in k.worth.conditions:
        items = []
        for item, matcher in zip(condition.items, compiled()["worth"][condition.id]):
            ids = [e.id for e in entries if matcher.hits(texts[e.id])]
            if len(ids) < rules.min_evidence:
                continue
            mean = mean_score([by_id[i] for i in ids])
            kind = None
            if condition.id == "strengths":
                kind = "strength" if mean >= rules.strength_min_mean else "growth"
            items.append(
                {
                    "id": item.id,
                    "label": item.label,
                    "count": len(ids),
                    "mean": mean,
                    "tone": tone(mean),
                    "kind": kind,
                    "entry_ids": ids,
                    "evidence_ids": _evidence(entries, ids, rules.evidence_shown),
                }
            )
        items.sort(key=lambda i: (-i["count"], -(i["mean"] or 0)))
        conditions.append(
            {"id": condition.id, "label": condition.label, "question": condition.question, "items": items}
        )
    return conditions


def directions(entries: list[Entry]) -> list[dict]:
    """Directions of self-investment, ranked: what the person wrote they want, what frustrated
    them (a gap), and what went well, each weighted by careerlog/analysis.yaml."""
    k = knowledge()
    rules = k.analysis.directions
    w = rules.weights
    c = compiled()
    texts = {e.id: normalize(e.text) for e in entries}
    wishes = {e.id for e in entries if c["wish"].hits(texts[e.id])}
    result = []
    for topic, matcher in zip(k.directions.topics, c["topics"]):
        ids = [e.id for e in entries if matcher.hits(texts[e.id])]
        if not ids:
            continue
        score = 0.0
        for e in entries:
            if e.id not in ids:
                continue
            if e.id in wishes:
                score += w.wish
            elif e.growth_signal:
                score += w.growth_signal
            elif e.valence < 0:
                score += w.negative
            elif e.valence > 0:
                score += w.positive
            else:
                score += w.neutral
        if score < rules.min_score:
            continue
        wish_ids = [i for i in ids if i in wishes]
        result.append(
            {
                "id": topic.id,
                "label": topic.label,
                "score": round(score, 2),
                "count": len(ids),
                "entry_ids": ids,
                "wish_ids": wish_ids,
                "evidence_ids": (wish_ids + [i for i in _evidence(entries, ids, rules.evidence_shown) if i not in wish_ids])[
                    : rules.evidence_shown
                ],
            }
        )
    result.sort(key=lambda d: -d["score"])
    return result[: rules.shown]
