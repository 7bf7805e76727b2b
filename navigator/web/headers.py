"""Security headers on every response (a pure ASGI middleware: nothing but a list of headers,
so no library for it).

The Content-Security-Policy allows scripts, styles, fonts and images from this site only: no
inline script or style attribute runs (tests/reliability/test_security_headers.py checks the
templates), frames only from this site, forms post only here. Pages and API answers are not
cached (they hold personal data; a shared computer's back button must not show them after
sign-out); /static is.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "; ".join([
    "default-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
])
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"referrer-policy", b"same-origin"),  # invitation links carry a token in the path
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
]
HSTS = (b"strict-transport-security", b"max-age=31536000")
# Previews of the printable documents (templates/documents) carry their print CSS inline, as
# WeasyPrint reads it: they get inline style and nothing else (no script, no other source).
DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'self'; frame-ancestors 'self'"


class SecurityHeaders:
    def __init__(self, app: ASGIApp, https: bool = False) -> None:
        self.app = app
        self.extra = [HSTS] if https else []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cacheable = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                added = [(n, v) for n, v in HEADERS + self.extra if n not in present]
                if not cacheable and b"cache-control" not in present:
                    added.append((b"cache-control", b"no-store"))
                message["headers"] = list(message.get("headers", [])) + added
            await send(message)

        await self.app(scope, receive, send_with_headers)
