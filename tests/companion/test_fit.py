"""Companions ranked by fit with a career note: overlap of words, named; wishes; the embed seam."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import yaml

from navigator.careerlog.note import build_note
from navigator.companion import fit
from navigator.companion.sheet import questions_for
from navigator.store.demo import DEMO_LOG, demo_entries

TODAY = date(2026, 4, 15)


@dataclass
class User:
    display_name: str
    org_id: int


@dataclass
class Profile:
    user: User
    role_title: str
    experience: str
    theme_list: list[str]
    style_set: frozenset = field(default_factory=frozenset)


def demo_profiles() -> list[Profile]:
    data = yaml.safe_load(DEMO_LOG.read_text(encoding="utf-8"))["companions"]
    orgs = {"ken@mirai.example.jp": 2}
    return [
        Profile(User(email.split("@")[0], orgs.get(email, 1)), p["role_title"], p["experience"], p["themes"], frozenset(p["styles"]))
        for email, p in data.items()
    ]


def note_for(email):
    return build_note(demo_entries(email, TODAY), TODAY - timedelta(days=13), TODAY)


def test_the_companion_whose_themes_meet_the_note_comes_first_and_says_why():
    note = note_for("hanako@sakura.example.jp")
    ranked = fit.rank(fit.note_terms(note), "", demo_profiles(), viewer_org_id=1)
    assert ranked[0].profile.user.display_name == "ken"
    assert any("データ" in m for m in ranked[0].matched)
    assert ranked[0].same_org is False and ranked[-1].same_org is True
    assert ranked[0].score == len(ranked[0].matched) > ranked[-1].score


def test_wishes_for_style_and_organization_add_a_bonus():
    note = note_for("sho@sakura.example.jp")
    terms = fit.note_terms(note)
    plain = {s.profile.user.display_name: s.score for s in fit.rank(terms, "", demo_profiles(), 1)}
    wished = {s.profile.user.display_name: s.score for s in fit.rank(terms, "", demo_profiles(), 1, {"role_model"}, "same")}
    assert wished["ichiro"] == plain["ichiro"] + 1.0  # role model and in-house: two bonuses of 0.5
    assert wished["ken"] == plain["ken"]


def test_without_a_note_everyone_is_listed_by_name():
    ranked = fit.rank([], "", demo_profiles(), 1)
    assert [s.profile.user.display_name for s in ranked] == ["ichiro", "ken", "saori"]
    assert all(s.score == 0 and not s.matched for s in ranked)


def test_embed_seam_adds_meaning():
    profiles = demo_profiles()

    def embed(texts):
        # the note and 中村 さおり's profile point the same way; the others are orthogonal
        return [[1.0, 0.0] if i == 0 or "品質保証" in t else [0.0, 1.0] for i, t in enumerate(texts)]

    ranked = fit.rank([], "ノート", profiles, 1, embed=embed)
    assert ranked[0].profile.user.display_name == "saori" and ranked[0].score == 0.5


def test_meeting_questions_follow_the_barriers_and_the_conditions_not_yet_seen():
    note = note_for("hanako@sakura.example.jp")
    questions = questions_for(note)
    assert "1週間のうち、学びに使えそうな15分はどこにありますか。" in questions
    assert not any("最近いちばんうれしかった" in q for q in questions)  # 目指すキャリア is not a barrier here
    assert len(questions_for(None)) == 3
