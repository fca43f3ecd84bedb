from collections import defaultdict
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Exists, OuterRef, Q, Subquery
from simple_history.models import HistoricalRecords

from audits.models import Audit, Recipient, readable_audits


class RecommendationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Recommendations of audits the user may read; secretaries see only those
        addressed to their committees."""
        qs = self.filter(readable_audits(user, "audit__"))
        if user.is_authenticated and user.is_secretary and not user.is_superuser:
            # EXISTS rather than a join and DISTINCT, as in Audit.objects.visible_to.
            qs = qs.filter(
                Exists(
                    Addressee.objects.filter(recommendation=OuterRef("pk"), recipient__committee__in=user.committees.all())
                )
            )
        return qs


class Recommendation(models.Model):
    audit = models.ForeignKey(
        Audit, verbose_name="granskning", on_delete=models.CASCADE, related_name="recommendations"
    )
    order = models.PositiveSmallIntegerField("ordning", default=0)
    text = models.TextField("rekommendation")
    recipients = models.ManyToManyField(
        Recipient,
        verbose_name="riktad till",
        through="Addressee",
        related_name="recommendations",
        blank=True,
    )

    history = HistoricalRecords()
    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = "rekommendation"
        verbose_name_plural = "rekommendationer"
        ordering = ["audit", "order", "id"]
        indexes = [models.Index(fields=["audit", "order", "id"], name="recommendation_audit_order")]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:77] + "…"


class CommitteeStatus(NamedTuple):
    short_name: str
    name: str
    current_status: str | None


class AddresseeQuerySet(models.QuerySet):
    def with_current_status(self):
        """Annotate current_status: the status of the latest follow-up, None when not yet judged."""
        latest = FollowUp.objects.filter(addressee=OuterRef("pk")).order_by("-date", "-id").values("status")[:1]
        return self.annotate(current_status=Subquery(latest))


class Addressee(models.Model):
    """One recommendation addressed to one committee: answered and followed up on its own."""

    recommendation = models.ForeignKey(
        Recommendation, verbose_name="rekommendation", on_delete=models.CASCADE, related_name="addressees"
    )
    recipient = models.ForeignKey(
        Recipient, verbose_name="nämnd", on_delete=models.CASCADE, related_name="addressees"
    )

    history = HistoricalRecords()
    objects = AddresseeQuerySet.as_manager()

    class Meta:
        verbose_name = "adressat"
        verbose_name_plural = "adressater"
        ordering = ["recommendation__order", "recipient__committee__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "recipient"], name="addressee_unique_recipient"
            ),
        ]

    def __str__(self):
        return f"{self.recipient.committee}: {self.recommendation}"

    def clean(self):
        if (
            self.recommendation_id
            and self.recipient_id
            and self.recommendation.audit_id != self.recipient.audit_id
        ):
            raise ValidationError("En rekommendation kan bara riktas till mottagare i samma granskning.")

    def save(self, *args, **kwargs):
        self.clean()
        super().save(*args, **kwargs)

    @property
    def committee(self):
        return self.recipient.committee

    @property
    def submitted_position(self):
        """The committee's position on it once its answer is submitted, else None."""
        position = getattr(self, "position", None)
        return position if position is not None and position.response.is_submitted else None

    @property
    def current_follow_up(self):
        """The latest judgement; uses prefetched follow_ups when present."""
        follow_ups = list(self.follow_ups.all())
        return max(follow_ups, key=lambda f: (f.date, f.id)) if follow_ups else None


class FollowUpStatus(models.TextChoices):
    ATGARDAD = "atgardad", "Åtgärdad"
    DELVIS = "delvis", "Delvis åtgärdad"
    EJ_ATGARDAD = "ej_atgardad", "Ej åtgärdad"
    INTE_AKTUELL = "inte_aktuell", "Inte längre aktuell"

    @classmethod
    def closed(cls):
        return [cls.ATGARDAD, cls.INTE_AKTUELL]


class FollowUp(models.Model):
    """The auditors' judgement of whether a recommendation was implemented by a committee."""

    Status = FollowUpStatus

    addressee = models.ForeignKey(
        Addressee, verbose_name="rekommendation och nämnd", on_delete=models.CASCADE, related_name="follow_ups"
    )
    date = models.DateField("datum")
    status = models.CharField("status", max_length=20, choices=FollowUpStatus.choices)
    comment = models.TextField("kommentar", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="bedömd av",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("registrerad", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "uppföljning"
        verbose_name_plural = "uppföljningar"
        ordering = ["-date", "-id"]
        get_latest_by = ["date", "id"]
        # The current status of an addressee is its latest follow-up: one index probe each.
        indexes = [models.Index(fields=["addressee", "-date", "-id"], name="follow_up_latest")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=FollowUpStatus.values), name="follow_up_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_status_display()} ({self.date})"


# Written out rather than built with the ORM: on every page of the recommendation list,
# compiling the query cost about as much as running it. The current status is the rule of
# Addressee.objects.with_current_status(); a test holds the two together.
_COMMITTEE_STATUS_SQL = """
SELECT addressee.recommendation_id, committee.short_name, committee.name,
       (SELECT follow_up.status FROM recommendations_followup follow_up
         WHERE follow_up.addressee_id = addressee.id
         ORDER BY follow_up.date DESC, follow_up.id DESC LIMIT 1)
  FROM recommendations_addressee addressee
  JOIN audits_recipient recipient ON recipient.id = addressee.recipient_id
  JOIN committees_committee committee ON committee.id = recipient.committee_id
 WHERE addressee.recommendation_id IN ({ids})
 ORDER BY committee.kind, committee.name
"""


def committee_statuses(recommendation_ids):
    """{recommendation id: [CommitteeStatus, …] in committee order} as plain tuples: a table
    page needs only the names and statuses, not three model instances per addressee."""
    ids = list(recommendation_ids)
    statuses = defaultdict(list)
    if not ids:
        return statuses
    with connection.cursor() as cursor:
        cursor.execute(_COMMITTEE_STATUS_SQL.format(ids=", ".join(["%s"] * len(ids))), ids)
        for recommendation_id, *status in cursor.fetchall():
            statuses[recommendation_id].append(CommitteeStatus(*status))
    return statuses
