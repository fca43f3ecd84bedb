import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from committees.models import Committee, Municipality
from core.constraints import choices_constraint
from core.storage import private_storage

# The audit_year_range constraint, checked before it so that a form names the field.
YEAR_VALIDATORS = [
    MinValueValidator(1990, "Ange ett år mellan 1990 och 2100."),
    MaxValueValidator(2100, "Ange ett år mellan 1990 och 2100."),
]

def readable_audits(user, path=""):
    """The condition that an audit, reached from the queried model by `path` ("" or
    "audit__"), may be read by the user: the whole municipality for revisors and KS staff,
    for secretaries only cases sent to one of their committees.

    A condition rather than a subquery of audits: a query that joins the audit anyway
    filters on that join instead of scanning the municipality's audits a second time.
    """
    nothing = Q(pk__in=[])
    if not user.is_authenticated:
        return nothing
    if user.is_superuser:
        return Q()
    in_municipality = Q(**{f"{path}municipality_id": user.municipality_id})
    if user.sees_whole_municipality:
        return in_municipality
    if user.is_secretary:
        # EXISTS rather than a join: one row per audit without DISTINCT, so that a table
        # page can count its rows with a window function.
        sent_to_own_committee = Exists(
            Recipient.objects.filter(audit=OuterRef(f"{path}pk"), committee__in=user.committees.all())
        )
        return in_municipality & Q(**{f"{path}status__in": Audit.Status.sent()}) & Q(sent_to_own_committee)
    return nothing


class AuditQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Audits the user may read (see readable_audits)."""
        return self.filter(readable_audits(user))

    def editable_by(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_revisor:
            return self.filter(municipality_id=user.municipality_id)
        return self.none()

    def published(self):
        """Audits a revisor has published for the residents: the only ones the public pages read."""
        return self.filter(published=True)


class AuditKind(models.TextChoices):
    FORSTUDIE = "forstudie", "Förstudie"
    GRANSKNING = "granskning", "Granskning"
    FORDJUPAD = "fordjupad", "Fördjupad granskning"
    GRUNDLAGGANDE = "grundlaggande", "Grundläggande granskning"
    UPPFOLJANDE = "uppfoljande", "Uppföljande granskning"


class AuditStatus(models.TextChoices):
    PLANERAD = "planerad", "Planerad"
    PAGAENDE = "pagaende", "Pågående"
    SKICKAD = "skickad", "Skickad för yttrande"
    BESVARAD = "besvarad", "Besvarad"
    ANMALD = "anmald", "Anmäld till KF"
    AVSLUTAD = "avslutad", "Avslutad"

    @classmethod
    def sent(cls):
        return [cls.SKICKAD, cls.BESVARAD, cls.ANMALD, cls.AVSLUTAD]


class Audit(models.Model):
    Kind = AuditKind
    Status = AuditStatus

    municipality = models.ForeignKey(
        Municipality, verbose_name="kommun", on_delete=models.PROTECT, related_name="audits"
    )
    title = models.CharField("titel", max_length=300)
    kind = models.CharField("typ", max_length=20, choices=Kind.choices, default=Kind.GRANSKNING)
    year = models.PositiveSmallIntegerField("år", validators=YEAR_VALIDATORS)
    diarienummer = models.CharField("diarienummer", max_length=50, blank=True)
    consultant_firm = models.CharField("konsultföretag", max_length=100, blank=True)
    consultant_people = models.CharField("konsulter", max_length=300, blank=True)
    auditor_group = models.CharField("revisionsgrupp", max_length=100, blank=True)
    purpose = models.TextField("syfte", blank=True)
    summary = models.TextField("sammanfattning (missiv)", blank=True)
    overall_assessment = models.TextField("sammanfattande bedömning", blank=True)
    report_date = models.DateField("rapportdatum", null=True, blank=True)
    missiv_date = models.DateField("missivets datum", null=True, blank=True)
    place = models.CharField("ort", max_length=100, blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.PLANERAD)
    report_file = models.FileField(
        "granskningsrapport (PDF)", storage=private_storage, upload_to="reports/", blank=True
    )
    informed_committees = models.ManyToManyField(
        Committee, verbose_name="för kännedom", related_name="informed_of_audits", blank=True
    )
    ks_office_view = models.TextField("kommunledningskontorets synpunkter", blank=True)
    council_proposal = models.TextField("förslag till kommunfullmäktige", blank=True)
    published = models.BooleanField("publicerad för invånare", default=False)
    published_at = models.DateTimeField("publicerad", null=True, blank=True)
    sent_at = models.DateTimeField("skickad för yttrande", null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="skickad av",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("skapad", auto_now_add=True)
    updated_at = models.DateTimeField("ändrad", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "granskning"
        verbose_name_plural = "granskningar"
        ordering = ["-year", "title"]
        constraints = [
            choices_constraint("kind", AuditKind, "audit_kind_valid"),
            choices_constraint("status", AuditStatus, "audit_status_valid"),
            models.CheckConstraint(condition=Q(year__gte=1990, year__lte=2100), name="audit_year_range"),
            models.CheckConstraint(
                condition=~Q(status__in=AuditStatus.sent())
                | Q(sent_at__isnull=False),
                name="audit_sent_has_sent_at",
            ),
            # A date exactly when published: withdrawing clears it.
            models.CheckConstraint(
                condition=Q(published=True, published_at__isnull=False) | Q(published=False, published_at__isnull=True),
                name="audit_published_when_published_at",
            ),
        ]
        # The list is always scoped to a municipality; one index per filter and sort column of
        # the audit table, each behind the municipality.
        indexes = [
            models.Index(fields=["municipality", "-year"]),
            models.Index(fields=["municipality", "title"], name="audit_municipality_title"),
            models.Index(fields=["municipality", "kind"], name="audit_municipality_kind"),
            models.Index(fields=["municipality", "status"], name="audit_municipality_status"),
            models.Index(fields=["municipality", "consultant_firm"], name="audit_municipality_firm"),
            models.Index(fields=["municipality", "diarienummer"], name="audit_municipality_dnr"),
            models.Index(fields=["municipality", "sent_at"], name="audit_municipality_sent_at"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("audits:detail", args=[self.pk])

    @property
    def is_sent(self):
        return self.status in self.Status.sent()

    @property
    def report_filename(self):
        """The name the audit report is downloaded under."""
        return f"{slugify(self.title)[:80] or 'granskningsrapport'}.pdf"

    # The audit's state changes, whichever app causes them. Each records who and why in the
    # history; the caller holds the audit's row lock.

    def _change_status(self, status, user, reason):
        self.status = status
        self._history_user = user
        self._change_reason = reason
        self.save()

    def mark_sent(self, user):
        """Sent to its committees for response now, by the user."""
        self.sent_at = timezone.now()
        self.sent_by = user
        self._change_status(self.Status.SKICKAD, user, "Skickad för yttrande")

    def mark_answered_if_complete(self, user):
        """Besvarad once every committee asked has submitted its answer."""
        if self.status == self.Status.SKICKAD and not self.recipients.open().exists():
            self._change_status(self.Status.BESVARAD, user, "Alla nämnder har svarat")

    def mark_answer_missing(self, user):
        """Back to skickad when an answer is reopened."""
        if self.status == self.Status.BESVARAD:
            self._change_status(self.Status.SKICKAD, user, "Ett yttrande återöppnat")


class Signatory(models.Model):
    audit = models.ForeignKey(Audit, verbose_name="granskning", on_delete=models.CASCADE, related_name="signatories")
    order = models.PositiveSmallIntegerField("ordning", default=0)
    name = models.CharField("namn", max_length=150)
    title = models.CharField("titel", max_length=150, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "undertecknare"
        verbose_name_plural = "undertecknare"
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.name}, {self.title}" if self.title else self.name


class QuestionAnswer(models.TextChoices):
    JA = "ja", "Ja"
    DELVIS = "delvis", "Delvis"
    NEJ = "nej", "Nej"


class RevisionQuestion(models.Model):
    Answer = QuestionAnswer

    audit = models.ForeignKey(Audit, verbose_name="granskning", on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField("ordning", default=0)
    text = models.TextField("revisionsfråga")
    answer = models.CharField("svar", max_length=10, choices=Answer.choices, blank=True)
    comment = models.TextField("kommentar", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "revisionsfråga"
        verbose_name_plural = "revisionsfrågor"
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer="") | Q(answer__in=QuestionAnswer.values), name="question_answer_valid"
            ),
        ]

    def __str__(self):
        return self.text


class AnswerStatus(models.TextChoices):
    """Where a committee's answer (responses.Response) stands. Defined here, below the
    responses app, because whether a recipient has answered is part of the case's state."""

    UTKAST = "utkast", "Utkast"
    INSKICKAD = "inskickad", "Inskickad"


