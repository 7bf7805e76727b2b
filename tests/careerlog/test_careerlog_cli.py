"""`navigator careerlog check | analyze` for the people who edit the knowledge files."""

from __future__ import annotations

import json

from navigator.cli import main


def test_check_reports_what_was_loaded(capsys):
    assert main(["careerlog", "check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK（きまりの版 ") and "壁3" in out and "プロンプト6" in out


def test_analyze_a_file_of_entries(tmp_path, capsys):
    path = tmp_path / "entries.yaml"
    path.write_text(
        "- {date: 2026-04-01, emotion: うれしい, intensity: 3, event: 新人に教えたら感謝された}\n"
        "- {date: 2026-04-02, emotion: 疲れた, event: 残業続きで勉強の時間が取れない}\n",
        encoding="utf-8",
    )
    assert main(["careerlog", "analyze", str(path)]) == 0
    out = capsys.readouterr().out
    assert "キャリアノート（2026年4月1日〜2026年4月2日、記録2件・2日）" in out and "■ 行動をはばむもの\n・時間がない（1件）" in out
    assert main(["careerlog", "analyze", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["entry_count"] == 2

    path.write_text("- {date: 2026-04-01, emotion: 最高, event: x}\n", encoding="utf-8")
    assert main(["careerlog", "analyze", str(path)]) == 2
    assert "1件目" in capsys.readouterr().err
