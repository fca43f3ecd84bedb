import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

# Options for a Celery task that sends mail: a refusing or unreachable SMTP server is tried
# again with a growing pause, for about an hour.
RETRY_SMTP = {
    "autoretry_for": (smtplib.SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
}


def absolute_url(path):
    return f"{settings.SITE_URL}{path}"


def send_templated_mail(template, context, to, cc=()):
    """Send templates/mail/<template>.{subject,txt,html} as one plain-text + HTML message.

    Call it from a Celery task, never from a web request.
    """
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"mail/{template}.subject", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"mail/{template}.txt", context),
        to=list(to),
        cc=list(cc),
    )
    message.attach_alternative(render_to_string(f"mail/{template}.html", context), "text/html")
    return message.send()