ANSWER_SUBMITTED = Q(response__status=AnswerStatus.INSKICKAD)


class RecipientQuerySet(models.QuerySet):
    def open(self):
        """Recipients of sent cases whose answer has not been submitted."""
        return self.filter(audit__status__in=Audit.Status.sent()).exclude(ANSWER_SUBMITTED)

    def answered(self):
        """Recipients whose answer has been submitted."""
        return self.filter(ANSWER_SUBMITTED)

    def with_effective_deadline(self):
        return self.annotate(effective_deadline_db=models.functions.Coalesce("extended_deadline", "deadline"))

    def by_deadline(self):
        """The nearest deadline (extended or not) first, those without one last."""
        return self.with_effective_deadline().order_by(
            F("effective_deadline_db").asc(nulls_last=True), "audit__title", "committee__name"
        )


class Recipient(models.Model):
    """A committee asked to answer an audit, with its deadline."""

    audit = models.ForeignKey(Audit, verbose_name="granskning", on_delete=models.CASCADE, related_name="recipients")
    committee = models.ForeignKey(
        Committee, verbose_name="nämnd", on_delete=models.PROTECT, related_name="recipients"
    )
    deadline = models.DateField("svara senast", null=True, blank=True)
    extended_deadline = models.DateField("förlängd svarstid", null=True, blank=True)
    extension_reason = models.TextField("skäl för förlängning", blank=True)
    # Claimed by the e-mail task before it sends the request for a yttrande, so that a
    # redelivered task does not mail the secretaries twice.
    invited_at = models.DateTimeField("begäran om yttrande e-postad", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["invited_at"])
    objects = RecipientQuerySet.as_manager()

    class Meta:
        verbose_name = "mottagare"
        verbose_name_plural = "mottagare"
        ordering = ["committee__kind", "committee__name"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "committee"], name="recipient_unique_committee"),
            models.CheckConstraint(
                condition=Q(extended_deadline__isnull=True)
                | (Q(deadline__isnull=False) & Q(extended_deadline__gte=F("deadline"))),
                name="recipient_extension_after_deadline",
            ),
            models.CheckConstraint(
                condition=Q(extended_deadline__isnull=True) | ~Q(extension_reason=""),
                name="recipient_extension_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.committee} – {self.audit}"

    def clean(self):
        if self.committee_id and self.audit_id and self.committee.municipality_id != self.audit.municipality_id:
            raise ValidationError({"committee": "Nämnden hör inte till granskningens kommun."})
        if self.extended_deadline and self.deadline and self.extended_deadline < self.deadline:
            raise ValidationError(
                {"extended_deadline": "Den förlängda svarstiden kan inte vara före den ursprungliga."}
            )
        if self.extended_deadline and not self.extension_reason.strip():
            raise ValidationError({"extension_reason": "Ange skälet till förlängningen."})

    def save(self, *args, **kwargs):
        self.full_clean(validate_unique=False, validate_constraints=False)
        super().save(*args, **kwargs)

    @property
    def effective_deadline(self):
        return self.extended_deadline or self.deadline

    @property
    def submitted_response(self):
        """The committee's answer once submitted, else None; select_related("response") saves a query."""
        response = getattr(self, "response", None)
        return response if response is not None and response.is_submitted else None

    def days_left(self, today=None):
        """Days until the effective deadline; negative when overdue, None without a deadline."""
        if not self.effective_deadline:
            return None
        return (self.effective_deadline - (today or datetime.date.today())).days
