"""Writes through the API: the browser's forms judge, the browser's services change, every
bad input is a 400 in Swedish that writes nothing."""

import datetime

import pytest
from django.test import Client

from api.tokens import create_token
from audits.models import Audit
from recommendations.models import FollowUp
from responses.models import Response
from responses.services import get_or_create_draft

from .factories import make_recipient, make_recommendation, make_sent_audit, make_town
from .security import fingerprint

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


def api(user, scope="read_write"):
    _, secret = create_token(user, "Test", scope, 30)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


@pytest.fixture
def town():
    return make_town()


def new_audit(town, **fields):
    return {
        "title": "Granskning av informationssäkerhet",
        "kind": "granskning",
        "year": 2030,
        "diarienummer": "REV 2030/4",
        "informed_committees": [town.kf.pk],
        "signatories": [{"name": "Rut Revisor", "title": "ordförande"}],
        "recommendations": [
            {"text": "Inför en rutin för behörigheter.", "committees": [town.ks.pk, town.social.pk]},
            {"text": "Följ upp incidenterna.", "committees": [town.social.pk]},
        ],
        **fields,
    }


def test_revisor_creates_an_audit_with_recommendations(town):
    answer = api(town.revisor).post("/api/v1/audits/", new_audit(town), content_type="application/json")
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    audit = Audit.objects.get(pk=body["id"])
    assert audit.municipality == town.municipality and audit.status == Audit.Status.PLANERAD
    assert [(r.order, r.text) for r in audit.recommendations.order_by("order")] == [
        (1, "Inför en rutin för behörigheter."),
        (2, "Följ upp incidenterna."),
    ]
    assert {r["committee"]["short_name"] for r in body["recipients"]} == {"KS", "SOCN"}
    assert body["signatories"] == [{"name": "Rut Revisor", "title": "ordförande"}]
    assert [c["short_name"] for c in body["informed_committees"]] == ["KF"]
    # The history records the API's writes as it does the browser's.
    assert audit.history.count() == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": ""}, "title", "Detta fält måste fyllas i."),
        ({"year": 1800}, "year", "Ange ett år mellan 1990 och 2100."),
        ({"year": "nästa år"}, "year", "Ett giltigt heltal krävs."),
        ({"status": "skickad"}, "status", "Välj ett giltigt alternativ. skickad finns inte bland tillgängliga alternativ."),
        ({"report_date": "5 maj"}, "report_date", "Datumet har fel format."),
    ],
)
def test_a_bad_audit_is_a_swedish_400_that_writes_nothing(town, change, field, message):
    client = api(town.revisor)
    before = fingerprint()
    answer = client.post("/api/v1/audits/", new_audit(town, **change), content_type="application/json")
    assert answer.status_code == 400
    assert any(error.startswith(message) for error in answer.json()[field]), answer.json()
    after = fingerprint()
    assert {table for table in before if before[table] != after[table]} <= {"api_accesstoken"}


def test_a_bad_recommendation_rolls_back_the_whole_audit(town):
    other = make_town("Burlöv")
    body = new_audit(town)
    body["recommendations"][1] = {"text": "", "committees": [other.ks.pk]}
    answer = api(town.revisor).post("/api/v1/audits/", body, content_type="application/json")
    assert answer.status_code == 400
    errors = answer.json()["recommendations"]
    assert errors[0] == {}
    assert errors[1]["text"] == ["Skriv rekommendationens text."]
    assert errors[1]["committees"][0].startswith("Välj ett giltigt alternativ.")
    assert not Audit.objects.exists()


def test_only_revisors_create_audits(town):
    for user in (town.ks_staff, town.ks_secretary):
        answer = api(user).post("/api/v1/audits/", new_audit(town), content_type="application/json")
        assert answer.status_code == 403
        assert answer.json() == {"detail": "Bara kommunens revisorer kan lägga upp granskningar."}
    assert not Audit.objects.exists()


def test_a_read_token_cannot_write(town):
    answer = api(town.revisor, scope="read").post("/api/v1/audits/", new_audit(town), content_type="application/json")
    assert answer.status_code == 403
    assert "bara läsa" in answer.json()["detail"]
    assert not Audit.objects.exists()


@pytest.fixture
def open_case(town):
    """A case sent to KS with two recommendations, the draft started."""
    audit = make_sent_audit(town.municipality)
    recipient = make_recipient(audit, town.ks)
    make_recommendation(audit, [recipient], order=1)
    make_recommendation(audit, [recipient], order=2)
    return get_or_create_draft(recipient)


def submission(draft, **fields):
    return {
        "version": draft.version,
        "meeting_date": "2030-02-10",
        "paragraf": "§ 12",
        "diarienummer": "KS/2030:1",
        "beslut": "Kommunstyrelsen antar yttrandet.",
        "positions": [
            {"addressee": addressee.pk, "position": "instammer", "planned_actions": "Rutin", "planned_date": "2030-12-31"}
            for addressee in draft.recipient.addressees.all()
        ],
        **fields,
    }


def test_secretary_submits_the_answer(town, open_case):
    answer = api(town.ks_secretary).post(
        f"/api/v1/answers/{open_case.pk}/submit/", submission(open_case), content_type="application/json"
    )
    assert answer.status_code == 200, answer.json()
    open_case.refresh_from_db()
    assert open_case.status == Response.Status.INSKICKAD and open_case.submitted_by == town.ks_secretary
    assert open_case.recipient.audit.status == Audit.Status.BESVARAD
    assert answer.json()["status"] == "inskickad"
    assert {p["position"] for p in answer.json()["positions"]} == {"instammer"}


