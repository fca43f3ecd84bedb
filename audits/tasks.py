import smtplib

from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from committees.mail import absolute_url, send_templated_mail
from committees.models import User

from . import documents
from .models import Recipient


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def email_request_for_response(recipient_id):
    """E-mail a committee's secretaries the link to their answer, once per committee and case."""
    recipient = (
        Recipient.objects.select_related("audit", "committee", "response").filter(pk=recipient_id).first()
    )
    if recipient is None or not recipient.audit.is_sent or not hasattr(recipient, "response"):
        return 0
    addresses = list(
        User.objects.filter(
            role=User.Role.SEKRETERARE,
            municipality_id=recipient.committee.municipality_id,
            committees=recipient.committee,
            is_active=True,
        )
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
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


@shared_task(soft_time_limit=120, time_limit=180)
def render_document(audit_id, kind):
    """Render and store one PDF of an audit (missiv or report to fullmäktige)."""
    document = documents.render_and_store(audit_id, kind)
    return document.state if document else None


@shared_task(soft_time_limit=300, time_limit=360)
def render_annual_report(report_id):
    """Render and store one annual report to fullmäktige."""
    from .annual_report import render_and_store

    report = render_and_store(report_id)
    return report.state if report else None
