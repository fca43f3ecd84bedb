"""The auditors' workflow as functions: addressee shortcuts, send checks, sending, extensions,
ordering, search and the case history."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from audits import services
from core import ordering
from documents.history import case_history
from audits.models import Audit, Recipient
from documents.models import AuditDocument
from core.search import search
from responses import requests
from responses.tasks import email_request_for_response
from recommendations.models import Addressee, Recommendation
from recommendations.services import (
    AddresseeShortcut,
    addressable_committees,
    committees_for_shortcut,
    delete_recommendation,
    save_recommendation,
)
from responses.models import Response

from .factories import (
    make_audit,
    make_committee,
    make_question,
    make_recipient,
    make_recommendation,
    make_town,
    make_user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

TODAY = datetime.date(2030, 1, 10)


@pytest.fixture
def town():
    return make_town("Haninge")


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Send for response and run what waits for the commit (the e-mail task)."""

    def send_now(audit, user, today=TODAY):
        with django_capture_on_commit_callbacks(execute=True):
            return requests.send_for_response(audit, user, today=today)

    return send_now


@pytest.fixture
def ready_audit(town):
    """A complete case: two recommendations to KS, one also to SOCN, deadlines in the future."""
    audit = make_audit(town.municipality, title="Granskning av digitalisering", year=2019)
    ks = make_recipient(audit, town.ks, deadline=datetime.date(2030, 3, 1))
    social = make_recipient(audit, town.social, deadline=datetime.date(2030, 3, 1))
    make_recommendation(audit, [ks], order=1, text="Utarbeta riktlinjer för risk- och nyttokalkyler.")
    make_recommendation(audit, [ks, social], order=2, text="Säkerställ en strukturerad uppföljning.")
    return audit


# Addressee shortcuts


def test_samtliga_namnder_is_every_active_answering_committee(town):
    other = make_committee(make_town("Burlöv").municipality, name="Annan nämnd")
    committees = set(committees_for_shortcut(town.municipality, AddresseeShortcut.ALL))
    assert committees == {town.ks, town.social, town.culture}
    assert other not in committees


def test_samtliga_namnder_utom_kommunstyrelsen(town):
    committees = list(committees_for_shortcut(town.municipality, AddresseeShortcut.ALL_BUT_KS))
    assert committees == [town.culture, town.social]


def test_shortcut_includes_bolag_and_lists_kommunstyrelsen_first(town):
    bolag = make_committee(town.municipality, name="Bostadsbolaget AB", short_name="BAB", kind="bolag")
    committees = list(committees_for_shortcut(town.municipality, AddresseeShortcut.ALL))
    assert committees[0] == town.ks
    assert committees[-1] == bolag


def test_addressable_committees_keep_an_inactive_committee_already_asked(town):
    audit = make_audit(town.municipality)
    assert town.closed not in addressable_committees(audit)
    make_recipient(audit, town.closed)
    assert town.closed in addressable_committees(audit)


def test_choosing_committees_creates_recipients_with_the_shared_deadline(town):
    audit = make_audit(town.municipality)
    make_recommendation(audit, [make_recipient(audit, town.ks, deadline=datetime.date(2030, 2, 15))])
    recommendation = save_recommendation(
        Recommendation(audit=audit, text="Ny rekommendation"), committees_for_shortcut(town.municipality, "samtliga")
    )
    assert recommendation.order == 2
    assert {a.recipient.committee for a in recommendation.addressees.all()} == {town.ks, town.social, town.culture}
    assert set(audit.recipients.values_list("deadline", flat=True)) == {datetime.date(2030, 2, 15)}
    assert audit.recipients.count() == 3


def test_unaddressing_drops_the_committee_before_sending(town):
    audit = make_audit(town.municipality)
    recommendation = save_recommendation(Recommendation(audit=audit, text="R"), [town.ks, town.social])
    save_recommendation(recommendation, [town.ks])
    assert list(audit.recipients.values_list("committee", flat=True)) == [town.ks.pk]
    delete_recommendation(recommendation)
    assert not audit.recipients.exists()


def test_adding_a_committee_after_sending_asks_it_for_a_yttrande(
    town, ready_audit, send, mailoutbox, django_capture_on_commit_callbacks
):
    send(ready_audit, town.revisor)
    mailoutbox.clear()
    recommendation = ready_audit.recommendations.get(order=1)
    culture_secretary = make_user("sekreterare", town.municipality, [town.culture], email="sekr.kfn@haninge.se")
    with django_capture_on_commit_callbacks(execute=True):
        save_recommendation(recommendation, [town.ks, town.culture])
    recipient = ready_audit.recipients.get(committee=town.culture)
    assert recipient.deadline == datetime.date(2030, 3, 1)
    assert Response.objects.filter(recipient=recipient).exists()
    assert [message.to for message in mailoutbox] == [[culture_secretary.email]]


