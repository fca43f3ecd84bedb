"""The pages work with the Content-Security-Policy enforced: htmx, Bootstrap and our scripts
run, and the browser reports no violation."""

import pytest
from playwright.sync_api import expect

from audits.models import Audit

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def enforced_page(browser, live_server, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.console_messages = console
    yield page
    context.close()


def violations(page):
    reported = page.evaluate("window.cspViolations")
    return reported + [text for text in page.console_messages if "Content Security Policy" in text]


def login(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def test_pages_and_htmx_under_the_enforced_policy(enforced_page, demo, burlov_draft):
    page = enforced_page
    audit = Audit.objects.get(municipality__slug="burlov")
    login(page, "revisor.burlov")
    header = page.request.get("/audits/").headers["content-security-policy"]
    assert "script-src 'self'" in header and "style-src 'self'" in header

    for url in ["/audits/", f"/audits/{audit.pk}/", "/recommendations/", "/responses/", f"/recommendations/audit/{audit.pk}/new/"]:
        page.goto(url)
        assert violations(page) == [], url

    # Adding a question swaps the list in place through htmx.
    page.goto(f"/audits/{audit.pk}/questions/")
    rows = page.locator("#questions-section tbody tr")
    before = rows.count()
    page.get_by_label("Revisionsfråga").fill("Finns en plan för digitaliseringen?")
    with page.expect_request(lambda request: request.headers.get("hx-request") == "true"):
        page.get_by_role("button", name="Lägg till fråga").click()
    expect(rows).to_have_count(before + 1)
    expect(page.get_by_text("Finns en plan för digitaliseringen?")).to_be_visible()

    # Bootstrap's collapsing menu on a narrow screen.
    page.set_viewport_size({"width": 400, "height": 800})
    page.get_by_role("button", name="Visa menyn").click()
    expect(page.get_by_role("link", name="Rekommendationer")).to_be_visible()
    assert violations(page) == []

    # The secretary's answer page with its own script.
    page.get_by_role("button", name="Logga ut").click()
    page.set_viewport_size({"width": 1280, "height": 800})
    login(page, "sekr.burlov.ks")
    page.goto(f"/responses/{burlov_draft.pk}/edit/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert violations(page) == []
