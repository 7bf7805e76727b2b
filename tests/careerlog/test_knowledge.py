"""The knowledge files load, cite their sources, and a mistake in one fails naming the file."""

from __future__ import annotations

import shutil

import pytest

from navigator.careerlog import knowledge as k
from navigator.careerlog import prompts
from navigator.careerlog.knowledge import KnowledgeError


def test_every_file_loads_and_cites_its_source():
    kn = k.load()
    assert kn.emotions.sources and kn.analysis.sources
    assert all(b.source and b.advice_source and b.questions for b in kn.barriers.barriers)
    assert kn.worth.source and kn.directions.source
    # the four conditions of 働きがい, in the order of seed 000 4-2-4
    assert [c.label for c in kn.worth.conditions] == ["自分の価値観", "提供価値の発揮", "相手の要望への向き合い", "対価の獲得"]
    # the barrier names are those of the matching area (catalog/barriers.yaml), so they can be passed on
    assert [b.id for b in kn.barriers.barriers] == ["時間がない", "目指すキャリアが不明確", "学び方がわからない"]
    assert len(kn.version) == 12


def test_emotion_set_is_fixed_with_valence_and_intensity():
    emotions = k.knowledge().emotions
    assert len(emotions.labels) == len(set(emotions.labels)) >= 9
    assert {e.valence for e in emotions.emotions} == {-1, 0, 1}
    assert [lv.value for lv in emotions.intensity.levels] == [1, 2, 3]
    assert emotions.score("うれしい", 3) == 3 and emotions.score("悔しい", 2) == -2 and emotions.score("ふつう", 3) == 0


@pytest.fixture
def copy(tmp_path):
    target = tmp_path / "careerlog"
    shutil.copytree(k.KNOWLEDGE_DIR, target)
    return target


def test_a_cue_that_is_not_a_regular_expression_fails_naming_the_file(copy):
    path = copy / "lexicons" / "barriers.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("      - 残業\n", "      - 残業(\n", 1), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"barriers\.yaml.*正規表現「残業\(」"):
        k.load(copy)


def test_an_unknown_key_or_missing_source_fails(copy):
    path = copy / "analysis.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  min_entries: 7\n", "  min_entrys: 7\n", 1), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="analysis.yaml"):
        k.load(copy)
    shutil.copy(k.KNOWLEDGE_DIR / "analysis.yaml", path)
    path = copy / "lexicons" / "worth.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nsource: ", "\nsource_: ", 1), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="worth.yaml"):
        k.load(copy)


def test_worth_item_ids_are_unique(copy):
    path = copy / "lexicons" / "worth.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{id: kaizen,", "{id: helping,", 1), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="重複"):
        k.load(copy)


def test_prompt_set_is_versioned_and_sourced(tmp_path):
    ids = [p.id for p in prompts.prompt_set()]
    assert ids == ["weekly-summary", "strengths", "values", "aspiration", "self-investment", "companion-meeting"]
    assert all(p.version >= 1 and p.source for p in prompts.prompt_set())
    shutil.copytree(prompts.PROMPTS_DIR, tmp_path / "p")
    bad = tmp_path / "p" / "values.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("{{ entries }}", "{{ entries ", 1), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"values\.yaml: template"):
        prompts.load(tmp_path / "p")
