"""Account e-mail, sent by the worker.

A task redelivered after a lost acknowledgement sends its message again, with an equally
valid link: harmless, where a lost invitation is not.
"""

from celery import shared_task
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from committees.mail import RETRY_SMTP, absolute_url, send_templated_mail
from committees.models import User

from .tokens import invitation_tokens


def _recipient(user_id):
    return User.objects.filter(pk=user_id, is_active=True).exclude(email="").select_related("municipality").first()


def _link(name, user, generator):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return absolute_url(reverse(name, args=[uid, generator.make_token(user)]))


@shared_task(**RETRY_SMTP)
def send_invitation(user_id):
    if user := _recipient(user_id):
        url = _link("invitation_accept", user, invitation_tokens)
        send_templated_mail("account_invitation", {"user": user, "url": url}, [user.email])


@shared_task(**RETRY_SMTP)
def send_password_reset(user_id):
    if user := _recipient(user_id):
        url = _link("password_reset_confirm", user, default_token_generator)
        send_templated_mail("account_password_reset", {"user": user, "url": url}, [user.email])


@shared_task(**RETRY_SMTP)
def send_password_changed(user_id):
    if user := _recipient(user_id):
        url = absolute_url(reverse("password_reset"))
        send_templated_mail("account_password_changed", {"user": user, "url": url}, [user.email])
