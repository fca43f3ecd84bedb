"""The secretaries' workflow on the demo data: draft, submit, reopen, extension requests and
the e-mail each step sends."""

import datetime

import pytest
from django.core import mail
from django.test import Client

from audits.models import Audit, Recipient
from responses.models import ExtensionRequest, Position, Response, SentNotification
from responses.services import get_or_create_draft, submit_response
from responses.tasks import send_submission_receipt

from .factories import (
    answer_form_data,
    make_recipient,
    make_recommendation,
    make_sent_audit,
    make_user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


@pytest.fixture
def burlov(demo):
    """Burlöv's open case, not yet started."""
    return Recipient.objects.get(audit__municipality__slug="burlov", committee__short_name="KS")


@pytest.fixture
def secretary(demo, client_as):
    return client_as("sekr.burlov.ks")


@pytest.fixture
def revisor(demo, user):
    """A second browser, so that the secretary's session stays logged in."""
    client = Client()
    client.force_login(user("revisor.burlov"))
    return client


def edit_url(response):
    return f"/responses/{response.pk}/edit/"


def test_secretary_starts_the_burlov_answer_once(burlov, secretary):
    first = secretary.post(f"/responses/start/{burlov.pk}/")
    response = Response.objects.get(recipient=burlov)
    assert first.status_code == 302
    assert first["Location"] == edit_url(response)
    assert response.status == Response.Status.UTKAST
    assert set(response.positions.values_list("addressee__recommendation__order", flat=True)) == {1, 2}

    again = secretary.post(f"/responses/start/{burlov.pk}/")
    assert again["Location"] == edit_url(response)
    assert Response.objects.filter(recipient=burlov).count() == 1
    assert Position.objects.filter(response=response).count() == 2


def test_draft_gets_a_position_for_a_recommendation_added_later(burlov_draft):
    recipient = burlov_draft.recipient
    added = make_recommendation(recipient.audit, recipients=[recipient], order=3)
    assert get_or_create_draft(recipient) == burlov_draft
    assert burlov_draft.positions.filter(addressee__recommendation=added).exists()


def test_inbox_lists_the_open_case_with_deadline_and_overdue_days(burlov, secretary):
    content = secretary.get("/responses/").content.decode()
    assert "Granskning av digitaliseringsarbete" in content
    assert "2021-09-30" in content
    assert "dagar försenat" in content
    assert "Börja svara" in content
    assert "Granskning av digitalisering<" not in content


def test_save_draft_keeps_the_values_and_records_who_changed_what(burlov_draft, secretary, user):
    data = answer_form_data(burlov_draft, position="", meeting_date="", paragraf="", diarienummer="KS/2021:245")
    page = secretary.post(edit_url(burlov_draft), {**data, "save": ""})
    assert page.status_code == 302
    burlov_draft.refresh_from_db()
    assert burlov_draft.diarienummer == "KS/2021:245"
    assert burlov_draft.status == Response.Status.UTKAST
    assert burlov_draft.version == 2
    latest = burlov_draft.history.first()
    assert latest.version == 2
    assert latest.history_user == user("sekr.burlov.ks")
    planned = Position.objects.filter(response=burlov_draft).values_list("planned_actions", flat=True)
    assert sorted(planned) == ["Åtgärder för rekommendation 1", "Åtgärder för rekommendation 2"]


def test_incomplete_answer_is_not_submitted_and_the_page_says_what_is_missing(burlov_draft, secretary):
    addressees = list(burlov_draft.recipient.addressees.order_by("recommendation__order"))
    data = answer_form_data(burlov_draft, meeting_date="", diarienummer="KS/2021:245", handlaggare="Camilla Nilsson")
    data[f"rek-{addressees[1].pk}-position"] = ""
    page = secretary.post(edit_url(burlov_draft), {**data, "submit": ""})
    content = page.content.decode()
    assert page.status_code == 400
    assert "Ange sammanträdesdatum för att kunna skicka in yttrandet." in content
    assert "Välj ställningstagande till rekommendation 2 för att kunna skicka in." in content
    assert "Ange paragraf" not in content
    assert 'value="KS/2021:245"' in content
    assert 'value="Camilla Nilsson"' in content
    assert 'value="instammer" aria-invalid' not in content
    burlov_draft.refresh_from_db()
    assert (burlov_draft.status, burlov_draft.version, burlov_draft.diarienummer) == (Response.Status.UTKAST, 1, "")


def test_submitting_burlov_answers_the_case_and_notifies(
    burlov_draft, secretary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = secretary.post(edit_url(burlov_draft), {**answer_form_data(burlov_draft), "submit": ""})
    assert page.status_code == 302
    assert page["Location"] == f"/responses/{burlov_draft.pk}/"
    burlov_draft.refresh_from_db()
    assert burlov_draft.status == Response.Status.INSKICKAD
    assert burlov_draft.submitted_by.username == "sekr.burlov.ks"
    assert burlov_draft.recipient.audit.status == Audit.Status.BESVARAD
    assert burlov_draft.recipient.audit.history.first().history_change_reason == "Alla nämnder har svarat"

    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert set(by_recipient) == {("sekr.burlov.ks@example.se",), ("revisor.burlov@example.se",)}
    receipt = by_recipient["sekr.burlov.ks@example.se",]
    assert receipt.subject == "Kvittens: Kommunstyrelsens yttrande över Granskning av digitaliseringsarbete är inskickat"
    assert "§ 12" in receipt.body
    assert f"/responses/{burlov_draft.pk}/" in receipt.body
    assert receipt.alternatives[0].mimetype == "text/html"
    notice = by_recipient["revisor.burlov@example.se",]
    assert notice.subject == "Kommunstyrelsen har svarat på Granskning av digitaliseringsarbete"
    assert "efter svarsdagen" in notice.body


def test_submitted_answer_is_read_only_for_the_secretary(burlov_draft, secretary):
    secretary.post(edit_url(burlov_draft), {**answer_form_data(burlov_draft), "submit": ""})
    burlov_draft.refresh_from_db()
    assert burlov_draft.is_submitted
    assert secretary.get(edit_url(burlov_draft)).status_code == 403
    assert "inskickat och kan inte längre ändras" in secretary.get(edit_url(burlov_draft)).content.decode()
    refused = secretary.post(edit_url(burlov_draft), {**answer_form_data(burlov_draft, paragraf="§ 99"), "save": ""})
    assert refused.status_code == 409
    assert "Yttrandet har redan skickats in" in refused.content.decode()
    assert 'value="§ 99"' in refused.content.decode()
    assert secretary.get(f"/responses/{burlov_draft.pk}/extension/").status_code == 403
    detail = secretary.get(f"/responses/{burlov_draft.pk}/").content.decode()
    assert "Skriv yttrandet" not in detail
    burlov_draft.refresh_from_db()
    assert burlov_draft.paragraf == "§ 12"


def test_case_is_answered_only_when_every_committee_has_submitted():
    audit = make_sent_audit()
    first, second = make_recipient(audit), make_recipient(audit)
    make_recommendation(audit, recipients=[first, second])
    author = make_user()
    for recipient in (first, second):
        draft = get_or_create_draft(recipient)
        draft.meeting_date, draft.paragraf = datetime.date(2030, 2, 1), "§ 3"
        draft.save()
        draft.positions.update(position=Position.Choice.INSTAMMER)
    submit_response(first.response, author)
    audit.refresh_from_db()
    assert audit.status == Audit.Status.SKICKAD
    submit_response(second.response, author)
    audit.refresh_from_db()
    assert audit.status == Audit.Status.BESVARAD


def test_huddinge_case_stays_sent_while_committees_are_missing(demo, user):
    gsn = Recipient.objects.get(audit__municipality__slug="huddinge", committee__short_name="GSN")
    draft = get_or_create_draft(gsn)
    draft.meeting_date, draft.paragraf = datetime.date(2022, 2, 10), "§ 4"
    draft.save()
    draft.positions.update(position=Position.Choice.DELVIS)
    submit_response(draft, user("sekr.huddinge.gsn"))
    assert Audit.objects.get(pk=gsn.audit_id).status == Audit.Status.SKICKAD


def test_revisor_reopens_a_submitted_answer_with_a_reason(
    burlov_draft, secretary, revisor, user, django_capture_on_commit_callbacks
):
    secretary.post(edit_url(burlov_draft), {**answer_form_data(burlov_draft), "submit": ""})
    mail.outbox.clear()
    reopen_url = f"/responses/{burlov_draft.pk}/reopen/"
    assert revisor.get(reopen_url).status_code == 200
    without_reason = revisor.post(reopen_url, {"reason": " "})
    assert without_reason.status_code == 400
    assert "Skriv varför yttrandet öppnas igen." in without_reason.content.decode()
    assert Response.objects.get(pk=burlov_draft.pk).is_submitted

    with django_capture_on_commit_callbacks(execute=True):
        reopened = revisor.post(reopen_url, {"reason": "Paragrafen är fel, ska vara § 112."})
    assert reopened.status_code == 302
    burlov_draft.refresh_from_db()
    assert burlov_draft.status == Response.Status.UTKAST
    assert burlov_draft.reopen_reason == "Paragrafen är fel, ska vara § 112."
    assert burlov_draft.recipient.audit.status == Audit.Status.SKICKAD
    event = burlov_draft.history.first()
    assert (event.history_change_reason, event.history_user, event.reopen_reason) == (
        "Återöppnat",
        user("revisor.burlov"),
        "Paragrafen är fel, ska vara § 112.",
    )
    assert [message.to for message in mail.outbox] == [["sekr.burlov.ks@example.se"]]
    assert "Paragrafen är fel" in mail.outbox[0].body

    assert secretary.get(edit_url(burlov_draft)).status_code == 200
    detail = secretary.get(f"/responses/{burlov_draft.pk}/").content.decode()
    assert "Revisorerna har öppnat yttrandet igen" in detail
    assert "Paragrafen är fel, ska vara § 112." in detail


def test_ks_staff_and_secretaries_cannot_reopen(burlov_draft, secretary, client_as):
    secretary.post(edit_url(burlov_draft), {**answer_form_data(burlov_draft), "submit": ""})
    for username in ("ks.burlov", "sekr.burlov.ks"):
        refused = client_as(username).post(f"/responses/{burlov_draft.pk}/reopen/", {"reason": "Fel"})
        assert refused.status_code == 403
    assert Response.objects.get(pk=burlov_draft.pk).is_submitted


def test_extension_requested_and_granted(
    burlov_draft, secretary, revisor, user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asked = secretary.post(
            f"/responses/{burlov_draft.pk}/extension/",
            {"requested_deadline": "2021-10-15", "reason": "Kommunstyrelsen sammanträder först 2021-10-12."},
        )
    assert asked.status_code == 302
    extension = ExtensionRequest.objects.get(recipient=burlov_draft.recipient)
    assert extension.state == ExtensionRequest.State.PENDING
    assert [message.to for message in mail.outbox] == [["revisor.burlov@example.se"]]
    assert f"/responses/extensions/{extension.pk}/decide/" in mail.outbox[0].body
    mail.outbox.clear()

    inbox = revisor.get("/responses/").content.decode()
    assert f"/responses/extensions/{extension.pk}/decide/" in inbox
    with django_capture_on_commit_callbacks(execute=True):
        decided = revisor.post(f"/responses/extensions/{extension.pk}/decide/", {"decision": "grant"})
    assert decided.status_code == 302
    extension.refresh_from_db()
    recipient = Recipient.objects.get(pk=burlov_draft.recipient_id)
    assert extension.state == ExtensionRequest.State.GRANTED
    assert extension.decided_by == user("revisor.burlov")
    assert recipient.extended_deadline == datetime.date(2021, 10, 15)
    assert recipient.extension_reason == "Kommunstyrelsen sammanträder först 2021-10-12."
    assert [message.to for message in mail.outbox] == [["sekr.burlov.ks@example.se"]]
    assert "2021-10-15" in mail.outbox[0].body
    assert "(förlängd från 2021-09-30)" in secretary.get("/responses/").content.decode()


def test_extension_refusal_needs_a_comment(burlov_draft, secretary, revisor, django_capture_on_commit_callbacks):
    secretary.post(
        f"/responses/{burlov_draft.pk}/extension/", {"requested_deadline": "2021-10-15", "reason": "Sammanträde"}
    )
    extension = ExtensionRequest.objects.get()
    url = f"/responses/extensions/{extension.pk}/decide/"
    without_comment = revisor.post(url, {"decision": "refuse"})
    assert without_comment.status_code == 400
    assert "Skriv varför begäran avslås." in without_comment.content.decode()
    assert ExtensionRequest.objects.get().state == ExtensionRequest.State.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        revisor.post(url, {"decision": "refuse", "decision_comment": "Svaret behövs före budgetberedningen."})
    assert ExtensionRequest.objects.get().state == ExtensionRequest.State.REFUSED
    assert Recipient.objects.get(pk=burlov_draft.recipient_id).extended_deadline is None
    assert "Svaret behövs före budgetberedningen." in mail.outbox[-1].body
    again = revisor.post(url, {"decision": "grant"})
    assert again.status_code == 400
    assert "Begäran är redan beslutad." in again.content.decode()
    assert ExtensionRequest.objects.get().state == ExtensionRequest.State.REFUSED


def test_extension_request_must_move_the_deadline_and_be_the_only_pending_one(burlov_draft, secretary):
    url = f"/responses/{burlov_draft.pk}/extension/"
    too_early = secretary.post(url, {"requested_deadline": "2021-09-30", "reason": "Sammanträde"})
    assert too_early.status_code == 400
    content = too_early.content.decode()
    assert "Välj ett datum efter nuvarande svarsdag 2021-09-30." in content
    assert "Sammanträde</textarea>" in content
    assert not ExtensionRequest.objects.exists()
    secretary.post(url, {"requested_deadline": "2021-10-15", "reason": "Sammanträde"})
    assert "väntar redan på beslut" in secretary.get(url).content.decode()
    second = secretary.post(url, {"requested_deadline": "2021-11-15", "reason": "Igen"})
    assert "väntar redan på beslut" in second.content.decode()
    assert ExtensionRequest.objects.count() == 1


def test_a_notification_is_sent_once_however_often_its_task_runs(burlov_draft, user):
    draft = burlov_draft
    draft.meeting_date, draft.paragraf = datetime.date(2021, 9, 28), "§ 112"
    draft.save()
    draft.positions.update(position=Position.Choice.INSTAMMER)
    submitted = submit_response(draft, user("sekr.burlov.ks"))
    mail.outbox.clear()
    assert send_submission_receipt(submitted.pk, submitted.version) is True
    assert send_submission_receipt(submitted.pk, submitted.version) is False
    assert len(mail.outbox) == 1
    assert SentNotification.objects.get().sent_at is not None
