import secrets

from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone


class PendingTask(models.Model):
    """A task that could not be handed to the broker; sent again until the broker takes it."""

    task_name = models.CharField("uppgift", max_length=200)
    args = models.JSONField("argument", default=list)
    created_at = models.DateTimeField("köad", auto_now_add=True)
    attempts = models.PositiveIntegerField("försök", default=1)
    last_error = models.TextField("senaste fel", blank=True)

    class Meta:
        verbose_name = "väntande uppgift"
        verbose_name_plural = "väntande uppgifter"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.task_name}{tuple(self.args)}"


class EventKind(models.TextChoices):
    MISSIV_SENT = "missiv_skickat", "Missiv skickat för yttrande"
    ANSWER_SUBMITTED = "yttrande_inskickat", "Yttrande inskickat"
    REPORT_DECIDED = "anmalan_beslutad", "Anmälan till kommunfullmäktige beslutad"


class Event(models.Model):
    """Something the municipality's diarium registers, written in the transaction of the
    change itself; read through the API's event feed and sent to the webhook."""

    Kind = EventKind

    municipality = models.ForeignKey(
        "committees.Municipality", verbose_name="kommun", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField("händelse", max_length=30, choices=EventKind.choices)
    audit = models.ForeignKey(
        "audits.Audit", verbose_name="granskning", on_delete=models.CASCADE, related_name="events"
    )
    committee = models.ForeignKey(
        "committees.Committee",
        verbose_name="nämnd",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    occurred_at = models.DateTimeField("tidpunkt", default=timezone.now)
    # What the diarium needs of the case as it stood then; the case may change later.
    data = models.JSONField("uppgifter", default=dict)


    class Meta:
        verbose_name = "händelse"
        verbose_name_plural = "händelser"
        ordering = ["id"]
        indexes = [models.Index(fields=["municipality", "id"], name="event_municipality_id")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="event_kind_valid"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.audit_id}"


def new_webhook_secret():
    return secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """Where a municipality's events are posted, signed with its secret."""

    municipality = models.OneToOneField(
        "committees.Municipality", verbose_name="kommun", on_delete=models.CASCADE, related_name="webhook"
    )
    url = models.URLField(
        "adress",
        max_length=500,
        validators=[URLValidator(schemes=["https", "http"])],
        help_text="Dit varje händelse skickas med POST, till exempel https://diarium.kommun.se/revisionsspar.",
    )
    secret = models.CharField(
        "hemlig nyckel",
        max_length=200,
        default=new_webhook_secret,
        help_text="Varje anrop signeras med HMAC-SHA256 av den här nyckeln (rubriken X-Revisionsspar-Signature).",
    )
    active = models.BooleanField("aktiv", default=True)
    created_at = models.DateTimeField("skapad", auto_now_add=True)

    class Meta:
        verbose_name = "webhookadress"
        verbose_name_plural = "webhookadresser"
        ordering = ["municipality__name"]
        constraints = [models.CheckConstraint(condition=~Q(secret=""), name="webhook_secret_not_empty")]

    def __str__(self):
        return f"{self.municipality}: {self.url}"


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Väntar"
    DELIVERED = "delivered", "Levererad"
    FAILED = "failed", "Misslyckad"


class WebhookDelivery(models.Model):
    """One event posted to one endpoint, with the attempts it took."""

    State = DeliveryState

    event = models.ForeignKey(Event, verbose_name="händelse", on_delete=models.CASCADE, related_name="deliveries")
    endpoint = models.ForeignKey(
        WebhookEndpoint, verbose_name="webhook", on_delete=models.CASCADE, related_name="deliveries"
    )
    state = models.CharField("läge", max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    attempts = models.PositiveSmallIntegerField("försök", default=0)
    last_status = models.PositiveSmallIntegerField("senaste HTTP-status", null=True, blank=True)
    last_error = models.TextField("senaste fel", blank=True)
    delivered_at = models.DateTimeField("levererad", null=True, blank=True)

    class Meta:
        verbose_name = "leverans till webhook"
        verbose_name_plural = "leveranser till webhook"
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "endpoint"], name="webhook_delivery_once"),
            models.CheckConstraint(condition=Q(state__in=DeliveryState.values), name="webhook_delivery_state_valid"),
        ]

    def __str__(self):
        return f"{self.event} → {self.endpoint.url}"
