"""List pages cost a fixed number of queries, however many rows the municipality has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.load import LoadSize, generate_load
from committees.models import Committee, User


@pytest.fixture
def small_and_large(db):
    """A municipality with 6 audits and one with 40."""
    generate_load(LoadSize(municipalities=1, years=2, audits_per_year=3, end_year=2026))
    generate_load(LoadSize(municipalities=1, years=4, audits_per_year=10, end_year=2026, first_municipality=1))
    return "last-001", "last-002"


def log_in(client, username):
    """Log in as the login form does, and make the request that renews a fresh session."""
    client.force_login(User.objects.get(username=username), backend="committees.backends.UserBackend")
    client.get("/ping")


def queries(client, slug, url, params):
    log_in(client, f"revisor.{slug}")
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def board(slug):
    return Committee.objects.get(municipality__slug=slug, short_name="KS").pk


@pytest.mark.parametrize(
    "url,params",
    [
        ("/audits/", {}),
        ("/audits/", {"sort": "-sent_at", "page": 2}),
        ("/recommendations/", {}),
        ("/recommendations/", {"sort": "audit", "page": 2}),
    ],
)
def test_list_page_queries_are_pinned(client, small_and_large, url, params):
    # Session, user with municipality, two for the filter choices (the audit list's years
    # with firms and committees, the recommendation list's audits with years and committees;
    # the next page reads them from the cache), the page with its row count, and the
    # committees of the page's rows.
    small, large = small_and_large
    small_params = {key: value for key, value in params.items() if key != "page"}
    assert queries(client, small, url, small_params) == queries(client, large, url, params) == 6


def test_committee_filter_adds_no_query_at_any_size(client, small_and_large):
    small, large = small_and_large
    url = "/recommendations/"
    assert queries(client, small, url, {"committee": board(small)}) == queries(
        client, large, url, {"committee": board(large), "sort": "audit", "page": 2}
    ) == 6


@pytest.mark.parametrize("role", ["revisor", "sekr"])
def test_inbox_queries_do_not_grow_with_the_cases(client, small_and_large, role):
    def inbox_queries(slug):
        username = f"{role}.{slug}" + (".ks" if role == "sekr" else "")
        log_in(client, username)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/responses/").status_code == 200
        return len(captured)

    small, large = small_and_large
    assert inbox_queries(small) == inbox_queries(large)
