"""The project's own sources document (rules/sources.yaml): every citation names one of its
entries, and nothing in the project cites a file the project does not hold."""

import re
from pathlib import Path

import pytest
import yaml

from navigator import PROJECT_ROOT
from navigator.rules import rule_base
from navigator.rules.loader import RULES_DIR
from navigator.rules.scenarios import load_scenarios, scenario_files
from navigator.rules.schema import Source
from navigator.rules.sources import SourcesError, load_sources, named_in, sources

KNOWLEDGE = [p for folder in ("rules", "catalog", "forms")
             for p in sorted((PROJECT_ROOT / folder).rglob("*")) if p.suffix in (".yaml", ".md")]


def test_sources_document_loads_with_every_kind():
    kinds = {entry.kind for entry in sources().values()}
    assert kinds == {"seed", "official", "law", "third-party"}


def test_an_entry_without_what_was_checked_is_refused(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  mhlw-x:\n    kind: official\n    cite_as: x\n    title: x\n"
                    "    issuer: x\n    date: x\n", encoding="utf-8")
    with pytest.raises(SourcesError, match="sources.mhlw-x: checked: Field required"):
        load_sources(path)


def test_quotes_say_which_copy_was_read():
    for entry_id, entry in sources().items():
        for quote in entry.quotes:
            assert "写し" in quote.read or quote.read.startswith("同上"), (entry_id, quote.section)


@pytest.mark.parametrize("scenario", [s for p in scenario_files(RULES_DIR) for s in load_scenarios(p)],
                         ids=lambda s: f"{s.file.stem}: {s.name}")
def test_every_scenario_source_names_an_entry(scenario):
    assert named_in(scenario.source), f"{scenario.file}: {scenario.name}: source names no entry of rules/sources.yaml: {scenario.source}"


@pytest.mark.parametrize("path", KNOWLEDGE, ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_nothing_cites_the_shared_reference_file(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"official-figures|reference/", text), (
        f"{path}: cites a file outside the project; cite the entry of rules/sources.yaml instead")


def test_every_entry_is_cited():
    text = "\n".join(p.read_text(encoding="utf-8") for p in KNOWLEDGE if p.name != "sources.yaml")
    unused = [entry_id for entry_id, entry in sources().items()  # a seed may be cited by its file name
              if not re.search(rf"(?<![\w-]){entry_id}(?![\w-])", text)
              and not (entry.file and entry.file in text)]
    assert not unused, f"entries of rules/sources.yaml that nothing cites: {unused}"


def test_citation_shows_the_document_name_and_marks_unconfirmed():
    confirmed = Source(doc="mhlw-kyufu", section="一般教育訓練 支給額", confidence="O")
    third = Source(doc="mhlw-kyuka-kyufu", section="給付日数", confidence="3P")
    assert confirmed.cite() == "厚生労働省「教育訓練給付制度」 一般教育訓練 支給額"
    assert third.cite() == "厚生労働省「教育訓練休暇給付金」 給付日数 ［要確認］"
    assert confirmed.model_dump()["document"] == "厚生労働省「教育訓練給付制度」"


def test_rule_base_third_party_citations_stay_unconfirmed():
    """The figures only third parties confirm (e.g. the days of 教育訓練休暇給付金) stay 要確認."""
    leave = rule_base().rules["kyufu.leave"]
    days = leave.spec.parameters["days_table"].values[0].source
    assert days.doc == "mhlw-kyuka-kyufu" and not days.verified
