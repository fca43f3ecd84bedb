"""What the API reads on the demo data: the cases, their answers and files, filtered and
paged; drafts only for their own committee."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from api.tokens import create_token
from documents.models import AuditDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(demo, user):
    def client(username):
        _, secret = create_token(user(username), "Test", "read", 30)
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    return client


def results(answer):
    assert answer.status_code == 200, answer.content
    return answer.json()["results"]


def test_the_eskilstuna_case_with_its_committees_and_answers(api):
    ks = api("ks.eskilstuna")
    [audit] = results(ks.get("/api/v1/audits/"))
    assert audit["title"] == "Granskning av kommunens digitaliseringsarbete"
    assert audit["status"] == "anmald" and audit["year"] == 2022
    assert len(audit["recipients"]) == 7
    answers = results(ks.get(f"/api/v1/answers/?audit={audit['id']}&page_size=10"))
    assert {(a["committee"]["short_name"], a["status"]) for a in answers} >= {("KFN", "inskickad"), ("KS", "inskickad")}
    kfn = next(a for a in answers if a["committee"]["short_name"] == "KFN")
    assert kfn["paragraf"] == "§ 20" and kfn["diarienummer"] == "KFN/2023:41"
    assert kfn["positions"] and all(p["position"] for p in kfn["positions"])


def test_filters_and_cursor_pages(api):
    revisor = api("revisor.huddinge")
    [audit] = results(revisor.get("/api/v1/audits/"))
    assert results(revisor.get(f"/api/v1/audits/?year={audit['year']}&status={audit['status']}")) == [audit]
    assert results(revisor.get("/api/v1/audits/?year=1999")) == []
    assert results(revisor.get("/api/v1/audits/?status=planerad")) == []
    first = revisor.get("/api/v1/addressees/?page_size=2").json()
    assert len(first["results"]) == 2 and first["next"]
    second = revisor.get(first["next"]).json()
    assert {a["id"] for a in first["results"]}.isdisjoint({a["id"] for a in second["results"]})


def test_a_draft_is_read_only_by_its_own_committee(api, burlov_draft):
    url = f"/api/v1/answers/{burlov_draft.pk}/"
    assert api("sekr.burlov.ks").get(url).json()["status"] == "utkast"
    for username in ("revisor.burlov", "ks.burlov"):
        assert api(username).get(url).status_code == 404
        assert burlov_draft.pk not in {a["id"] for a in results(api(username).get("/api/v1/answers/"))}


def test_files_are_streamed_downloads_for_those_who_read_them(api, burlov_draft):
    from responses.models import Attachment

    Attachment.objects.create(
        response=burlov_draft,
        file=ContentFile(b"%PDF-1.4 protokoll\n%%EOF\n", name="protokoll.pdf"),
        original_name="Protokollsutdrag § 12.pdf",
        content_type="application/pdf",
        size=24,
    )
    secretary = api("sekr.burlov.ks")
    [listed] = secretary.get(f"/api/v1/answers/{burlov_draft.pk}/").json()["attachments"]
    download = secretary.get(listed["url"], HTTP_ACCEPT="application/pdf")
    assert download.status_code == 200 and download.streaming
    assert b"".join(download.streaming_content) == b"%PDF-1.4 protokoll\n%%EOF\n"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "no-store" in download["Cache-Control"] and "private" in download["Cache-Control"]
    assert api("sekr.eskilstuna.ks").get(listed["url"]).status_code == 404

    audit = burlov_draft.recipient.audit
    document = AuditDocument.objects.create(
        audit=audit, kind=AuditDocument.Kind.MISSIV, state=AuditDocument.State.READY, rendered_at=timezone.now()
    )
    document.file.save("missiv.pdf", ContentFile(b"%PDF-1.4 missiv\n%%EOF\n"))
    revisor = api("revisor.burlov")
    [shown] = results(revisor.get(f"/api/v1/documents/?audit={audit.pk}"))
    pdf = revisor.get(shown["url"])
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == b"%PDF-1.4 missiv\n%%EOF\n"
    AuditDocument.objects.filter(pk=document.pk).update(state=AuditDocument.State.QUEUED)
    queued = revisor.get(f"/api/v1/documents/{document.pk}/download/")
    assert (queued.status_code, queued.json()) == (404, {"detail": "Dokumentet är inte framställt ännu."})
    council = AuditDocument.objects.create(audit=audit, kind=AuditDocument.Kind.COUNCIL_REPORT)
    secretary_documents = results(secretary.get("/api/v1/documents/"))
    assert council.pk not in {d["id"] for d in secretary_documents}
