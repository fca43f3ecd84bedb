from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from audits.models import Audit, Recipient, readable_audits

from .models import Attachment, ExtensionRequest, Response


def recipients_visible_to(user):
    """Committees asked to answer a sent case that the user may follow: the whole
    municipality for revisors and KS staff, their own committees for secretaries."""
    recipients = Recipient.objects.filter(readable_audits(user, "audit__"), audit__status__in=Audit.Status.sent())
    if user.is_authenticated and user.is_secretary and not user.is_superuser:
        recipients = recipients.filter(committee__in=user.committees.all())
    return recipients


def answers_for(user, recipient):
    """Whether the user writes this committee's answers."""
    if user.is_superuser:
        return True
    return user.is_secretary and user.committees.filter(pk=recipient.committee_id).exists()


def answered_for(user, recipients):
    """The ids of the recipients whose answers the user writes, from one query at most."""
    if user.is_superuser:
        return {recipient.pk for recipient in recipients}
    if not user.is_secretary:
        return set()
    committees = set(user.committees.values_list("pk", flat=True))
    return {recipient.pk for recipient in recipients if recipient.committee_id in committees}


def get_response_for_user(user, pk, queryset=None):
    """Return an answer the user may read; any other is a 404."""
    return get_object_or_404((Response.objects if queryset is None else queryset).visible_to(user), pk=pk)


def get_response_for_secretary(user, pk, queryset=None):
    """Return an answer of the user's own committee, draft or submitted: 404 if unseen,
    403 if only readable."""
    response = get_response_for_user(user, pk, queryset)
    if not answers_for(user, response.recipient):
        raise PermissionDenied("Bara nämndens sekreterare kan ändra yttrandet.")
    return response


def get_draft_for_secretary(user, pk, queryset=None):
    """Return a draft the user may write: 404 if unseen, 403 if only readable (another
    role, or an answer already submitted)."""
    response = get_response_for_secretary(user, pk, queryset)
    if not Response.objects.editable_by(user).filter(pk=response.pk).exists():
        raise PermissionDenied("Yttrandet är inskickat och kan inte längre ändras.")
    return response


def get_response_for_revisor(user, pk, queryset=None):
    """Return an answer the user may reopen: 404 if unseen, 403 unless a revisor of its municipality."""
    response = get_response_for_user(user, pk, queryset)
    if not Audit.objects.editable_by(user).filter(pk=response.recipient.audit_id).exists():
        raise PermissionDenied("Bara kommunens revisorer kan återöppna ett yttrande.")
    return response


def get_recipient_for_secretary(user, pk):
    """Return a case the user answers for: 404 if unseen, 403 if only readable."""
    recipient = get_object_or_404(recipients_visible_to(user), pk=pk)
    if not answers_for(user, recipient):
        raise PermissionDenied("Bara nämndens sekreterare kan påbörja yttrandet.")
    return recipient


def get_attachment_for_user(user, pk):
    """Return an attachment of an answer the user may read; any other is a 404."""
    return get_object_or_404(
        Attachment.objects.filter(response__in=Response.objects.visible_to(user)).select_related("response"),
        pk=pk,
    )


def get_extension_request_for_revisor(user, pk):
    """Return an extension request the user may decide: 404 if unseen, 403 unless a revisor."""
    request = get_object_or_404(
        ExtensionRequest.objects.filter(recipient__in=recipients_visible_to(user)).select_related(
            "recipient__audit", "recipient__committee", "requested_by"
        ),
        pk=pk,
    )
    if not Audit.objects.editable_by(user).filter(pk=request.recipient.audit_id).exists():
        raise PermissionDenied("Bara kommunens revisorer kan besluta om förlängd svarstid.")
    return request
