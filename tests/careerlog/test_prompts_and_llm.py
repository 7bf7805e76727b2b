"""The prompt set filled with a person's entries, and the optional OpenAI-compatible endpoint,
tested only against a fake server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from navigator.careerlog import llm, prompts

TODAY = date(2026, 4, 15)


@dataclass
class Row:
    id: int
    occurred_on: date
    event: str
    emotion: str
    intensity: int


ROWS = [
    Row(1, TODAY - timedelta(days=10), "古い記録", "充実", 2),
    Row(2, TODAY - timedelta(days=2), "新人の佐々木さんに教えた", "うれしい", 3),
    Row(3, TODAY, "統計の本を読んだ", "安心", 1),
]


def test_weekly_summary_takes_the_last_seven_days_and_hides_names():
    prompt = prompts.get("weekly-summary")
    start, end = prompts.window(prompt, TODAY, ROWS[0].occurred_on)
    assert (start, end) == (TODAY - timedelta(days=6), TODAY)
    rows = [r for r in ROWS if start <= r.occurred_on <= end]
    filled = prompts.fill(prompt, rows, TODAY, None, None)
    assert "- 2026年4月13日（うれしい・とても）新人の○○さんに教えた" in filled.text
    assert "- 2026年4月15日（安心・少し）統計の本を読んだ" in filled.text
    assert "古い記録" not in filled.text and "佐々木" not in filled.text
    assert filled.entry_count == 2 and "{{" not in filled.text
    shown = prompts.fill(prompt, rows, TODAY, None, None, mask=False)
    assert "佐々木" in shown.text


def test_prompts_with_the_note_and_plan_say_when_there_is_none():
    filled = prompts.fill(prompts.get("self-investment"), ROWS, TODAY, None, None)
    assert "（キャリアノートはまだありません）" in filled.text and "（自己投資プランはまだありません）" in filled.text
    filled = prompts.fill(prompts.get("self-investment"), ROWS, TODAY, "ノートの本文", "計画：データ")
    assert "ノートの本文" in filled.text and "計画：データ" in filled.text


def test_max_entries_keeps_the_latest():
    prompt = prompts.get("weekly-summary")
    rows = [Row(i, TODAY - timedelta(days=i % 7), f"記録{i}", "ふつう", 2) for i in range(30)]
    assert prompts.fill(prompt, rows, TODAY, None, None).entry_count == prompt.max_entries


class FakeChat(BaseHTTPRequestHandler):
    requests: list = []
    reply: tuple[int, bytes] = (200, b"")

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeChat.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        status, payload = FakeChat.reply
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_llm():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeChat)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeChat.requests = []
    FakeChat.reply = (200, json.dumps({"choices": [{"message": {"role": "assistant", "content": " 強みは教える力です。 "}}]}).encode())
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def test_ask_posts_one_message_to_chat_completions(fake_llm):
    settings = llm.LlmSettings(fake_llm, "local-model", api_key="k-123", timeout_seconds=5)
    assert llm.ask(settings, "質問です") == "強みは教える力です。"
    request = FakeChat.requests[0]
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer k-123"
    assert request["body"] == {"model": "local-model", "messages": [{"role": "user", "content": "質問です"}]}


def test_ask_explains_failures_in_japanese(fake_llm):
    settings = llm.LlmSettings(fake_llm, "m", timeout_seconds=5)
    FakeChat.reply = (500, b"{}")
    with pytest.raises(llm.LlmError, match="エラーを返しました（500）"):
        llm.ask(settings, "x")
    FakeChat.reply = (200, b"not json")
    with pytest.raises(llm.LlmError, match="OpenAI互換の形式ではありません"):
        llm.ask(settings, "x")
    with pytest.raises(llm.LlmError, match="設定されていません"):
        llm.ask(llm.LlmSettings("", "m"), "x")
    with pytest.raises(llm.LlmError, match="http:// か https://"):
        llm.ask(llm.LlmSettings("file:///etc/passwd", "m"), "x")


def test_unreachable_endpoint_is_a_message_not_a_crash():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    with pytest.raises(llm.LlmError, match="接続できませんでした"):
        llm.ask(llm.LlmSettings(f"http://127.0.0.1:{port}/v1", "m", timeout_seconds=2), "x")
