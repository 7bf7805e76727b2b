"""Optional: send a filled prompt to an OpenAI-compatible chat endpoint the organization runs or
chose (NAVIGATOR_LLM_URL, e.g. http://127.0.0.1:11434/v1). Off by default and never required: the
prompt set works by copy and paste. Nothing is sent unless the person presses the button, and the
page names the address it goes to."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

import httpx


class LlmError(Exception):
    """A Japanese message for the person."""


@dataclass(frozen=True)
class LlmSettings:
    url: str
    model: str
    api_key: str = ""
    timeout_seconds: float = 60.0

    @property
    def enabled(self) -> bool:
        return bool(self.url)

    @property
    def host(self) -> str:
        return urlparse(self.url).netloc


def check_url(url: str) -> None:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise LlmError("生成AIの接続先（NAVIGATOR_LLM_URL）は http:// か https:// で始まるURLにしてください。")


def ask(settings: LlmSettings, text: str) -> str:
    """One user message, the reply's text."""
    if not settings.enabled:
        raise LlmError("生成AIへの接続は設定されていません。文面をコピーしてお使いください。")
    check_url(settings.url)
    headers = {"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}
    body = {"model": settings.model, "messages": [{"role": "user", "content": text}]}
    try:
        response = httpx.post(
            settings.url.rstrip("/") + "/chat/completions", json=body, headers=headers, timeout=settings.timeout_seconds
        )
    except httpx.TimeoutException:
        raise LlmError(f"{settings.host} から時間内に返事がありませんでした。時間をおいてお試しください。") from None
    except httpx.HTTPError:
        raise LlmError(f"{settings.host} に接続できませんでした。接続先の設定をご確認ください。") from None
    if response.status_code != 200:
        raise LlmError(f"{settings.host} がエラーを返しました（{response.status_code}）。")
    try:
        return response.json()["choices"][0]["message"]["content"].strip()
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise LlmError(f"{settings.host} の返事を読み取れませんでした（OpenAI互換の形式ではありません）。") from None
