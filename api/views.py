"""The REST API, version 1. Every list and lookup starts from the browser's scoped querysets,
so a token sees exactly what its user sees in the browser: another municipality's object is
a 404, a missing write right a 403."""

import json

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response as ApiResponse

from audits.models import Audit, Recipient, readable_audits
from documents.models import AuditDocument
from documents.rendering import stored_pdf
from documents.views import DOCUMENTS, may_read_document
from outbox.models import Event
from recommendations.models import Addressee, FollowUp, Recommendation
from recommendations.permissions import addressees_visible_to, require_follow_up_right
from responses.models import Position, Response
from responses.permissions import answers_for
from responses.uploads import attachment_download

from . import filters, serializers, writes


class FileRenderer(renderers.BaseRenderer):
    """Lets a client that asks for the file's own type reach a download; errors stay JSON."""

    media_type = "*/*"
    format = "file"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode()


DOWNLOAD = {
    "renderer_classes": [renderers.JSONRenderer, FileRenderer],
}
PDF_RESPONSE = {(200, "application/pdf"): OpenApiTypes.BINARY}
NOT_FOUND = OpenApiResponse(description="Finns inte, eller hör till en annan kommun eller nämnd.")
REFUSED = OpenApiResponse(description="Användaren får läsa men inte skriva.")
INVALID = OpenApiResponse(description="Felaktiga uppgifter: fel per fält, på svenska.")


def _no_store(download):
    download["Cache-Control"] = "private, no-store"
    return download


