"""Create and revoke the secret addresses of the users' deadline calendars."""

import secrets

from django.db import transaction
from django.utils import timezone

from .models import CalendarToken


def new_secret():
    return secrets.token_urlsafe(32)


def active_token(user):
    return CalendarToken.objects.active().filter(user=user).first()


@transaction.atomic
def create_token(user):
    """Give the user a new calendar address; the previous one stops working."""
    revoke_token(user)
    return CalendarToken.objects.create(user=user, token=new_secret())


def revoke_token(user):
    """Stop the user's calendar address from working; return whether there was one."""
    return bool(CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now()))


def user_for_token(token):
    """The active user whose calendar this secret opens, or None."""
    found = CalendarToken.objects.active().select_related("user__municipality").filter(token=token).first()
    return found.user if found else None
