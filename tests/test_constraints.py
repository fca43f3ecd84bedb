"""Invariants are enforced by the database and model validation: a violation raises and
nothing is half-saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from audits.models import Audit, Recipient
from committees.models import Committee
from recommendations.models import Addressee, FollowUp
from responses.models import Position, Response

from .factories import (
    make_audit,
    make_committee,
    make_municipality,
    make_recipient,
    make_recommendation,
    make_response,
    make_user,
)

pytestmark = pytest.mark.django_db


def assert_rejected(create, model):
    count = model.objects.count()
    with pytest.raises((IntegrityError, ValidationError)):
        with transaction.atomic():
            create()
    assert model.objects.count() == count


def test_one_response_per_audit_and_committee():
    recipient = make_recipient()
    make_response(recipient)
    assert_rejected(lambda: Response.objects.create(recipient=recipient), Response)


def test_one_recipient_row_per_committee_and_audit():
    recipient = make_recipient()
    assert_rejected(
        lambda: Recipient.objects.bulk_create(
            [Recipient(audit=recipient.audit, committee=recipient.committee)]
        ),
        Recipient,
    )


def test_extended_deadline_cannot_precede_deadline_in_database():
    recipient = make_recipient(deadline=datetime.date(2030, 3, 20))
    with pytest.raises(IntegrityError), transaction.atomic():
        Recipient.objects.filter(pk=recipient.pk).update(
            extended_deadline=datetime.date(2030, 3, 1), extension_reason="Sammanträde"
        )
    recipient.refresh_from_db()
    assert recipient.extended_deadline is None


def test_extended_deadline_validation_message_is_swedish():
    recipient = make_recipient(deadline=datetime.date(2030, 3, 20))
    recipient.extended_deadline = datetime.date(2030, 3, 1)
    recipient.extension_reason = "Sammanträde"
    with pytest.raises(ValidationError) as error:
        recipient.save()
    assert "förlängda svarstiden" in str(error.value)
    recipient.refresh_from_db()
    assert recipient.extended_deadline is None


def test_extension_needs_a_reason():
    recipient = make_recipient(deadline=datetime.date(2030, 3, 20))
    with pytest.raises(IntegrityError), transaction.atomic():
        Recipient.objects.filter(pk=recipient.pk).update(extended_deadline=datetime.date(2030, 3, 24))


def test_recipient_committee_must_belong_to_audit_municipality():
    audit = make_audit()
    foreign_committee = make_committee(make_municipality())
    assert_rejected(lambda: make_recipient(audit=audit, committee=foreign_committee), Recipient)


def test_recommendation_addressed_only_to_recipients_of_its_audit():
    recommendation = make_recommendation()
    other_recipient = make_recipient()
    assert_rejected(
        lambda: Addressee.objects.create(recommendation=recommendation, recipient=other_recipient),
        Addressee,
    )


def test_invalid_choices_are_rejected_by_the_database():
    audit = make_audit()
    with pytest.raises(IntegrityError), transaction.atomic():
        Audit.objects.filter(pk=audit.pk).update(status="okänd")
    with pytest.raises(IntegrityError), transaction.atomic():
        Committee.objects.filter(pk=make_committee().pk).update(kind="okänd")


def test_sent_audit_needs_sent_at():
    assert_rejected(lambda: make_audit(status=Audit.Status.SKICKAD), Audit)


def test_submitted_response_needs_meeting_facts():
    assert_rejected(
        lambda: make_response(status=Response.Status.INSKICKAD, submitted_at=datetime.datetime.now(datetime.UTC)),
        Response,
    )


def test_one_kommunstyrelsen_per_municipality():
    municipality = make_municipality()
    make_committee(municipality, kind=Committee.Kind.KOMMUNSTYRELSEN)
    assert_rejected(lambda: make_committee(municipality, kind=Committee.Kind.KOMMUNSTYRELSEN), Committee)


def test_position_must_concern_the_responding_committee():
    audit = make_audit()
    first, second = make_recipient(audit), make_recipient(audit)
    recommendation = make_recommendation(audit, recipients=[first, second])
    response = make_response(first)
    other_addressee = recommendation.addressees.get(recipient=second)
    assert_rejected(lambda: Position.objects.create(response=response, addressee=other_addressee), Position)


def test_follow_up_status_is_constrained():
    recipient = make_recipient()
    addressee = make_recommendation(recipient.audit, recipients=[recipient]).addressees.get()
    assert_rejected(
        lambda: FollowUp.objects.create(addressee=addressee, date=datetime.date(2030, 1, 1), status="klar"),
        FollowUp,
    )


def test_user_with_role_needs_municipality():
    from committees.models import User

    assert_rejected(lambda: make_user(role=User.Role.REVISOR), User)


def test_changes_are_kept_in_history():
    audit = make_audit(title="Före")
    audit.title = "Efter"
    audit.save()
    assert [h.title for h in audit.history.order_by("history_date")] == ["Före", "Efter"]
