"""Deadline reminders: a daily sweep claims the reminders that are due, a task sends each one.

A reminder is claimed by inserting its Reminder row (unique per recipient, kind and sweep
day) in the transaction that finds it due, so a re-run, a second beat or a redelivered sweep
cannot claim it twice. Sending locks the row and sets `sent_at` only after the mail went out; a
claimed row that was never sent is queued again by the next sweeps until it is sent or
superseded, so a worker dying between claiming and sending loses nothing.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone

from audits.models import Recipient
from committees.mail import absolute_url, send_templated_mail
from committees.models import User
from outbox import dispatch as outbox

from .models import Reminder

# An overdue case is reminded again when no overdue reminder was claimed in the previous six
# days, so a sweep on any day sends one as soon as the last one is a week old.
OVERDUE_INTERVAL_DAYS = 7
# An unsent reminder is queued again by the sweeps of the following week; after that a newer
# reminder has taken its place.
RETRY_DAYS = 7


def local_today(now=None):
    """The reminder day: the date in the installation's time zone (Europe/Stockholm)."""
    return timezone.localdate(now)


def days_before():
    """The configured reminder days before the deadline, largest first."""
    return sorted({days for days in settings.REMINDER_DAYS_BEFORE if days > 0}, reverse=True)


def due_reminder(deadline, sent_on, today, last_before_day, reminded_overdue_recently, thresholds):
    """Decide which reminder, if any, a recipient with this effective deadline is due today.

    1. Before the deadline: when the latest threshold (N days before) has passed since the
       case was sent and no reminder for this deadline was claimed since that threshold; a
       sweep that missed the threshold's day catches up once.
    2. On the deadline day: the on-day reminder.
    3. After it: an overdue reminder when none was claimed in the previous six days.
    Returns the reminder kind or None.
    """
    days_left = (deadline - today).days
    if days_left > 0:
        passed = [n for n in thresholds if n >= days_left]
        if not passed:
            return None
        threshold_day = deadline - datetime.timedelta(days=min(passed))
        if sent_on and threshold_day < sent_on:
            return None
        if last_before_day and last_before_day >= threshold_day:
            return None
        return Reminder.Kind.BEFORE
    if days_left == 0:
        return Reminder.Kind.ON_DAY
    if reminded_overdue_recently:
        return None
    return Reminder.Kind.OVERDUE


def find_due(today):
    """Every reminder due on `today`, from one query over the open recipients."""
    thresholds = days_before()
    horizon = today + datetime.timedelta(days=max(thresholds, default=0))
    last_before = Reminder.objects.filter(
        recipient=OuterRef("pk"), kind=Reminder.Kind.BEFORE, deadline=OuterRef("effective_deadline_db")
    ).order_by("-day")
    recent_overdue = Reminder.objects.filter(
        recipient=OuterRef("pk"),
        kind=Reminder.Kind.OVERDUE,
        day__gt=today - datetime.timedelta(days=OVERDUE_INTERVAL_DAYS),
        day__lte=today,
    )
    rows = (
        Recipient.objects.open()
        .with_effective_deadline()
        .filter(effective_deadline_db__isnull=False, effective_deadline_db__lte=horizon)
        .annotate(
            sent_on=TruncDate("audit__sent_at", tzinfo=timezone.get_current_timezone()),
            last_before_day=Subquery(last_before.values("day")[:1]),
            reminded_overdue_recently=Exists(recent_overdue),
        )
        .values_list("pk", "effective_deadline_db", "sent_on", "last_before_day", "reminded_overdue_recently")
    )
    due = []
    for recipient_id, deadline, sent_on, last_before_day, reminded_recently in rows:
        kind = due_reminder(deadline, sent_on, today, last_before_day, reminded_recently, thresholds)
        if kind:
            due.append(Reminder(recipient_id=recipient_id, kind=kind, day=today, deadline=deadline))
    return due


def sweep(today=None):
    """Claim the reminders due on `today` and queue every unsent one; return their ids.

    The number of queries does not depend on the number of cases.
    """
    today = today or local_today()
    with transaction.atomic():
        Reminder.objects.bulk_create(find_due(today), ignore_conflicts=True)
        unsent = list(
            Reminder.objects.filter(
                sent_at__isnull=True,
                day__gt=today - datetime.timedelta(days=RETRY_DAYS),
                day__lte=today,
                recipient__in=Recipient.objects.open(),
            )
            .order_by("day", "pk")
            .values_list("pk", flat=True)
        )
        for reminder_id in unsent:
            outbox.send_named_on_commit("responses.tasks.send_reminder", reminder_id)
    return unsent


def is_stale(reminder):
    """True when the case was answered, the deadline moved or a newer reminder took over."""
    recipient = reminder.recipient
    if recipient.submitted_response is not None:
        return True
    if not recipient.audit.is_sent or recipient.effective_deadline != reminder.deadline:
        return True
    return recipient.reminders.filter(day__gt=reminder.day).exists()


def mail_addresses(reminder):
    """Secretaries of the committee, the municipality's revisors in cc when overdue; the
    revisors alone when the committee has no secretary with an address."""
    active = User.objects.filter(is_active=True).exclude(email="")
    committee = reminder.recipient.committee
    to = list(
        committee.secretaries_to_mail()
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    cc = []
    if reminder.kind == Reminder.Kind.OVERDUE:
        cc = list(
            active.filter(role=User.Role.REVISOR, municipality_id=committee.municipality_id)
            .order_by("email")
            .values_list("email", flat=True)
        )
    return (to, cc) if to else (cc, [])


def answer_url(recipient):
    response = getattr(recipient, "response", None)
    path = response.get_absolute_url() if response else reverse("audits:detail", args=[recipient.audit_id])
    return absolute_url(path)


def mail_context(reminder):
    recipient = reminder.recipient
    days_left = (reminder.deadline - reminder.day).days
    return {
        "reminder": reminder,
        "audit": recipient.audit,
        "committee": recipient.committee,
        "recipient": recipient,
        "deadline": reminder.deadline,
        "extended": recipient.extended_deadline is not None,
        "days_left": max(days_left, 0),
        "days_overdue": max(-days_left, 0),
        "answer_url": answer_url(recipient),
    }


NO_ADDRESS = "Ingen sekreterare eller revisor med e-postadress att skicka till."


def deliver(reminder_id):
    """Send one claimed reminder unless it was sent, is being sent or no longer applies.

    Returns True when this call sent it. A sending error is recorded on the row and raised
    after the row is saved, so the task can retry it.
    """
    failure = None
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient__audit__municipality", "recipient__committee", "recipient__response")
            .filter(pk=reminder_id, sent_at__isnull=True)
            .first()
        )
        if reminder is None:
            return False
        if is_stale(reminder):
            reminder.delete()
            return False
        to, cc = mail_addresses(reminder)
        reminder.attempts += 1
        if not to:
            reminder.last_error = NO_ADDRESS
        else:
            try:
                send_templated_mail("reminder", mail_context(reminder), to=to, cc=cc)
            except Exception as error:
                reminder.last_error = f"{type(error).__name__}: {error}"
                failure = error
            else:
                reminder.sent_at = timezone.now()
                reminder.last_error = ""
        reminder.save(update_fields=["attempts", "last_error", "sent_at"])
    if failure is not None:
        raise failure
    return reminder.sent_at is not None
