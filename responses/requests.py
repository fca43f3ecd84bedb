"""Asking the committees for their yttrande: the check before sending, the sending itself."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from audits.models import Audit
from audits.services import iso
from outbox import dispatch as outbox
from outbox import events

from .models import Response


def send_problems(audit, today=None):
    """What keeps the audit from being sent for response, as sentences for the revisor."""
    today = today or timezone.localdate()
    problems = []
    recommendations = audit.recommendations.annotate(addressee_count=Count("addressees")).order_by("order", "id")
    if not recommendations:
        problems.append("Lägg till minst en rekommendation.")
    for number, recommendation in enumerate(recommendations, start=1):
        if not recommendation.addressee_count:
            problems.append(f"Rekommendation {number} är inte riktad till någon nämnd.")
    for recipient in audit.recipients.select_related("committee"):
        deadline = recipient.effective_deadline
        if deadline is None:
            problems.append(f"Ange svarsdag för {recipient.committee}.")
        elif deadline < today:
            problems.append(f"Svarsdagen för {recipient.committee} ({iso(deadline)}) har redan passerat.")
    return problems


@transaction.atomic
def send_for_response(audit, user, today=None):
    """Send the audit to its committees for a yttrande.

    1. Lock the audit row, so that a second click waits for the first and then finds it sent.
    2. Refuse with the list of what is missing unless the case is complete.
    3. Mark it sent, open a draft answer per committee, queue the missiv and e-mail the
       committees' secretaries once the transaction has committed.
    """
    locked = Audit.objects.select_for_update().get(pk=audit.pk)
    if locked.is_sent:
        raise ValidationError(f"Granskningen är redan skickad för yttrande ({iso(timezone.localtime(locked.sent_at))}).")
    problems = send_problems(locked, today)
    if problems:
        raise ValidationError(problems)
    locked.mark_sent(user)
    for recipient in locked.recipients.all():
        open_for_response(recipient)
    events.record_missiv_sent(locked)
    outbox.send_named_on_commit("documents.tasks.refresh_documents", locked.pk)
    audit.refresh_from_db()
    return audit


def open_for_response(recipient):
    """Give the committee a draft answer to open and e-mail its secretaries the link."""
    Response.objects.get_or_create(recipient=recipient)
    outbox.send_named_on_commit("responses.tasks.email_request_for_response", recipient.pk)
