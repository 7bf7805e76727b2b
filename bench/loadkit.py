"""What the load and crash benchmarks (and their short forms in tests/reliability) share: a
seeded database, the real server (`navigator serve`) as a child process on 127.0.0.1, virtual
users over httpx, and the check that every acknowledged write is in the database.

Only loopback addresses; every loop is bounded by a deadline and a request cap.
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "load-test-password-1"
HOST = "127.0.0.1"
MAX_REQUESTS_PER_USER = 100_000
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
EVALUATE_FACTS = {
    "employer": {"industry": "service", "capital_yen": 10_000_000, "regular_employees": 30},
    "plan": {"menus": ["training"], "start_date": "2026-04-01", "end_date": "2027-03-31"},
}


@dataclass
class World:
    db_path: Path
    var_dir: Path
    employees: list[str]
    companions: list[str]
    hr: list[str]
    grants: dict[str, list[int]]  # companion email -> grant ids shared with them


def seed(base: Path, employees: int = 30, companions: int = 10, hr: int = 10) -> World:
    """One organization with employees who each share a note with one companion; HR staff."""
    from navigator.store import accounts, migrate, passwords, personal, sharing
    from navigator.store.db import make_engine, make_sessionmaker
    from navigator.store.viewer import Viewer

    base.mkdir(parents=True, exist_ok=True)
    db_path = base / "load.db"
    url = f"sqlite:///{db_path}"
    passwords.use_profile("CHEAPEST")
    migrate.upgrade(url)
    engine = make_engine(url)
    grants: dict[str, list[int]] = defaultdict(list)
    with make_sessionmaker(engine)() as db:
        org = accounts.create_organization(db, "負荷試験株式会社")
        emp = [accounts.create_user(db, org, f"e{i}@load.example.jp", f"従業員{i}", PASSWORD, {"employee"}) for i in range(employees)]
        comp = [accounts.create_user(db, org, f"c{i}@load.example.jp", f"伴走者{i}", PASSWORD, {"companion"}) for i in range(companions)]
        staff = [accounts.create_user(db, org, f"h{i}@load.example.jp", f"人事{i}", PASSWORD, {"hr"}) for i in range(hr)]
        for i, user in enumerate(emp):
            viewer = Viewer.of(user)
            note = personal.add_note(db, viewer, f"ノート{i}", f"共有するノートの本文 {i}")
            companion = comp[i % len(comp)]
            grants[companion.email].append(sharing.create_grant(db, viewer, companion.id, "note", note_id=note.id).id)
        result = World(db_path, base / "var", [u.email for u in emp], [u.email for u in comp], [u.email for u in staff], dict(grants))
    engine.dispose()
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    """`navigator serve` in a child process (one uvicorn worker, as the product runs)."""

    def __init__(self, world: World, port: int | None = None, log: Path | None = None):
        self.world = world
        self.port = port or free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log = log or world.db_path.with_suffix(".server.log")
        self.process: subprocess.Popen | None = None

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "NAVIGATOR_DATABASE_URL": f"sqlite:///{self.world.db_path}",
            "NAVIGATOR_VAR_DIR": str(self.world.var_dir),
            "NAVIGATOR_SECRET_KEY": "load-test-secret-key",
            "NAVIGATOR_PASSWORD_HASH_PROFILE": "CHEAPEST",
            "NAVIGATOR_SEED_DEMO": "0",
        }

    def start(self, timeout: float = 60) -> Server:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "navigator.cli", "serve", "--host", HOST, "--port", str(self.port)],
            cwd=ROOT, env=self.env(), stdout=self.log.open("ab"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited ({self.process.returncode}); see {self.log}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"the server did not answer within {timeout} s; see {self.log}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, as a power cut of the process."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=20)


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    acknowledged: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # email -> events
    elapsed: float = 0.0
    tag: str = field(default_factory=lambda: secrets.token_hex(4))  # makes every run's texts unique


async def signed_in_client(base: str, email: str, results: Results) -> httpx.AsyncClient | None:
    client = httpx.AsyncClient(base_url=base, timeout=30, follow_redirects=False)
    page = await client.get("/login")
    token = CSRF_RE.search(page.text).group(1)
    response = await client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    if response.status_code != 303:
        results.errors.append(f"sign-in {email}: {response.status_code}")
        await client.aclose()
        return None
    client.headers["X-CSRF-Token"] = CSRF_RE.search((await client.get("/home")).text).group(1)
    return client


async def _timed(results: Results, op: str, call, ok: set[int]) -> httpx.Response | None:
    started = time.perf_counter()
    try:
        response = await call()
    except httpx.HTTPError as exc:
        results.errors.append(f"{op}: {type(exc).__name__} {exc}")
        return None
    results.latencies[op].append(time.perf_counter() - started)
    if response.status_code not in ok:
        results.errors.append(f"{op}: HTTP {response.status_code} {response.text[:120]!r}")
        return None
    return response


async def employee(base, email, deadline, results, stop: asyncio.Event | None = None, write_only=False):
    client = await signed_in_client(base, email, results)
    if client is None:
        return
    try:
        for n in range(MAX_REQUESTS_PER_USER):
            if time.monotonic() >= deadline or (stop and stop.is_set()):
                return
            if write_only or n % 4 != 3:
                event = f"load {results.tag} {email} #{n}"
                data = {"occurred_on": "2026-04-01", "event": event, "emotion": "充実"}
                response = await _timed(results, "employee: POST /log", lambda: client.post("/log", data=data), {303})
                if response is not None:
                    results.acknowledged[email].add(event)  # 303: the server said it is saved
            else:
                await _timed(results, "employee: GET /log", lambda: client.get("/log"), {200})
    finally:
        await client.aclose()


async def companion(base, email, grants, deadline, results):
    client = await signed_in_client(base, email, results)
    if client is None:
        return
    try:
        for n in range(MAX_REQUESTS_PER_USER):
            if time.monotonic() >= deadline:
                return
            grant = grants[n % len(grants)]
            await _timed(results, "companion: GET /shared/{id}", lambda: client.get(f"/shared/{grant}"), {200})
    finally:
        await client.aclose()


async def hr(base, email, deadline, results, pdf_every: int = 10):
    client = await signed_in_client(base, email, results)
    if client is None:
        return
    try:
        documents = await _documents(client, results) if pdf_every else []
        for n in range(MAX_REQUESTS_PER_USER):
            if time.monotonic() >= deadline:
                return
            if documents and n % pdf_every == pdf_every - 1:
                doc = documents[n % len(documents)]
                await _timed(results, "hr: GET document PDF", lambda: client.get(f"/hr/plan/documents/{doc}/pdf"), {200})
            else:
                await _timed(results, "hr: POST /api/v1/employer/evaluate",
                             lambda: client.post("/api/v1/employer/evaluate", json=EVALUATE_FACTS), {200})
    finally:
        await client.aclose()


async def _documents(client: httpx.AsyncClient, results: Results) -> list[str]:
    """The demo company's case (loaded once per organization), and its documents' names."""
    page = await client.get("/hr/plan")
    if "/hr/plan/documents/" not in page.text:
        await client.post("/hr/plan/demo", data={"csrf_token": client.headers["X-CSRF-Token"]})
        page = await client.get("/hr/plan")
    return sorted(set(re.findall(r"/hr/plan/documents/([^/\"?]+)/pdf", page.text)))[:4]


async def run_mix(server: Server, users: int, seconds: float, pdf_every: int = 10) -> Results:
    """`users` concurrent people for `seconds`: 60% employees writing and reading their log,
    20% companions reading shared notes, 20% HR running evaluations (and every `pdf_every`-th
    request a document PDF)."""
    world, results = server.world, Results()
    n_comp = max(1, users // 5)
    n_hr = max(1, users // 5)
    n_emp = max(1, users - n_comp - n_hr)
    started = time.monotonic()
    deadline = started + seconds
    tasks = [employee(server.url, world.employees[i % len(world.employees)], deadline, results) for i in range(n_emp)]
    comps = [c for c in world.companions if world.grants.get(c)]
    tasks += [companion(server.url, comps[i % len(comps)], world.grants[comps[i % len(comps)]], deadline, results) for i in range(n_comp)]
    tasks += [hr(server.url, world.hr[i % len(world.hr)], deadline, results, pdf_every) for i in range(n_hr)]
    await asyncio.gather(*tasks)
    results.elapsed = time.monotonic() - started
    return results


def stored_events(db_path: Path) -> dict[str, set[str]]:
    """email -> career-log events in the database (read with plain sqlite3)."""
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute(
            "SELECT u.email, e.event FROM career_log_entries e JOIN users u ON u.id = e.owner_id").fetchall()
    found: dict[str, set[str]] = defaultdict(set)
    for email, event in rows:
        found[email].add(event)
    return found


def missing_writes(db_path: Path, acknowledged: dict[str, set[str]]) -> list[str]:
    stored = stored_events(db_path)
    return [f"{email}: {event}" for email, events in acknowledged.items() for event in sorted(events - stored.get(email, set()))]


def integrity(db_path: Path) -> str:
    with sqlite3.connect(db_path) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def table(results: Results) -> str:
    lines = [f"{'operation':40} {'requests':>9} {'per s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"]
    total = 0
    for op in sorted(results.latencies):
        values = results.latencies[op]
        total += len(values)
        lines.append(f"{op:40} {len(values):9d} {len(values) / results.elapsed:8.1f} "
                     f"{percentile(values, 50) * 1000:8.1f} {percentile(values, 95) * 1000:8.1f} {percentile(values, 99) * 1000:8.1f}")
    lines.append(f"{'all':40} {total:9d} {total / results.elapsed:8.1f}")
    return "\n".join(lines)


async def _writers_until_killed(server: Server, writers: int, kill_after: float, results: Results) -> None:
    """Employees write as fast as they can; the server is SIGKILLed while their writes are in
    flight. Writes that got no answer are not acknowledged: only 303s count."""
    stop = asyncio.Event()
    deadline = time.monotonic() + kill_after + 30
    world = server.world
    tasks = [asyncio.create_task(employee(server.url, world.employees[i % len(world.employees)], deadline, results, stop, True))
             for i in range(writers)]
    # the clock starts at the first acknowledged write (signing in comes first), so that every
    # run kills the server in the middle of writing
    waited = time.monotonic() + 30
    while not results.acknowledged and time.monotonic() < waited:
        await asyncio.sleep(0.01)
    await asyncio.sleep(kill_after)
    server.kill()
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)


@dataclass
class CrashRun:
    acknowledged: int
    missing: list[str]
    integrity: str
    restarted: bool
    errors_after_kill: int


def crash_run(world: World, writers: int = 10, kill_after: float = 2.0) -> CrashRun:
    """One run: start, write, SIGKILL mid-flight, check the file, restart, check every
    acknowledged write is there and the restarted server answers."""
    results = Results()
    server = Server(world).start()
    try:
        asyncio.run(_writers_until_killed(server, writers, kill_after, results))
    finally:
        server.kill()
    checked = integrity(world.db_path)  # before any restart touches the WAL
    restarted = Server(world).start()
    try:
        healthy = httpx.get(f"{restarted.url}/healthz", timeout=10).status_code == 200
    finally:
        restarted.stop()
    missing = missing_writes(world.db_path, results.acknowledged)
    return CrashRun(sum(len(v) for v in results.acknowledged.values()), missing, checked, healthy, len(results.errors))
