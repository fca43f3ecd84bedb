"""Personal access tokens: only a hash stored, expiry, revocation, read or read-write, last
use; the page where users make and revoke their own; the rate limit per token."""

import datetime
import hashlib
import json
import urllib.error
import urllib.request

import pytest
from django.test import Client
from django.utils import timezone

from api.models import AccessToken
from api.throttling import PerTokenThrottle
from api.tokens import create_token

from .factories import make_town

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return make_town()


def bearer(secret):
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_only_the_hash_of_the_secret_is_stored(town):
    token, secret = create_token(town.revisor, "Diariet", "read", 30)
    assert secret.startswith(f"{token.prefix}_") and len(secret) > 40
    stored = AccessToken.objects.filter(pk=token.pk).values().get()
    assert secret not in json.dumps(stored, default=str)
    assert stored["digest"] == hashlib.sha256(secret.encode()).hexdigest()


def test_a_token_acts_as_its_user_until_it_expires_or_is_revoked(town):
    token, secret = create_token(town.ks_staff, "Diariet", "read", 30)
    assert bearer(secret).get("/api/v1/audits/").status_code == 200
    now = timezone.now()
    AccessToken.objects.filter(pk=token.pk).update(
        created_at=now - datetime.timedelta(days=31), expires_at=now - datetime.timedelta(seconds=1)
    )
    assert bearer(secret).get("/api/v1/audits/").status_code == 401

    token, secret = create_token(town.ks_staff, "Diariet", "read", 30)
    AccessToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert bearer(secret).get("/api/v1/audits/").status_code == 401

    token, secret = create_token(town.ks_staff, "Diariet", "read", 30)
    town.ks_staff.is_active = False
    town.ks_staff.save()
    assert bearer(secret).get("/api/v1/audits/").status_code == 401


def test_last_use_is_recorded_at_most_once_a_minute(town):
    token, secret = create_token(town.revisor, "Diariet", "read", 30)
    assert token.last_used_at is None
    bearer(secret).get("/api/v1/audits/")
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    bearer(secret).get("/api/v1/audits/")
    token.refresh_from_db()
    assert token.last_used_at == first
    AccessToken.objects.filter(pk=token.pk).update(last_used_at=first - datetime.timedelta(minutes=2))
    bearer(secret).get("/api/v1/audits/")
    token.refresh_from_db()
    assert token.last_used_at > first - datetime.timedelta(minutes=2)


def test_the_rate_limit_counts_each_token(town, monkeypatch):
    monkeypatch.setattr(PerTokenThrottle, "THROTTLE_RATES", {"token": "3/min"})
    _, first = create_token(town.revisor, "Ett", "read", 30)
    _, second = create_token(town.revisor, "Två", "read", 30)
    client = bearer(first)
    assert [client.get("/api/v1/events/").status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get("/api/v1/events/")
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Förfrågan stoppades eftersom du har skickat för många.")
    assert 0 < int(refused["Retry-After"]) <= 60
    assert bearer(second).get("/api/v1/events/").status_code == 200


def test_the_page_shows_the_secret_once_and_lists_the_tokens(town):
    client = Client()
    client.force_login(town.ks_staff)
    page = client.post("/api/tokens/", {"name": "Diariet", "scope": "read", "valid_days": "90"})
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    token = AccessToken.objects.get(user=town.ks_staff)
    secret = page.context["secret"]
    assert secret in page.content.decode()
    assert token.expires_at.date() == (timezone.now() + datetime.timedelta(days=90)).date()
    assert bearer(secret).get("/api/v1/audits/").status_code == 200

    again = client.get("/api/tokens/").content.decode()
    assert secret not in again
    assert token.prefix in again and "Diariet" in again and "Läsa" in again


def test_the_page_refuses_a_token_without_name_in_swedish(town):
    client = Client()
    client.force_login(town.revisor)
    page = client.post("/api/tokens/", {"name": "", "scope": "skriva", "valid_days": "7"})
    assert page.status_code == 400
    content = page.content.decode()
    assert "Ge nyckeln ett namn." in content
    assert "Välj ett giltigt alternativ." in content
    assert not AccessToken.objects.exists()


def test_users_revoke_only_their_own_tokens(town):
    token, secret = create_token(town.revisor, "Diariet", "read_write", 30)
    other = Client()
    other.force_login(town.ks_staff)
    assert other.post(f"/api/tokens/{token.pk}/revoke/").status_code == 404
    assert bearer(secret).get("/api/v1/audits/").status_code == 200

    owner = Client()
    owner.force_login(town.revisor)
    answer = owner.post(f"/api/tokens/{token.pk}/revoke/", follow=True)
    assert "är återkallad" in answer.content.decode()
    assert bearer(secret).get("/api/v1/audits/").status_code == 401


expect = pytest.importorskip("playwright.sync_api").expect


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_chromium_a_user_makes_a_token_uses_it_and_revokes_it(demo, page, browser_login, axe, live_server):
    browser_login("ks.eskilstuna")
    page.get_by_role("link", name="API-nycklar").click()
    expect(page.get_by_role("heading", name="API-nycklar")).to_be_visible()
    expect(page.get_by_text("Du har inga API-nycklar.")).to_be_visible()
    axe(page)

    page.get_by_role("button", name="Skapa nyckel").click()
    expect(page.get_by_text("Ge nyckeln ett namn.")).to_be_visible()
    axe(page)
    page.get_by_label("Namn på nyckeln").fill("Diariet")
    page.get_by_label("Läsa", exact=True).check()
    page.get_by_label("1 år").check()
    page.get_by_role("button", name="Skapa nyckel").click()
    secret = page.get_by_label("Kopiera nyckeln nu").input_value()
    assert secret.startswith("rsp_")
    axe(page)

    request = urllib.request.Request(f"{live_server.url}/api/v1/audits/", headers={"Authorization": f"Bearer {secret}"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        titles = [audit["title"] for audit in json.load(answer)["results"]]
    assert titles == ["Granskning av kommunens digitaliseringsarbete"]

    page.goto("/api/tokens/")
    expect(page.get_by_label("Kopiera nyckeln nu")).to_have_count(0)
    page.get_by_role("button", name="Återkalla Diariet").click()
    expect(page.get_by_text("Nyckeln ”Diariet” är återkallad")).to_be_visible()
    axe(page)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 401


def test_a_browser_session_reads_but_writes_only_with_the_csrf_token(town):
    client = Client(enforce_csrf_checks=True)
    client.force_login(town.revisor)
    assert client.get("/api/v1/audits/").status_code == 200
    refused = client.post("/api/v1/audits/", {"title": "Utan token", "year": 2030}, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Anropet saknar giltig CSRF-token. Ladda om sidan, eller använd en API-nyckel."}


def test_a_cache_that_does_not_answer_lets_requests_through(town, settings, monkeypatch):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    monkeypatch.setattr(PerTokenThrottle, "THROTTLE_RATES", {"token": "1/min"})
    _, secret = create_token(town.revisor, "Diariet", "read", 30)
    assert [bearer(secret).get("/api/v1/events/").status_code for _ in range(2)] == [200, 200]
