"""Hostile input to every API filter and every field the API accepts: never a 500, and a
refused request writes nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from api import views
from api.tokens import create_token
from responses.services import get_or_create_draft

from .factories import make_recipient, make_recommendation, make_sent_audit, make_town
from .security import changed_tables, count, fingerprint
from .test_hostile_input import HOSTILE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

# Values of the wrong kind for a JSON field, beside the hostile strings.
WRONG_KINDS = [None, 2**70, -1, 1.5, True, [], ["x"], {}, {"a": 1}]
LISTS = {
    "audit-list": views.AuditViewSet,
    "recommendation-list": views.RecommendationViewSet,
    "addressee-list": views.AddresseeViewSet,
    "answer-list": views.AnswerViewSet,
    "follow-up-list": views.FollowUpViewSet,
    "document-list": views.DocumentViewSet,
    "event-list": views.EventViewSet,
}



@pytest.fixture(autouse=True)
def unthrottled(monkeypatch):
    """The walk sends more requests per token than the production rate allows in a minute."""
    from api.throttling import PerTokenThrottle

    monkeypatch.setattr(PerTokenThrottle, "THROTTLE_RATES", {"token": "100000/min"})

@pytest.fixture
def town():
    return make_town()


def client_for(user):
    _, secret = create_token(user, "Test", "read_write", 30)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    client.get("/api/v1/events/")  # the token's first use is recorded here, not in a test's fingerprint
    return client


def test_hostile_filters_are_a_400_never_a_500(town):
    client = client_for(town.revisor)
    tried = 0
    for name, viewset in LISTS.items():
        parameters = [*viewset.filterset_class.base_filters, "cursor", "page_size"]
        for parameter in parameters:
            for value in HOSTILE:
                answer = client.get(reverse(f"api:{name}"), {parameter: value})
                tried += 1
                assert answer.status_code in (200, 400, 404), (name, parameter, value[:30], answer.status_code)
    count("API: fientliga filtervärden", tried)


def hostile_bodies(valid):
    """The valid body with one field at a time replaced by each hostile or wrongly typed value."""
    for field in valid:
        for value in [*HOSTILE, *WRONG_KINDS]:
            yield field, {**valid, field: value}


def walk_bodies(client, url, valid, allowed):
    tried = 0
    for field, body in hostile_bodies(valid):
        before = fingerprint()
        answer = client.post(url, body, content_type="application/json")
        tried += 1
        assert answer.status_code in allowed, (url, field, repr(body[field])[:40], answer.status_code)
        if answer.status_code == 400:
            assert answer.json(), (url, field)
            assert changed_tables(before, fingerprint()) == [], (url, field)
    count("API: fientliga fält", tried)


def test_hostile_audits_are_refused_or_created_never_a_500(town):
    valid = {
        "title": "Granskning",
        "kind": "granskning",
        "year": 2030,
        "status": "planerad",
        "diarienummer": "REV 1",
        "report_date": "2030-01-01",
        "informed_committees": [town.kf.pk],
        "signatories": [{"name": "Rut", "title": "ordförande"}],
        "recommendations": [{"text": "Gör så.", "committees": [town.ks.pk]}],
    }
    walk_bodies(client_for(town.revisor), "/api/v1/audits/", valid, (201, 400))


def test_hostile_answers_and_follow_ups_never_a_500(town):
    recipient = make_recipient(make_sent_audit(town.municipality), town.ks)
    addressee = make_recommendation(recipient.audit, [recipient]).addressees.get()
    draft = get_or_create_draft(recipient)
    answer = {
        "version": 999,  # a conflict when all else is valid: nothing is submitted by the walk
        "meeting_date": "2030-02-10",
        "paragraf": "§ 1",
        "positions": [{"addressee": addressee.pk, "position": "instammer", "planned_date": "2030-12-31"}],
    }
    walk_bodies(client_for(town.ks_secretary), f"/api/v1/answers/{draft.pk}/submit/", answer, (400, 409))
    follow_up = {"status": "delvis", "date": "2025-01-15", "comment": "Delvis."}
    walk_bodies(client_for(town.revisor), f"/api/v1/addressees/{addressee.pk}/follow-ups/", follow_up, (201, 400))
