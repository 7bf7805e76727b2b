"""Every case of every scenario file beside the rules (rules/**/tests/*.yaml)."""

import pytest

from navigator.rules.loader import RULES_DIR
from navigator.rules.scenarios import check, load_scenarios, scenario_files
from navigator.rules.sources import SOURCES_FILE

CASES = [s for path in scenario_files(RULES_DIR) for s in load_scenarios(path)]


@pytest.mark.parametrize("scenario", CASES, ids=[f"{s.file.stem}: {s.name}" for s in CASES])
def test_scenario(scenario):
    problems = check(scenario)
    assert not problems, f"{scenario.name}（出典: {scenario.source}）\n" + "\n".join(problems)


def test_there_are_scenarios_for_every_rule_file():
    covered = {path.parent.parent for path in scenario_files(RULES_DIR)}
    rule_dirs = {path.parent for path in RULES_DIR.rglob("*.yaml")
                 if "tests" not in path.parts and path != SOURCES_FILE}
    assert rule_dirs <= covered, f"rule folders without scenario files: {rule_dirs - covered}"
