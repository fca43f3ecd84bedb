from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class TokenScope(models.TextChoices):
    READ = "read", "Läsa"
    READ_WRITE = "read_write", "Läsa och skriva"


class AccessTokenQuerySet(models.QuerySet):
    def active(self, now=None):
        """Tokens that still open the API: not revoked, not expired, of an active user."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now(), user__is_active=True)


class AccessToken(models.Model):
    """A user's personal key to the API. Only the SHA-256 of the secret is stored; the
    prefix, shown in lists, tells the user's keys apart."""

    Scope = TokenScope

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="användare", on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField("namn", max_length=100)
    prefix = models.CharField("början av nyckeln", max_length=20, unique=True)
    digest = models.CharField("SHA-256 av nyckeln", max_length=64, unique=True)
    scope = models.CharField("behörighet", max_length=20, choices=TokenScope.choices, default=TokenScope.READ)
    created_at = models.DateTimeField("skapad", auto_now_add=True)
    expires_at = models.DateTimeField("giltig till")
    revoked_at = models.DateTimeField("återkallad", null=True, blank=True)
    last_used_at = models.DateTimeField("senast använd", null=True, blank=True)

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "API-nyckel"
        verbose_name_plural = "API-nycklar"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(scope__in=TokenScope.values), name="access_token_scope_valid"),
            models.CheckConstraint(condition=~Q(name=""), name="access_token_has_name"),
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("created_at")), name="access_token_expires_after_creation"),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def may_write(self):
        return self.scope == TokenScope.READ_WRITE

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()
