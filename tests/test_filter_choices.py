"""The list filters' choices are cached between pages, yet a change of what they list shows on
the next page, and the lists still work when the cache does not answer."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from core import filter_choices
from committees.models import User

from .factories import make_audit, make_committee, make_municipality, make_recipient, make_sent_audit, make_user

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: every cache call fails at once with "connection refused".
UNANSWERING_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


@pytest.fixture(autouse=True)
def cache_not_skipped(monkeypatch):
    """Each test starts with a cache that has not failed in this process."""
    monkeypatch.setattr(filter_choices, "_skip_cache_until", 0.0)


def log_in(client, user):
    client.force_login(user, backend="committees.backends.UserBackend")
    client.get("/ping")
    return client


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def query_count(client, url):
    with CaptureQueriesContext(connection) as captured:
        page(client, url)
    return len(captured)


@pytest.fixture
def municipality():
    return make_municipality()


@pytest.fixture
def revisor(client, municipality):
    make_audit(municipality, title="Granskning av bostadsförsörjningen")
    make_committee(municipality, name="Socialnämnden")
    return log_in(client, make_user(User.Role.REVISOR, municipality))


@pytest.mark.parametrize("url", ["/recommendations/", "/audits/"])
def test_the_next_page_takes_the_choices_from_the_cache(revisor, url):
    # The audits (or the years and firms) and the committees.
    assert query_count(revisor, url) - query_count(revisor, url) == 2


def test_a_new_audit_and_a_renamed_committee_show_on_the_next_page(revisor, municipality):
    before = page(revisor, "/recommendations/")
    assert "Granskning av bostadsförsörjningen" in before and "Socialnämnden" in before

    make_audit(municipality, title="Granskning av löneprocessen", year=2031, consultant_firm="Nya Revision AB")
    municipality.committees.filter(name="Socialnämnden").update(name="Social- och omsorgsnämnden")
    # update() sends no signal; the next save of a committee retires the choices all the same.
    make_committee(municipality, name="Kulturnämnden")

    recommendations, audits = page(revisor, "/recommendations/"), page(revisor, "/audits/")
    assert "Granskning av löneprocessen" in recommendations
    assert "Social- och omsorgsnämnden" in recommendations and "Kulturnämnden" in recommendations
    assert "2031" in audits and "Nya Revision AB" in audits


def test_a_secretary_given_a_committee_finds_its_cases_in_the_filter(client, municipality):
    social, schools = make_committee(municipality), make_committee(municipality)
    make_recipient(make_sent_audit(municipality, title="Granskning av hemtjänsten"), social)
    make_recipient(make_sent_audit(municipality, title="Granskning av skolskjutsarna"), schools)
    secretary = make_user(User.Role.SEKRETERARE, municipality, committees=[social])
    log_in(client, secretary)
    assert "Granskning av skolskjutsarna" not in page(client, "/recommendations/")

    secretary.committees.add(schools)

    assert "Granskning av skolskjutsarna" in page(client, "/recommendations/")


def test_each_secretary_sees_the_choices_of_their_own_committees(client, municipality):
    social, schools = make_committee(municipality), make_committee(municipality)
    make_recipient(make_sent_audit(municipality, title="Granskning av hemtjänsten"), social)
    make_recipient(make_sent_audit(municipality, title="Granskning av skolskjutsarna"), schools)
    first = page(log_in(client, make_user(User.Role.SEKRETERARE, municipality, committees=[social])), "/recommendations/")
    second = page(log_in(client, make_user(User.Role.SEKRETERARE, municipality, committees=[schools])), "/recommendations/")
    assert "Granskning av hemtjänsten" in first and "Granskning av skolskjutsarna" not in first
    assert "Granskning av skolskjutsarna" in second and "Granskning av hemtjänsten" not in second


@override_settings(CACHES=UNANSWERING_CACHE)
def test_the_lists_work_and_audits_save_when_the_cache_does_not_answer(revisor, municipality):
    assert "Granskning av bostadsförsörjningen" in page(revisor, "/recommendations/")
    make_audit(municipality, title="Granskning av löneprocessen")
    assert "Granskning av löneprocessen" in page(revisor, "/recommendations/")
    assert "Granskning av löneprocessen" in page(revisor, "/audits/")


def test_a_cache_that_failed_is_not_asked_again_for_a_while(revisor, municipality, settings):
    page(revisor, "/audits/")
    settings.CACHES = UNANSWERING_CACHE
    page(revisor, "/audits/")
    assert filter_choices._skip_cache_until > 0
    # Asked now, the unanswering cache would fail the page's choices; skipped, they are built.
    make_audit(municipality, title="Granskning av löneprocessen")
    assert "Granskning av löneprocessen" in page(revisor, "/audits/")


def test_a_login_keeps_the_choices_and_a_new_role_retires_them(client, revisor, municipality):
    url = "/recommendations/"
    colleague = make_user(User.Role.KS_HANDLAGGARE, municipality)
    page(revisor, url)
    cached = query_count(revisor, url)

    log_in(Client(), colleague)
    assert query_count(revisor, url) == cached

    colleague.role = User.Role.REVISOR
    colleague.save()
    assert query_count(revisor, url) == cached + 2
