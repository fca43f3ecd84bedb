"""Events for the municipalities' diarium, recorded in the transaction of the change.

A service that sends a case, submits an answer or reports a case to fullmäktige calls one of
the `record_*` functions inside its transaction: the event exists exactly when the change
does. Each active webhook of the municipality gets a delivery row in the same transaction;
the posting itself is queued for after the commit (outbox.webhooks).
"""

from django.urls import reverse
from django.utils import timezone

from .dispatch import send_named_on_commit
from .models import Event, WebhookDelivery, WebhookEndpoint


def _date(value):
    return value.isoformat() if value else None


def _time(value):
    """Local time with its offset, as the API shows every time."""
    return timezone.localtime(value).isoformat()


def _audit(audit):
    return {
        "id": audit.pk,
        "title": audit.title,
        "year": audit.year,
        "diarienummer": audit.diarienummer,
        "url": reverse("api:audit-detail", args=[audit.pk]),
    }


def _committee(committee):
    return {"id": committee.pk, "name": committee.name, "short_name": committee.short_name}


def record(kind, audit, data, committee=None):
    """Write the event and queue it for the municipality's webhook."""
    event = Event.objects.create(
        municipality_id=audit.municipality_id, kind=kind, audit=audit, committee=committee, data=data
    )
    for endpoint in WebhookEndpoint.objects.filter(municipality_id=audit.municipality_id, active=True):
        delivery = WebhookDelivery.objects.create(event=event, endpoint=endpoint)
        send_named_on_commit("outbox.tasks.deliver_webhook", delivery.pk)
    return event


def record_missiv_sent(audit):
    """The case went to its committees for a yttrande (the missiv was sent)."""
    recipients = audit.recipients.select_related("committee").order_by("committee__name")
    return record(
        Event.Kind.MISSIV_SENT,
        audit,
        {
            "audit": _audit(audit),
            "sent_at": _time(audit.sent_at),
            "recipients": [
                {**_committee(recipient.committee), "deadline": _date(recipient.effective_deadline)}
                for recipient in recipients
            ],
        },
    )


def record_answer_submitted(response):
    """A committee submitted its yttrande."""
    recipient = response.recipient
    return record(
        Event.Kind.ANSWER_SUBMITTED,
        recipient.audit,
        {
            "audit": _audit(recipient.audit),
            "committee": _committee(recipient.committee),
            "answer": {
                "id": response.pk,
                "meeting_date": _date(response.meeting_date),
                "paragraf": response.paragraf,
                "diarienummer": response.diarienummer,
                "submitted_at": _time(response.submitted_at),
                "url": reverse("api:answer-detail", args=[response.pk]),
            },
        },
        committee=recipient.committee,
    )


def record_report_decided(audit):
    """Kommunstyrelsen's report of the answers to fullmäktige was decided (status anmäld)."""
    return record(Event.Kind.REPORT_DECIDED, audit, {"audit": _audit(audit)})


def as_json(event):
    """The event as the feed and the webhook show it (one shape for both)."""
    return {
        "id": event.pk,
        "kind": event.kind,
        "occurred_at": _time(event.occurred_at),
        "municipality": event.municipality.slug,
        "data": event.data,
    }