# Send checks


def test_empty_audit_needs_a_recommendation(town):
    assert requests.send_problems(make_audit(town.municipality), today=TODAY) == [
        "Lägg till minst en rekommendation."
    ]


def test_send_checks_name_what_is_missing(town):
    audit = make_audit(town.municipality)
    make_recommendation(audit, order=1)
    make_recommendation(audit, [make_recipient(audit, town.ks, deadline=None)], order=2)
    make_recommendation(audit, [make_recipient(audit, town.social, deadline=datetime.date(2030, 1, 9))], order=3)
    assert requests.send_problems(audit, today=TODAY) == [
        "Rekommendation 1 är inte riktad till någon nämnd.",
        "Ange svarsdag för Kommunstyrelsen.",
        "Svarsdagen för Socialnämnden (2030-01-09) har redan passerat.",
    ]


def test_deadline_today_and_extended_deadline_count_as_not_past(town):
    audit = make_audit(town.municipality)
    make_recommendation(audit, [make_recipient(audit, town.ks, deadline=TODAY)])
    make_recommendation(
        audit,
        [
            make_recipient(
                audit,
                town.social,
                deadline=datetime.date(2030, 1, 5),
                extended_deadline=datetime.date(2030, 1, 20),
                extension_reason="Sammanträde",
            )
        ],
    )
    assert requests.send_problems(audit, today=TODAY) == []


# Sending


def test_send_for_response(town, ready_audit, send, mailoutbox):
    send(ready_audit, town.revisor)
    ready_audit.refresh_from_db()
    assert ready_audit.status == Audit.Status.SKICKAD
    assert ready_audit.sent_by == town.revisor
    assert ready_audit.sent_at is not None
    responses = Response.objects.filter(recipient__audit=ready_audit)
    assert sorted(r.recipient.committee.short_name for r in responses) == ["KS", "SOCN"]
    assert all(r.status == Response.Status.UTKAST for r in responses)
    missiv = AuditDocument.objects.get(audit=ready_audit, kind=AuditDocument.Kind.MISSIV)
    assert missiv.state == AuditDocument.State.READY and missiv.file.size > 0
    by_recipient = {tuple(message.to): message for message in mailoutbox}
    assert set(by_recipient) == {(town.ks_secretary.email,), (town.social_secretary.email,)}
    ks_response = responses.get(recipient__committee=town.ks)
    message = by_recipient[(town.ks_secretary.email,)]
    assert f"/responses/{ks_response.pk}/" in message.body
    assert "Granskning av digitalisering" in message.subject
    assert "2030-03-01" in message.body
    history = ready_audit.history.first()
    assert history.history_user == town.revisor
    assert history.history_change_reason == "Skickad för yttrande"


def test_an_incomplete_case_is_not_sent_and_nothing_changes(town, mailoutbox):
    audit = make_audit(town.municipality)
    make_recommendation(audit)
    with pytest.raises(ValidationError) as refusal:
        requests.send_for_response(audit, town.revisor, today=TODAY)
    assert refusal.value.messages == ["Rekommendation 1 är inte riktad till någon nämnd."]
    audit.refresh_from_db()
    assert audit.status == Audit.Status.PLANERAD and audit.sent_at is None
    assert not AuditDocument.objects.exists()
    assert not Response.objects.exists()
    assert mailoutbox == []


def test_a_case_cannot_be_sent_twice(town, ready_audit, send, mailoutbox):
    send(ready_audit, town.revisor)
    sent_at = Audit.objects.get(pk=ready_audit.pk).sent_at
    with pytest.raises(ValidationError, match="redan skickad"):
        send(ready_audit, town.revisor)
    assert Audit.objects.get(pk=ready_audit.pk).sent_at == sent_at
    assert len(mailoutbox) == 2
    assert Response.objects.count() == 2


def test_the_request_mail_goes_out_once_however_often_the_task_runs(town, ready_audit, send, mailoutbox):
    send(ready_audit, town.revisor)
    recipient = ready_audit.recipients.get(committee=town.ks)
    assert email_request_for_response(recipient.pk) == 0
    assert email_request_for_response(999_999) == 0
    assert len(mailoutbox) == 2


