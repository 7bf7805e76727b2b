"""Fuzzing of the web forms (which the OpenAPI schema does not describe): for every POST page
route, the fields of the form that posts to it are filled with arbitrary text (Hypothesis),
as a person allowed to use it. No 5xx, and every 4xx is a Japanese page without a traceback.
"""

from __future__ import annotations

import html
import os
import re

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navigator.web.access import rule_for
from navigator.web.app import create_app
from navigator.web.routes import route_table
from navigator.settings import Settings

EXAMPLES = int(os.environ.get("NAVIGATOR_FUZZ_EXAMPLES", "12"))
RANDOM = os.environ.get("NAVIGATOR_FUZZ_RANDOM") == "1"
PERSONA_FOR_ROLE = {"employee": "owner", "companion": "companion", "hr": "hr", "admin": "admin"}
# forms that end the session or spend the one invitation are fuzzed elsewhere (bad_input.yaml)
SKIP = {"/logout", "/invite/{token}", "/login"}
PAGES = [p for m, p in route_table(create_app(Settings(database_url="sqlite://", secret_key="x"), run_migrations=False))
         if m == "POST" and not p.startswith("/api/") and p not in SKIP]

FORM_RE = re.compile(r'<form[^>]*action="([^"]+)"[^>]*>(.*?)</form>', re.S)
FIELD_RE = re.compile(r'<(?:input|textarea|select)[^>]*name="([^"]+)"')
TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "２０２６－０４－０１", "令和8年2月30日", "-1", "9" * 30, "<script>x</script>", "\u3000", "null"]),
)


def _persona(path: str) -> str:
    rule = rule_for("POST", path)
    if rule.audience in ("public", "signed_in"):
        return "owner"
    return PERSONA_FOR_ROLE[sorted(rule.roles)[0]]


GET_PAGES = [p for m, p in route_table(create_app(Settings(database_url="sqlite://", secret_key="x"), run_migrations=False))
             if m == "GET" and not p.startswith(("/api/", "/static"))]
LINK_RE = re.compile(r'href="(/[^"#?]*)"')
_FORMS: dict[str, dict[str, set[str]]] = {}


def _template_re(path: str) -> re.Pattern:
    return re.compile("^" + re.sub(r"\\\{\w+\\\}", r"[^/]+", re.escape(path)) + "$")


def _forms_of(persona: str, client: TestClient) -> dict[str, set[str]]:
    """Every form the person can reach (their pages, and the pages those link to, one level
    deep): action URL -> field names. The test world's copies share ids, so once per person."""
    if persona not in _FORMS:
        pages = [p for p in GET_PAGES if "{" not in p]
        templates = [_template_re(p) for p in GET_PAGES if "{" in p]
        seen, forms = set(), {}
        for round_ in range(2):
            found = []
            for page in pages[:80]:
                if page in seen:
                    continue
                seen.add(page)
                text = client.get(page).text
                for action, body in FORM_RE.findall(text):
                    forms.setdefault(html.unescape(action), set()).update(FIELD_RE.findall(body))
                found += [u for u in LINK_RE.findall(text) if any(t.match(u) for t in templates)]
            pages = sorted(set(found) - seen)
        _FORMS[persona] = forms
    return _FORMS[persona]


@pytest.mark.parametrize("path", PAGES)
def test_form_survives_arbitrary_text(path, app, world, figures):
    name = _persona(path)
    persona = world.personas[name]
    client = TestClient(app, follow_redirects=False, cookies=persona.cookies)
    forms = _forms_of(name, client)
    pattern = _template_re(path)
    url = next((action for action in sorted(forms) if pattern.match(action)), re.sub(r"\{\w+\}", "1", path))
    names = sorted(forms.get(url, set()) - {"csrf_token"})
    statuses: dict[int, int] = {}

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=not RANDOM,
              suppress_health_check=list(HealthCheck))
    @given(values=st.fixed_dictionaries({name: TEXT for name in names}))
    def post(values):
        response = client.post(url, data={"csrf_token": persona.csrf, **values})
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        assert response.status_code < 500, (url, values, response.text[:300])
        if response.status_code >= 400:
            assert 'lang="ja"' in response.text and "Traceback" not in response.text, (url, values)

    post()
    figures(f"Form fuzzing: POST {path} ({len(names)} fields): "
            + ", ".join(f"{s}×{n}" for s, n in sorted(statuses.items())))
