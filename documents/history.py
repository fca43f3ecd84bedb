"""The recorded changes of a case, newest first, with field differences in Swedish."""

from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.text import capfirst

from audits.models import Audit, Recipient, RevisionQuestion, Signatory
from committees.models import Committee
from recommendations.models import Addressee, FollowUp, Recommendation

ACTIONS = {"+": "Lade till", "~": "Ändrade", "-": "Tog bort"}
# Fields that only point back at the case: the entry's heading already says where it belongs.
SKIPPED_FIELDS = {"id", "audit", "recommendation", "addressee", "municipality", "created_at"}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    when: object
    user: object
    action: str
    subject: str
    reason: str = ""
    changes: list = field(default_factory=list)
    after_sending: bool = False


class _Labels:
    """Display values for stored field values, looking each related object up once."""

    def __init__(self):
        self.related = {}

    def value(self, model_field, value):
        if value in (None, ""):
            return "–"
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(model_field, models.ForeignKey):
            return self.related_label(model_field.related_model, value)
        if isinstance(model_field, models.BooleanField):
            return "Ja" if value else "Nej"
        if isinstance(model_field, models.DateTimeField):
            return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
        if isinstance(model_field, models.DateField):
            return value.strftime("%Y-%m-%d")
        if isinstance(model_field, models.FileField):
            return str(value).rsplit("/", 1)[-1]
        return str(value)

    def addressee_label(self, pk):
        key = (Addressee, pk)
        if key not in self.related:
            addressee = (
                Addressee._base_manager.select_related("recipient__committee", "recommendation").filter(pk=pk).first()
            )
            self.related[key] = (
                f"{addressee.recipient.committee}, rekommendation {addressee.recommendation.order}"
                if addressee
                else "(borttagen)"
            )
        return self.related[key]

    def recommendation_label(self, pk):
        key = (Recommendation, pk)
        if key not in self.related:
            latest = Recommendation.history.filter(id=pk).order_by("-history_date").first()
            self.related[key] = f"rekommendation {latest.order}" if latest else "en rekommendation"
        return self.related[key]

    def related_label(self, model, pk):
        key = (model, pk)
        if key not in self.related:
            obj = model._base_manager.filter(pk=pk).first()
            if obj is None:
                self.related[key] = "(borttagen)"
            elif isinstance(obj, Recipient):
                self.related[key] = str(obj.committee)
            elif hasattr(obj, "get_full_name"):
                self.related[key] = obj.get_full_name() or obj.get_username()
            else:
                self.related[key] = str(obj)
        return self.related[key]


def _subject(record, labels):
    model = record.instance_type
    name = str(model._meta.verbose_name)
    if model is Audit:
        return f"{name}: {record.title}"
    if model in (RevisionQuestion, Recommendation):
        return f"{name} {record.order}: {_short(record.text)}"
    if model is Recipient:
        return f"{name}: {labels.related_label(Committee, record.committee_id)}"
    if model is Signatory:
        return f"{name}: {record.name}"
    if model is Addressee:
        committee = labels.related_label(Recipient, record.recipient_id)
        return f"{name}: {committee} för {labels.recommendation_label(record.recommendation_id)}"
    if model is FollowUp:
        return f"{name}: {labels.addressee_label(record.addressee_id)}"
    return name


def _short(text, length=70):
    return text if len(text) <= length else text[: length - 1] + "…"


def _tracked(record):
    return [f for f in record.instance_type._meta.concrete_fields if f.name not in SKIPPED_FIELDS]


def _entries(records, labels):
    previous = {}
    entries = []
    for record in records:
        before = previous.get(record.id)
        changes = []
        if record.history_type != "-":
            for model_field in _tracked(record):
                if not hasattr(record, model_field.attname):
                    continue
                new = getattr(record, model_field.attname)
                old = getattr(before, model_field.attname) if before is not None else None
                if before is None and new in (None, "", False):
                    continue
                if before is not None and old == new:
                    continue
                changes.append(
                    Change(
                        capfirst(str(model_field.verbose_name)),
                        labels.value(model_field, old) if before is not None else "–",
                        labels.value(model_field, new),
                    )
                )
        previous[record.id] = record
        if record.history_type == "~" and not changes:
            continue
        entries.append(
            Entry(
                when=record.history_date,
                user=record.history_user,
                action=ACTIONS[record.history_type],
                subject=_subject(record, labels),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def case_history(audit):
    """Every recorded change of the audit, its signatories, questions, committees,
    recommendations, addressees and follow-ups, newest first."""
    recommendation_ids = set(Recommendation.history.filter(audit_id=audit.pk).values_list("id", flat=True))
    addressee_ids = set(
        Addressee.history.filter(recommendation_id__in=recommendation_ids).values_list("id", flat=True)
    )
    sources = [
        Audit.history.filter(id=audit.pk),
        Signatory.history.filter(audit_id=audit.pk),
        RevisionQuestion.history.filter(audit_id=audit.pk),
        Recipient.history.filter(audit_id=audit.pk),
        Recommendation.history.filter(audit_id=audit.pk),
        Addressee.history.filter(id__in=addressee_ids),
        FollowUp.history.filter(addressee_id__in=addressee_ids),
    ]
    labels = _Labels()
    entries = []
    for records in sources:
        entries.extend(_entries(records.select_related("history_user").order_by("history_date", "history_id"), labels))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    sent = (
        Audit.history.filter(id=audit.pk, status__in=Audit.Status.sent())
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    for entry in entries:
        entry.after_sending = bool(sent and entry.when > sent)
    return entries
