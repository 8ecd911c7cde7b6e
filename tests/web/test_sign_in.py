"""Signing in through the real form: cookies, login CSRF, lockout, throttling, safe redirects."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from coalition.storage.database import transaction
from coalition.web.app import create_app
from tests.web.signing import PASSWORD, ensure_user


@pytest.fixture
def app_url(db_url: str) -> str:
    with transaction(db_url) as session:
        for name in ("alice", "bob", "carol"):
            ensure_user(session, name)
    return db_url


@pytest.fixture
def client(app_url: str) -> Iterator[TestClient]:
    app = create_app(app_url)
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as c:
        yield c
    app.state.engine.dispose()


def login_form(client: TestClient, next: str = "/sharing") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(f"/login?next={next}").text)
    assert found is not None
    return found.group(1)


def attempt(client: TestClient, user: str, password: str, next: str = "/sharing") -> int:
    csrf = login_form(client, next)
    data = {"username": user, "password": password, "csrf_token": csrf, "next": next}
    return client.post("/login", data=data).status_code


def test_a_good_login_sets_a_locked_down_cookie_and_a_bad_one_says_little(
    client: TestClient,
) -> None:
    csrf = login_form(client)
    wrong = client.post("/login", data={"username": "alice", "password": "nope nope nope",
                                        "csrf_token": csrf})  # fmt: skip
    unknown = client.post("/login", data={"username": "zed", "password": "nope nope nope",
                                          "csrf_token": csrf})  # fmt: skip
    assert wrong.status_code == unknown.status_code == 401
    assert (
        "wrong username or password" in wrong.text and "wrong username or password" in unknown.text
    )
    good = client.post(
        "/login", data={"username": "alice", "password": PASSWORD, "csrf_token": csrf}
    )
    assert good.status_code == 303 and good.headers["location"] == "/sharing"
    cookie = good.headers["set-cookie"].lower()
    for flag in ("secure", "httponly", "samesite=strict", "path=/"):
        assert flag in cookie
    assert client.get("/account").status_code == 200
    signed_out = client.post("/logout", headers={"X-CSRF-Token": _csrf(client)})
    assert signed_out.status_code == 303
    assert client.get("/account").status_code == 303  # back to the sign-in form


def _csrf(client: TestClient) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/account").text)
    assert found is not None
    return found.group(1)


def test_a_login_without_the_forms_token_is_refused(client: TestClient) -> None:
    refused = client.post("/login", data={"username": "alice", "password": PASSWORD})
    assert refused.status_code == 403
    assert client.get("/account").status_code == 303


def test_five_failures_lock_the_account_even_with_the_right_password(client: TestClient) -> None:
    for _ in range(5):
        assert attempt(client, "bob", "wrong password!") == 401
    assert attempt(client, "bob", PASSWORD) == 401
    page = client.get("/login")
    assert page.status_code == 200
    assert attempt(client, "carol", PASSWORD) == 303  # other accounts are not affected


def test_a_client_that_keeps_failing_is_slowed_down(client: TestClient) -> None:
    codes = [attempt(client, f"user{n}", "wrong password!") for n in range(12)]
    assert codes[:10] == [401] * 10 and codes[10:] == [429, 429]


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil"])
def test_sign_in_never_redirects_off_the_site(client: TestClient, target: str) -> None:
    csrf = login_form(client)
    data = {"username": "alice", "password": PASSWORD, "csrf_token": csrf, "next": target}
    response = client.post("/login", data=data)
    assert response.status_code == 303 and response.headers["location"] == "/sharing"
