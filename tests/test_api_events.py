"""The event feed for the diarium: in the order things happened, a page at a time, and
scoped as the browser scopes the cases."""

import datetime

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


# The services record the events in the transaction of the change.


@pytest.fixture
def ready_case(town):
    from .factories import make_audit, make_recommendation

    audit = make_audit(town.municipality, title="Granskning av digitalisering", diarienummer="REV 2030/2")
    ks = make_recipient(audit, town.ks, deadline=datetime.date(2030, 3, 1))
    social = make_recipient(audit, town.social, deadline=datetime.date(2030, 3, 1))
    make_recommendation(audit, [ks, social])
    return audit


def send(audit, user):
    from responses.requests import send_for_response

    return send_for_response(audit, user, today=datetime.date(2030, 1, 10))


def test_sending_a_case_records_the_missiv_event(town, ready_case, eager_celery):
    send(ready_case, town.revisor)
    [sent] = Event.objects.all()
    assert (sent.kind, sent.audit, sent.committee) == (Event.Kind.MISSIV_SENT, ready_case, None)
    assert sent.data["audit"]["diarienummer"] == "REV 2030/2"
    assert [(r["short_name"], r["deadline"]) for r in sent.data["recipients"]] == [
        ("KS", "2030-03-01"),
        ("SOCN", "2030-03-01"),
    ]


def test_a_case_that_cannot_be_sent_records_nothing(town, ready_case, eager_celery):
    from django.core.exceptions import ValidationError

    ready_case.recipients.update(deadline=None)
    with pytest.raises(ValidationError):
        send(ready_case, town.revisor)
    assert not Event.objects.exists()


def test_submitting_an_answer_records_the_committees_event(town, ready_case, eager_celery):
    from responses.services import get_or_create_draft, submit_response

    send(ready_case, town.revisor)
    draft = get_or_create_draft(ready_case.recipients.get(committee=town.social))
    draft.meeting_date, draft.paragraf, draft.diarienummer = datetime.date(2030, 2, 10), "§ 7", "SOCN 2030/3"
    draft.save()
    draft.positions.update(position="instammer")
    submit_response(draft, town.social_secretary)
    answered = Event.objects.get(kind=Event.Kind.ANSWER_SUBMITTED)
    assert answered.committee == town.social
    assert (answered.data["answer"]["paragraf"], answered.data["answer"]["diarienummer"]) == ("§ 7", "SOCN 2030/3")
    assert answered.data["committee"]["short_name"] == "SOCN"


def test_setting_the_case_reported_records_the_decision_once(town, ready_case, eager_celery):
    from audits.models import Audit

    send(ready_case, town.revisor)
    Audit.objects.filter(pk=ready_case.pk).update(status=Audit.Status.BESVARAD)
    browser = Client()
    browser.force_login(town.revisor)
    form = {
        "title": ready_case.title,
        "kind": ready_case.kind,
        "year": ready_case.year,
        "status": Audit.Status.ANMALD,
        "signatories-TOTAL_FORMS": 0,
        "signatories-INITIAL_FORMS": 0,
    }
    assert browser.post(f"/audits/{ready_case.pk}/edit/", form).status_code == 302
    assert browser.post(f"/audits/{ready_case.pk}/edit/", {**form, "place": "Handen"}).status_code == 302
    [decided] = Event.objects.filter(kind=Event.Kind.REPORT_DECIDED)
    assert decided.audit == ready_case
    assert Event.objects.count() == 2
