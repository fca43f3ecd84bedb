"""What the API shows of each object, and the shape of what it accepts.

The input serializers check only shape and types; the rules are the browser's forms and
services, which the views call with the checked input (see writes.py).
"""

from django.urls import reverse
from rest_framework import serializers

from audits.models import Audit, Recipient, Signatory
from documents.models import AuditDocument
from committees.models import Committee
from outbox.events import as_json
from outbox.models import Event
from recommendations.models import Addressee, FollowUp, Recommendation
from responses.models import Attachment, Position, Response


class CommitteeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Committee
        fields = ["id", "name", "short_name", "kind"]


class RecipientSerializer(serializers.ModelSerializer):
    committee = CommitteeSerializer()
    effective_deadline = serializers.DateField(read_only=True)

    class Meta:
        model = Recipient
        fields = ["id", "committee", "deadline", "extended_deadline", "effective_deadline"]


class SignatorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Signatory
        fields = ["name", "title"]


class AuditSerializer(serializers.ModelSerializer):
    recipients = RecipientSerializer(many=True, read_only=True)
    informed_committees = CommitteeSerializer(many=True, read_only=True)
    signatories = SignatorySerializer(many=True, read_only=True)
    report_url = serializers.SerializerMethodField()

    class Meta:
        model = Audit
        fields = [
            "id",
            "title",
            "kind",
            "status",
            "year",
            "diarienummer",
            "auditor_group",
            "consultant_firm",
            "consultant_people",
            "purpose",
            "summary",
            "overall_assessment",
            "report_date",
            "missiv_date",
            "place",
            "sent_at",
            "published",
            "created_at",
            "updated_at",
            "recipients",
            "informed_committees",
            "signatories",
            "report_url",
        ]

    def get_report_url(self, audit) -> str | None:
        return reverse("api:audit-report", args=[audit.pk]) if audit.report_file else None


class AddresseeSerializer(serializers.ModelSerializer):
    audit = serializers.IntegerField(source="recipient.audit_id", read_only=True)
    committee = CommitteeSerializer(source="recipient.committee", read_only=True)
    deadline = serializers.DateField(source="recipient.effective_deadline", read_only=True)
    current_status = serializers.SerializerMethodField()

    class Meta:
        model = Addressee
        fields = ["id", "recommendation", "audit", "committee", "deadline", "current_status"]

    def get_current_status(self, addressee) -> str | None:
        """The latest follow-up's status, None until the auditors have judged."""
        latest = addressee.current_follow_up
        return latest.status if latest else None


class RecommendationSerializer(serializers.ModelSerializer):
    addressees = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = ["id", "audit", "order", "text", "addressees"]

    def get_addressees(self, recommendation) -> list[int]:
        return [addressee.pk for addressee in recommendation.addressees.all()]


class PositionSerializer(serializers.ModelSerializer):
    recommendation = serializers.IntegerField(source="addressee.recommendation_id", read_only=True)

    class Meta:
        model = Position
        fields = ["addressee", "recommendation", "position", "planned_actions", "responsible", "planned_date"]


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "kind", "original_name", "content_type", "size", "uploaded_at", "url"]

    def get_url(self, attachment) -> str:
        return reverse("api:answer-attachment", args=[attachment.response_id, attachment.pk])


class AnswerSerializer(serializers.ModelSerializer):
    audit = serializers.IntegerField(source="recipient.audit_id", read_only=True)
    committee = CommitteeSerializer(source="recipient.committee", read_only=True)
    positions = PositionSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Response
        fields = [
            "id",
            "audit",
            "committee",
            "status",
            "version",
            "meeting_date",
            "paragraf",
            "diarienummer",
            "handlaggare",
            "beslut",
            "summary",
            "submitted_at",
            "positions",
            "attachments",
        ]


class FollowUpSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = FollowUp
        fields = ["id", "addressee", "status", "date", "comment", "author", "created_at"]

    def get_author(self, follow_up) -> str | None:
        author = follow_up.author
        return (author.get_full_name() or author.username) if author else None


class DocumentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = AuditDocument
        fields = ["id", "audit", "kind", "state", "rendered_at", "url"]

    def get_url(self, document) -> str | None:
        ready = document.state == AuditDocument.State.READY
        return reverse("api:document-download", args=[document.pk]) if ready else None


class EventSerializer(serializers.ModelSerializer):
    """The fields describe the schema; the event is shown as the webhook sends it."""

    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    data = serializers.JSONField(read_only=True, help_text="Granskningen och, för ett yttrande, nämnden och svaret.")

    class Meta:
        model = Event
        fields = ["id", "kind", "occurred_at", "municipality", "data"]

    def to_representation(self, event):
        return as_json(event)


# --- Input --------------------------------------------------------------------------------


class SignatoryInput(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    title = serializers.CharField(required=False, allow_blank=True)


class RecommendationInput(serializers.Serializer):
    text = serializers.CharField(allow_blank=True)
    committees = serializers.ListField(
        child=serializers.IntegerField(), help_text="Id:n för nämnderna rekommendationen riktas till."
    )


class AuditInput(serializers.Serializer):
    title = serializers.CharField(allow_blank=True)
    kind = serializers.ChoiceField(choices=Audit.Kind.choices, default=Audit._meta.get_field("kind").default)
    year = serializers.IntegerField()
    status = serializers.ChoiceField(
        choices=Audit.Status.choices,
        default=Audit._meta.get_field("status").default,
        help_text="Skickad för yttrande blir den först när revisorerna skickar den.",
    )
    diarienummer = serializers.CharField(required=False, allow_blank=True)
    auditor_group = serializers.CharField(required=False, allow_blank=True)
    consultant_firm = serializers.CharField(required=False, allow_blank=True)
    consultant_people = serializers.CharField(required=False, allow_blank=True)
    report_date = serializers.DateField(required=False, allow_null=True)
    missiv_date = serializers.DateField(required=False, allow_null=True)
    place = serializers.CharField(required=False, allow_blank=True)
    purpose = serializers.CharField(required=False, allow_blank=True)
    summary = serializers.CharField(required=False, allow_blank=True)
    overall_assessment = serializers.CharField(required=False, allow_blank=True)
    informed_committees = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="Id:n för nämnderna som får granskningen för kännedom."
    )
    signatories = SignatoryInput(many=True, required=False)
    recommendations = RecommendationInput(many=True, required=False)


class PositionInput(serializers.Serializer):
    addressee = serializers.IntegerField(help_text="Id för rekommendationen riktad till nämnden (adressaten).")
    position = serializers.ChoiceField(choices=Position.Choice.choices, required=False, allow_blank=True)
    planned_actions = serializers.CharField(required=False, allow_blank=True)
    responsible = serializers.CharField(required=False, allow_blank=True)
    planned_date = serializers.DateField(required=False, allow_null=True)


class AnswerSubmission(serializers.Serializer):
    version = serializers.IntegerField(min_value=0, max_value=2**31 - 1, help_text="Yttrandets version när det lästes: ändrat sedan dess ger 409.")
    meeting_date = serializers.DateField(required=False, allow_null=True)
    paragraf = serializers.CharField(required=False, allow_blank=True)
    diarienummer = serializers.CharField(required=False, allow_blank=True)
    handlaggare = serializers.CharField(required=False, allow_blank=True)
    beslut = serializers.CharField(required=False, allow_blank=True)
    summary = serializers.CharField(required=False, allow_blank=True)
    positions = PositionInput(many=True)


class FollowUpInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=FollowUp.Status.choices)
    date = serializers.DateField()
    comment = serializers.CharField(required=False, allow_blank=True)
