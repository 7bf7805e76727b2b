"""The largest request the app reads: MAX_BODY_BYTES (1 MiB), answered in Japanese when larger.

The longest form (a 20,000-character note, each character sent as up to 9 bytes) is about 180 KB.
A body that announces its length is refused before it is read; one sent in chunks is counted as
it is read and refused (413, through the app's error pages) once past the limit.
"""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 1024 * 1024
MESSAGE = "送信内容が大きすぎます（上限は1MBです）。入力を短くして、もう一度送信してください。"
PAGE = f"""<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>送信内容が大きすぎます｜学びナビ</title>
<link rel="stylesheet" href="/static/style.css"></head><body><main id="main"><h1>送信内容が大きすぎます</h1>
<p>{MESSAGE}</p><p><a href="/home">ホームへ戻る</a></p></main></body></html>"""


class BodyLimit:
    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _content_length(scope) > self.limit:
            await _refuse(scope, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise HTTPException(413, MESSAGE)  # the app's handler renders it
            return message

        await self.app(scope, counted, send)


def _content_length(scope: Scope) -> int:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            return int(value) if value.isdigit() else 0
    return 0


async def _refuse(scope: Scope, send: Send) -> None:
    api = scope["path"].startswith("/api/")
    body = json.dumps({"detail": MESSAGE, "errors": [MESSAGE]}, ensure_ascii=False) if api else PAGE
    kind = b"application/json" if api else b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", kind), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body.encode()})
