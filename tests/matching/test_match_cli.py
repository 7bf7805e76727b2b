import json

from navigator.cli import main
from navigator.matching import matcher as matcher_module


def test_match_prints_json_and_text(matcher, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(matcher_module.Matcher, "from_settings", classmethod(lambda cls, progress=True: matcher))
    note = tmp_path / "note.txt"
    note.write_text("社員に定額制のeラーニングサービスを使わせたい。何か助成はある？\n", encoding="utf-8")
    assert main(["match", str(note), "--role", "employer", "--json", "--as-of", "2026-11-01", "--limit", "3"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["role"] == "employer" and len(body["recommendations"]) == 3
    assert "jinzai-kaihatsu.hito-toshi" in [r["id"] for r in body["recommendations"]]

    assert main(["match", str(note), "--role", "employer", "--as-of", "2026-11-01"]) == 0
    text = capsys.readouterr().out
    assert "人材開発支援助成金（人への投資促進コース）" in text and "申込:" in text and "スコア" in text


def test_catalog_check_reports_counts(capsys):
    assert main(["catalog", "check", "--as-of", "2026-11-01"]) == 0
    out = capsys.readouterr().out
    assert "カタログ:" in out and "終了" in out