def test_committee_without_secretary_gets_no_mail_and_no_claim(town, send, mailoutbox):
    audit = make_audit(town.municipality)
    make_recommendation(audit, [make_recipient(audit, town.culture)])
    send(audit, town.revisor)
    assert mailoutbox == []
    assert Recipient.objects.get(audit=audit).invited_at is None


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_sends_send_once(mailoutbox):
    """A double click: two requests race to send; the row lock lets exactly one through."""
    if connection.vendor != "postgresql":
        pytest.skip("Radlåsning (select_for_update) prövas på PostgreSQL")
    town = make_town("Tyresö")
    audit = make_audit(town.municipality)
    make_recommendation(audit, [make_recipient(audit, town.ks, deadline=datetime.date(2099, 1, 1))])
    barrier = threading.Barrier(2)
    outcomes = []

    def send():
        try:
            barrier.wait()
            requests.send_for_response(audit, town.revisor)
            outcomes.append("skickad")
        except ValidationError:
            outcomes.append("nekad")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["nekad", "skickad"]
    assert Response.objects.filter(recipient__audit=audit).count() == 1
    assert len(mailoutbox) == 1
    assert Audit.history.filter(id=audit.pk, status=Audit.Status.SKICKAD).count() == 1


# Deadlines and extensions


def test_grant_extension_keeps_the_reason_and_the_user_in_the_history(town):
    recipient = make_recipient(make_audit(town.municipality), town.social, deadline=datetime.date(2023, 3, 20))
    services.grant_extension(recipient, datetime.date(2023, 3, 24), "Nämndens sammanträde är 2023-03-23.", town.revisor)
    recipient.refresh_from_db()
    assert recipient.effective_deadline == datetime.date(2023, 3, 24)
    latest = recipient.history.first()
    assert latest.extension_reason == "Nämndens sammanträde är 2023-03-23."
    assert latest.history_user == town.revisor
    assert latest.history_change_reason == "Förlängd svarstid"
    services.grant_extension(recipient, datetime.date(2023, 3, 31), "Nytt sammanträde", town.revisor)
    reasons = list(recipient.history.order_by("history_date").values_list("extension_reason", flat=True))
    assert reasons == ["", "Nämndens sammanträde är 2023-03-23.", "Nytt sammanträde"]


@pytest.mark.parametrize(
    "new_deadline,reason,errors",
    [
        (datetime.date(2023, 3, 20), "Skäl", {"extended_deadline": ["Den nya svarsdagen måste vara senare än den nuvarande (2023-03-20)."]}),
        (datetime.date(2023, 3, 24), "  ", {"extension_reason": ["Ange skälet till förlängningen."]}),
        (None, "", {"extended_deadline": ["Ange den nya svarsdagen."], "extension_reason": ["Ange skälet till förlängningen."]}),
    ],
)
def test_grant_extension_refuses_with_swedish_messages(town, new_deadline, reason, errors):
    recipient = make_recipient(make_audit(town.municipality), town.social, deadline=datetime.date(2023, 3, 20))
    with pytest.raises(ValidationError) as refusal:
        services.grant_extension(recipient, new_deadline, reason, town.revisor)
    assert refusal.value.message_dict == errors
    recipient.refresh_from_db()
    assert recipient.extended_deadline is None
    assert recipient.history.count() == 1


def test_grant_extension_needs_a_deadline_to_extend(town):
    recipient = make_recipient(make_audit(town.municipality), town.social, deadline=None)
    with pytest.raises(ValidationError, match="ingen svarsdag"):
        services.grant_extension(recipient, datetime.date(2030, 1, 1), "Skäl", town.revisor)


def test_moving_the_deadline_past_an_extension_makes_it_moot(town):
    recipient = make_recipient(
        make_audit(town.municipality),
        town.social,
        deadline=datetime.date(2030, 3, 1),
        extended_deadline=datetime.date(2030, 3, 10),
        extension_reason="Sammanträde",
    )
    assert services.set_deadlines({recipient: datetime.date(2030, 3, 15)}) == 1
    recipient.refresh_from_db()
    assert (recipient.deadline, recipient.extended_deadline, recipient.extension_reason) == (
        datetime.date(2030, 3, 15),
        None,
        "",
    )
    assert services.set_deadlines({recipient: datetime.date(2030, 3, 15)}) == 0


