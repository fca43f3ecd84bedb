"""Plain HTTP against the live server with tokens: a revisor creates an audit and reads it
back; every role of another municipality is refused it, and everything of it, with a 404."""

import json
import urllib.error
import urllib.request

import pytest

from api.tokens import create_token
from responses.services import get_or_create_draft

from .factories import make_town

pytestmark = pytest.mark.django_db(transaction=True)


def call(live_server, secret, method, path, body=None):
    """(status, parsed JSON) of one request."""
    request = urllib.request.Request(
        f"{live_server.url}{path}",
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.load(error)


def test_a_revisor_creates_an_audit_that_no_other_municipality_can_reach(live_server, eager_celery):
    town, other = make_town("Haninge"), make_town("Burlöv")
    secrets = {
        user.username: create_token(user, "Diariet", "read_write", 30)[1]
        for user in (town.revisor, town.ks_staff, town.ks_secretary, other.revisor, other.ks_staff, other.ks_secretary)
    }
    revisor = secrets[town.revisor.username]

    status, created = call(
        live_server,
        revisor,
        "POST",
        "/api/v1/audits/",
        {
            "title": "Granskning av styrning",
            "year": 2030,
            "recommendations": [{"text": "Inför en tydlig styrning.", "committees": [town.ks.pk]}],
        },
    )
    assert status == 201, created
    audit_url = f"/api/v1/audits/{created['id']}/"
    status, read_back = call(live_server, revisor, "GET", audit_url)
    assert status == 200 and read_back == created
    assert read_back["title"] == "Granskning av styrning"
    assert [r["committee"]["name"] for r in read_back["recipients"]] == ["Kommunstyrelsen"]

    status, listed = call(live_server, revisor, "GET", "/api/v1/recommendations/?audit=" + str(created["id"]))
    assert status == 200 and [r["text"] for r in listed["results"]] == ["Inför en tydlig styrning."]
    recommendation = listed["results"][0]
    addressee_url = f"/api/v1/addressees/{recommendation['addressees'][0]}/"

    # Sent and started, so that the secretaries of the own municipality read it too.
    from audits.models import Audit

    audit = Audit.objects.get(pk=created["id"])
    Audit.objects.filter(pk=audit.pk).update(status=Audit.Status.SKICKAD, sent_at="2030-01-10T09:00:00Z")
    draft = get_or_create_draft(audit.recipients.get())
    own = [town.revisor, town.ks_staff, town.ks_secretary]
    for user in own:
        status, seen = call(live_server, secrets[user.username], "GET", audit_url)
        assert (status, seen["id"]) == (200, created["id"]), user

    addresses = [
        ("GET", audit_url),
        ("GET", f"/api/v1/recommendations/{recommendation['id']}/"),
        ("GET", addressee_url),
        ("GET", f"/api/v1/answers/{draft.pk}/"),
        ("POST", f"/api/v1/answers/{draft.pk}/submit/"),
        ("POST", f"{addressee_url}follow-ups/"),
    ]
    for user in (other.revisor, other.ks_staff, other.ks_secretary):
        for method, path in addresses:
            status, body = call(live_server, secrets[user.username], method, path, {} if method == "POST" else None)
            assert (status, body) == (404, {"detail": "Hittades inte."}), (user, method, path)
        for listing in ("audits", "recommendations", "addressees", "answers", "events"):
            status, body = call(live_server, secrets[user.username], "GET", f"/api/v1/{listing}/")
            assert (status, body["results"]) == (200, []), (user, listing)
