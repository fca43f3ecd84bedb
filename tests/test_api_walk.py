"""Every API endpoint × every demo role (with a read-write token, and without one) × every
method, on the objects of two municipalities: the expected status for each, and no request
of the walk writes a row."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from api.tokens import create_token
from documents.models import AuditDocument
from outbox.models import Event

from .security import changed_tables, count, demo_targets, fingerprint, personas, url_patterns
from .test_url_walk import sees_answer, sees_case, writes_answer, writes_case

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")
# Rows a walked request may write: the token's time of last use.
USE_TABLES = {"api_accesstoken"}



@pytest.fixture(autouse=True)
def unthrottled(monkeypatch):
    """The walk sends more requests per token than the production rate allows in a minute."""
    from api.throttling import PerTokenThrottle

    monkeypatch.setattr(PerTokenThrottle, "THROTTLE_RATES", {"token": "100000/min"})

def read(persona, target):
    return 200 if sees_case(persona, target) else 404


def answer_read(persona, target):
    return 200 if sees_answer(persona, target) else 404


def draft_or_answer_read(persona, target):
    """Eskilstuna's answer is submitted, Burlöv's a draft that only its own committee reads."""
    if target.response.is_submitted:
        return answer_read(persona, target)
    return 200 if persona.is_admin or writes_answer(persona, target) else 404


def recommendation_read(persona, target):
    if persona.role == "sekreterare":
        addressed = target.recommendation.addressees.filter(recipient__committee__short_name=persona.committee).exists()
        return 200 if sees_case(persona, target) and addressed else 404
    return read(persona, target)


def create_audit(persona, target):
    # An empty body: the revisor's request is judged (400), anyone else's refused.
    return 400 if persona.role == "revisor" else 403


def follow_up_post(persona, target):
    if not sees_answer(persona, target):
        return 404
    return 400 if writes_case(persona, target) else 403


def submit(persona, target):
    status = draft_or_answer_read(persona, target)
    if status == 404:
        return 404
    if not writes_answer(persona, target):
        return 403
    return 409 if target.response.is_submitted else 400


def report(persona, target):
    return read(persona, target) if target.audit.report_file else 404


def attachment(persona, target):
    return 200 if target.attachment and draft_or_answer_read(persona, target) == 200 else 404


def everyone(status):
    return lambda persona, target: status



def reads(on_get):
    return {"get": on_get}


# url name -> (keyword arguments from a target, {method: expected}); a method not named is a 405.
EXPECTED = {
    "api:schema": (None, reads(everyone(200))),
    "api:docs": (None, reads(everyone(200))),
    "api:audit-list": (None, {"get": everyone(200), "post": create_audit}),
    "api:audit-detail": (lambda t: {"pk": t.audit.pk}, reads(read)),
    "api:audit-report": (lambda t: {"pk": t.audit.pk}, reads(report)),
    "api:recommendation-list": (None, reads(everyone(200))),
    "api:recommendation-detail": (lambda t: {"pk": t.recommendation.pk}, reads(recommendation_read)),
    "api:addressee-list": (None, reads(everyone(200))),
    "api:addressee-detail": (lambda t: {"pk": t.addressee.pk}, reads(answer_read)),
    "api:addressee-follow-ups": (lambda t: {"pk": t.addressee.pk}, {"post": follow_up_post}),
    "api:answer-list": (None, reads(everyone(200))),
    "api:answer-detail": (lambda t: {"pk": t.response.pk}, reads(draft_or_answer_read)),
    "api:answer-submit": (lambda t: {"pk": t.response.pk}, {"post": submit}),
    "api:answer-attachment": (
        lambda t: {"pk": t.response.pk, "attachment_pk": t.attachment.pk if t.attachment else 1},
        reads(attachment),
    ),
    "api:follow-up-list": (None, reads(everyone(200))),
    "api:follow-up-detail": (lambda t: {"pk": t.follow_up.pk}, reads(answer_read)),
    "api:document-list": (None, reads(everyone(200))),
    "api:document-detail": (lambda t: {"pk": t.document.pk}, reads(read)),
    "api:document-download": (lambda t: {"pk": t.document.pk}, reads(read)),
    "api:event-list": (None, reads(everyone(200))),
    "api:event-detail": (lambda t: {"pk": t.event.pk}, reads(answer_read)),
}
PUBLIC = {"api:schema", "api:docs"}


def api_patterns():
    return [(name, parameters) for name, parameters in url_patterns(get_resolver(), skip=("admin",)) if name.startswith("api:")]


def test_every_api_endpoint_has_an_expectation():
    assert {name for name, _ in api_patterns()} == set(EXPECTED)


def api_targets():
    """demo_targets with a judgement, a ready missiv and an answer's event in each case."""
    targets = demo_targets()
    for target in targets.values():
        target.follow_up = target.addressee.follow_ups.create(
            status="delvis", date=datetime.date(2025, 1, 15), comment="Delvis genomförd."
        )
        target.document, _ = AuditDocument.objects.update_or_create(
            audit=target.audit,
            kind=AuditDocument.Kind.MISSIV,
            defaults={"state": AuditDocument.State.READY, "rendered_at": timezone.now()},
        )
        target.document.file.save("missiv.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
        target.event = Event.objects.create(
            municipality=target.audit.municipality,
            kind=Event.Kind.ANSWER_SUBMITTED,
            audit=target.audit,
            committee=target.recipient.committee,
            data={"audit": {"id": target.audit.pk}},
        )
        target.attachment = getattr(target, "attachment", None)
    return targets


def requests_to_walk(targets):
    for name, parameters in api_patterns():
        kwargs_of = EXPECTED[name][0]
        if not parameters:
            yield name, reverse(name), targets["eskilstuna"]
            continue
        for target in targets.values():
            yield name, reverse(name, kwargs=kwargs_of(target)), target


def expect(name, persona, target, method):
    expected = EXPECTED[name][1].get(method)
    if persona.is_anonymous and name not in PUBLIC:
        return 401
    return 405 if expected is None else expected(persona, target)


def test_walk_every_endpoint_as_every_role(demo, user):
    targets = api_targets()
    clients = {}
    for persona in personas():
        headers = {}
        if not persona.is_anonymous:
            _, secret = create_token(user(persona.username), "Walk", "read_write", 30)
            headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
        clients[persona] = Client(**headers)
    mismatches, writes, walked = [], [], 0
    for name, url, target in requests_to_walk(targets):
        before = fingerprint()
        for persona, client in clients.items():
            for method in METHODS:
                expected = expect(name, persona, target, method)
                answer = getattr(client, method)(url, content_type="application/json")
                walked += 1
                if answer.status_code != expected:
                    mismatches.append(f"{method.upper()} {url} som {persona}: {answer.status_code}, väntat {expected}")
        after = fingerprint()
        changed = set(changed_tables(before, after)) - USE_TABLES
        if changed:
            writes.append(f"{name} ({target.municipality}): {sorted(changed)}")
    count("API: adress × roll × metod", walked)
    assert not mismatches, "\n".join(mismatches)
    assert not writes, "anrop i genomgången ändrade rader:\n" + "\n".join(writes)
    assert walked > 2000


def test_errors_are_swedish_json(demo, client):
    anonymous = client.get("/api/v1/audits/")
    assert anonymous.status_code == 401
    assert anonymous.json() == {"detail": "Autentiseringsuppgifter ej tillhandahållna."}
    assert anonymous["WWW-Authenticate"] == "Bearer"
    wrong = client.get("/api/v1/audits/", HTTP_AUTHORIZATION="Bearer rsp_000000000000_fel")
    assert wrong.status_code == 401
    assert wrong.json() == {"detail": "Nyckeln är okänd, har gått ut eller är återkallad."}
