import os
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_JS = Path(__file__).resolve().parent.parent / "static" / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch):
    """Uploaded and generated files go to a temporary directory, not var/private."""
    from audits.models import private_storage

    location = tmp_path / "private"
    monkeypatch.setattr(private_storage, "base_location", str(location))
    monkeypatch.setattr(private_storage, "location", str(location))
    return location


@pytest.fixture
def demo(db):
    """The demo data of the four municipalities."""
    call_command("load_demo", verbosity=0)


@pytest.fixture
def user(django_user_model):
    """Look up a demo user by username."""
    return lambda username: django_user_model.objects.get(username=username)


@pytest.fixture
def client_as(client, user):
    """A test client logged in as the named demo user."""

    def login(username):
        client.force_login(user(username))
        return client

    return login


@pytest.fixture(scope="session")
def browser():
    playwright_sync = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} saknas: installera Debians chromium (make test gör det).")
    with playwright_sync.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, settings):
    # The live server serves static files from the finders, which know no hashed names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def browser_login(page):
    """Log in through the real login form."""

    def login(username, password="demo"):
        page.goto("/accounts/login/")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(password)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_load_state()
        return page

    return login


@pytest.fixture
def axe():
    """Run axe-core on the page and fail on any WCAG 2.1 A/AA violation."""
    source = AXE_JS.read_text(encoding="utf-8")

    def check(page):
        page.add_script_tag(content=source)
        result = page.evaluate(
            """() => axe.run(document, {runOnly: {type: 'tag',
                 values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
        )
        violations = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} st, t.ex. {v['nodes'][0]['target']})"
            for v in result["violations"]
        ]
        assert not violations, f"WCAG-brister på {page.url}:\n" + "\n".join(violations)

    return check


@pytest.fixture
def eager_tasks(settings):
    """Run Celery tasks in the calling process even when REDIS_URL points at a broker."""
    from revisionsspar.celery import app as celery_app

    previous = celery_app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = True
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous
