"""The dev stack: its Temporal dev server, its dev keys, and `python -m devstack run` end to end."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest

from devstack.datadir import dev_keys
from devstack.processes import free_port, spawn, stop
from devstack.temporal import SEARCH_ATTRIBUTES, DevServerError, dev_server, temporal_binary

ROOT = Path(__file__).resolve().parents[1]
MISSION = {"name": "x", "type": "generally_available", "goal": {"kind": "event", "event_type": "x", "count": 1}}


# -- building blocks -------------------------------------------------------------------------------


def test_dev_keys_are_generated_once_saved_privately_and_overridable(tmp_path: Path) -> None:
    first = dev_keys(tmp_path, {})
    assert dev_keys(tmp_path, {}) == first
    assert len({first.admin_key, first.client_key, first.token_secret}) == 3
    saved = tmp_path / "dev-keys.json"
    assert json.loads(saved.read_text())["admin_key"] == first.admin_key
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600

    overridden = dev_keys(tmp_path, {"QUESTLINE_ADMIN_KEY": "from-the-environment"})
    assert overridden.admin_key == "from-the-environment"
    assert overridden.client_key == first.client_key
    assert dev_keys(tmp_path, {}) == first  # an override is not saved


def _custom_search_attributes(address: str, namespace: str) -> dict[str, str]:
    cmd = [str(temporal_binary()), "operator", "search-attribute", "list", "-o", "json"]
    listed = subprocess.run(
        [*cmd, "--address", address, "--namespace", namespace], capture_output=True, check=True, timeout=30
    )
    custom: dict[str, str] = json.loads(listed.stdout)["customAttributes"]
    return custom


def test_dev_server_restarts_on_its_db_file_with_search_attributes(tmp_path: Path) -> None:
    db_file = tmp_path / "temporal.db"
    for _ in range(2):  # the second start registers the same attributes again: must not fail
        with dev_server(db_file=db_file, headless=True, namespace="questline-test") as address:
            registered = _custom_search_attributes(address, "questline-test")
            for name, kind in SEARCH_ATTRIBUTES.items():
                assert registered.get(name) == f"INDEXED_VALUE_TYPE_{kind.upper()}", registered
    assert db_file.exists()


def test_dev_server_refuses_a_busy_port() -> None:
    with dev_server(headless=True) as address:
        port = int(address.rsplit(":", 1)[1])
        with pytest.raises(DevServerError, match="in use"), dev_server(port=port, headless=True):
            pass


def test_stop_ends_the_whole_process_group() -> None:
    proc = spawn(["sh", "-c", "sleep 300 & sleep 300"])
    try:
        deadline = time.monotonic() + 10
        while len(psutil.Process(proc.pid).children()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        grandchildren = psutil.Process(proc.pid).children()
        assert len(grandchildren) == 2
    finally:
        stop(proc, grace=5)
    _, alive = psutil.wait_procs(grandchildren, timeout=5)
    assert not alive


# -- the launcher end to end ------------------------------------------------------------------------


def _postgres_processes(pgdata: Path) -> list[psutil.Process]:
    """The embedded server of `pgdata` and its backends (they are not children of the launcher)."""
    try:
        pid = int((pgdata / "postmaster.pid").read_text().split("\n", 1)[0])
        postmaster = psutil.Process(pid)
        if str(pgdata) not in " ".join(postmaster.cmdline()):
            return []
        return [postmaster, *postmaster.children(recursive=True)]
    except (OSError, ValueError, psutil.Error):
        return []


def _running(procs: list[psutil.Process], timeout: float) -> list[psutil.Process]:
    """Those of `procs` still running after `timeout` seconds (zombies count as gone)."""
    deadline = time.monotonic() + timeout
    while True:
        alive = []
        for proc in procs:
            try:
                if proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE:
                    alive.append(proc)
            except psutil.NoSuchProcess:
                pass
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


class Launcher:
    """`python -m devstack run` in a subprocess, with its output captured and its processes tracked."""

    def __init__(
        self,
        data_dir: Path,
        api_port: int,
        ui_port: int,
        temporal_port: int,
        *,
        args: Sequence[str] = ("run",),
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.base_url = f"http://127.0.0.1:{api_port}"
        self.ui_url = f"http://127.0.0.1:{ui_port}"
        # The developer's own QUESTLINE_* settings must not leak into the stack under test.
        env = {k: v for k, v in os.environ.items() if not k.startswith("QUESTLINE_")}
        env |= {
            "QUESTLINE_DATA_DIR": str(data_dir),
            "QUESTLINE_API_PORT": str(api_port),
            "QUESTLINE_TEMPORAL_UI_PORT": str(ui_port),
            **(environ or {}),
        }
        # `args`: what follows `python -m devstack` (`run` and its flags, as `make run` passes them).
        cmd = [sys.executable, "-m", "devstack", *args, "--temporal-port", str(temporal_port)]
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # so SIGINT to its group is exactly a terminal's Ctrl-C
        )
        self.lines: list[str] = []
        self.started: dict[int, psutil.Process] = {}
        self.names: dict[int, str] = {}
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            self.lines.append(raw.decode(errors="replace"))

    @property
    def output(self) -> str:
        """Everything the launcher and its children printed so far."""
        return "".join(self.lines)

    def track(self) -> list[psutil.Process]:
        """Records (and returns) every process the launcher started, postgres included."""
        try:
            children = psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            children = []
        for proc in [*children, *_postgres_processes(self.data_dir / "pg")]:
            with contextlib.suppress(psutil.Error):
                self.names.setdefault(proc.pid, proc.name())
                self.started.setdefault(proc.pid, proc)
        return list(self.started.values())

    def wait_ready(self, timeout: float = 240) -> None:
        """Waits for /readyz to answer 200, failing with the launcher's output if it exits first."""
        deadline = time.monotonic() + timeout
        with httpx.Client(timeout=5) as http:
            while True:
                code = self.proc.poll()
                assert code is None, f"launcher exited with {code}:\n{self.output}"
                try:
                    if http.get(f"{self.base_url}/readyz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, f"not ready after {timeout}s:\n{self.output}"
                time.sleep(0.5)
        # "Questline is running." follows readiness by a moment; the keys come with it.
        while "Press Ctrl-C to stop." not in self.output and time.monotonic() < deadline:
            time.sleep(0.1)
        self.track()

    def keys(self) -> tuple[str, str]:
        """The admin and client keys the launcher printed."""
        admin = re.search(r"admin key\s+(\S+)", self.output)
        client = re.search(r"client key\s+(\S+)", self.output)
        assert admin and client, self.output
        return admin.group(1), client.group(1)

    def wait_exit(self, timeout: float = 90) -> int:
        """Waits for the launcher to exit and returns its exit code."""
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"launcher still running after {timeout}s:\n{self.output}")
        self._reader.join(timeout=10)
        return code

    def kill_all(self) -> None:
        """Kills whatever is left of this run, whatever state the test left it in."""
        self.track()
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        for proc in self.started.values():
            with contextlib.suppress(psutil.Error):
                proc.kill()
        self.proc.wait(timeout=30)
        self._reader.join(timeout=10)
        assert self.proc.stdout is not None
        self.proc.stdout.close()


