"""The OpenAPI schema validates, and its documentation page runs under the
Content-Security-Policy from our own static files."""

import json

import pytest
import yaml
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_3(client):
    answer = client.get("/api/v1/schema/")
    assert answer.status_code == 200
    schema = yaml.safe_load(answer.content)
    validate(schema)
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    assert {"/api/v1/audits/", "/api/v1/answers/{id}/submit/", "/api/v1/addressees/{id}/follow-ups/", "/api/v1/events/"} <= set(paths)
    assert set(paths["/api/v1/audits/"]) == {"get", "post"}
    assert schema["components"]["securitySchemes"]["personligNyckel"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "En personlig API-nyckel (rsp_…) som skapas under API-nycklar i Revisionsspår.",
    }
    # Every operation but the schema's own is behind a token or a session.
    for path, operations in paths.items():
        for operation in operations.values():
            assert {"personligNyckel": []} in operation["security"], path
    as_json = client.get("/api/v1/schema/?format=json")
    assert json.loads(as_json.content) == schema


def test_the_documentation_page_needs_no_inline_code_and_no_other_origin(client):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="sv">' in html
    assert "<style" not in html and "<script>" not in html
    assert "cdn" not in html and "//" not in html.replace("http://www.w3.org", "")
    policy = page["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe" not in policy
    script = client.get("/api/v1/docs/?script=")
    assert script["Content-Type"].startswith("application/javascript")
    assert '"/api/v1/schema/"' in script.content.decode()


expect = pytest.importorskip("playwright.sync_api").expect


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_chromium_the_documentation_lists_the_endpoints_without_csp_violations(browser, live_server, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    problems, requests = [], []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/api/v1/docs/")
    expect(page.get_by_text("/api/v1/events/", exact=True).first).to_be_visible(timeout=15_000)
    expect(page.get_by_role("heading", name="Revisionsspår API")).to_be_visible()
    context.close()
    assert not [text for text in problems if "Content Security Policy" in text or "Refused" in text], problems
    assert all(url.startswith(live_server.url) for url in requests), requests
