"""The first pages per role, and the tenancy rule: another municipality's data is a 404."""

import socket

import pytest

from audits.models import Audit
from responses.models import Response

from .conftest import unavailable

pytestmark = pytest.mark.django_db

ESKILSTUNA_TITLE = "Granskning av kommunens digitaliseringsarbete"


@pytest.fixture
def eskilstuna_audit(demo):
    return Audit.objects.get(municipality__slug="eskilstuna")


def test_login_page_is_swedish(client):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert '<html lang="sv">' in page.content.decode()
    assert "Användarnamn" in page.content.decode()


def test_login_with_demo_password(client, demo):
    response = client.post("/accounts/login/", {"username": "revisor.eskilstuna", "password": "demo"})
    assert response.status_code == 302
    assert client.get("/audits/").status_code == 200


def test_pages_need_login(client, eskilstuna_audit):
    for url in ["/audits/", f"/audits/{eskilstuna_audit.pk}/", "/recommendations/", "/responses/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_audit_list_shows_only_own_municipality(client_as, eskilstuna_audit):
    content = client_as("revisor.eskilstuna").get("/audits/").content.decode()
    assert ESKILSTUNA_TITLE in content
    assert "Huddinge" not in content
    for other in Audit.objects.exclude(municipality__slug="eskilstuna"):
        assert other.title not in content


def test_eskilstuna_detail_shows_recipients_deadlines_and_answers(client_as, eskilstuna_audit):
    page = client_as("revisor.eskilstuna").get(f"/audits/{eskilstuna_audit.pk}/")
    assert page.status_code == 200
    content = page.content.decode()
    recipients = eskilstuna_audit.recipients.select_related("committee", "response")
    assert recipients.count() == 7
    for recipient in recipients:
        assert recipient.committee.name in content
        assert recipient.response.paragraf_display in content
        assert recipient.response.diarienummer in content
        assert f"/responses/{recipient.response.pk}/" in content
    assert "2023-03-24" in content
    assert "2023-03-20" in content


@pytest.mark.parametrize("username", ["revisor.huddinge", "ks.huddinge", "sekr.huddinge.kfn", "sekr.eskilstuna.gsn"])
def test_other_users_get_404_on_eskilstuna_kfn_case(client_as, eskilstuna_audit, username):
    kfn_response = Response.objects.get(recipient__audit=eskilstuna_audit, recipient__committee__short_name="KFN")
    client = client_as(username)
    if not username.startswith("sekr.eskilstuna"):
        assert client.get(f"/audits/{eskilstuna_audit.pk}/").status_code == 404
    assert client.get(f"/responses/{kfn_response.pk}/").status_code == 404


@pytest.mark.parametrize("username", ["revisor.eskilstuna", "ks.eskilstuna", "sekr.eskilstuna.kfn"])
def test_eskilstuna_users_read_the_case(client_as, eskilstuna_audit, username):
    client = client_as(username)
    assert client.get(f"/audits/{eskilstuna_audit.pk}/").status_code == 200
    kfn_response = Response.objects.get(recipient__audit=eskilstuna_audit, recipient__committee__short_name="KFN")
    assert client.get(f"/responses/{kfn_response.pk}/").status_code == 200


def test_secretary_sees_only_own_committees_answer_links(client_as, eskilstuna_audit):
    content = client_as("sekr.eskilstuna.kfn").get(f"/audits/{eskilstuna_audit.pk}/").content.decode()
    visible = Response.objects.filter(recipient__audit=eskilstuna_audit)
    own = visible.get(recipient__committee__short_name="KFN")
    assert f"/responses/{own.pk}/" in content
    for other in visible.exclude(pk=own.pk):
        assert f"/responses/{other.pk}/" not in content


def test_healthz_is_alive_without_asking_anything(client, settings, django_assert_num_queries):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_reports_the_database(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "failing": [], "database": "ok"}


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_readyz_names_an_unreachable_broker_and_cache(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable", "failing": ["broker", "cache"], "database": "ok", "broker": "unreachable",
        "cache": "unreachable",
    }


def test_readyz_reaches_a_real_redis_broker(client, settings):
    redis_url = "redis://127.0.0.1:6379/15"
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        unavailable("Ingen Redis på 127.0.0.1:6379")
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = redis_url
    response = client.get("/readyz")
    assert response.json() == {"status": "ok", "failing": [], "database": "ok", "broker": "ok"}


def test_health_paths_are_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert client.get("/ping").status_code == 301
