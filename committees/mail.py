import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context, engines
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


def render_plain(template_name, context):
    """Render a plain-text template without HTML escaping ("&" stays "&", not "&amp;")."""
    template = engines["django"].engine.get_template(template_name)
    return template.render(Context(context, autoescape=False))


def render_mail(template, context):
    """templates/mail/<template>.{subject,txt,html} as (subject, text body, HTML body)."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_plain(f"mail/{template}.subject", context).split())
    return subject, render_plain(f"mail/{template}.txt", context), render_to_string(f"mail/{template}.html", context)


def send_templated_mail(template, context, to, cc=()):
    """Send templates/mail/<template>.{subject,txt,html} as one plain-text + HTML message.

    Call it from a Celery task, never from a web request.
    """
    subject, text, html = render_mail(template, context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=list(to), cc=list(cc))
    message.attach_alternative(html, "text/html")
    return message.send()
