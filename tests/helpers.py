"""Test helpers: a loopback HTTP server with scripted routes, and a real Prefect server process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx


@dataclass
class Route:
    """What one path answers: a status, headers and a body (or a callable making them)."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    handler: Callable[[BaseHTTPRequestHandler], None] | None = None


class LoopbackServer:
    """A threaded HTTP server on an ephemeral 127.0.0.1 port; counts hits per path."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                path = self.path.split("?")[0]
                outer.hits[path] = outer.hits.get(path, 0) + 1
                outer.requests.append((path, dict(self.headers)))
                route = outer.routes.get(path)
                if route is None:
                    self.send_error(404)
                    return
                if route.handler is not None:
                    route.handler(self)
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        # serve_forever checks for shutdown() between waits of poll_interval (0.5 s by default), so
        # stopping the server cost each test up to half a second of teardown.
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def base(self) -> str:
        """The server's base URL, e.g. http://127.0.0.1:40123."""
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        """The full URL of ``path``."""
        return self.base + path

    def add(self, path: str, route: Route | None = None, **kwargs: object) -> str:
        """Serve ``path``; returns its URL."""
        self.routes[path] = route or Route(**kwargs)  # type: ignore[arg-type]
        return self.url(path)

    def start(self) -> None:
        """Start serving in a background thread."""
        self.thread.start()

    def stop(self) -> None:
        """Stop and close the socket."""
        self.httpd.shutdown()
        self.httpd.server_close()


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_process(process: subprocess.Popen) -> None:
    """Stop a process started in its own session, and its children."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def start_desk(
    tmp: Path, db_url: str, *extra: str, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen, str, Path]:
    """A `claims web` process on a free loopback port; waits until it answers."""
    port = free_port()
    log = tmp / f"web-{port}.log"
    run_env = {k: v for k, v in os.environ.items() if k != "CLAIMS_WEB_SECRET"} | (env or {})
    with open(log, "w") as out:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "claims"), "web", "--port", str(port), "--db", db_url, *extra],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=run_env,
            start_new_session=True,
        )
    prefix = next((extra[i + 1] for i, a in enumerate(extra) if a == "--base-path"), "")
    base = f"http://127.0.0.1:{port}{prefix}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(base + "/login", timeout=2)
            break
        except httpx.HTTPError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop_process(process)
                raise RuntimeError("claims web did not start:\n" + log.read_text()) from None
            time.sleep(0.1)
    return process, base, log


#: Server services a test's flow runs never need (each polls the database on its own loop: CPU on a busy machine),
#: for a real ``prefect server start`` in a test; the scheduler too, so no cron schedule starts runs of its own.
QUIET_SERVICES = {
    f"PREFECT_SERVER_SERVICES_{name}_ENABLED": "false"
    for name in (
        "SCHEDULER",
        "CANCELLATION_CLEANUP",
        "FOREMAN",
        "LATE_RUNS",
        "REPOSSESSOR",
        "CLEANUP_RECONCILER",
        "TRIGGERS",
        "DB_VACUUM",
    )
}


@contextmanager
def running_prefect_server(home: Path, env: dict[str, str], timeout: float = 120) -> Iterator[str]:
    """A real ``prefect server start`` on a free loopback port, PREFECT_HOME ``home``; yields its API URL."""
    home.mkdir(parents=True, exist_ok=True)
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    server_env = {**env, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    server_env.pop("PREFECT_API_URL", None)
    log_path = home / "server.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=server_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("prefect server did not start:\n" + log_path.read_text()[-3000:])
                time.sleep(0.5)
            yield api
        finally:
            stop_process(server)


def run_artifacts(flow_run_id):  # type: ignore[no-untyped-def]
    """The Prefect artifacts a flow run published (read back through the API)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        return client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
