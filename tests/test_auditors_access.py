"""Each role against each of the auditors' pages: the expected status, and nothing changed by a
refused request."""

import datetime
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import reverse

from audits import services
from responses import requests
from audits.models import Audit
from recommendations.models import Recommendation
from recommendations.services import save_recommendation

from .factories import make_audit, make_follow_up, make_question, make_town

pytestmark = pytest.mark.django_db

ROLES = ["revisor", "other_revisor", "ks_staff", "ks_secretary", "social_secretary", "anonymous"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Expected status per role for each kind of page. "ok" is 200 for a page and 302 for a
# successful form post.
READ = {"revisor": 200, "other_revisor": 404, "ks_staff": 200, "ks_secretary": 200, "social_secretary": 404}
WRITE = {"revisor": "ok", "other_revisor": 404, "ks_staff": 403, "ks_secretary": 403, "social_secretary": 404}
HISTORY = {"revisor": 200, "other_revisor": 404, "ks_staff": 200, "ks_secretary": 403, "social_secretary": 404}
CREATE = {"revisor": "ok", "other_revisor": "ok", "ks_staff": 403, "ks_secretary": 403, "social_secretary": 403}


@pytest.fixture
def case():
    """Haninge's sent case addressed to KS with a question, a follow-up and a report, and a
    revisor of another municipality."""
    town = make_town("Haninge")
    audit = make_audit(town.municipality, title="Granskning av digitalisering", year=2019)
    audit.report_file.save("rapport.pdf", ContentFile(PDF))
    question = make_question(audit, text="Har inriktningsmålen konkretiserats?", answer="delvis")
    recommendation = save_recommendation(Recommendation(audit=audit, text="Utarbeta riktlinjer."), [town.ks])
    services.set_deadlines({audit.recipients.get(): datetime.date(2099, 3, 1)})
    requests.send_for_response(audit, town.revisor)
    addressee = recommendation.addressees.get()
    make_follow_up(addressee, author=town.revisor)
    return SimpleNamespace(
        town=town,
        other=make_town("Burlöv"),
        audit=audit,
        question=question,
        recommendation=recommendation,
        addressee=addressee,
        recipient=addressee.recipient,
    )


def login(client, case, role):
    users = {
        "revisor": case.town.revisor,
        "other_revisor": case.other.revisor,
        "ks_staff": case.town.ks_staff,
        "ks_secretary": case.town.ks_secretary,
        "social_secretary": case.town.social_secretary,
    }
    if role in users:
        client.force_login(users[role])
    return client


def snapshot():
    """Row counts of every project model and its history, to prove nothing was written."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"audits", "recommendations", "responses", "committees"}
    }


def audit_post(case):
    return {
        "title": "Ändrad titel",
        "kind": "granskning",
        "year": "2019",
        "status": "skickad",
        "signatories-TOTAL_FORMS": "0",
        "signatories-INITIAL_FORMS": "0",
    }


def ks_pk(case):
    return case.town.ks.pk


# (name, method, url args from the case, POST data from the case, expectation table)
PAGES = [
    ("audits:detail", "get", lambda c: [c.audit.pk], None, READ),
    ("audits:report", "get", lambda c: [c.audit.pk], None, READ),
    ("recommendations:follow_up_matrix", "get", lambda c: [c.audit.pk], None, READ),
    ("recommendations:follow_up", "get", lambda c: [c.addressee.pk], None, READ),
    ("documents:history", "get", lambda c: [c.audit.pk], None, HISTORY),
    ("audits:create", "get", lambda c: [], None, CREATE),
    ("audits:create", "post", lambda c: [], lambda c: {**audit_post(c), "status": "planerad"}, CREATE),
    ("audits:edit", "get", lambda c: [c.audit.pk], None, WRITE),
    ("audits:edit", "post", lambda c: [c.audit.pk], audit_post, WRITE),
    ("audits:questions", "get", lambda c: [c.audit.pk], None, WRITE),
    ("audits:question_add", "post", lambda c: [c.audit.pk], lambda c: {"text": "Ny fråga?", "answer": "ja"}, WRITE),
    ("audits:question_edit", "get", lambda c: [c.audit.pk, c.question.pk], None, WRITE),
    (
        "audits:question_edit",
        "post",
        lambda c: [c.audit.pk, c.question.pk],
        lambda c: {"text": "Ändrad fråga?", "answer": "nej"},
        WRITE,
    ),
    ("audits:question_move", "post", lambda c: [c.audit.pk, c.question.pk], lambda c: {"direction": "up"}, WRITE),
    ("audits:question_delete", "post", lambda c: [c.audit.pk, c.question.pk], lambda c: {}, WRITE),
    ("audits:recipients", "get", lambda c: [c.audit.pk], None, WRITE),
    (
        "audits:recipients",
        "post",
        lambda c: [c.audit.pk],
        lambda c: {"action": "all", "all-deadline": "2099-04-01"},
        WRITE,
    ),
    ("audits:extension", "get", lambda c: [c.audit.pk, c.recipient.pk], None, WRITE),
    (
        "audits:extension",
        "post",
        lambda c: [c.audit.pk, c.recipient.pk],
        lambda c: {"extended_deadline": "2099-06-01", "extension_reason": "Sammanträde"},
        WRITE,
    ),
    ("responses:send", "get", lambda c: [c.audit.pk], None, WRITE),
    # Already sent: the revisor gets the page saying so, everyone else is refused.
    ("responses:send", "post", lambda c: [c.audit.pk], lambda c: {}, {**WRITE, "revisor": 200}),
    ("recommendations:create", "get", lambda c: [c.audit.pk], None, WRITE),
    (
        "recommendations:create",
        "post",
        lambda c: [c.audit.pk],
        lambda c: {"text": "Ny rekommendation", "committees": [ks_pk(c)]},
        WRITE,
    ),
    ("recommendations:edit", "get", lambda c: [c.recommendation.pk], None, WRITE),
    (
        "recommendations:edit",
        "post",
        lambda c: [c.recommendation.pk],
        lambda c: {"text": "Ändrad rekommendation", "committees": [ks_pk(c)]},
        WRITE,
    ),
    ("recommendations:move", "post", lambda c: [c.recommendation.pk], lambda c: {"direction": "down"}, WRITE),
    ("recommendations:delete", "get", lambda c: [c.recommendation.pk], None, WRITE),
    ("recommendations:delete", "post", lambda c: [c.recommendation.pk], lambda c: {}, WRITE),
    (
        "recommendations:follow_up",
        "post",
        lambda c: [c.addressee.pk],
        lambda c: {"status": "atgardad", "date": "2025-02-01", "comment": "Riktlinjer antagna."},
        WRITE,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "name,method,args,data,expected", PAGES, ids=[f"{p[0]}-{p[1]}" for p in PAGES]
)
def test_role_against_page(client, case, role, name, method, args, data, expected):
    url = reverse(name, args=args(case))
    login(client, case, role)
    before = snapshot()
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, data(case))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert snapshot() == before
        return
    status = expected[role]
    if status == "ok":
        status = 200 if method == "get" else 302
    assert response.status_code == status, response.content.decode()[:2000]
    if status in (403, 404) or method == "get":
        assert snapshot() == before


@pytest.mark.parametrize("name", ["audits:list", "recommendations:list"])
@pytest.mark.parametrize("role", ROLES)
def test_lists_show_the_case_only_within_scope(client, case, role, name):
    response = login(client, case, role).get(reverse(name))
    if role == "anonymous":
        assert response.status_code == 302
        return
    assert response.status_code == 200
    shown = "Granskning av digitalisering" in response.content.decode()
    assert shown == (READ[role] == 200)


def test_secretary_does_not_see_an_unsent_case_addressed_to_them(client, case):
    draft = make_audit(case.town.municipality, title="Granskning av lokalförsörjning")
    save_recommendation(Recommendation(audit=draft, text="Inventera lokalerna."), [case.town.ks])
    client.force_login(case.town.ks_secretary)
    assert "lokalförsörjning" not in client.get(reverse("audits:list")).content.decode()
    assert client.get(reverse("audits:detail", args=[draft.pk])).status_code == 404
    assert "Inventera lokalerna" not in client.get(reverse("recommendations:list")).content.decode()


def test_secretary_matrix_shows_only_their_committee(client, case):
    save_recommendation(case.recommendation, [case.town.ks, case.town.social])
    client.force_login(case.town.social_secretary)
    content = client.get(reverse("recommendations:follow_up_matrix", args=[case.audit.pk])).content.decode()
    assert "Socialnämnden" in content
    assert "Kommunstyrelsen" not in content


def test_read_only_follow_up_page_has_no_form(client, case):
    client.force_login(case.town.ks_staff)
    content = client.get(reverse("recommendations:follow_up", args=[case.addressee.pk])).content.decode()
    assert "Delvis åtgärdad" in content
    assert "Spara bedömningen" not in content


def test_revisor_of_another_municipality_cannot_export_foreign_rows(client, case):
    client.force_login(case.other.revisor)
    for name in ["audits:list", "recommendations:list"]:
        export = client.get(reverse(name), {"_export": "csv"})
        assert export.status_code == 200
        assert "digitalisering" not in export.content.decode("utf-8")


def test_sent_case_is_still_editable_and_the_change_is_in_history(client, case):
    client.force_login(case.town.revisor)
    response = client.post(reverse("audits:edit", args=[case.audit.pk]), audit_post(case))
    assert response.status_code == 302
    case.audit.refresh_from_db()
    assert case.audit.title == "Ändrad titel"
    assert case.audit.status == Audit.Status.SKICKAD
    latest = case.audit.history.first()
    assert latest.history_user == case.town.revisor
    history = client.get(reverse("documents:history", args=[case.audit.pk])).content.decode()
    assert "Efter utskick" in history
    assert "Ändrad titel" in history
