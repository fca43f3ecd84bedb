from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Count, Value, When
from django.utils import timezone

from committees.models import Committee
from outbox import dispatch as outbox
from outbox import events
from responses.models import Response

from .documents import refresh_documents, request_document
from .models import Audit, AuditDocument, Recipient


def in_letter_order(committees):
    """Committees as the letters list them: fullmäktige, kommunstyrelsen, nämnder, bolag."""
    kinds = Committee.Kind
    return committees.order_by(
        Case(
            When(kind=kinds.KOMMUNFULLMAKTIGE, then=Value(0)),
            When(kind=kinds.KOMMUNSTYRELSEN, then=Value(1)),
            When(kind=kinds.NAMND, then=Value(2)),
            default=Value(3),
        ),
        "name",
    )


def _iso(date):
    return date.strftime("%Y-%m-%d")


def _days(count):
    count = getattr(count, "days", count)
    return "1 dag" if count == 1 else f"{count} dagar"


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
            problems.append(f"Svarsdagen för {recipient.committee} ({_iso(deadline)}) har redan passerat.")
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
        raise ValidationError(f"Granskningen är redan skickad för yttrande ({_iso(timezone.localtime(locked.sent_at))}).")
    problems = send_problems(locked, today)
    if problems:
        raise ValidationError(problems)
    locked.status = Audit.Status.SKICKAD
    locked.sent_at = timezone.now()
    locked.sent_by = user
    locked._history_user = user
    locked._change_reason = "Skickad för yttrande"
    locked.save()
    for recipient in locked.recipients.all():
        open_for_response(recipient)
    events.record_missiv_sent(locked)
    request_document(locked, AuditDocument.Kind.MISSIV)
    audit.refresh_from_db()
    return audit


def open_for_response(recipient):
    """Give the committee a draft answer to open and e-mail its secretaries the link."""
    from .tasks import email_request_for_response

    Response.objects.get_or_create(recipient=recipient)
    outbox.send_on_commit(email_request_for_response, recipient.pk)


def common_deadline(audit):
    """The deadline all the audit's committees share, if they share one."""
    deadlines = set(audit.recipients.values_list("deadline", flat=True))
    return deadlines.pop() if len(deadlines) == 1 else None


def _set_deadline(recipient, deadline):
    if recipient.deadline == deadline:
        return False
    if recipient.extended_deadline and not deadline:
        raise ValidationError(f"{recipient.committee} har förlängd svarstid och behöver en ordinarie svarsdag.")
    recipient.deadline = deadline
    # A deadline moved to or past a granted extension makes the extension moot; the history
    # keeps it.
    if recipient.extended_deadline and recipient.extended_deadline <= deadline:
        recipient.extended_deadline = None
        recipient.extension_reason = ""
    recipient.save()
    return True


@transaction.atomic
def set_deadlines(deadlines):
    """Set each recipient's deadline from a {recipient: date} mapping; return how many changed."""
    changed = sum(_set_deadline(recipient, deadline) for recipient, deadline in deadlines.items())
    for audit in {recipient.audit for recipient in deadlines} if changed else ():
        refresh_documents(audit)
    return changed


@transaction.atomic
def grant_extension(recipient, new_deadline, reason, user):
    """Give a committee a later deadline for its answer, with the reason kept in the history."""
    errors = {}
    reason = (reason or "").strip()
    if new_deadline is None:
        errors["extended_deadline"] = "Ange den nya svarsdagen."
    elif recipient.deadline is None:
        errors["extended_deadline"] = "Nämnden har ingen svarsdag att förlänga. Ange först en svarsdag."
    elif new_deadline <= recipient.effective_deadline:
        errors["extended_deadline"] = (
            f"Den nya svarsdagen måste vara senare än den nuvarande ({_iso(recipient.effective_deadline)})."
        )
    if not reason:
        errors["extension_reason"] = "Ange skälet till förlängningen."
    if errors:
        raise ValidationError(errors)
    recipient.extended_deadline = new_deadline
    recipient.extension_reason = reason
    recipient._history_user = user
    recipient._change_reason = "Förlängd svarstid"
    recipient.save()
    refresh_documents(recipient.audit)
    return recipient


@transaction.atomic
def save_audit(form, signatories):
    """Save the audit form and its signatories; re-render the documents of a case already sent.

    Setting the status to anmäld records that fullmäktige has been given the answers (an
    event for the diarium).
    """
    reported = "status" in form.changed_data and form.instance.status == Audit.Status.ANMALD
    audit = form.save()
    if reported:
        events.record_report_decided(audit)
    signatories.instance = audit
    signatories.save()
    refresh_documents(audit)
    return audit


def deadline_status(recipient, today=None):
    """A short Swedish phrase on where the committee stands against its deadline, and a CSS class."""
    today = today or timezone.localdate()
    response = recipient.submitted_response
    deadline = recipient.effective_deadline
    if response is not None:
        answered = response.meeting_date or timezone.localtime(response.submitted_at).date()
        if deadline and answered > deadline:
            return f"Besvarad {_days(answered - deadline)} efter svarsdagen", "deadline-late-answer"
        return "Besvarad i tid", ""
    if deadline is None:
        return "Ingen svarsdag", ""
    days = recipient.days_left(today)
    if days > 0:
        return f"{_days(days)} kvar", "deadline-soon" if days <= 7 else ""
    if days == 0:
        return "Svarsdagen är i dag", "deadline-soon"
    return f"Försenad {_days(-days)}", "deadline-overdue"


def remove_unaddressed_recipients(audit):
    """Before sending, drop committees no recommendation is addressed to any more."""
    if audit.is_sent:
        return
    for recipient in audit.recipients.filter(addressees__isnull=True):
        recipient.delete()


def ensure_recipient(audit, committee):
    """The audit's recipient row for the committee, created with the shared deadline if needed."""
    recipient, created = Recipient.objects.get_or_create(
        audit=audit, committee=committee, defaults={"deadline": common_deadline(audit)}
    )
    if created and audit.is_sent:
        open_for_response(recipient)
    return recipient


@transaction.atomic
def set_published(audit, published, user):
    """Publish the case on the residents' pages, or withdraw it; the history records who and when.

    Only a case sent for response can be published: before that there is no missiv to show.
    """
    locked = Audit.objects.select_for_update().get(pk=audit.pk)
    if published and not locked.is_sent:
        raise ValidationError("Granskningen kan publiceras först när den har skickats för yttrande.")
    if locked.published == published:
        return locked
    locked.published = published
    locked.published_at = timezone.now() if published else None
    locked._history_user = user
    locked._change_reason = "Publicerad för invånare" if published else "Publiceringen återkallad"
    locked.save()
    return locked
