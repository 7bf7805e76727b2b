"""`navigator check`: the readable report, JSON, and bad input with exit code 2 and Japanese messages."""

import json

from navigator import PROJECT_ROOT
from navigator.cli import main

EXAMPLE = PROJECT_ROOT / "examples/kigyounai-combined.yaml"


def test_check_prints_the_95man_breakdown(capsys):
    assert main(["check", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "支給見込額の合計: 950,000円" in out
    assert "制度導入助成: 500,000円" in out and "制度導入助成: 300,000円" in out
    assert "seed 003" in out
    assert "2015年9月10日" in out  # the combined application deadline


def test_check_json(capsys):
    assert main(["check", str(EXAMPLE), "--json", "--as-of", "令和8年4月1日"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total_yen"] == 950000
    assert data["as_of"] == "2026-04-01"


def test_bad_facts_exit_2_naming_fields(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("employer:\n  capitol: 5\n  regular_employees: -1\nplan:\n  start_date: 2024-02-30\n", encoding="utf-8")
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "employer.capitol" in err and "この項目名はありません" in err
    assert "常時雇用する労働者の数" in err and "0以上" in err
    assert "存在しない日付" in err
    assert "Traceback" not in err


def test_broken_yaml_and_missing_file(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text("employer: [unclosed\n", encoding="utf-8")
    assert main(["check", str(broken)]) == 2
    assert "YAML として読めません" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "none.yaml")]) == 2
    assert "ファイルが見つかりません" in capsys.readouterr().err
    assert main(["check", str(EXAMPLE), "--as-of", "2月30日"]) == 2


def test_full_width_numbers_are_accepted(tmp_path, capsys):
    facts = tmp_path / "zenkaku.yaml"
    facts.write_text("employer:\n  industry: 小売業（飲食店を含む）\n  capital_yen: '５,０００万'\n", encoding="utf-8")
    assert main(["check", str(facts)]) == 2  # 万 is not a number: named as such
    facts.write_text("employer:\n  industry: 小売業（飲食店を含む）\n  capital_yen: '５０,０００,０００円'\n  regular_employees: '１２０人'\n", encoding="utf-8")
    assert main(["check", str(facts), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    sme = next(r for r in data["results"] if r["rule"] == "kigyounai.sme")
    assert sme["status"] == "eligible"


def test_vocabulary_doc_is_current(capsys):
    assert main(["facts"]) == 0
    table = capsys.readouterr().out.strip()
    doc = (PROJECT_ROOT / "docs/facts-employer.md").read_text(encoding="utf-8")
    assert table in doc, "docs/facts-employer.md is stale: regenerate it with `navigator facts`"


def test_lists_too_long_to_evaluate_exit_2_in_japanese(tmp_path, capsys):
    import yaml

    facts = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    facts["workers"] = [{"id": f"X{i}", "insured": True} for i in range(10_001)] + facts["workers"]
    path = tmp_path / "large.yaml"
    path.write_text(yaml.safe_dump(facts, allow_unicode=True), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "一度に判定できる量を超えています" in err and "（workers）" in err
    assert "Traceback" not in err
