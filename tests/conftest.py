import contextlib
import email
import email.policy
import os
import socket
import threading
import time
from pathlib import Path

import axe_playwright_python
import pytest
from django.core.management import call_command
from django.db import OperationalError

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# axe-core as the axe-playwright-python test dependency ships it; it never reaches static/.
AXE_JS = Path(axe_playwright_python.__file__).resolve().parent / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def unavailable(reason):
    """Skip a test whose outside resource (the seeds, Redis) is missing on a developer's
    machine; in CI, where every resource must be there, fail with the reason instead."""
    if os.environ.get("CI"):
        pytest.fail(f"CI saknar det testet behöver: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts without the filter choices an earlier test cached: the databases
    reuse ids once a test's rows are rolled back."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch):
    """Uploaded and generated files go to a temporary directory, not var/private."""
    from core.storage import private_storage

    location = tmp_path / "private"
    monkeypatch.setattr(private_storage, "base_location", str(location))
    monkeypatch.setattr(private_storage, "location", str(location))
    return location


@pytest.fixture
def demo(db, settings):
    """The demo data of the four municipalities, loaded as in development (password "demo")."""
    debug, settings.DEBUG = settings.DEBUG, True
    call_command("load_demo", verbosity=0)
    settings.DEBUG = debug


@pytest.fixture
def burlov_draft(demo):
    """A fresh draft of Burlöv's open case: kommunstyrelsen must answer two recommendations."""
    from audits.models import Recipient
    from responses.services import get_or_create_draft

    return get_or_create_draft(Recipient.objects.get(audit__municipality__slug="burlov", committee__short_name="KS"))


@pytest.fixture
def user(django_user_model):
    """Look up a demo user by username."""
    return lambda username: django_user_model.objects.get(username=username)


def verify_second_factor(client, user):
    """Give the user an app and mark the client's session as verified with it, as the code
    step of the login does; administrators reach the admin only so."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(user=user, name="App")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def client_as(client, user):
    """A test client logged in as the named demo user (administrators with a verified second factor)."""

    def login(username):
        logged_in = user(username)
        client.force_login(logged_in)
        if logged_in.is_staff:
            verify_second_factor(client, logged_in)
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


TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _forget_broker_connections(app):
    # Celery creates its producer pool on first use with the broker URL of that moment;
    # app.close() would also unregister the app from shared tasks, so drop the pools only.
    app._pool = None
    app.amqp._producer_pool = None


@contextlib.contextmanager
def _celery_config(**changes):
    from revisionsspar.celery import app

    saved = {key: app.conf[key] for key in changes}
    app.conf.update(changes)
    _forget_broker_connections(app)
    try:
        yield app
    finally:
        app.conf.update(saved)
        _forget_broker_connections(app)


@pytest.fixture
def eager_celery():
    """Tasks run in-process when dispatched, as in the embedded default (no REDIS_URL)."""
    with _celery_config(task_always_eager=True) as app:
        yield app


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker thread consuming from a test database of the real Redis broker."""
    from celery.contrib.testing.worker import start_worker
    from kombu import Connection

    try:
        with Connection(TEST_REDIS_URL, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=1, timeout=2)
    except Exception:
        unavailable(f"Ingen Redis på {TEST_REDIS_URL}")
    with _celery_config(task_always_eager=False, broker_url=TEST_REDIS_URL) as app:
        app.control.purge()
        with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
            yield app
        app.control.purge()


@pytest.fixture
def wait_for():
    """Poll until condition() is true, for work done by the worker thread."""

    def holds(condition):
        try:
            return condition()
        except OperationalError:
            # SQLite's shared in-memory test database refuses a read while the worker writes.
            return False

    def wait(condition, timeout=30, message="villkoret uppfylldes inte"):
        deadline = time.monotonic() + timeout
        while not holds(condition):
            if time.monotonic() > deadline:
                pytest.fail(f"{message} inom {timeout} s")
            time.sleep(0.1)

    return wait


class _SmtpRecorder:
    """aiosmtpd handler that keeps every accepted message and can refuse the next ones."""

    def __init__(self):
        self.messages = []
        self.refusals_left = 0
        self.refused = 0
        self._lock = threading.Lock()

    def refuse_next(self, count):
        with self._lock:
            self.refusals_left = count

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            if self.refusals_left:
                self.refusals_left -= 1
                self.refused += 1
                return "451 4.3.0 Tillfälligt fel, försök igen senare"
            self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback; Django's SMTP backend is pointed at it."""
    from aiosmtpd.controller import Controller

    recorder = _SmtpRecorder()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    yield recorder
    controller.stop()


def pytest_terminal_summary(terminalreporter):
    """Print what the security tests walked and tried."""
    from .security import COUNTS

    if COUNTS:
        terminalreporter.section("säkerhetstesternas räkning")
        for name, value in COUNTS.items():
            terminalreporter.write_line(f"{name}: {value}")
