"""`coalition serve` is a real HTTP server over a real database file."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from coalition.storage.database import open_database, sqlite_url


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_over_http(tmp_path: Path) -> None:
    db = tmp_path / "served.sqlite3"
    open_database(sqlite_url(db), create=True).dispose()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "coalition", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/v1/partners?per_page=1")
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                assert time.monotonic() < deadline, "server did not start in 30 s"
                time.sleep(0.2)
        assert response.status_code == 200
        assert response.json()["total"] > 100  # the reference countries and organisations
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in output


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    missing = tmp_path / "nope.sqlite3"
    result = subprocess.run(
        [sys.executable, "-m", "coalition", "serve", "--db", str(missing)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "error:" in result.stderr
    assert not missing.exists()
