"""The event feed for the diarium: in the order things happened, a page at a time, and
scoped as the browser scopes the cases."""

import pytest
from django.test import Client

from api.tokens import create_token
from outbox.models import Event

from .factories import make_recipient, make_sent_audit, make_town

pytestmark = pytest.mark.django_db


def feed(user, query=""):
    _, secret = create_token(user, "Diariet", "read", 30)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}"), f"/api/v1/events/{query}"


def event(audit, kind=Event.Kind.MISSIV_SENT, committee=None):
    return Event.objects.create(municipality=audit.municipality, kind=kind, audit=audit, committee=committee, data={})


@pytest.fixture
def town():
    return make_town()


def read_all(client, url):
    ids = []
    while url:
        page = client.get(url).json()
        ids += [item["id"] for item in page["results"]]
        url = page["next"]
    return ids


def test_the_feed_pages_through_every_event_once_and_goes_on_after_the_last(town):
    audit = make_sent_audit(town.municipality)
    made = [event(audit).pk for _ in range(5)]
    client, url = feed(town.ks_staff, "?page_size=2")
    assert read_all(client, url) == made
    later = event(audit, Event.Kind.REPORT_DECIDED).pk
    assert read_all(client, f"{url}&after={made[-1]}") == [later]


def test_the_feed_filters_by_kind_and_refuses_bad_filters_in_swedish(town):
    audit = make_sent_audit(town.municipality)
    event(audit)
    decided = event(audit, Event.Kind.REPORT_DECIDED)
    client, url = feed(town.revisor)
    assert [e["id"] for e in client.get(f"{url}?kind=anmalan_beslutad").json()["results"]] == [decided.pk]
    bad = client.get(f"{url}?kind=okand&after=99999999999999999999999")
    assert bad.status_code == 400
    assert bad.json()["kind"][0].startswith("Välj ett giltigt alternativ.")
    assert bad.json()["after"][0].startswith("Kontrollera att detta värde är mindre än eller lika med")
    assert client.get(f"{url}?cursor=trasig").json() == {"detail": "Ogiltig sidmarkör."}


def test_each_user_reads_the_events_of_the_cases_they_read(town):
    other = make_town("Burlöv")
    to_social = make_sent_audit(town.municipality)
    make_recipient(to_social, town.social)
    make_recipient(to_social, town.ks)
    only_ks = make_sent_audit(town.municipality)
    make_recipient(only_ks, town.ks)
    sent = event(to_social)
    social_answer = event(to_social, Event.Kind.ANSWER_SUBMITTED, town.social)
    ks_answer = event(to_social, Event.Kind.ANSWER_SUBMITTED, town.ks)
    elsewhere = event(only_ks)
    event(make_sent_audit(other.municipality))

    def seen(user):
        client, url = feed(user)
        return read_all(client, url)

    everything = [sent.pk, social_answer.pk, ks_answer.pk, elsewhere.pk]
    assert seen(town.revisor) == everything
    assert seen(town.ks_staff) == everything
    assert seen(town.social_secretary) == [sent.pk, social_answer.pk]
    assert seen(town.ks_secretary) == [sent.pk, ks_answer.pk, elsewhere.pk]
    client, _ = feed(town.social_secretary)
    assert client.get(f"/api/v1/events/{ks_answer.pk}/").status_code == 404


def test_a_page_costs_the_same_queries_whatever_its_rows(town):
    """No list reads its rows' relations one row at a time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from responses.services import get_or_create_draft

    from .factories import make_follow_up, make_recommendation

    def add_case():
        audit = make_sent_audit(town.municipality)
        recipient = make_recipient(audit, town.ks)
        recommendation = make_recommendation(audit, [recipient])
        make_follow_up(recommendation.addressees.get())
        get_or_create_draft(recipient)
        event(audit)

    client, url = feed(town.ks_secretary)
    client.get(url)  # the token's first use records it
    lists = ["audits", "recommendations", "addressees", "answers", "follow-ups", "documents", "events"]

    def queries():
        counts = {}
        for name in lists:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(f"/api/v1/{name}/").status_code == 200
            counts[name] = len(captured)
        return counts

    add_case()
    few = queries()
    for _ in range(5):
        add_case()
    assert queries() == few
