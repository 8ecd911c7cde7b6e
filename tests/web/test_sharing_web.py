"""The sharing space over HTTP, on SQLite and PostgreSQL: every channel against the expected
readers of each item (tests/sharing/world.py), with real sign-in, CSRF tokens and API tokens."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest
from bs4 import BeautifulSoup
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from coalition.storage.database import open_database
from coalition.web.app import create_app
from coalition.web.auth import declared_permission
from tests.conftest import BACKENDS, fresh_database
from tests.sharing.world import EXPECTED, USERS, add_items, add_users
from tests.web.signing import PASSWORD, sign_in, token_for

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module", params=BACKENDS)
def shared_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    for url in fresh_database(request.param, request, tmp_path_factory.mktemp("sharing-web")):
        engine = open_database(url)
        session: Session = sessionmaker(engine)()
        add_items(session, add_users(session))
        session.commit()
        session.close()
        engine.dispose()
        yield url


@pytest.fixture(scope="module")
def app_client(shared_url: str) -> Iterator[TestClient]:
    app = create_app(shared_url)
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as c:
        yield c
    app.state.engine.dispose()


@pytest.fixture(scope="module")
def tokens(shared_url: str) -> dict[str, str]:
    return {name: token_for(shared_url, name) for name in USERS}


def get(client: TestClient, url: str, token: str | None, status: int = 200) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.get(url, headers=headers)
    assert response.status_code == status, f"{url}: {response.status_code} {response.text[:300]}"
    return response


def titles(rows: list[dict[str, Any]]) -> set[str]:
    return {row["title"].removeprefix("Report ") for row in rows}


def test_every_route_declares_the_permission_it_needs(app_client: TestClient) -> None:
    undeclared = []
    for route in app_client.app.routes:  # type: ignore[attr-defined]
        if not isinstance(route, APIRoute):
            continue
        calls = []
        stack = [route.dependant]
        while stack:
            dependant = stack.pop()
            calls.append(dependant.call)
            stack.extend(dependant.dependencies)
        if not any(declared_permission(call) for call in calls):
            undeclared.append(route.path)
    assert undeclared == []


@pytest.mark.parametrize("name", list(USERS))
def test_each_user_gets_exactly_its_items_on_every_api_channel(
    app_client: TestClient, tokens: dict[str, str], name: str
) -> None:
    token, expected = tokens[name], EXPECTED[name]
    listed = get(app_client, "/api/v1/sharing/items?per_page=100", token).json()
    assert titles(listed["items"]) == expected and listed["total"] == len(expected)
    paged = [
        get(app_client, f"/api/v1/sharing/items?per_page=1&page={n}", token).json()
        for n in range(1, 8)
    ]
    assert titles([row for page in paged for row in page["items"]]) == expected
    assert {page["total"] for page in paged} == {len(expected)}
    found = get(app_client, "/api/v1/sharing/items?q=strict", token).json()
    assert titles(found["items"]) == {"strict"} & expected and found["total"] <= 1
    news = get(app_client, "/api/v1/sharing/notifications?since=2000-01-01T00:00:00Z", token)
    assert titles(news.json()["items"]) == expected
    every = get(app_client, "/api/v1/sharing/items?per_page=100", tokens["usa"]).json()[
        "items"
    ]  # the originator sees all, so the ids of the hidden ones are known
    missing = get(app_client, "/api/v1/sharing/items/999999", token, 404).json()
    for row in every:
        title = row["title"].removeprefix("Report ")
        for ident in (str(row["id"]), row["uuid"]):
            url = f"/api/v1/sharing/items/{ident}"
            if title in expected:
                item = get(app_client, url, token).json()
                assert [c["body"] for c in item["comments"]] == [f"Note on {title}"]
            else:
                refused = get(app_client, url, token, 404).json()
                # The same answer as for an item that does not exist, apart from the id.
                assert refused["error"]["message"] == f"no shared item {ident!r}"
                assert refused["error"].keys() == missing["error"].keys()


@pytest.mark.parametrize("name", list(USERS))
def test_exports_hold_exactly_the_readers_items(
    app_client: TestClient, tokens: dict[str, str], name: str
) -> None:
    token, expected = tokens[name], EXPECTED[name]
    as_json = get(app_client, "/sharing.json", token).json()
    assert titles(as_json) == expected
    as_csv = list(csv.DictReader(io.StringIO(get(app_client, "/sharing.csv", token).text)))
    assert titles(as_csv) == expected
    stix = get(app_client, "/sharing.stix", token)
    assert stix.headers["content-type"].startswith("application/stix+json")
    objects = stix.json()["objects"]
    notes = [o for o in objects if o["type"] == "note"]
    assert {n["abstract"].removeprefix("Report ") for n in notes} == expected
    ids = {o["id"] for o in objects}
    for note in notes:
        # Every marking a note refers to is in the bundle, and the statement names its release.
        assert set(note["object_marking_refs"]) <= ids
    if "red" in expected:
        red = next(n for n in notes if n["abstract"] == "Report red")
        assert (
            "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1" in red["object_marking_refs"]
        )


def test_the_audit_view_needs_its_permission_and_hides_invisible_items(
    app_client: TestClient, tokens: dict[str, str]
) -> None:
    for name in ("usa", "gbr", "analyst", "outsider"):
        get(app_client, "/api/v1/audit/events", tokens[name], 403)
    events = get(app_client, "/api/v1/audit/events?per_page=500", tokens["sec"]).json()
    subjects = {e["subject"] for e in events["items"]}
    visible = {
        row["id"]
        for row in get(app_client, "/api/v1/sharing/items?per_page=100", tokens["sec"]).json()[
            "items"
        ]
    }
    shown_items = {int(s.split(":")[1]) for s in subjects if s.startswith("item:")}
    hidden_parents = {
        row["id"]
        for row in get(app_client, "/api/v1/sharing/items?per_page=100", tokens["usa"]).json()[
            "items"
        ]
    } - visible
    assert visible <= shown_items and not (hidden_parents & shown_items)
    assert events["total"] == len(events["items"])


def test_visitors_are_sent_to_sign_in_and_programs_get_401(app_client: TestClient) -> None:
    away = app_client.get("/sharing", follow_redirects=False)
    assert away.status_code == 303 and away.headers["location"].startswith("/login?next=")
    refused = app_client.get("/api/v1/sharing/items")
    assert refused.status_code == 401 and refused.json()["error"]["status"] == 401
    assert app_client.get("/sharing.stix", follow_redirects=False).status_code == 303
    assert app_client.get("/api/v1/partners?per_page=1").status_code == 200  # the record is open


def _signed_in(shared_url: str, name: str) -> tuple[TestClient, str]:
    client = TestClient(create_app(shared_url), base_url="https://testserver")
    return client, sign_in(client, name, PASSWORD)


def test_pages_show_exactly_the_readers_items_and_forms_need_the_csrf_token(
    shared_url: str,
) -> None:
    client, csrf = _signed_in(shared_url, "gbr")
    with client:
        cookie = client.cookies.jar
        assert any(c.name == "coalition_session" and c.secure for c in cookie)
        soup = BeautifulSoup(client.get("/sharing").text, "html.parser")
        rows = soup.select("main table tbody tr td:first-child a")
        assert {a.text.removeprefix("Report ") for a in rows} == EXPECTED["gbr"]
        item = next(a["href"] for a in rows if a.text == "Report for-gbr")
        forged = client.post(f"{item}/comments", data={"body": "no token"}, follow_redirects=False)
        assert forged.status_code == 403
        posted = client.post(
            f"{item}/comments",
            data={"body": "With token", "csrf_token": csrf},
            follow_redirects=False,
        )
        assert posted.status_code == 303
        page = BeautifulSoup(client.get(item).text, "html.parser")
        assert "With token" in page.select_one("#comments").text
        assert client.get("/sharing/" + "0" * 8 + "-0000-0000-0000-" + "0" * 12).status_code == 404


def test_attachments_are_sniffed_limited_and_read_only_by_those_who_see_the_item(
    app_client: TestClient, tokens: dict[str, str]
) -> None:
    usa = {"Authorization": f"Bearer {tokens['usa']}"}
    items = get(app_client, "/api/v1/sharing/items?per_page=100", tokens["usa"]).json()["items"]
    target = next(i for i in items if i["title"] == "Report for-gbr")
    url = f"/api/v1/sharing/items/{target['uuid']}/attachments"
    made = app_client.post(url, headers=usa, files={"file": ("brief.txt", PDF)})
    assert made.status_code == 201, made.text
    attachment = made.json()
    for bad, why in [
        (("page.html", b"<html><script>alert(1)</script></html>"), "markup"),
        (("tool.exe", b"MZ\x90\x00\x03\x00\x00\x00"), "not an accepted file type"),
        (("big.txt", b"a" * (10 * 1024 * 1024 + 1)), "over 10 MB"),
        (("empty.txt", b""), "empty"),
    ]:
        refused = app_client.post(url, headers=usa, files={"file": bad})
        assert refused.status_code == 400 and why in refused.json()["error"]["message"]
    download = f"/api/v1/sharing/files/{attachment['uuid']}"
    got = get(app_client, download, tokens["gbr"])
    assert got.content == PDF and got.headers["content-type"] == "application/pdf"
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["content-disposition"].startswith("attachment")
    for name in ("analyst", "outsider", "sec"):
        get(app_client, download, tokens[name], 404)
    shown = get(app_client, f"/api/v1/sharing/items/{target['uuid']}", tokens["gbr"]).json()
    assert [a["filename"] for a in shown["attachments"]] == ["brief.txt"]


def test_markdown_and_names_cannot_carry_script(
    app_client: TestClient, tokens: dict[str, str]
) -> None:
    usa = {"Authorization": f"Bearer {tokens['usa']}"}
    body = (
        "Hello <script>alert(1)</script> [click](javascript:alert(2)) "
        '<img src=x onerror="alert(3)"> **bold**'
    )
    made = app_client.post(
        "/api/v1/sharing/items",
        headers=usa,
        json={
            "title": "<script>alert(4)</script>",
            "body": body,
            "label": {"classification": "UNCLASSIFIED", "releasable_to": ["GBR"]},
        },
    )
    assert made.status_code == 201, made.text
    html = get(app_client, f"/sharing/{made.json()['uuid']}", tokens["gbr"]).text
    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one("main")
    assert main is not None
    assert not main.find_all("script") and not main.find_all("img")
    assert all(not a.get("href", "").startswith("javascript") for a in main.find_all("a"))
    assert not any(attr.startswith("on") for tag in main.find_all(True) for attr in tag.attrs)
    rendered = main.select_one("article .body strong")
    assert rendered is not None and rendered.text == "bold"
    assert "<script>alert(4)</script>" in main.find("h1").text  # shown as text, not run


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ({"classification": "COSMIC"}, "unknown classification"),
        ({"classification": "SECRET", "version": 7}, "unknown policy"),
        ({"classification": "SECRET", "policy": "forged", "version": 1}, "unknown policy"),
        ({"classification": "SECRET", "groups": ["nobody"]}, "unknown group"),
        ({"classification": "SECRET", "caveats": ["EYES-ONLY"]}, "unknown caveat"),
        ({"classification": "SECRET", "tlp": "PURPLE"}, "unknown TLP"),
        ({"classification": "SECRET", "releasable_to": ["XXX"]}, "unknown partner"),
    ],
)
def test_forged_and_unknown_labels_are_refused(
    app_client: TestClient, tokens: dict[str, str], label: dict[str, Any], message: str
) -> None:
    before = get(app_client, "/api/v1/sharing/items", tokens["usa"]).json()["total"]
    refused = app_client.post(
        "/api/v1/sharing/items",
        headers={"Authorization": f"Bearer {tokens['usa']}"},
        json={"title": "Forged", "label": label},
    )
    assert refused.status_code == 400 and message in refused.json()["error"]["message"]
    assert get(app_client, "/api/v1/sharing/items", tokens["usa"]).json()["total"] == before


def test_sql_in_search_sort_and_filters_is_data_not_code(
    app_client: TestClient, tokens: dict[str, str]
) -> None:
    for q in ("' OR '1'='1", "%", "_", "\\"):
        found = get(app_client, f"/api/v1/sharing/items?q={q}", tokens["outsider"]).json()
        assert found["total"] == 0
    hostile = "amount; DROP TABLE pledges; --"
    answer = app_client.get("/api/v1/pledges", params={"sort": hostile})
    assert answer.status_code == 400 and answer.json()["error"]["status"] == 400
    assert app_client.get("/api/v1/pledges?per_page=1").status_code == 200


def test_role_and_partner_boundaries_on_user_management(
    app_client: TestClient, tokens: dict[str, str]
) -> None:
    def post(name: str, url: str, body: dict[str, Any]) -> Any:
        return app_client.post(url, headers={"Authorization": f"Bearer {tokens[name]}"}, json=body)

    new = {
        "username": "newbie",
        "role": "partner_officer",
        "clearance": "RESTRICTED",
        "password": PASSWORD,
    }
    assert post("outsider", "/api/v1/users", {**new, "partner": "USA"}).status_code == 403
    as_admin = {**new, "partner": "BRA", "role": "secretariat_admin"}
    assert post("outsider", "/api/v1/users", as_admin).status_code == 403
    to_admin = {"role": "secretariat_admin"}
    assert post("outsider", "/api/v1/users/outsider/role", to_admin).status_code == 403
    assert post("usa", "/api/v1/users/usa/role", {"role": "partner_admin"}).status_code == 403
    assert post("analyst", "/api/v1/users", {**new, "partner": "IRQ"}).status_code == 403
    made = post("outsider", "/api/v1/users", {**new, "partner": "BRA"})
    assert made.status_code == 201 and made.json()["partner"] == "BRA"
    listed = get(app_client, "/api/v1/users", tokens["outsider"]).json()["items"]
    assert {u["partner"] for u in listed} == {"BRA"}


def test_a_revoked_or_unknown_token_is_refused(app_client: TestClient, shared_url: str) -> None:
    client, csrf = _signed_in(shared_url, "analyst")
    with client:
        made = client.post(
            "/account/tokens",
            data={
                "name": "script",
                "scopes": ["sharing:item:read"],
                "days": "2",
                "csrf_token": csrf,
            },
        )
        assert made.status_code == 201
        secret = BeautifulSoup(made.text, "html.parser").select_one("#new-token").text
        assert get(app_client, "/api/v1/sharing/items", secret).json()["total"] == 1
        # The token carries its scopes only: reading the record was not among them.
        get(app_client, "/api/v1/partners", secret, 403)
        button = BeautifulSoup(made.text, "html.parser").select_one(
            "button[aria-label='Revoke token script']"
        )
        assert button is not None
        row = button.find_parent("form")
        assert row is not None
        revoked = client.post(row["action"], data={"csrf_token": csrf}, follow_redirects=False)
        assert revoked.status_code == 303
        beyond = client.post(
            "/account/tokens",
            data={"name": "more", "scopes": ["audit:event:read"], "csrf_token": csrf},
        )
        assert beyond.status_code == 400  # a token never carries more than its user's role
    get(app_client, "/api/v1/sharing/items", secret, 401)
    get(app_client, "/api/v1/sharing/items", "coal_not-a-real-token", 401)
    # A page asked for with a token that no longer works answers 401, not the sign-in page:
    # asked for with the same token, that page would send the client there again and again.
    for page in ("/account", "/login", "/sharing"):
        for token in (secret, "coal_not-a-real-token"):
            answer = app_client.get(
                page, headers={"Authorization": f"Bearer {token}"}, follow_redirects=False
            )
            assert answer.status_code == 401, page
            assert answer.headers["www-authenticate"].startswith("Bearer")


def test_a_closed_deployment_needs_an_account_even_to_read_the_record(shared_url: str) -> None:
    app = create_app(shared_url, public_read=False)
    with TestClient(app, base_url="https://testserver") as client:
        assert client.get("/api/v1/partners").status_code == 401
        assert client.get("/partners", follow_redirects=False).status_code == 303
        assert client.get("/login").status_code == 200  # the way in stays open
        token = token_for(shared_url, "analyst")
        signed = client.get("/api/v1/partners", headers={"Authorization": f"Bearer {token}"})
        assert signed.status_code == 200
    app.state.engine.dispose()


def test_a_partner_name_with_script_is_shown_as_text(shared_url: str) -> None:
    from coalition.partners.models import Actor, ActorKind
    from coalition.provenance.services import manual
    from coalition.storage.database import transaction

    with transaction(shared_url) as session:
        session.add(
            Actor(
                evidence=[manual("tests")],
                key="XSS",
                actor_kind=ActorKind.ORGANISATION,
                name='<script>alert("partner")</script><img src=x onerror=alert(1)>',
            )
        )
    app = create_app(shared_url)
    with TestClient(app, base_url="https://testserver") as client:
        for url in ("/partners/XSS", "/partners?kind=organisation&per_page=500"):
            html = client.get(url).text
            main = BeautifulSoup(html, "html.parser").select_one("main")
            assert main is not None and not main.find_all(["script", "img"]), url
            assert '<script>alert("partner")</script>' in main.get_text(), url
    app.state.engine.dispose()


def test_a_tokens_last_use_is_kept_without_a_write_per_request(
    app_client: TestClient, shared_url: str
) -> None:
    from sqlalchemy import select

    from coalition.accounts.models import ApiToken
    from coalition.storage.database import transaction

    secret = token_for(shared_url, "gbr")

    def last_use() -> object:
        with transaction(shared_url) as session:
            tokens = session.scalars(select(ApiToken).order_by(ApiToken.id.desc())).all()
            return tokens[0].last_used_at

    assert last_use() is None
    get(app_client, "/api/v1/sharing/items", secret)
    first = last_use()
    assert first is not None
    get(app_client, "/api/v1/sharing/items", secret)
    assert last_use() == first  # the second use, minutes within the first, wrote nothing


def test_a_title_that_looks_like_a_formula_is_exported_as_text(
    app_client: TestClient, tokens: dict[str, str]
) -> None:
    made = app_client.post(
        "/api/v1/sharing/items",
        headers={"Authorization": f"Bearer {tokens['usa']}"},
        json={
            "title": '=HYPERLINK("http://example.invalid","open")',
            "label": {"classification": "UNCLASSIFIED"},
        },
    )
    assert made.status_code == 201
    rows = list(csv.DictReader(io.StringIO(get(app_client, "/sharing.csv", tokens["usa"]).text)))
    titles_written = {row["title"] for row in rows}
    assert '\'=HYPERLINK("http://example.invalid","open")' in titles_written
    as_json = get(app_client, "/sharing.json", tokens["usa"]).json()
    assert made.json()["title"] in {row["title"] for row in as_json}  # JSON keeps it as it is


def test_disabling_users_keeps_to_the_managers_own_partner(
    app_client: TestClient, tokens: dict[str, str], shared_url: str
) -> None:
    def disable(by: str, whom: str) -> int:
        headers = {"Authorization": f"Bearer {tokens[by]}"}
        return app_client.post(f"/api/v1/users/{whom}/disable", headers=headers).status_code

    assert disable("outsider", "usa") == 403  # another partner's officer
    assert disable("usa", "gbr") == 403  # officers manage nobody
    assert disable("sec", "sec") == 403  # nobody disables themselves
    assert disable("sec", "nobody") == 404
    spare = token_for(shared_url, "spare-admin")  # a user to disable without harming others
    assert get(app_client, "/api/v1/sharing/items", spare).status_code == 200
    assert disable("sec", "spare-admin") == 200
    get(app_client, "/api/v1/sharing/items", spare, 401)  # its token stops working with it


def test_relabel_and_labelled_comments_through_the_api(
    app_client: TestClient, tokens: dict[str, str]
) -> None:
    def send(method: str, name: str, url: str, body: dict[str, Any]) -> Any:
        headers = {"Authorization": f"Bearer {tokens[name]}"}
        return app_client.request(method, url, headers=headers, json=body)

    made = send(
        "POST",
        "usa",
        "/api/v1/sharing/items",
        {
            "title": "Relabel me",
            "label": {"classification": "RESTRICTED", "releasable_to": ["GBR"]},
        },
    ).json()
    url = f"/api/v1/sharing/items/{made['uuid']}"
    narrower = {"classification": "SECRET", "releasable_to": ["GBR"]}
    note = send("POST", "gbr", f"{url}/comments", {"body": "ok", "label": narrower})
    assert note.status_code == 400  # GBR is cleared to CONFIDENTIAL: it could not read it back
    note = send("POST", "usa", f"{url}/comments", {"body": "ours", "label": narrower})
    assert note.status_code == 201 and note.json()["originator"] == "USA"
    assert send("PUT", "gbr", f"{url}/label", {"classification": "RESTRICTED"}).status_code == 403
    moved = send("PUT", "usa", f"{url}/label", {"classification": "CONFIDENTIAL"})
    assert moved.status_code == 200 and moved.json()["releasable_to"] == []
    get(app_client, url, tokens["gbr"], 404)  # no longer released to GBR


def test_the_audit_page_lists_what_the_api_lists(shared_url: str) -> None:
    from tests.web.conftest import table_rows

    client, _ = _signed_in(shared_url, "sec")
    with client:
        soup = BeautifulSoup(client.get("/audit?per_page=500").text, "html.parser")
        token = token_for(shared_url, "sec")
        listed = client.get(
            "/api/v1/audit/events?per_page=500", headers={"Authorization": f"Bearer {token}"}
        ).json()
    rows = table_rows(soup, "Events")
    assert [int(row[0]) for row in rows] == [e["seq"] for e in listed["items"]]
    assert rows and all(row[3] for row in rows)


def test_a_user_added_through_the_api_needs_a_known_clearance_and_caveats(
    app_client: TestClient, tokens: dict[str, str]
) -> None:
    headers = {"Authorization": f"Bearer {tokens['sec']}"}
    new = {"username": "cleared", "role": "analyst", "partner": "FRA", "password": PASSWORD}
    for bad, why in [
        ({"clearance": "COSMIC"}, "unknown clearance"),
        ({"clearance": "SECRET", "caveats": ["EYES-ONLY"]}, "unknown caveat"),
    ]:
        refused = app_client.post("/api/v1/users", headers=headers, json={**new, **bad})
        assert refused.status_code == 400 and why in refused.json()["error"]["message"]
    made = app_client.post("/api/v1/users", headers=headers, json={**new, "clearance": "SECRET"})
    assert made.status_code == 201 and made.json()["clearance"] == "SECRET"
