"""E-mail about answers, deadline extensions and deadline reminders, sent by the worker.

Each task takes ids, re-fetches, and records its message under a key naming the event,
so a retried or redelivered task sends nothing twice.
"""

import logging
import smtplib

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from audits.models import Recipient
from committees.mail import RETRY_SMTP, absolute_url, send_templated_mail
from committees.models import User

from . import reminders, requests
from .models import ExtensionRequest, Response, SentNotification

logger = logging.getLogger(__name__)

def _addresses(users):
    return sorted({user.email for user in users if user and user.is_active and user.email})


def _revisors_of(municipality_id):
    return User.objects.filter(municipality_id=municipality_id, role=User.Role.REVISOR)


def _send_once(key, template, context, to):
    """Send the message unless the event's message was already sent."""
    if not to:
        return False
    notification, _ = SentNotification.objects.get_or_create(key=key)
    if notification.sent_at:
        return False
    send_templated_mail(template, context, to)
    SentNotification.objects.filter(pk=notification.pk).update(sent_at=timezone.now())
    return True


def _response_at(response_id, version):
    """The answer as it was at `version`, from its history; None if it no longer exists."""
    record = (
        Response.history.filter(id=response_id, version=version)
        .select_related("recipient__audit", "recipient__committee", "submitted_by")
        .order_by("-history_date")
        .first()
    )
    if record is None or not Response.objects.filter(pk=response_id).exists():
        return None
    return record


def _response_context(record):
    return {
        "response": record.instance,
        "committee": record.recipient.committee,
        "audit": record.recipient.audit,
        "url": absolute_url(reverse("responses:detail", args=[record.id])),
    }


def _mail_about_response(response_id, version, event, template, people):
    record = _response_at(response_id, version)
    if record is None:
        return False
    return _send_once(
        f"response-{event}:{response_id}:{version}", template, _response_context(record), _addresses(people(record))
    )


@shared_task(**RETRY_SMTP)
def send_submission_receipt(response_id, version):
    """Confirm to the secretary that the committee's answer was submitted."""
    return _mail_about_response(
        response_id, version, "receipt", "response_submitted_receipt", lambda record: [record.submitted_by]
    )


@shared_task(**RETRY_SMTP)
def notify_revisors_of_submission(response_id, version):
    """Tell the municipality's revisors that a committee has answered."""
    return _mail_about_response(
        response_id,
        version,
        "submitted",
        "response_submitted_notice",
        lambda record: _revisors_of(record.recipient.audit.municipality_id),
    )


@shared_task(**RETRY_SMTP)
def notify_secretaries_of_reopening(response_id, version):
    """Tell the committee's secretaries that a revisor reopened their answer, and why."""
    return _mail_about_response(
        response_id, version, "reopened", "response_reopened", lambda record: User.objects.secretaries_of(record.recipient.committee)
    )


def _extension_context(extension_request):
    recipient = extension_request.recipient
    response = getattr(recipient, "response", None)
    return {
        "request": extension_request,
        "committee": recipient.committee,
        "audit": recipient.audit,
        "recipient": recipient,
        "decide_url": absolute_url(reverse("responses:decide_extension", args=[extension_request.pk])),
        "url": absolute_url(reverse("responses:detail", args=[response.pk]) if response else reverse("responses:list")),
    }


def _extension_request(pk):
    return (
        ExtensionRequest.objects.select_related("recipient__audit", "recipient__committee", "requested_by", "decided_by")
        .filter(pk=pk)
        .first()
    )


def _mail_about_extension(extension_request_id, event, template, people):
    extension_request = _extension_request(extension_request_id)
    if extension_request is None:
        return False
    return _send_once(
        f"extension-{event}:{extension_request_id}",
        template,
        _extension_context(extension_request),
        _addresses(people(extension_request)),
    )


@shared_task(**RETRY_SMTP)
def notify_revisors_of_extension_request(extension_request_id):
    """Ask the municipality's revisors to decide on a request for a later deadline."""
    return _mail_about_extension(
        extension_request_id,
        "requested",
        "extension_requested",
        lambda extension: _revisors_of(extension.recipient.audit.municipality_id),
    )


@shared_task(**RETRY_SMTP)
def notify_secretaries_of_extension_decision(extension_request_id):
    """Tell the committee's secretaries, and whoever asked, whether they got the later deadline."""
    return _mail_about_extension(
        extension_request_id,
        "decided",
        "extension_decided",
        lambda extension: [
            *User.objects.secretaries_of(extension.recipient.committee),
            *([extension.requested_by] if extension.requested_by else []),
        ],
    )


@shared_task
def sweep_reminders():
    """Claim today's due reminders and queue them (run daily by beat)."""
    return len(reminders.sweep())


@shared_task(bind=True, max_retries=8)
def send_reminder(self, reminder_id):
    """Send one claimed reminder; a failure of SMTP or the database is retried with backoff."""
    try:
        return reminders.deliver(reminder_id)
    except (smtplib.SMTPException, OSError, OperationalError) as error:
        logger.warning("Påminnelse %s kunde inte skickas: %s", reminder_id, error)
        if self.request.is_eager:
            # Without a broker there is nothing to retry through: the next sweep queues it again.
            return False
        # Capped well below the broker's visibility timeout, so a retry is not delivered twice.
        countdown = get_exponential_backoff_interval(5, self.request.retries, 600, full_jitter=True)
        raise self.retry(exc=error, countdown=countdown)


@shared_task(**RETRY_SMTP)
def email_request_for_response(recipient_id):
    """E-mail a committee's secretaries the link to their answer, once per committee and case."""
    recipient = (
        Recipient.objects.select_related("audit", "committee", "response").filter(pk=recipient_id).first()
    )
    if recipient is None or not recipient.audit.is_sent or not hasattr(recipient, "response"):
        return 0
    addresses = list(
        recipient.committee.secretaries_to_mail().order_by("email").values_list("email", flat=True).distinct()
    )
    if not addresses:
        return 0
    # Claim before sending: a redelivered task finds the claim and sends nothing.
    if not Recipient.objects.filter(pk=recipient.pk, invited_at__isnull=True).update(invited_at=timezone.now()):
        return 0
    try:
        return send_templated_mail(
            "request_for_response",
            {
                "audit": recipient.audit,
                "committee": recipient.committee,
                "deadline": recipient.effective_deadline,
                "response_url": absolute_url(reverse("responses:detail", args=[recipient.response.pk])),
            },
            to=addresses,
        )
    except Exception:
        # Release the claim so that the retry sends the mail.
        Recipient.objects.filter(pk=recipient.pk).update(invited_at=None)
        raise


@shared_task
def open_for_response(recipient_id):
    """Ask a committee added to a case already sent for its answer."""
    recipient = Recipient.objects.select_related("audit").filter(pk=recipient_id).first()
    if recipient is None or not recipient.audit.is_sent:
        return False
    requests.open_for_response(recipient)
    return True