@extend_schema_view(
    list=extend_schema(summary="Granskningar som användaren får läsa"),
    retrieve=extend_schema(summary="En granskning", responses={200: serializers.AuditSerializer, 404: NOT_FOUND}),
)
class AuditViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    # For the schema only: every request reads get_queryset().
    queryset = Audit.objects.none()
    serializer_class = serializers.AuditSerializer
    filterset_class = filters.AuditFilter

    def get_queryset(self):
        return Audit.objects.visible_to(self.request.user).prefetch_related(
            Prefetch("recipients", queryset=Recipient.objects.select_related("committee")),
            "informed_committees",
            "signatories",
        )

    @extend_schema(
        summary="Lägg upp en granskning med rekommendationer (revisorer)",
        request=serializers.AuditInput,
        responses={201: serializers.AuditSerializer, 400: INVALID, 403: REFUSED},
    )
    def create(self, request):
        if not request.user.is_revisor:
            raise PermissionDenied("Bara kommunens revisorer kan lägga upp granskningar.")
        data = serializers.AuditInput(data=request.data)
        data.is_valid(raise_exception=True)
        audit = writes.create_audit(request.user, data.validated_data)
        return ApiResponse(self.get_serializer(self.get_queryset().get(pk=audit.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Granskningsrapporten (PDF)", responses={**PDF_RESPONSE, 404: NOT_FOUND})
    @action(detail=True, methods=["get"], **DOWNLOAD)
    def report(self, request, pk):
        audit = self.get_object()
        try:
            report = audit.report_file.open("rb")
        except (ValueError, FileNotFoundError):
            raise NotFound("Ingen granskningsrapport är uppladdad.") from None
        return _no_store(
            FileResponse(report, content_type="application/pdf", as_attachment=True, filename=audit.report_filename)
        )


@extend_schema_view(
    list=extend_schema(summary="Rekommendationer som användaren får läsa"),
    retrieve=extend_schema(summary="En rekommendation", responses={200: serializers.RecommendationSerializer, 404: NOT_FOUND}),
)
class RecommendationViewSet(viewsets.ReadOnlyModelViewSet):
    # For the schema only: every request reads get_queryset().
    queryset = Recommendation.objects.none()
    serializer_class = serializers.RecommendationSerializer
    filterset_class = filters.RecommendationFilter

    def get_queryset(self):
        # A secretary's list names only the addressees they may read.
        addressees = addressees_visible_to(self.request.user).only("id", "recommendation_id")
        return Recommendation.objects.visible_to(self.request.user).prefetch_related(
            Prefetch("addressees", queryset=addressees)
        )


@extend_schema_view(
    list=extend_schema(summary="Rekommendationer per nämnd (adressater) med aktuell uppföljning"),
    retrieve=extend_schema(summary="En adressat", responses={200: serializers.AddresseeSerializer, 404: NOT_FOUND}),
)
class AddresseeViewSet(viewsets.ReadOnlyModelViewSet):
    # For the schema only: every request reads get_queryset().
    queryset = Addressee.objects.none()
    serializer_class = serializers.AddresseeSerializer
    filterset_class = filters.AddresseeFilter

    def get_queryset(self):
        return addressees_visible_to(self.request.user).select_related("recipient__committee").prefetch_related("follow_ups")

    @extend_schema(
        summary="Registrera revisorernas bedömning (revisorer)",
        request=serializers.FollowUpInput,
        responses={201: serializers.FollowUpSerializer, 400: INVALID, 403: REFUSED, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"], url_path="follow-ups", url_name="follow-ups")
    def follow_ups(self, request, pk):
        addressee = self.get_object()
        require_follow_up_right(request.user, addressee)
        data = serializers.FollowUpInput(data=request.data)
        data.is_valid(raise_exception=True)
        follow_up = writes.record_follow_up(request.user, addressee, data.validated_data)
        return ApiResponse(serializers.FollowUpSerializer(follow_up).data, status=status.HTTP_201_CREATED)


def answers_visible_to(user):
    """Answers the user reads: submitted ones, and the drafts of the user's own committees."""
    answers = Response.objects.visible_to(user)
    if user.is_superuser:
        return answers
    return answers.filter(Q(status=Response.Status.INSKICKAD) | Q(recipient__committee__in=user.committees.all()))


@extend_schema_view(
    list=extend_schema(summary="Yttranden: inskickade, och utkasten för användarens egna nämnder"),
    retrieve=extend_schema(summary="Ett yttrande", responses={200: serializers.AnswerSerializer, 404: NOT_FOUND}),
)
class AnswerViewSet(viewsets.ReadOnlyModelViewSet):
    # For the schema only: every request reads get_queryset().
    queryset = Response.objects.none()
    serializer_class = serializers.AnswerSerializer
    filterset_class = filters.AnswerFilter

    def get_queryset(self):
        return answers_visible_to(self.request.user).select_related("recipient__committee").prefetch_related(
            Prefetch("positions", queryset=Position.objects.select_related("addressee")), "attachments"
        )

    @extend_schema(
        summary="Skicka in nämndens yttrande (nämndsekreterare)",
        request=serializers.AnswerSubmission,
        responses={
            200: serializers.AnswerSerializer,
            400: INVALID,
            403: REFUSED,
            404: NOT_FOUND,
            409: OpenApiResponse(description="Yttrandet har ändrats eller skickats in sedan det lästes."),
        },
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk):
        answer = self.get_object()
        if not answers_for(request.user, answer.recipient):
            raise PermissionDenied("Bara nämndens sekreterare kan skicka in yttrandet.")
        try:
            if answer.is_submitted:
                raise writes.AnswerConflict(answer)
            data = serializers.AnswerSubmission(data=request.data)
            data.is_valid(raise_exception=True)
            writes.submit_answer(request.user, answer, data.validated_data)
        except writes.AnswerConflict as conflict:
            current = conflict.current
            return ApiResponse(
                {"detail": str(conflict), "version": current.version, "status": current.status},
                status=status.HTTP_409_CONFLICT,
            )
        return ApiResponse(self.get_serializer(self.get_queryset().get(pk=answer.pk)).data)

    @extend_schema(summary="En bilaga till yttrandet", responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 404: NOT_FOUND})
    @action(detail=True, methods=["get"], url_path=r"attachments/(?P<attachment_pk>[0-9]+)", url_name="attachment", **DOWNLOAD)
    def attachment(self, request, pk, attachment_pk):
        answer = self.get_object()
        return _no_store(attachment_download(get_object_or_404(answer.attachments, pk=attachment_pk)))


@extend_schema_view(
    list=extend_schema(summary="Revisorernas bedömningar (uppföljning)"),
    retrieve=extend_schema(summary="En bedömning", responses={200: serializers.FollowUpSerializer, 404: NOT_FOUND}),
)
class FollowUpViewSet(viewsets.ReadOnlyModelViewSet):
    # For the schema only: every request reads get_queryset().
    queryset = FollowUp.objects.none()
    serializer_class = serializers.FollowUpSerializer
    filterset_class = filters.FollowUpFilter

    def get_queryset(self):
        return FollowUp.objects.filter(addressee__in=addressees_visible_to(self.request.user)).select_related("author")


@extend_schema_view(
    list=extend_schema(summary="Framställda dokument: missiv och anmälan till kommunfullmäktige"),
    retrieve=extend_schema(summary="Ett dokument", responses={200: serializers.DocumentSerializer, 404: NOT_FOUND}),
)
class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    # For the schema only: every request reads get_queryset().
    queryset = AuditDocument.objects.none()
    serializer_class = serializers.DocumentSerializer
    filterset_class = filters.DocumentFilter

    def get_queryset(self):
        user = self.request.user
        kinds = [kind for kind in AuditDocument.Kind.values if may_read_document(user, kind)]
        return AuditDocument.objects.filter(audit__in=Audit.objects.visible_to(user), kind__in=kinds)

    @extend_schema(summary="Hämta dokumentet (PDF)", responses={**PDF_RESPONSE, 404: NOT_FOUND})
    @action(detail=True, methods=["get"], **DOWNLOAD)
    def download(self, request, pk):
        document = self.get_object()
        download = stored_pdf(document, f"{DOCUMENTS[document.kind]['filename']}-{document.audit_id}.pdf")
        if download is None:
            raise NotFound("Dokumentet är inte framställt ännu.")
        return _no_store(download)


@extend_schema_view(
    list=extend_schema(
        summary="Händelser för diariet",
        description=(
            "Missiv skickat, yttrande inskickat och anmälan till kommunfullmäktige beslutad, i den ordning de "
            "hände. Följ `next` till sista sidan, spara id för den sista händelsen och fråga nästa gång med "
            "`?after=<id>`: då läses varje ny händelse precis en gång."
        ),
    ),
    retrieve=extend_schema(summary="En händelse", responses={200: serializers.EventSerializer, 404: NOT_FOUND}),
)
class EventViewSet(viewsets.ReadOnlyModelViewSet):
    # For the schema only: every request reads get_queryset().
    queryset = Event.objects.none()
    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventFilter

    def get_queryset(self):
        return events_visible_to(self.request.user).select_related("municipality")


def events_visible_to(user):
    """Events of cases the user may read (audits.models.readable_audits); a secretary sees
    answers of their own committees only."""
    events = Event.objects.filter(readable_audits(user, "audit__"))
    if user.is_authenticated and user.is_secretary and not user.is_superuser:
        events = events.filter(Q(committee__isnull=True) | Q(committee__in=user.committees.all()))
    return events
