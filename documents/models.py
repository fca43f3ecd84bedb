"""What is produced from the cases: the PDFs of an audit and the annual reports.

The tables keep the names they had when the models lived in the audits app.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from audits.models import Audit
from committees.models import Municipality
from core.constraints import choices_constraint
from core.storage import private_storage


class DocumentKind(models.TextChoices):
    MISSIV = "missiv", "Missiv"
    COUNCIL_REPORT = "council_report", "Anmälan till kommunfullmäktige"


class DocumentState(models.TextChoices):
    QUEUED = "queued", "Köad"
    READY = "ready", "Klar"
    FAILED = "failed", "Misslyckad"


class AuditDocument(models.Model):
    """A PDF rendered by the worker for an audit (missiv, report to fullmäktige)."""

    Kind = DocumentKind
    State = DocumentState

    audit = models.ForeignKey(Audit, verbose_name="granskning", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("dokument", max_length=20, choices=Kind.choices)
    state = models.CharField("läge", max_length=10, choices=State.choices, default=State.QUEUED)
    file = models.FileField("fil", storage=private_storage, upload_to="documents/", blank=True)
    error = models.TextField("senaste fel", blank=True)
    requested_at = models.DateTimeField("beställd", auto_now_add=True)
    rendered_at = models.DateTimeField("klar", null=True, blank=True)

    class Meta:
        db_table = "audits_auditdocument"
        verbose_name = "dokument"
        verbose_name_plural = "dokument"
        constraints = [
            models.UniqueConstraint(fields=["audit", "kind"], name="document_one_per_kind"),
            choices_constraint("kind", DocumentKind, "document_kind_valid"),
            choices_constraint("state", DocumentState, "document_state_valid"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.audit}"


class AnnualReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Annual reports of the user's municipality, for revisors and KS staff only."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.sees_whole_municipality:
            return self.filter(municipality_id=user.municipality_id)
        return self.none()


class AnnualReport(models.Model):
    """The PDF of a year's audits and their follow-up for fullmäktige, rendered by the worker."""

    State = DocumentState

    municipality = models.ForeignKey(
        Municipality, verbose_name="kommun", on_delete=models.CASCADE, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField("år")
    state = models.CharField("läge", max_length=10, choices=State.choices, default=State.QUEUED)
    file = models.FileField("fil", storage=private_storage, upload_to="annual-reports/", blank=True)
    error = models.TextField("senaste fel", blank=True)
    requested_at = models.DateTimeField("beställd", default=timezone.now)
    rendered_at = models.DateTimeField("klar", null=True, blank=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        db_table = "audits_annualreport"
        verbose_name = "årsrapport"
        verbose_name_plural = "årsrapporter"
        ordering = ["municipality__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="annual_report_one_per_year"),
            models.CheckConstraint(condition=Q(year__gte=1990, year__lte=2100), name="annual_report_year_range"),
            choices_constraint("state", DocumentState, "annual_report_state_valid"),
        ]

    def __str__(self):
        return f"Årsrapport {self.year} – {self.municipality}"
