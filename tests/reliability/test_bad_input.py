"""Bad input everywhere a person types (tests/reliability/bad_input.yaml: one test per case),
and free text with HTML and script in it, escaped on every page that shows it."""

from __future__ import annotations

import html
import re
import shutil
import urllib.parse
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from navigator import PROJECT_ROOT
from navigator.cli import main
from navigator.web.routes import route_table

TABLE = Path(__file__).with_name("bad_input.yaml")
CASES = yaml.safe_load(TABLE.read_text(encoding="utf-8"))


def _value(value, world):
    if isinstance(value, dict) and "repeat" in value:
        text, n = value["repeat"]
        return text * n
    if isinstance(value, dict) and "id" in value:
        return str(world.ids[value["id"]])
    return value


def _values(data, world):
    if isinstance(data, dict) and not ({"repeat", "id"} & set(data)):
        return {k: _values(v, world) for k, v in data.items()}
    return _value(data, world)


def _list(client, url):
    return client.get(url).json() if url else None


def run_form(case, world, client_for):
    client, token = client_for(case.get("as", "owner"))
    url = case["form"].format(token=world.invitation_token)
    before = _list(client, case.get("list"))
    fields = {"csrf_token": token, **_values(case["fields"], world)}
    encoding = case.get("encoding")
    if encoding:
        body = urllib.parse.urlencode(fields, encoding=encoding)
        response = client.post(url, content=body, headers={"content-type": "application/x-www-form-urlencoded"})
    else:
        response = client.post(url, data=fields)
    assert response.status_code == case["status"], response.text[:500]
    assert "Traceback" not in response.text
    if "message" in case:
        assert case["message"] in html.unescape(response.text), html.unescape(response.text)[:3000]
    after = _list(client, case.get("list"))
    if case["status"] != 303 and case.get("list"):
        assert after == before, "input was refused, yet something was stored"
    if "stored" in case:
        want = _values(case["stored"], world)
        assert any(all(item.get(k) == v for k, v in want.items()) for item in after), after[:3]


