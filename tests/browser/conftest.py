"""A real server and a real browser: uvicorn on a free loopback port over a copy of the demo
database, driven by Debian's headless Chromium through Playwright.

One server and one browser serve the whole session (each test gets a fresh browser context, so
no cookies or downloads leak between tests). Without /usr/bin/chromium the tests are skipped,
unless COALITION_REQUIRE_BROWSER=1 (as CI sets it), in which case they fail.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect, sync_playwright

from coalition.storage.database import sqlite_url
from coalition.web.app import create_app
from tests.web.conftest import _fill

CHROMIUM = Path("/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("COALITION_REQUIRE_BROWSER") == "1"
ARTIFACTS = Path(__file__).parent / "artifacts"
AXE = (
    Path(__file__).resolve().parents[2] / "web-assets" / "node_modules" / "axe-core" / "axe.min.js"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
expect.set_options(timeout=5000)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _browser_missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (install it with: apt-get install -y chromium)"
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip every browser test when there is no browser, unless one is required (then the
    `browser` fixture fails them, saying what is missing)."""
    missing = _browser_missing()
    if missing is None or REQUIRE_BROWSER:
        return
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {missing}"))


class Server:
    """uvicorn in a thread of this process, listening on a socket bound before it starts."""

    def __init__(self, url: str) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.base_url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        config = uvicorn.Config(create_app(url), log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.socket.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database of the browser tests' own: some of them change it (accept a candidate)."""
    path = tmp_path_factory.mktemp("browser") / "demo.sqlite3"
    _fill(sqlite_url(path))
    return path


@pytest.fixture(scope="session")
def server(demo_db: Path) -> Iterator[Server]:
    with Server(sqlite_url(demo_db)) as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    missing = _browser_missing()
    if missing is not None:
        pytest.fail(f"COALITION_REQUIRE_BROWSER=1 but {missing}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, server: Server) -> Iterator[Page]:
    """A page in a fresh context at desktop width; a JavaScript error makes the test fail."""
    context = browser.new_context(base_url=server.base_url, viewport=DESKTOP, accept_downloads=True)
    # Pages answer in milliseconds on loopback: a missing element should fail fast, not in 30 s.
    context.set_default_timeout(5000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def screenshot(tab: Page, name: str) -> Path:
    """Save a full-page screenshot under tests/browser/artifacts/ (gitignored) for people to see."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(scope="session")
def demo_keys(demo_db: Path) -> dict[str, str]:
    """Keys of one record of each kind a page is about, read from the demo database itself."""
    from sqlalchemy import create_engine, select

    from coalition.meetings.models import Meeting
    from coalition.money.models import Pledge
    from coalition.partners.models import Actor, ActorKind
    from coalition.provenance.models import Evidence, Source

    engine = create_engine(sqlite_url(demo_db))
    with engine.connect() as connection:
        first = (
            connection.execute(
                select(Meeting.key)
                .where(Meeting.start_date.is_not(None))
                .order_by(Meeting.start_date)
            )
            .scalars()
            .first()
        )
        keys = {
            "meeting": first,
            "partner": connection.execute(
                select(Actor.key).where(Actor.code == "FRA", Actor.actor_kind == ActorKind.COUNTRY)
            )
            .scalars()
            .first(),
            "pledge": connection.execute(select(Pledge.key).order_by(Pledge.key)).scalars().first(),
            "source": connection.execute(
                select(Source.key)
                .join(Evidence, Evidence.source_id == Source.id)
                .order_by(Source.key)
            )
            .scalars()
            .first(),
        }
    engine.dispose()
    missing = [kind for kind, key in keys.items() if key is None]
    assert not missing, f"the demo database has no {missing}"
    return {kind: str(key) for kind, key in keys.items()}


@pytest.fixture(scope="session")
def reviewer(demo_db: Path) -> str:
    """A secretariat admin in the browser tests' database; its password is signing.PASSWORD."""
    from coalition.storage.database import transaction
    from tests.web.signing import ensure_user

    with transaction(sqlite_url(demo_db)) as session:
        ensure_user(session, "reviewer")
    return "reviewer"


def sign_in(tab: Page, username: str) -> None:
    """Sign in through the real form: the browser keeps the Secure, HttpOnly session cookie."""
    from tests.web.signing import PASSWORD

    tab.goto("/login")
    tab.get_by_label("User name").fill(username)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(re.compile(r"/sharing"))
