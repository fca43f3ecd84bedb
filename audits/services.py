from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from outbox import dispatch as outbox
from outbox import events

from .models import Audit, Recipient


def refresh_documents(audit):
    """Have the documents already made for the audit rendered again after a change."""
    outbox.send_named_on_commit("documents.tasks.refresh_documents", audit.pk)


def iso(date):
    return date.strftime("%Y-%m-%d")


def _days(count):
    count = getattr(count, "days", count)
    return "1 dag" if count == 1 else f"{count} dagar"


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
            f"Den nya svarsdagen måste vara senare än den nuvarande ({iso(recipient.effective_deadline)})."
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
        # The case is already out: the committee gets its draft answer and the request too.
        outbox.send_named_on_commit("responses.tasks.open_for_response", recipient.pk)
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