def run_api(case, world, client_for):
    client, token = client_for(case.get("as", "hr"))
    url = case.get("api") or case.get("get")
    if "get" in case:
        response = client.get(url)
    elif "raw" in case:
        raw = case["raw"]
        content = raw["text"].encode(raw["encoding"]) if isinstance(raw, dict) else raw.encode()
        response = client.post(url, content=content, headers={"content-type": case["content_type"]})
    else:
        response = client.request(case.get("method", "POST"), url, json=_values(case["json"], world))
    assert response.status_code == case["status"], response.text[:500]
    body = response.json()
    if "message" in case:
        errors = body.get("errors", [])
        assert any(case["message"] in e for e in errors), errors
    if "field" in case:
        assert case["field"] in [f["field"] for f in body.get("fields", [])], body


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run_cli(case, tmp_path, capsys, monkeypatch):
    spec = case.get("file", {})
    file = tmp_path / spec.get("name", "facts.yaml")
    if "text" in spec:
        file.write_bytes(spec["text"].encode(spec.get("encoding", "utf-8")))
    args = [a.format(file=file, dir=tmp_path) for a in case["cli"]]
    monkeypatch.setenv("NAVIGATOR_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("NAVIGATOR_PASSWORD_HASH_PROFILE", "CHEAPEST")
    catalog = None
    if case.get("catalog") == "copy":
        from navigator.matching import settings as matching_settings

        catalog = tmp_path / "project" / "catalog"
        shutil.copytree(PROJECT_ROOT / "catalog", catalog, ignore=shutil.ignore_patterns("courses"))
        monkeypatch.setenv("NAVIGATOR_CATALOG_DIR", str(catalog))
        matching_settings.settings.cache_clear()
        before = _tree(catalog)
    if "stdin" in case:
        import io

        monkeypatch.setattr("sys.stdin", io.StringIO(case["stdin"]))
    try:
        code = main(args)
    finally:
        if catalog is not None:
            matching_settings.settings.cache_clear()
    out = capsys.readouterr()
    assert code == case["exit"], out
    for expected in [case.get("message")] + case.get("also", []):
        assert expected is None or expected in out.err, out.err
    assert case.get("stdout", "") in out.out, out.out
    assert "Traceback" not in out.err + out.out
    if catalog is not None and case["exit"] != 0:
        assert _tree(catalog) == before, "a failed import changed the catalog"


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_bad_input(case, world, client_for, tmp_path, capsys, monkeypatch):
    if "form" in case:
        run_form(case, world, client_for)
    elif "api" in case or "get" in case:
        run_api(case, world, client_for)
    else:
        run_cli(case, tmp_path, capsys, monkeypatch)


def test_table_covers_every_kind_of_bad_input(figures):
    kinds = {"form": 0, "api": 0, "get": 0, "cli": 0}
    for case in CASES:
        kinds[next(k for k in kinds if k in case)] += 1
    assert all(kinds.values()), kinds
    assert all("message" in c or c.get("status") in (200, 303) or c.get("exit") == 0 for c in CASES)
    figures(f"Bad input: {len(CASES)} cases ({kinds['form']} web forms, {kinds['api'] + kinds['get']} API, "
            f"{kinds['cli']} CLI) in tests/reliability/bad_input.yaml")


# --- HTML and script in free text --------------------------------------------------------------

PAYLOAD = "<script>alert('xss')</script><img src=x onerror=alert(1)>\"'&"
RAW_MARKERS = ("<script>alert('xss')", "<img src=x onerror")


def test_html_and_script_in_free_text_are_escaped_on_every_page(world, client_for, app, figures):
    owner, token = client_for("owner")
    posts = {
        "/notes": {"title": f"題{PAYLOAD}", "body": f"本文{PAYLOAD}"},
        "/plans": {"title": f"計画{PAYLOAD}", "body": f"内容{PAYLOAD}", "target_on": ""},
        "/log": {"occurred_on": "2026-04-14", "event": f"出来事{PAYLOAD}", "emotion": "充実"},
        "/jobcard": {"values_and_interests": PAYLOAD, "desired_work": PAYLOAD, "skills_to_develop": PAYLOAD},
    }
    for url, data in posts.items():
        assert owner.post(url, data={"csrf_token": token, **data}).status_code == 303, url
    note = owner.get("/api/v1/notes").json()[0]
    plan = owner.get("/api/v1/plans").json()[0]
    ken = world.ids["ken_id"]
    companion, _ = client_for("companion")
    shared_before = {g["id"] for g in companion.get("/api/v1/shared").json()}
    for data in ({"kind": "note", "note_id": note["id"]}, {"kind": "plan", "plan_id": plan["id"]},
                 {"kind": "log_range", "log_from": "2026-04-01", "log_to": "2026-04-15"}):
        assert owner.post("/sharing", data={"csrf_token": token, "grantee_id": ken, **data}).status_code == 303
    admin, admin_token = client_for("admin")
    assert admin.post("/admin/organizations", data={"csrf_token": admin_token, "name": f"組織{PAYLOAD}"}).status_code == 303

    grants = [g["id"] for g in companion.get("/api/v1/shared").json()]
    new_grants = [g for g in grants if g not in shared_before]
    assert len(new_grants) == 3
    org_ids = [int(m) for m in re.findall(r"/admin/organizations/(\d+)", admin.get("/admin").text)]
    pages = 0
    escaped_seen = 0
    for persona in ("owner", "companion", "hr", "admin"):
        client, _ = client_for(persona)
        for method, path in route_table(app):
            if method != "GET" or path.startswith("/static") or path.startswith("/api/"):
                continue
            for url in _urls(path, note["id"], plan["id"], grants, org_ids, world):
                response = client.get(url)
                assert response.status_code < 500, url
                if "text/html" not in response.headers.get("content-type", ""):
                    continue  # JSON, ZIP and PDF downloads are data, not pages (PDFs: below)
                pages += 1
                text = response.text
                assert not any(m in text for m in RAW_MARKERS), f"{persona} {url}: unescaped HTML"
                escaped_seen += "&lt;script&gt;" in text
    # the companion's shared pages and the owner's audit log show the titles: escaped there too
    for grant in new_grants:
        assert "&lt;script&gt;" in companion.get(f"/shared/{grant}").text
    assert "&lt;script&gt;" in owner.get("/audit").text
    assert escaped_seen >= 8, escaped_seen
    figures(f"HTML/script in free text: {pages} page views as 4 roles, no unescaped markup, escaped text on {escaped_seen}")


def _urls(path, note_id, plan_id, grants, org_ids, world):
    if "{" not in path:
        return [path]
    if "{note_id}" in path:
        return [path.format(note_id=note_id)]
    if "{plan_id}" in path:
        return [path.format(plan_id=plan_id)]
    if "{grant_id}" in path:
        return [path.format(grant_id=g) for g in grants]
    if "{org_id}" in path:
        return [path.format(org_id=o) for o in org_ids]
    if "{token}" in path:
        return [path.format(token=world.invitation_token)]
    return []


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    import subprocess

    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed (scripts/setup.sh installs it)")
def test_html_and_script_in_free_text_are_printed_as_text_in_pdfs(client_for, tmp_path, figures):
    """A Job Card and the company's documents: markup typed by a person is printed as the
    characters typed, not interpreted (an unescaped tag would vanish from the PDF's text)."""
    owner, token = client_for("owner")
    typed = "<b>太字</b><script>alert(1)</script>"
    form = {"csrf_token": token, "values_and_interests": typed, "desired_work": "", "skills_to_develop": "",
            "profile_name": typed}
    assert owner.post("/jobcard", data=form).status_code == 303
    text = _pdf_text(owner.get("/jobcard/pdf").content, tmp_path)
    assert "<b>太字</b><script>alert(1)</script>" in text.replace("\n", "")
    # the self-investment plan's PDF (worker documents)
    plan = owner.post("/plans", data={"csrf_token": token, "title": "計画<b>太字</b>", "aspiration": typed, "body": ""})
    assert plan.status_code == 303, plan.text[:300]
    text = _pdf_text(owner.get(plan.headers["location"] + "/pdf").content, tmp_path).replace("\n", "")
    assert "計画<b>太字</b>" in text and "<b>太字</b><script>alert(1)</script>" in text

    hr, hr_token = client_for("hr")
    assert hr.post("/hr/plan/demo", data={"csrf_token": hr_token}).status_code == 303
    employer = f"name: \"株式会社<i>テスト</i><script>x</script>\"\n"
    response = hr.post("/hr/plan/facts", data={"csrf_token": hr_token, "part": "employer", "text": employer})
    assert response.status_code in (303, 422), response.text[:300]
    docs = sorted(set(re.findall(r"/hr/plan/documents/([^/\"?]+)/pdf", hr.get("/hr/plan").text)))
    assert docs
    printed = 0
    for doc in docs:
        text = _pdf_text(hr.get(f"/hr/plan/documents/{doc}/pdf").content, tmp_path).replace("\n", "")
        # an unescaped <i> would print テスト in italics, without the tag's characters
        printed += "<i>テスト</i>" in text
        preview = hr.get(f"/hr/plan/documents/{doc}").text
        assert "<script>x</script>" not in preview and "<i>テスト</i>" not in preview
    assert printed >= 1
    figures(f"HTML/script in PDFs: Job Card, self-investment plan and {len(docs)} company documents print typed markup as text")