def _describe(proc: psutil.Process) -> str:
    try:
        return " ".join(proc.cmdline())
    except psutil.Error:
        return "?"


def _assert_gone(launcher: Launcher, *, but_postgres: bool = False) -> None:
    """Every process `launcher` started has exited (except, if asked, the embedded PostgreSQL)."""
    watched = [p for p in launcher.started.values() if not (but_postgres and launcher.names[p.pid] == "postgres")]
    left = _running(watched, timeout=20)
    assert not left, "left behind:\n" + "\n".join(f"{p.pid} {_describe(p)}" for p in left) + "\n" + launcher.output


@pytest.mark.e2e
def test_launcher_runs_stops_cleanly_and_restarts_on_the_same_data(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    ports = {"api_port": free_port(), "ui_port": free_port(), "temporal_port": free_port()}
    launchers: list[Launcher] = []

    def launch() -> Launcher:
        launcher = Launcher(data_dir, ports["api_port"], ports["ui_port"], ports["temporal_port"])
        launchers.append(launcher)
        launcher.wait_ready()
        return launcher

    try:
        # (a) A first start on an empty data directory: the API and the Temporal UI answer.
        first = launch()
        admin_key, client_key = first.keys()
        auth = {"Authorization": f"Bearer {admin_key}"}
        assert httpx.get(first.ui_url, timeout=10).status_code == 200
        assert json.loads((data_dir / "dev-keys.json").read_text())["admin_key"] == admin_key
        created = httpx.post(f"{first.base_url}/v1/missions", json=MISSION, headers=auth, timeout=30)
        assert created.status_code == 201, created.text
        mission_id = created.json()["id"]
        commands = " ".join(_describe(p) for p in first.track())
        for part in ("temporal server start-dev", "worker.py", "uvicorn", "postgres"):
            assert part in commands, f"{part!r} not among the started processes: {commands}"

        # (b) Ctrl-C stops every process it started, postgres included, and exits 0.
        os.killpg(first.proc.pid, signal.SIGINT)
        assert first.wait_exit() == 0, first.output
        _assert_gone(first)

        # (c) A restart on the same data (and the same, released, ports) keeps keys and missions.
        second = launch()
        assert second.keys() == (admin_key, client_key)
        fetched = httpx.get(f"{second.base_url}/v1/missions/{mission_id}", headers=auth, timeout=30)
        assert fetched.status_code == 200, fetched.text
        assert fetched.json()["id"] == mission_id

        # Even `kill -9` of the launcher takes its children down. PostgreSQL, a daemon, stays:
        # the next start adopts it (and stops it when done).
        second.track()
        os.killpg(second.proc.pid, signal.SIGKILL)
        second.wait_exit()
        _assert_gone(second, but_postgres=True)

        # A child that dies takes the whole stack down, with a non-zero exit.
        third = launch()
        worker = next(p for p in third.track() if "worker.py" in _describe(p))
        worker.kill()
        assert third.wait_exit() != 0, third.output
        assert "worker exited" in third.output
        _assert_gone(third)
        _assert_gone(second)  # the adopted PostgreSQL went too
    finally:
        for launcher in launchers:
            launcher.kill_all()


# -- what `make run` prints, and the widget demo's data ------------------------------------------


def _announced(capsys: pytest.CaptureFixture[str], env: str) -> str:
    from types import SimpleNamespace

    from devstack.stack import Stack
    from settings import Settings

    settings = Settings(env=env, admin_key="a", client_key="c", token_secret="t", callback_secret="s")
    stack = Stack(settings, temporal_port=7233)
    stack.launcher = SimpleNamespace(env={"QUESTLINE_TEMPORAL_ADDRESS": "127.0.0.1:7233"})  # type: ignore[assignment]
    stack.temporal_ui = "http://127.0.0.1:8233"
    stack._announce()
    return capsys.readouterr().out


def test_make_run_prints_the_console_and_the_widget_demo(capsys: pytest.CaptureFixture[str]) -> None:
    out = _announced(capsys, "dev")
    assert "  console       http://127.0.0.1:8000/console\n" in out
    assert "  widget demo   http://127.0.0.1:8000/widget/demo\n" in out
    assert out.index("API docs") < out.index("console") < out.index("widget demo") < out.index("Temporal UI")


def test_the_widget_demo_is_announced_only_in_dev(capsys: pytest.CaptureFixture[str]) -> None:
    out = _announced(capsys, "test")
    assert "  console       http://127.0.0.1:8000/console\n" in out
    assert "widget demo" not in out


async def test_the_demo_seed_creates_each_kind_of_mission_once_for_the_demo_user(stack: Any) -> None:
    import asyncio

    import uvicorn

    from api.faces import DEMO_USER_ID
    from devstack import demo
    from tests.conftest import ADMIN_KEY, CLIENT_KEY

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(stack.app, host="127.0.0.1", port=port, lifespan="off", log_level="warning"))
    task = asyncio.create_task(server.serve())
    created: list[str] = []
    try:
        while not server.started:
            assert not task.done(), "uvicorn stopped before it started"
            await asyncio.sleep(0.02)
        base = f"http://127.0.0.1:{port}"
        created = await asyncio.to_thread(demo.seed, base, ADMIN_KEY, CLIENT_KEY)
        assert sorted(created) == sorted(m["name"] for m in demo.MISSIONS)
        # A restart adds nothing.
        assert await asyncio.to_thread(demo.seed, base, ADMIN_KEY, CLIENT_KEY) == []

        auth = {"Authorization": f"Bearer {CLIENT_KEY}"}

        async def views() -> dict[str, Any]:
            r = await stack.http.get(f"/v1/users/{DEMO_USER_ID}/missions", headers=auth)
            return {v["name"]: v for v in r.json()["items"] if v["name"].startswith(demo.PREFIX)}

        for _ in range(100):
            seen = await views()
            if seen.get(f"{demo.PREFIX}Make 3 deposits", {}).get("progress", {}).get("current") == 1:
                break
            await asyncio.sleep(0.1)
        assert set(seen) == {m["name"] for m in demo.MISSIONS}, seen.keys()
        assert seen[f"{demo.PREFIX}Welcome bonus"]["chips"] == ["featured"]
        assert seen[f"{demo.PREFIX}Make 3 deposits"]["progress"]["current"] == 1
        assert seen[f"{demo.PREFIX}Weekend sprint"]["can_opt_in"] is True
        inbox = (await stack.http.get(f"/v1/users/{DEMO_USER_ID}/inbox", headers=auth)).json()["items"]
        for _ in range(100):
            if inbox:
                break
            await asyncio.sleep(0.1)
            inbox = (await stack.http.get(f"/v1/users/{DEMO_USER_ID}/inbox", headers=auth)).json()["items"]
        assert [i["title"] for i in inbox] == [demo.UPDATE_TITLE]
    finally:
        # The session's other tests share this database: the demo missions go again.
        admin = {"Authorization": f"Bearer {ADMIN_KEY}"}
        listed = (await stack.http.get("/v1/missions", params={"q": demo.PREFIX, "limit": 500}, headers=admin)).json()[
            "items"
        ]
        for mission in listed:
            if mission["name"].startswith(demo.PREFIX) and mission["status"] == "active":
                await stack.http.post(f"/v1/missions/{mission['id']}/archive", headers=admin)
        server.should_exit = True
        await task
