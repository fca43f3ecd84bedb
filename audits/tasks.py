from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from committees.mail import absolute_url, send_templated_mail
from committees.models import User

from .models import Recipient


@shared_task
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
