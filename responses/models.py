from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from audits.models import AnswerStatus, Audit, Recipient
from core.storage import private_storage
from recommendations.models import Addressee


class ResponseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Answers the user may read: all of the municipality for revisors and KS staff,
        only their own committees' for secretaries."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.sees_whole_municipality:
            return self.filter(recipient__audit__municipality_id=user.municipality_id)
        if user.is_secretary:
            return self.filter(
                recipient__audit__municipality_id=user.municipality_id,
                recipient__audit__status__in=Audit.Status.sent(),
                recipient__committee__in=user.committees.all(),
            )
        return self.none()

    def editable_by(self, user):
        """Drafts the user may write: secretaries their own committees' answers."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.filter(status=ResponseStatus.UTKAST)
        if user.is_secretary:
            return self.visible_to(user).filter(status=ResponseStatus.UTKAST)
        return self.none()

    def submitted(self):
        return self.filter(status=ResponseStatus.INSKICKAD)


ResponseStatus = AnswerStatus


class Response(models.Model):
    """A committee's yttrande on an audit."""

    Status = ResponseStatus

    recipient = models.OneToOneField(
        Recipient, verbose_name="granskning och nämnd", on_delete=models.CASCADE, related_name="response"
    )
    status = models.CharField("status", max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.UTKAST)
    meeting_date = models.DateField("sammanträdesdatum", null=True, blank=True)
    paragraf = models.CharField("paragraf", max_length=20, blank=True, help_text="Till exempel § 6")
    diarienummer = models.CharField("diarienummer", max_length=50, blank=True)
    handlaggare = models.CharField("handläggare", max_length=150, blank=True)
    beslut = models.TextField("beslut", blank=True)
    summary = models.TextField("sammanfattning", blank=True)
    submitted_at = models.DateTimeField("inskickad", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="inskickad av",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reopen_reason = models.TextField("skäl till återöppning", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField("ändrad", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = "yttrande"
        verbose_name_plural = "yttranden"
        ordering = ["recipient__audit", "recipient__committee__name"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ResponseStatus.values), name="response_status_valid"),
            models.CheckConstraint(
                condition=Q(status=ResponseStatus.UTKAST)
                | (Q(submitted_at__isnull=False) & Q(meeting_date__isnull=False) & ~Q(paragraf="")),
                name="response_submitted_is_complete",
            ),
        ]

    def __str__(self):
        return f"Yttrande från {self.recipient.committee} – {self.recipient.audit}"

    def get_absolute_url(self):
        return reverse("responses:detail", args=[self.pk])

    @property
    def audit(self):
        return self.recipient.audit

    @property
    def committee(self):
        return self.recipient.committee

    @property
    def is_submitted(self):
        return self.status == ResponseStatus.INSKICKAD

    @property
    def paragraf_display(self):
        text = self.paragraf.strip()
        return text if not text or text.startswith("§") else f"§ {text}"

    @property
    def was_late(self):
        deadline = self.recipient.effective_deadline
        decided = self.meeting_date or (self.submitted_at and self.submitted_at.date())
        return bool(deadline and decided and decided > deadline)


class PositionChoice(models.TextChoices):
    INSTAMMER = "instammer", "Instämmer"
    DELVIS = "delvis", "Instämmer delvis"
    INSTAMMER_INTE = "instammer_inte", "Instämmer inte"


class Position(models.Model):
    """The committee's position on one recommendation addressed to it."""

    Choice = PositionChoice

    response = models.ForeignKey(Response, verbose_name="yttrande", on_delete=models.CASCADE, related_name="positions")
    addressee = models.OneToOneField(
        Addressee, verbose_name="rekommendation", on_delete=models.CASCADE, related_name="position"
    )
    position = models.CharField("ställningstagande", max_length=20, choices=PositionChoice.choices, blank=True)
    planned_actions = models.TextField("planerade åtgärder", blank=True)
    responsible = models.CharField("ansvarig", max_length=150, blank=True)
    planned_date = models.DateField("planerat klart", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "ställningstagande"
        verbose_name_plural = "ställningstaganden"
        ordering = ["addressee__recommendation__order", "addressee__recommendation_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(position="") | Q(position__in=PositionChoice.values), name="position_choice_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_position_display() or 'Ej angivet'}: {self.addressee.recommendation}"

    def clean(self):
        if self.response_id and self.addressee_id and self.addressee.recipient_id != self.response.recipient_id:
            raise ValidationError("Ställningstagandet måste gälla en rekommendation riktad till samma nämnd.")

    def save(self, *args, **kwargs):
        self.clean()
        super().save(*args, **kwargs)


class AttachmentKind(models.TextChoices):
    PROTOKOLLSUTDRAG = "protokollsutdrag", "Protokollsutdrag"
    TJANSTEUTLATANDE = "tjansteutlatande", "Tjänsteutlåtande"
    ANNAT = "annat", "Annan bilaga"


class Attachment(models.Model):
    Kind = AttachmentKind

    response = models.ForeignKey(Response, verbose_name="yttrande", on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField("typ", max_length=20, choices=AttachmentKind.choices, default=AttachmentKind.PROTOKOLLSUTDRAG)
    file = models.FileField("fil", storage=private_storage, upload_to="attachments/%Y/")
    original_name = models.CharField("filnamn", max_length=255)
    content_type = models.CharField("filtyp", max_length=100)
    size = models.PositiveIntegerField("storlek (byte)")
    public = models.BooleanField("får publiceras", default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="uppladdad av", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField("uppladdad", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "bilaga"
        verbose_name_plural = "bilagor"
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AttachmentKind.values), name="attachment_kind_valid"),
            models.CheckConstraint(condition=Q(size__lte=20 * 1024 * 1024), name="attachment_max_size"),
        ]

    def __str__(self):
        return self.original_name


class ExtensionRequestState(models.TextChoices):
    PENDING = "pending", "Väntar på beslut"
    GRANTED = "granted", "Beviljad"
    REFUSED = "refused", "Avslagen"


class ExtensionRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=ExtensionRequestState.PENDING)


class ExtensionRequest(models.Model):
    """A committee's request for a later deadline, decided by a revisor."""

    State = ExtensionRequestState

    recipient = models.ForeignKey(Recipient, verbose_name="mottagare", on_delete=models.CASCADE, related_name="extension_requests")
    requested_deadline = models.DateField("önskad svarstid")
    reason = models.TextField("skäl")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="begärd av", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField("begärd", auto_now_add=True)
    state = models.CharField("beslut", max_length=10, choices=ExtensionRequestState.choices, default=ExtensionRequestState.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="beslutad av", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("beslutad", null=True, blank=True)
    decision_comment = models.TextField("kommentar till beslutet", blank=True)

    history = HistoricalRecords()
    objects = ExtensionRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "begäran om förlängd svarstid"
        verbose_name_plural = "begäranden om förlängd svarstid"
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=ExtensionRequestState.values), name="extension_state_valid"),
            models.CheckConstraint(condition=~Q(reason=""), name="extension_request_has_reason"),
            models.UniqueConstraint(
                fields=["recipient"], condition=Q(state="pending"), name="extension_one_pending_per_recipient"
            ),
        ]

    def __str__(self):
        return f"{self.recipient.committee}: {self.requested_deadline}"


