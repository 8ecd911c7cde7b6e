"""What every page and API shares: friendly errors, local assets, the API documentation."""

from __future__ import annotations

from fastapi.testclient import TestClient

from coalition.web.assets import VENDOR_FILES, missing_vendor_assets
from tests.web.conftest import api, page


def test_unknown_page_is_a_friendly_404(client: TestClient) -> None:
    soup = page(client, "/no/such/page", status=404)
    assert soup.h1.get_text(strip=True) == "Not Found"
    assert "/no/such/page" in soup.main.get_text()
    assert "Traceback" not in soup.get_text()
    # The error page keeps the navigation, so people can carry on.
    assert soup.find("nav", attrs={"aria-label": "Main"}) is not None


def test_unknown_api_path_is_a_json_404(client: TestClient) -> None:
    error = api(client, "/api/v1/no-such-list", status=404)["error"]
    assert error == {"status": 404, "title": "Not Found", "message": error["message"]}
    assert "/api/v1/no-such-list" in error["message"]


def test_openapi_lists_the_api_and_docs_use_local_assets(client: TestClient) -> None:
    schema = api(client, "/api/openapi.json")
    assert "/api/v1/partners" in schema["paths"]
    docs = page(client, "/api/docs")
    # Our own page around Swagger UI: the document language, the site's header and skip link,
    # every script and style from the package, no inline script.
    assert docs.html["lang"] == "en"
    assert docs.find("a", class_="skip") is not None
    assert docs.find(id="api-docs")["data-openapi"] == "/api/openapi.json"
    scripts = [tag.get("src") for tag in docs.find_all("script")]
    assert "/static/vendor/swagger-ui-bundle.js" in scripts and "/static/api-docs.js" in scripts
    assert all(scripts), "no inline script"
    styles = [tag["href"] for tag in docs.find_all("link", rel="stylesheet")]
    assert "/static/vendor/swagger-ui.css" in styles and "/static/api-docs.css" in styles
    for url in [*scripts, *styles]:
        assert url.startswith("/static/") and client.get(url).status_code == 200, url


def test_openapi_declares_the_optional_api_token(client: TestClient) -> None:
    """Swagger UI offers to send a token only if the document declares one; reading the record
    needs none (on this demo), so the declaration must leave it optional."""
    schema = api(client, "/api/openapi.json")
    assert schema["components"]["securitySchemes"]["token"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schema["components"]["securitySchemes"]["token"]["description"],
    }
    assert schema["security"] == [{}, {"token": []}]
    # Asked again, the document is the same one (the declaration is added once, not per call).
    assert api(client, "/api/openapi.json") == schema


def test_every_page_asset_is_served_from_the_package(client: TestClient) -> None:
    assert missing_vendor_assets() == [], "run `make install` to copy the npm assets"
    for name in VENDOR_FILES:
        response = client.get(f"/static/vendor/{name}")
        assert response.status_code == 200, name
        assert len(response.content) > 1000, name
    soup = page(client, "/partners")
    for tag in soup.find_all(["script", "link"]):
        url = tag.get("src") or tag.get("href") or ""
        assert not url.startswith(("http:", "https:", "//")), url
