"""Create, revoke and check the users' personal access tokens.

A token reads `rsp_<12 hex>_<secret>`: the first part is the prefix shown in lists, the
whole is hashed with SHA-256 for the lookup. SHA-256 rather than a password hash: the secret
is 256 random bits, so a fast hash costs an attacker nothing he could use, and a lookup by
digest keeps every API request one indexed query.
"""

import datetime
import hashlib
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import AccessToken

PREFIX = "rsp_"
# A token's last use is written at most this often, not on every request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def digest(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user, name, scope, valid_days):
    """Make a token for the user; return it and its secret, which is never stored."""
    for _ in range(3):
        prefix = f"{PREFIX}{secrets.token_hex(6)}"
        secret = f"{prefix}_{secrets.token_urlsafe(32)}"
        try:
            with transaction.atomic():
                token = AccessToken.objects.create(
                    user=user,
                    name=name,
                    prefix=prefix,
                    digest=digest(secret),
                    scope=scope,
                    expires_at=timezone.now() + datetime.timedelta(days=valid_days),
                )
        except IntegrityError:
            continue  # the same random prefix twice: draw again
        return token, secret
    raise RuntimeError("Kunde inte skapa en unik nyckel.")


def revoke_token(token):
    """Stop the token from working; its row stays so the user sees when."""
    return bool(AccessToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()))


def token_for_secret(secret):
    """The active token with this secret, with its user, or None."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    token = AccessToken.objects.active().select_related("user").filter(digest=digest(secret)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