def test_an_incomplete_answer_names_what_is_missing(town, open_case):
    first = open_case.recipient.addressees.order_by("recommendation__order").first()
    body = submission(open_case, paragraf="", positions=[{"addressee": first.pk, "position": "delvis"}])
    answer = api(town.ks_secretary).post(f"/api/v1/answers/{open_case.pk}/submit/", body, content_type="application/json")
    assert answer.status_code == 400
    errors = answer.json()
    assert errors["paragraf"] == ["Ange paragraf för att kunna skicka in yttrandet."]
    second = open_case.recipient.addressees.exclude(pk=first.pk).get()
    assert errors["positions"] == {
        str(second.pk): {"position": ["Välj ställningstagande till rekommendation 2 för att kunna skicka in."]}
    }
    open_case.refresh_from_db()
    assert open_case.status == Response.Status.UTKAST and open_case.paragraf == ""


def test_a_position_on_another_committees_recommendation_is_refused(town, open_case):
    stranger = make_recommendation(open_case.recipient.audit, [make_recipient(open_case.recipient.audit, town.social)])
    body = submission(open_case)
    body["positions"].append({"addressee": stranger.addressees.get().pk, "position": "instammer"})
    answer = api(town.ks_secretary).post(f"/api/v1/answers/{open_case.pk}/submit/", body, content_type="application/json")
    assert answer.status_code == 400
    assert "inte riktad till nämnden" in answer.json()["positions"][0]


def test_a_stale_version_or_a_second_submission_is_a_conflict(town, open_case):
    client = api(town.ks_secretary)
    url = f"/api/v1/answers/{open_case.pk}/submit/"
    stale = client.post(url, submission(open_case, version=open_case.version - 1), content_type="application/json")
    assert stale.status_code == 409 and stale.json()["version"] == open_case.version
    assert client.post(url, submission(open_case), content_type="application/json").status_code == 200
    again = client.post(url, submission(open_case), content_type="application/json")
    assert again.status_code == 409 and again.json()["status"] == "inskickad"


def test_another_committees_secretary_cannot_see_the_draft(town, open_case):
    answer = api(town.social_secretary).post(
        f"/api/v1/answers/{open_case.pk}/submit/", submission(open_case), content_type="application/json"
    )
    assert answer.status_code == 404


def test_revisor_records_a_follow_up(town, open_case):
    addressee = open_case.recipient.addressees.first()
    body = {"status": "delvis", "date": "2026-01-15", "comment": "Rutinen finns men följs inte."}
    answer = api(town.revisor).post(f"/api/v1/addressees/{addressee.pk}/follow-ups/", body, content_type="application/json")
    assert answer.status_code == 201, answer.json()
    follow_up = FollowUp.objects.get(pk=answer.json()["id"])
    assert (follow_up.status, follow_up.author) == ("delvis", town.revisor)
    assert api(town.revisor).get(f"/api/v1/addressees/{addressee.pk}/").json()["current_status"] == "delvis"


def test_a_follow_up_in_the_future_or_by_a_secretary_is_refused(town, open_case):
    addressee = open_case.recipient.addressees.first()
    url = f"/api/v1/addressees/{addressee.pk}/follow-ups/"
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    future = api(town.revisor).post(url, {"status": "atgardad", "date": tomorrow}, content_type="application/json")
    assert future.status_code == 400 and future.json() == {"date": ["Datumet kan inte vara i framtiden."]}
    unknown = api(town.revisor).post(url, {"status": "klar", "date": "2026-01-15"}, content_type="application/json")
    assert unknown.status_code == 400 and "giltigt val" in unknown.json()["status"][0]
    by_secretary = api(town.ks_secretary).post(url, {"status": "atgardad", "date": "2026-01-15"}, content_type="application/json")
    assert by_secretary.status_code == 403
    assert not FollowUp.objects.exists()


def test_malformed_input_is_a_swedish_400(town):
    client = api(town.revisor)
    broken = client.post("/api/v1/audits/", "{inte json", content_type="application/json")
    assert (broken.status_code, broken.json()) == (400, {"detail": "Kroppen är inte giltig JSON (rad 1, kolumn 2)."})
    latin1 = client.post("/api/v1/audits/", '{"title": "Gävle"}'.encode("latin-1"), content_type="application/json")
    assert (latin1.status_code, latin1.json()) == (400, {"detail": "Kroppen är inte giltig JSON i UTF-8."})
    shapes = client.post(
        "/api/v1/audits/",
        {"title": "a\x00b", "year": 2030, "recommendations": "alla", "informed_committees": ["KS"]},
        content_type="application/json",
    )
    assert shapes.status_code == 400
    assert shapes.json() == {
        "title": ["Null-tecken är inte tillåtna."],
        "informed_committees": {"0": ["Ett giltigt heltal krävs."]},
        "recommendations": {"non_field_errors": ['Förväntade en lista med element men fick typen "str".']},
    }
    # The same words as the browser's forms (locale/ keeps Django's over the framework's).
    without_year = client.post("/api/v1/audits/", {"title": "Granskning"}, content_type="application/json")
    assert without_year.json() == {"year": ["Detta fält måste fyllas i."]}
    filters = client.get("/api/v1/audits/?year=abc&status=klar")
    assert filters.status_code == 400
    assert filters.json()["year"] == ["Fyll i ett heltal."]
    assert not Audit.objects.exists()


def test_a_version_beyond_the_integers_is_a_400(town, open_case):
    body = submission(open_case, version=2**70)
    answer = api(town.ks_secretary).post(f"/api/v1/answers/{open_case.pk}/submit/", body, content_type="application/json")
    assert answer.status_code == 400 and "version" in answer.json()