@pytest.mark.parametrize(
    "deadline,expected",
    [
        (datetime.date(2030, 1, 30), ("20 dagar kvar", "")),
        (datetime.date(2030, 1, 11), ("1 dag kvar", "deadline-soon")),
        (TODAY, ("Svarsdagen är i dag", "deadline-soon")),
        (datetime.date(2030, 1, 9), ("Försenad 1 dag", "deadline-overdue")),
        (datetime.date(2030, 1, 5), ("Försenad 5 dagar", "deadline-overdue")),
        (None, ("Ingen svarsdag", "")),
    ],
)
def test_deadline_status(deadline, expected):
    assert services.deadline_status(Recipient(deadline=deadline), today=TODAY) == expected


def test_deadline_status_of_a_submitted_answer(town):
    recipient = make_recipient(make_audit(town.municipality), town.ks, deadline=datetime.date(2022, 2, 15))
    Response.objects.create(
        recipient=recipient,
        status=Response.Status.INSKICKAD,
        submitted_at=timezone.now(),
        meeting_date=datetime.date(2022, 3, 15),
        paragraf="§ 6",
    )
    recipient = Recipient.objects.select_related("response").get(pk=recipient.pk)
    assert services.deadline_status(recipient, today=TODAY) == ("Besvarad 28 dagar efter svarsdagen", "deadline-late-answer")


# Ordering


def test_questions_move_and_renumber(town):
    audit = make_audit(town.municipality)
    first, second, third = (make_question(audit, text=text) for text in ("A", "B", "C"))
    assert ordering.move(third, audit.questions.all(), "up")
    assert list(audit.questions.values_list("text", flat=True)) == ["A", "C", "B"]
    assert not ordering.move(first, audit.questions.all(), "up")
    second.delete()
    ordering.renumber(audit.questions.all())
    assert list(audit.questions.values_list("text", "order")) == [("A", 1), ("C", 2)]


# Search


def test_text_search_finds_words_and_word_beginnings(town):
    digital = make_audit(town.municipality, title="Granskning av kommunens digitaliseringsarbete")
    make_audit(town.municipality, title="Granskning av lokalförsörjning", purpose="Lokaler och hyror")
    audits = Audit.objects.all()
    assert list(search(audits, "digitalisering", ["title", "purpose"])) == [digital]
    assert list(search(audits, "kommunens digitalisering", ["title", "purpose"])) == [digital]
    assert search(audits, "granskning", ["title"]).count() == 2
    assert search(audits, "", ["title"]).count() == 2
    assert not search(audits, "skola", ["title", "purpose"]).exists()


def test_text_search_ignores_query_syntax(town):
    make_audit(town.municipality, title="Granskning av digitalisering")
    assert search(Audit.objects.all(), "digital & | ! :* ' (", ["title"]).count() == 1


# History


def test_case_history_shows_who_changed_what_in_swedish(town, ready_audit):
    ready_audit.title = "Granskning av digitaliseringen"
    ready_audit._history_user = town.revisor
    ready_audit.save()
    requests.send_for_response(ready_audit, town.revisor, today=TODAY)
    recipient = ready_audit.recipients.get(committee=town.social)
    services.grant_extension(recipient, datetime.date(2030, 3, 20), "Sammanträde 2030-03-19", town.revisor)
    addressee = Addressee.objects.filter(recipient=recipient).first()
    addressee.delete()

    entries = case_history(ready_audit)
    extension = next(e for e in entries if e.reason == "Förlängd svarstid")
    assert extension.user == town.revisor
    assert extension.subject == "mottagare: Socialnämnden"
    assert extension.after_sending
    changes = {c.label: (c.old, c.new) for c in extension.changes}
    assert changes == {
        "Förlängd svarstid": ("–", "2030-03-20"),
        "Skäl för förlängning": ("–", "Sammanträde 2030-03-19"),
    }
    renamed = next(e for e in entries if any(c.label == "Titel" for c in e.changes) and e.action == "Ändrade")
    assert {c.label: (c.old, c.new) for c in renamed.changes}["Titel"] == (
        "Granskning av digitalisering",
        "Granskning av digitaliseringen",
    )
    sent = next(e for e in entries if e.reason == "Skickad för yttrande")
    assert {c.label: c.new for c in sent.changes}["Status"] == "Skickad för yttrande"
    assert not sent.after_sending
    removed = next(e for e in entries if e.action == "Tog bort")
    assert removed.subject == "adressat: Socialnämnden för rekommendation 2"
    assert entries == sorted(entries, key=lambda e: e.when, reverse=True)
