"""Companions ranked by fit with the employee's career note.

The fit is the overlap of words: the note's themes, key phrases, strengths, values, directions
and barriers against the companion's themes, experience and role (both through the same key
phrase extraction, so 「データ活用」 in a profile meets 「データ」 in a note), each match named so the
person sees why. The person's wishes (same company or another, role model or mentor) add
companion_fit.preference_bonus. `embed` (texts -> vectors) is the seam for meaning: when given,
the cosine between the note and the profile, times companion_fit.embed_weight, is added.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from navigator.careerlog.knowledge import knowledge
from navigator.careerlog.phrases import normalize, phrases
from navigator.careerlog.themes import Embed


@dataclass
class Suggestion:
    profile: object  # navigator.store.models.CompanionProfile
    score: float
    matched: list[str] = field(default_factory=list)
    same_org: bool = False


def note_terms(note_data: dict | None) -> list[str]:
    """What the note is about, as short terms."""
    if not note_data:
        return []
    terms: list[str] = []
    for t in note_data.get("themes", []):
        terms += t.get("phrases", []) + t.get("concepts", [])
    terms += [p for p, _ in note_data.get("key_phrases", [])]
    # strengths and values say what the person is about; the other two conditions describe
    # situations (相談された, 感謝された) whose words would match almost any profile
    for c in note_data.get("worth", []):
        if c["id"] in ("strengths", "values"):
            terms += [i["label"] for i in c["items"] if i.get("kind") != "growth"]
    terms += [d["label"] for d in note_data.get("directions", [])]
    terms += [b["label"] for b in note_data.get("barriers", [])]
    return list(dict.fromkeys(terms))


def profile_text(profile) -> str:
    return "\n".join([profile.role_title, profile.experience, *profile.theme_list])


def _keys(text: str) -> set[str]:
    keys = set()
    for p in phrases(text):
        keys.add(p.key)
        keys.update(p.parts)
    return keys


def rank(
    terms: list[str],
    note_text: str,
    profiles: Sequence,
    viewer_org_id: int,
    prefer_styles: set[str] | None = None,
    prefer_org: str | None = None,  # "same" / "other" / None
    embed: Embed | None = None,
) -> list[Suggestion]:
    rules = knowledge().analysis.companion_fit
    suggestions = []
    for profile in profiles:
        text = normalize(profile_text(profile))
        keys = _keys(text)
        matched = []
        for term in terms:
            t = normalize(term)
            term_keys = _keys(t) or {t}
            if t in text or term_keys & keys:
                matched.append(term)
        same_org = profile.user.org_id == viewer_org_id
        score = float(len(matched))
        if prefer_styles and prefer_styles & profile.style_set:
            score += rules.preference_bonus
        if prefer_org == ("same" if same_org else "other"):
            score += rules.preference_bonus
        suggestions.append(Suggestion(profile, score, matched, same_org))
    if embed is not None and suggestions and note_text.strip():
        vectors = np.asarray(embed([note_text] + [profile_text(s.profile) for s in suggestions]), dtype=np.float64)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        for s, cosine in zip(suggestions, vectors[1:] @ vectors[0]):
            s.score += rules.embed_weight * float(cosine)
    suggestions.sort(key=lambda s: (-s.score, s.profile.user.display_name))
    return suggestions
