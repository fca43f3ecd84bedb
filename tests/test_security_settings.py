"""The production response headers, the deploy check, sessions that expire, login lockout,
password hashing and logout by POST only."""

import datetime
import json
import logging
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import identify_hasher
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from committees.middleware import LOGIN_TIME_KEY, RENEW_INTERVAL_SECONDS, RENEWED_AT_KEY
from revisionsspar import settings as project_settings
from revisionsspar.logging import JsonFormatter

from .factories import make_municipality, make_user

PROJECT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "PATH": "/usr/bin:/bin",
    "DJANGO_SETTINGS_MODULE": "revisionsspar.settings",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "revisionsspar.example.se",
}

pytestmark = pytest.mark.django_db


def test_deploy_check_reports_nothing():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env={**PRODUCTION_ENV, "SECRET_KEY": secrets.token_urlsafe(50)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_defaults_without_overrides():
    """HTTPS redirect, HSTS and secure cookies are on unless the environment says otherwise."""
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; print(json.dumps({"
        "'redirect': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS, 'secure': s.SESSION_COOKIE_SECURE,"
        " 'idle': s.SESSION_COOKIE_AGE, 'absolute': s.SESSION_ABSOLUTE_SECONDS, 'proxy': getattr(s, 'SECURE_PROXY_SSL_HEADER', None)}))"
    )
    run = lambda **extra: json.loads(  # noqa: E731
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=PROJECT,
            env={**PRODUCTION_ENV, "SECRET_KEY": "k", **extra},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
    )
    values = run()
    assert values == {
        "redirect": True, "hsts": 31536000, "secure": True, "idle": 1800, "absolute": 43200, "proxy": None
    }
    behind_proxy = run(SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO", SECURE_HSTS_SECONDS="60", SESSION_IDLE_SECONDS="86400")
    assert behind_proxy["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert behind_proxy["hsts"] == 60
    assert behind_proxy["idle"] == 1800


def test_headers_of_a_production_response(client, settings, user, django_user_model):
    settings.SECURE_SSL_REDIRECT = True
    redirect = client.get("/accounts/login/")
    assert redirect.status_code == 301 and redirect["Location"] == "https://testserver/accounts/login/"

    response = client.get("/accounts/login/", secure=True)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert len(response["X-Request-ID"]) == 32
    assert "Server" not in response
    csrf_cookie = response.cookies["csrftoken"]
    assert csrf_cookie["secure"] and csrf_cookie["httponly"] and csrf_cookie["samesite"] == "Lax"

    django_user_model.objects.create_user("ada", password="Ett-långt-lösenord-2026")
    login = client.post(
        "/accounts/login/", {"username": "ada", "password": "Ett-långt-lösenord-2026"}, secure=True
    )
    assert login.status_code == 302
    session_cookie = login.cookies["sessionid"]
    assert session_cookie["secure"] and session_cookie["httponly"] and session_cookie["samesite"] == "Lax"


def test_no_inline_script_or_style_in_any_template():
    for template in (PROJECT / "templates").rglob("*.html"):
        if "pdf" in template.parts or "mail" in template.parts:
            continue  # rendered by WeasyPrint or a mail reader, never under the page's policy
        text = template.read_text(encoding="utf-8")
        assert "<style" not in text, template
        assert " style=" not in text, template
        for tag in text.split("<script")[1:]:
            assert tag.split(">", 1)[0].strip().startswith("src="), template


def test_errors_are_logged_with_traceback_and_request_id_but_not_shown(client, settings, caplog, monkeypatch):
    from audits import views

    def broken(*args, **kwargs):
        raise RuntimeError("hemlig detalj i felet")

    monkeypatch.setattr(views.AuditListView, "get", broken)
    client.raise_request_exception = False
    client.force_login(make_user("revisor", make_municipality()))
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get(reverse("audits:list"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Ett fel uppstod" in page and "hemlig detalj" not in page and "Traceback" not in page
    record = next(r for r in caplog.records if r.name == "django.request")
    assert record.request_id == response["X-Request-ID"]
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == response["X-Request-ID"]
    assert "RuntimeError: hemlig detalj i felet" in line["traceback"]


@pytest.mark.parametrize("status, url", [(404, "/finns-inte/"), (400, "/accounts/login/")])
def test_error_pages_are_swedish(client, status, url):
    response = client.get(url, HTTP_HOST="evil.example.com" if status == 400 else "testserver")
    assert response.status_code == status
    assert ("Sidan finns inte" if status == 404 else "Felaktig begäran") in response.content.decode()


def test_idle_session_expires_after_thirty_minutes(client, django_user_model, settings):
    client.force_login(django_user_model.objects.create_user("ada"))
    assert client.get(reverse("audits:list")).status_code == 200
    session = client.session
    # Activity renews the session for the idle timeout, never longer.
    assert 1790 < session.get_expiry_age() <= 1800
    stored = Session.objects.filter(pk=session.session_key)
    ten_minutes_left = timezone.now() + datetime.timedelta(minutes=10)
    # Within a minute of the last renewal a request does not write the session ...
    stored.update(expire_date=ten_minutes_left)
    assert client.get(reverse("audits:list")).status_code == 200
    assert stored.get().expire_date == ten_minutes_left
    # ... after it, the request renews the full idle timeout.
    session[RENEWED_AT_KEY] = time.time() - RENEW_INTERVAL_SECONDS - 1
    session.save()
    stored.update(expire_date=ten_minutes_left)
    assert client.get(reverse("audits:list")).status_code == 200
    assert stored.get().expire_date > timezone.now() + datetime.timedelta(minutes=29)
    session.set_expiry(-1)  # the last request was more than thirty minutes ago
    session.save()
    response = client.get(reverse("audits:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_session_ends_twelve_hours_after_login_however_active(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("ada"))
    session = client.session
    assert time.time() - session[LOGIN_TIME_KEY] < 5
    session[LOGIN_TIME_KEY] = time.time() - 12 * 60 * 60 + 60
    session.save()
    assert client.get(reverse("audits:list")).status_code == 200
    session = client.session
    session[LOGIN_TIME_KEY] = time.time() - 12 * 60 * 60 - 1
    session.save()
    response = client.get(reverse("audits:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    assert "Din inloggning har gått ut" in client.get(response["Location"]).content.decode()


def test_logout_only_by_post(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("ada"))
    assert client.get(reverse("logout")).status_code == 405
    assert client.get(reverse("audits:list")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("audits:list")).status_code == 302


def test_lockout_per_account_and_address_with_cool_off(client, django_user_model, settings):
    from axes.models import AccessAttempt

    django_user_model.objects.create_user("ada", password="Ett-långt-lösenord-2026")
    attacker = {"REMOTE_ADDR": "203.0.113.9"}
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("login"), {"username": "ada", "password": "fel"}, **attacker)
        assert response.status_code == 200
        assert "Ange ett korrekt användarnamn och lösenord" in response.content.decode()
    locked = client.post(reverse("login"), {"username": "ada", "password": "fel"}, **attacker)
    assert locked.status_code == 429
    assert "Inloggningen är tillfälligt spärrad" in locked.content.decode()
    assert "Försök igen om 15 minuter" in locked.content.decode()
    assert "Kontakta systemadministratören" in locked.content.decode()
    # Even the right password is refused from that address during the cool-off…
    right = {"username": "ada", "password": "Ett-långt-lösenord-2026"}
    assert client.post(reverse("login"), right, **attacker).status_code == 429
    # …while the user logs in from their own address.
    assert Client().post(reverse("login"), right, REMOTE_ADDR="198.51.100.7").status_code == 302
    # After the cool-off the lock is gone.
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - settings.AXES_COOLOFF_TIME)
    assert client.post(reverse("login"), right, **attacker).status_code == 302


def test_behind_one_proxy_only_the_attackers_address_is_locked(django_user_model, settings):
    """Both clients reach the app through the same proxy; the attacker even writes the victim's
    address into X-Forwarded-For himself."""
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR"]
    assert project_settings.IPWARE_STRICT is False
    django_user_model.objects.create_user("ada", password="Ett-långt-lösenord-2026")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    attacker = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9")
    victim = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    for _ in range(settings.AXES_FAILURE_LIMIT + 3):
        attacker.post(reverse("login"), {"username": "ada", "password": "fel"})
    right = {"username": "ada", "password": "Ett-långt-lösenord-2026"}
    assert attacker.post(reverse("login"), right).status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    assert victim.post(reverse("login"), right).status_code == 302


def test_trusted_proxy_count_sets_how_the_client_address_is_read():
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; print(json.dumps("
        "[getattr(s, 'AXES_IPWARE_PROXY_COUNT', None), s.AXES_IPWARE_META_PRECEDENCE_ORDER]))"
    )
    env = {**PRODUCTION_ENV, "SECRET_KEY": "x"}
    read = lambda count: json.loads(  # noqa: E731
        subprocess.run(
            [sys.executable, "-c", script], cwd=PROJECT, env={**env, "TRUSTED_PROXY_COUNT": count},
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout.splitlines()[-1]
    )
    assert read("0") == [None, ["REMOTE_ADDR"]]
    assert read("2") == [1, ["HTTP_X_FORWARDED_FOR"]]


def test_passwords_hashed_with_argon2_and_validated(settings, django_user_model):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    # The suite hashes with a fast hasher; the project's own list is in its settings module.
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = django_user_model.objects.create_user("ada", password="Ett-långt-lösenord-2026")
    assert identify_hasher(user.password).algorithm == "argon2"
    with pytest.raises(ValidationError) as refused:
        validate_password("kort123")
    assert any("för kort" in message for message in refused.value.messages)



def test_gunicorn_settings_in_docker_compose():
    import yaml

    web = yaml.safe_load((PROJECT / "docker-compose.yml").read_text())["services"]["web"]["command"]
    options = dict(option.split("=", 1) for option in web if option.startswith("--"))
    assert web[:2] == ["gunicorn", "revisionsspar.wsgi:application"]
    assert {"--workers", "--timeout", "--graceful-timeout", "--max-requests", "--max-requests-jitter"} <= set(options)
    assert int(options["--timeout"]) <= 60 and int(options["--max-requests-jitter"]) > 0
    assert options["--access-logfile"] == "-"


def test_overlong_username_is_refused_before_the_lockout_records_it(client, db):
    response = client.post(reverse("login"), {"username": "x" * 300, "password": "fel"})
    assert response.status_code == 200
    assert "150 tecken" in response.content.decode()
    assert not AccessAttempt.objects.exists()