class ReminderKind(models.TextChoices):
    BEFORE = "before", "Påminnelse före svarsdagen"
    ON_DAY = "on_day", "Påminnelse på svarsdagen"
    OVERDUE = "overdue", "Påminnelse om försenat svar"


class Reminder(models.Model):
    """One deadline reminder for one committee and case on one day, claimed before sending
    so that it is sent once whatever happens to the worker."""

    Kind = ReminderKind

    recipient = models.ForeignKey(Recipient, verbose_name="mottagare", on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField("typ", max_length=10, choices=ReminderKind.choices)
    day = models.DateField("dag")
    deadline = models.DateField("svarsdag som gällde")
    claimed_at = models.DateTimeField("registrerad", auto_now_add=True)
    sent_at = models.DateTimeField("skickad", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("försök", default=0)
    last_error = models.TextField("senaste fel", blank=True)

    class Meta:
        verbose_name = "påminnelse"
        verbose_name_plural = "påminnelser"
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "day"], name="reminder_once_per_day"),
            models.CheckConstraint(condition=Q(kind__in=ReminderKind.values), name="reminder_kind_valid"),
        ]
        # The sweep re-queues the unsent reminders of the last days.
        indexes = [models.Index(fields=["day"], condition=Q(sent_at__isnull=True), name="reminder_unsent_day")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.day}: {self.recipient}"


class SentNotification(models.Model):
    """One e-mail about one event, recorded so that a retried or redelivered task sends it once."""

    key = models.CharField("händelse", max_length=200, unique=True)
    claimed_at = models.DateTimeField("registrerad", auto_now_add=True)
    sent_at = models.DateTimeField("skickad", null=True, blank=True)

    class Meta:
        verbose_name = "skickat meddelande"
        verbose_name_plural = "skickade meddelanden"
        ordering = ["-claimed_at"]

    def __str__(self):
        return self.key
