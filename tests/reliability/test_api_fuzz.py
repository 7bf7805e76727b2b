"""Schemathesis over the app's own OpenAPI, in process (ASGI), for every operation, signed in as
each role and as nobody, with inputs that fit the schema and inputs that do not.

What must hold for every request:
  - no 5xx;
  - every 4xx is JSON with a Japanese `detail`; a 400 or 422 lists `errors`, each naming its
    field in 「」, and `fields` with the field's path (a page in the schema answers with a
    Japanese page that names the field);
  - no answer to anyone but the owner carries the owner's private markers.

The number of examples per (operation, role, mode) is NAVIGATOR_FUZZ_EXAMPLES (default 12, a
few hundred requests per operation in all). Hypothesis is derandomized so CI is repeatable; set
NAVIGATOR_FUZZ_RANDOM=1 (and more examples) to explore: `bench/fuzz.sh` does.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.generation import GenerationMode

from navigator.web.app import create_app
from navigator.settings import Settings
from webworld import JOB_CARD, OLD_LOG, PRIVATE_NOTE

EXAMPLES = int(os.environ.get("NAVIGATOR_FUZZ_EXAMPLES", "12"))
RANDOM = os.environ.get("NAVIGATOR_FUZZ_RANDOM") == "1"
ROLES = ("anonymous", "owner", "companion", "hr", "admin")
PRIVATE_MARKERS = (PRIVATE_NOTE, JOB_CARD, OLD_LOG)

_schema_app = create_app(Settings(database_url="sqlite://", secret_key="collect-only"), run_migrations=False)
OPERATIONS = [r.ok().label for r in schemathesis.openapi.from_asgi("/api/v1/openapi.json", _schema_app).get_all_operations()]
TOTALS: Counter = Counter()


def problems_in(response, role: str) -> list[str]:
    status = response.status_code
    found = []
    if status >= 500:
        found.append(f"server error {status}")
    if role != "owner" and any(m in response.text for m in PRIVATE_MARKERS):
        found.append("private marker leaked")
    if 400 <= status < 500 and "text/html" in str(response.headers.get("content-type", "")):
        # a page in the schema (the match page): a Japanese error page, naming the field on 400/422
        if 'lang="ja"' not in response.text or "Traceback" in response.text:
            found.append(f"{status} page is not a Japanese error page")
        if status in (400, 422) and "「" not in response.text:
            found.append(f"{status} page does not name a field")
        return found
    if 400 <= status < 500:
        try:
            body = response.json()
        except ValueError:
            return found + [f"{status} body is not JSON: {response.text[:100]!r}"]
        detail = body.get("detail") if isinstance(body, dict) else None
        if not isinstance(detail, str) or detail.isascii():
            found.append(f"{status} without a Japanese detail: {body!r:.200}")
        if status in (400, 422):
            errors, fields = body.get("errors") or [], body.get("fields") or []
            if not errors or any("「" not in e for e in errors):
                found.append(f"422 message not naming a field: {errors!r:.300}")
            if not fields or any(not f.get("field") or not f.get("message") for f in fields):
                found.append(f"422 without field paths: {fields!r:.300}")
    return found


def _has_inputs(operation) -> bool:
    return bool(operation.body or operation.path_parameters or operation.query or operation.headers)


@pytest.mark.parametrize("label", OPERATIONS)
def test_operation_survives_fuzzing(label, app, world, figures):
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    operation = next(r.ok() for r in schema.get_all_operations() if r.ok().label == label)
    failures: list[str] = []
    statuses: Counter = Counter()
    modes = [GenerationMode.POSITIVE] + ([GenerationMode.NEGATIVE] if _has_inputs(operation) else [])
    for role in ROLES:
        persona = world.personas[role]
        # the session cookie, and the CSRF header a script sends (bodyless POSTs need it)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in persona.cookies.items()), "X-CSRF-Token": persona.csrf}
        for mode in modes:

            @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=not RANDOM,
                      suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                # generous: the first matching call loads the model and its index
                response = case.call(headers=headers, timeout=180)
                statuses[response.status_code] += 1
                for problem in problems_in(response, role):
                    if len(failures) < 20:
                        failures.append(f"{role} {mode.value}: {problem}\n    {case.as_curl_command()[:400]}")

            run()
    total = sum(statuses.values())
    TOTALS["requests"] += total
    TOTALS["operations"] += 1
    figures(f"API fuzzing: {label}: {total} requests as {len(ROLES)} roles, statuses "
            + ", ".join(f"{s}×{n}" for s, n in sorted(statuses.items())))
    assert not failures, f"{label}:\n" + "\n".join(failures)
    assert total >= len(ROLES), "fuzzing ran no examples"


def test_fuzz_summary(figures):
    """Runs last in this module (pytest keeps file order): one line with the totals."""
    if TOTALS["operations"]:
        figures(f"API fuzzing total: {TOTALS['requests']} requests over {TOTALS['operations']} operations"
                f" × {len(ROLES)} roles, 0 server errors")
