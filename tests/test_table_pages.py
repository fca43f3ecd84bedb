"""Paged lists. The list tables count their rows in the page's own query: the number of pages
must match the rows shown, whoever looks, and a page past the end still shows the last one. The
inbox shows its answered cases a page at a time."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committees.models import Committee, User
from recommendations.models import Addressee, FollowUp, committee_statuses

from .factories import (
    make_committee,
    make_follow_up,
    make_inbox_with_many_answers,
    make_municipality,
    make_recipient,
    make_recommendation,
    make_sent_audit,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_committee_secretary(client):
    """A secretary of two committees, with three audits sent to both and two recommendations
    addressed to both committees in each."""
    municipality = make_municipality()
    social, schools = make_committee(municipality), make_committee(municipality)
    for number in range(3):
        audit = make_sent_audit(municipality, title=f"Granskning {number}")
        recipients = [make_recipient(audit, social), make_recipient(audit, schools)]
        for order in (1, 2):
            make_recommendation(audit, recipients, order=order)
    secretary = make_user(User.Role.SEKRETERARE, municipality, committees=[social, schools])
    client.force_login(secretary, backend="committees.backends.UserBackend")
    client.get("/ping")
    return client


def table_page(client, url, params):
    response = client.get(url, params)
    assert response.status_code == 200
    table = response.context["table"]
    return table, [row.record for row in table.page.object_list]


@pytest.mark.parametrize("url,rows", [("/recommendations/", 6), ("/audits/", 3)])
def test_rows_addressed_to_two_of_the_users_committees_count_once(two_committee_secretary, url, rows):
    table, records = table_page(two_committee_secretary, url, {})
    assert table.paginator.count == rows
    assert len({record.pk for record in records}) == len(records) == rows

    table, records = table_page(two_committee_secretary, url, {"per_page": 2, "page": 2})
    assert table.paginator.num_pages == -(-rows // 2)
    assert len(records) == (2 if rows > 3 else rows - 2)


@pytest.mark.parametrize("url", ["/recommendations/", "/audits/"])
def test_a_page_is_read_without_a_separate_count(two_committee_secretary, url):
    with CaptureQueriesContext(connection) as captured:
        table_page(two_committee_secretary, url, {"per_page": 2, "page": 2})
    assert not [query for query in captured if "COUNT(*) AS" in query["sql"]]


def test_a_page_past_the_end_shows_the_last_page(two_committee_secretary):
    table, records = table_page(two_committee_secretary, "/recommendations/", {"per_page": 4, "page": 9})
    assert table.page.number == 2
    assert len(records) == 2


def test_an_empty_list_has_one_empty_page(client):
    secretary = make_user(User.Role.SEKRETERARE, make_municipality())
    client.force_login(secretary, backend="committees.backends.UserBackend")
    table, records = table_page(client, "/recommendations/", {"page": 1})
    assert (table.paginator.count, table.paginator.num_pages, records) == (0, 1, [])


@pytest.fixture
def inbox_with_many_answers(client):
    client.force_login(make_inbox_with_many_answers(), backend="committees.backends.UserBackend")
    return client


def answered_titles(page):
    return [recipient.audit.title for recipient in page.context["answered"]]


def test_inbox_shows_the_answered_cases_a_page_at_a_time(inbox_with_many_answers):
    first = inbox_with_many_answers.get("/responses/")
    assert answered_titles(first) == [f"Besvarad {day:02d}" for day in range(26, 1, -1)]
    assert "Öppen granskning" in first.content.decode()
    assert 'href="?page=2#answered-heading"' in first.content.decode()

    second = inbox_with_many_answers.get("/responses/", {"page": 2})
    assert answered_titles(second) == ["Besvarad 01", "Besvarad 00"]
    # The open cases stay on every page.
    assert "Öppen granskning" in second.content.decode()

    # Not a page number: the first page; past either end: the last page.
    for page, last_shown in [("x", "Besvarad 02"), ("0", "Besvarad 00"), ("99999999999999999999", "Besvarad 00")]:
        assert answered_titles(inbox_with_many_answers.get("/responses/", {"page": page}))[-1] == last_shown


def test_the_list_shows_each_committees_current_status_as_the_follow_up_rule_has_it():
    """The list's written-out status query and Addressee.objects.with_current_status() agree:
    the latest follow-up by date, then by entry, and none for a committee not yet judged;
    committees in the order of their kind, then their name."""
    municipality = make_municipality()
    audit = make_sent_audit(municipality)
    committees = [
        make_committee(municipality, name="Socialnämnden", short_name="SOCN"),
        make_committee(municipality, name="Barn- och utbildningsnämnden", short_name="BUN"),
        make_committee(municipality, name="Kommunstyrelsen", short_name="KS", kind=Committee.Kind.KOMMUNSTYRELSEN),
    ]
    recipients = [make_recipient(audit, committee) for committee in committees]
    judged, unjudged = make_recommendation(audit, recipients), make_recommendation(audit, recipients[:1])
    social, schools, _ = judged.addressees.order_by("pk")
    make_follow_up(social, date=datetime.date(2025, 1, 15), status=FollowUp.Status.EJ_ATGARDAD)
    make_follow_up(social, date=datetime.date(2025, 6, 1), status=FollowUp.Status.ATGARDAD)
    make_follow_up(schools, date=datetime.date(2025, 6, 1), status=FollowUp.Status.ATGARDAD)
    make_follow_up(schools, date=datetime.date(2025, 6, 1), status=FollowUp.Status.DELVIS)

    statuses = committee_statuses([judged.pk, unjudged.pk])

    expected = {
        recommendation.pk: [
            (addressee.recipient.committee.short_name, addressee.recipient.committee.name, addressee.current_status)
            for addressee in Addressee.objects.with_current_status()
            .filter(recommendation=recommendation)
            .select_related("recipient__committee")
            .order_by("recipient__committee__kind", "recipient__committee__name")
        ]
        for recommendation in (judged, unjudged)
    }
    assert statuses == expected
    assert [status.current_status for status in statuses[judged.pk]] == [
        None,
        FollowUp.Status.DELVIS,
        FollowUp.Status.ATGARDAD,
    ]
    assert [status.short_name for status in statuses[judged.pk]] == ["KS", "BUN", "SOCN"]
    assert committee_statuses([]) == {}
