"""The residents' pages: only published cases, under every address, with nothing personal."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from audits.models import Audit
from core.storage import private_storage
from documents.models import AuditDocument
from audits.services import set_published
from committees.models import Municipality, User
from recommendations.models import FollowUp
from responses.models import Attachment, Position, Response

from .factories import make_follow_up, make_pdf_bytes
from .test_documents import ESKILSTUNA_COMMITTEES

pytestmark = pytest.mark.django_db

BURLOV_TEXTS = [
    "Granskning av digitaliseringsarbete",
    "Säkerställa att samtliga nämnder utarbetar konkreta handlingsplaner",
    "Som rutin upprätta nyttokalkyler i samband med digitaliseringsprojekt",
]


def test_done_when_eskilstuna_shows_its_seven_answers_and_burlov_nothing(demo, client):
    eskilstuna = Audit.objects.get(municipality__slug="eskilstuna")
    page = client.get("/public/eskilstuna/")
    assert page.status_code == 200
    content = page.content.decode()
    assert eskilstuna.title in content
    assert "Nämndernas svar (7)" in content
    responses = Response.objects.filter(recipient__audit=eskilstuna, status=Response.Status.INSKICKAD)
    assert responses.count() == 7
    for response in responses.select_related("recipient__committee"):
        row = re.search(
            rf"<td>{re.escape(response.recipient.committee.name)}</td>\s*<td>{response.meeting_date:%Y-%m-%d}</td>\s*"
            rf"<td>{re.escape(response.paragraf_display)}</td>\s*<td>{re.escape(response.diarienummer)}</td>",
            content,
        )
        assert row, response.recipient.committee.name

    burlov_case = Audit.objects.get(municipality__slug="burlov")
    page = client.get("/public/burlov/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "Revisorerna har inte publicerat någon granskning här ännu." in content
    for text in BURLOV_TEXTS:
        assert text not in content
    assert f"/public/burlov/{burlov_case.pk}/" not in content


def test_case_page_shows_recommendations_positions_actions_and_follow_up(demo, client):
    audit = Audit.objects.get(municipality__slug="eskilstuna")
    addressee = audit.recommendations.get(order=1).addressees.get()
    make_follow_up(addressee, status=FollowUp.Status.DELVIS, date=datetime.date(2024, 5, 2))
    content = client.get(f"/public/eskilstuna/{audit.pk}/").content.decode()
    for committee in ESKILSTUNA_COMMITTEES:
        assert '<h3 class="h5" id="answer-' in content and committee in content
    assert "Delvis åtgärdad (2024-05-02)" in content
    assert content.count("Instämmer") >= 7
    position = Position.objects.filter(addressee__recommendation__audit=audit).exclude(planned_actions="").first()
    assert position.planned_actions.splitlines()[0][:60] in content
    for recommendation in audit.recommendations.all():
        assert recommendation.text[:60] in content


def public_urls(slug, audit_pk, attachment_pks):
    urls = [
        f"/public/{slug}/{audit_pk}/",
        f"/public/{slug}/{audit_pk}/granskningsrapport.pdf",
        f"/public/{slug}/{audit_pk}/missiv.pdf",
    ]
    return urls + [f"/public/{slug}/{audit_pk}/bilagor/{pk}/" for pk in attachment_pks]


@pytest.fixture
def everything_on_file(demo, burlov_draft):
    """Every case has a report file and a ready missiv; every answer has a public and a private
    attachment, Burlöv's answer submitted, Huddinge's KFN answer reopened as a draft with a public file."""
    for audit in Audit.objects.all():
        audit.report_file.save(f"rapport-{audit.pk}.pdf", ContentFile(make_pdf_bytes(f"Rapport {audit.title}")))
        AuditDocument.objects.create(
            audit=audit,
            kind=AuditDocument.Kind.MISSIV,
            state=AuditDocument.State.READY,
            file=private_storage.save(f"documents/{audit.pk}/missiv.pdf", ContentFile(make_pdf_bytes("Missiv"))),
        )
    burlov_draft.meeting_date = datetime.date(2021, 9, 28)
    burlov_draft.paragraf = "§ 112"
    burlov_draft.status = Response.Status.INSKICKAD
    burlov_draft.submitted_at = timezone.now()
    burlov_draft.save()
    for response in Response.objects.all():
        for public in (True, False):
            name = f"{'offentlig' if public else 'intern'}-{response.pk}.pdf"
            Attachment.objects.create(
                response=response,
                file=private_storage.save(f"attachments/{name}", ContentFile(make_pdf_bytes(name))),
                original_name=name,
                content_type="application/pdf",
                size=100,
                public=public,
            )
    Response.objects.filter(recipient__audit__municipality__slug="huddinge").update(status=Response.Status.UTKAST)


def test_no_unpublished_case_under_any_public_address(everything_on_file, client):
    slugs = list(Municipality.objects.values_list("slug", flat=True))
    attachment_pks = list(Attachment.objects.values_list("pk", flat=True))
    served = set()
    for audit in Audit.objects.select_related("municipality"):
        for slug in slugs:
            for url in public_urls(slug, audit.pk, attachment_pks):
                status = client.get(url).status_code
                assert status in (200, 404), url
                if status == 200:
                    served.add(url)
                    assert audit.published and slug == audit.municipality.slug, url
    eskilstuna = Audit.objects.get(municipality__slug="eskilstuna")
    huddinge = Audit.objects.get(municipality__slug="huddinge")
    public_files = Attachment.objects.filter(public=True, response__recipient__audit=eskilstuna)
    assert served == {
        *public_urls("eskilstuna", eskilstuna.pk, public_files.values_list("pk", flat=True)),
        *public_urls("huddinge", huddinge.pk, []),
    }


def test_listing_and_case_pages_name_no_unpublished_case_nor_private_file(everything_on_file, client):
    pages = "".join(
        client.get(url).content.decode()
        for audit in Audit.objects.published().select_related("municipality")
        for url in (f"/public/{audit.municipality.slug}/", f"/public/{audit.municipality.slug}/{audit.pk}/")
    )
    pages += client.get("/public/burlov/").content.decode() + client.get("/public/haninge/").content.decode()
    for audit in Audit.objects.filter(published=False):
        assert audit.title not in pages
        for recommendation in audit.recommendations.all():
            assert recommendation.text[:50] not in pages
    for attachment in Attachment.objects.all():
        shown = attachment.original_name in pages
        expected = attachment.public and attachment.response.is_submitted and attachment.response.audit.published
        assert shown == expected, attachment.original_name


def test_public_pages_hold_no_personal_data_beyond_public_records(everything_on_file, client):
    Position.objects.update(responsible="Petra Privatperson")
    pages = "".join(
        client.get(url).content.decode()
        for audit in Audit.objects.published().select_related("municipality")
        for url in (f"/public/{audit.municipality.slug}/", f"/public/{audit.municipality.slug}/{audit.pk}/")
    )
    assert "@" not in pages
    assert "Petra Privatperson" not in pages
    for user in User.objects.all():
        assert user.username not in pages
        assert user.email not in pages
        if user.last_name:
            assert f"{user.first_name} {user.last_name}" not in pages
    for handlaggare in Response.objects.exclude(handlaggare="").values_list("handlaggare", flat=True):
        assert handlaggare not in pages


def test_unknown_municipality_is_404(demo, client):
    assert client.get("/public/nowhere/").status_code == 404


def test_revisor_publishes_and_withdraws_a_case_with_history(demo, client_as, client):
    burlov = Audit.objects.get(municipality__slug="burlov")
    revisor = client_as("revisor.burlov")
    assert "Publicera för invånare" in revisor.get(f"/audits/{burlov.pk}/").content.decode()
    assert revisor.post(f"/audits/{burlov.pk}/publish/", {"published": "1"}).status_code == 302
    burlov.refresh_from_db()
    assert burlov.published and burlov.published_at
    client.logout()
    assert burlov.title in client.get("/public/burlov/").content.decode()
    assert client.get(f"/public/burlov/{burlov.pk}/").status_code == 200

    revisor = client_as("revisor.burlov")
    revisor.post(f"/audits/{burlov.pk}/publish/", {"published": "0"})
    burlov.refresh_from_db()
    assert not burlov.published and burlov.published_at is None
    client.logout()
    assert client.get(f"/public/burlov/{burlov.pk}/").status_code == 404
    reasons = list(burlov.history.order_by("-history_date").values_list("history_change_reason", "published")[:2])
    assert reasons == [("Publiceringen återkallad", False), ("Publicerad för invånare", True)]
    history_page = client_as("revisor.burlov").get(f"/audits/{burlov.pk}/history/").content.decode()
    assert "Publicerad för invånare" in history_page


def test_only_the_municipalitys_revisors_may_publish(demo, client_as):
    burlov = Audit.objects.get(municipality__slug="burlov")
    assert client_as("ks.burlov").post(f"/audits/{burlov.pk}/publish/", {"published": "1"}).status_code == 403
    assert client_as("sekr.burlov.ks").post(f"/audits/{burlov.pk}/publish/", {"published": "1"}).status_code == 403
    assert client_as("revisor.haninge").post(f"/audits/{burlov.pk}/publish/", {"published": "1"}).status_code == 404
    burlov.refresh_from_db()
    assert not burlov.published


def test_a_case_not_yet_sent_cannot_be_published(demo, user, client_as):
    from django.core.exceptions import ValidationError

    from .factories import make_audit

    planned = make_audit(Municipality.objects.get(slug="burlov"), title="Planerad granskning")
    with pytest.raises(ValidationError):
        set_published(planned, True, user("revisor.burlov"))
    response = client_as("revisor.burlov").post(f"/audits/{planned.pk}/publish/", {"published": "1"}, follow=True)
    assert "kan publiceras först när den har skickats" in response.content.decode()
    planned.refresh_from_db()
    assert not planned.published


def test_published_needs_a_publication_date_in_the_database(demo):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Audit.objects.filter(municipality__slug="burlov").update(published=True)


def test_draft_answer_is_not_shown(demo, client):
    audit = Audit.objects.get(municipality__slug="eskilstuna")
    kfn = Response.objects.get(recipient__audit=audit, recipient__committee__short_name="KFN")
    Response.objects.filter(pk=kfn.pk).update(status=Response.Status.UTKAST)
    content = client.get("/public/eskilstuna/").content.decode()
    assert "Nämndernas svar (6)" in content
    assert "Svar väntas från: Kultur- och fritidsnämnden." in content
    assert kfn.diarienummer not in client.get(f"/public/eskilstuna/{audit.pk}/").content.decode()
