"""A change to a sent case queues its PDFs again, so the stored documents never go stale."""

import datetime

import pytest
from pypdf import PdfReader

from documents.rendering import request_document
from documents.models import AuditDocument
from audits.services import grant_extension
from recommendations.services import save_recommendation
from responses.services import get_or_create_draft, reopen_response, submit_response

from .factories import make_recipient, make_recommendation, make_sent_audit, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery", "private_files")]


def pdf_text(document):
    document.refresh_from_db()
    assert document.state == AuditDocument.State.READY
    with document.file.open("rb") as stored:
        return " ".join(page.extract_text() for page in PdfReader(stored).pages)


@pytest.fixture
def sent_case(django_capture_on_commit_callbacks):
    audit = make_sent_audit(title="Granskning av e-arkivet", place="Burlöv")
    recipient = make_recipient(audit, deadline=datetime.date(2030, 3, 20))
    recommendation = make_recommendation(audit, recipients=[recipient], text="Inför e-arkiv.")
    revisor = make_user("revisor", audit.municipality)

    with django_capture_on_commit_callbacks(execute=True):
        missiv = request_document(audit, AuditDocument.Kind.MISSIV)
    return audit, recipient, recommendation, revisor, missiv


def test_extension_rerenders_the_council_report(sent_case, django_capture_on_commit_callbacks):
    audit, recipient, _, revisor, _ = sent_case
    with django_capture_on_commit_callbacks(execute=True):
        report = request_document(audit, AuditDocument.Kind.COUNCIL_REPORT)
    assert "2030-04-02" not in pdf_text(report)
    with django_capture_on_commit_callbacks(execute=True):
        grant_extension(recipient, datetime.date(2030, 4, 2), "Nämnden sammanträder i april.", revisor)
    assert "2030-04-02" in pdf_text(report)


def test_changed_recommendation_rerenders_the_missiv(sent_case, django_capture_on_commit_callbacks):
    _, recipient, recommendation, _, missiv = sent_case
    recommendation.text = "Inför e-arkiv senast 2031."
    with django_capture_on_commit_callbacks(execute=True):
        save_recommendation(recommendation, [recipient.committee])
    assert "senast 2031" in pdf_text(missiv)


def test_submitting_and_reopening_queue_the_documents_again(sent_case, django_capture_on_commit_callbacks):
    audit, recipient, _, revisor, missiv = sent_case
    response = get_or_create_draft(recipient)
    response.meeting_date = datetime.date(2030, 3, 1)
    response.paragraf = "§ 4"
    response.save()
    response.positions.update(position="instammer")
    before = AuditDocument.objects.get(pk=missiv.pk).requested_at
    secretary = make_user("sekreterare", audit.municipality, [recipient.committee])
    with django_capture_on_commit_callbacks(execute=True):
        submit_response(response, secretary)
    submitted = AuditDocument.objects.get(pk=missiv.pk).requested_at
    assert submitted > before
    with django_capture_on_commit_callbacks(execute=True):
        reopen_response(response, revisor, "Fel paragraf.")
    assert AuditDocument.objects.get(pk=missiv.pk).requested_at > submitted
