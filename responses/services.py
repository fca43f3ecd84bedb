import uuid

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from audits.models import Audit, Recipient
from audits.services import grant_extension, refresh_documents
from outbox import dispatch as outbox
from outbox import events

from . import tasks
from .models import Attachment, ExtensionRequest, Position, Response


class EditConflict(Exception):
    """The answer was saved, submitted or reopened by someone else after the form was opened."""

    def __init__(self, current):
        super().__init__("Yttrandet har ändrats sedan formuläret öppnades.")
        self.current = current


POSITION_FIELDS = ("position", "planned_actions", "responsible", "planned_date")
RESPONSE_FIELDS = ("meeting_date", "paragraf", "diarienummer", "handlaggare", "beslut", "summary")


def addressees_of(recipient):
    """The recommendations addressed to this committee, in the report's order."""
    return recipient.addressees.select_related("recommendation").order_by(
        "recommendation__order", "recommendation_id"
    )


@transaction.atomic
def get_or_create_draft(recipient):
    """Return the committee's answer, starting a draft with one position per addressed
    recommendation if none exists yet."""
    response, _ = Response.objects.get_or_create(recipient=recipient)
    if not response.is_submitted:
        existing = set(Position.objects.filter(response=response).values_list("addressee_id", flat=True))
        for addressee in addressees_of(recipient):
            if addressee.pk not in existing:
                Position.objects.get_or_create(addressee=addressee, defaults={"response": response})
    return response


def missing_for_submission(response):
    """What must be filled in before the answer can be submitted, as Swedish sentences."""
    missing = []
    if not response.meeting_date:
        missing.append("sammanträdesdatum")
    if not response.paragraf.strip():
        missing.append("paragraf")
    answered = set(
        Position.objects.filter(response=response).exclude(position="").values_list("addressee_id", flat=True)
    )
    for number, addressee in enumerate(addressees_of(response.recipient), start=1):
        if addressee.pk not in answered:
            missing.append(f"ställningstagande till rekommendation {number}")
    return missing


def _claim_next_version(response, version):
    """Increment the version only if it is still `version` and the answer a draft; the
    conditional UPDATE makes check and increment one atomic step."""
    claimed = Response.objects.filter(pk=response.pk, version=version, status=Response.Status.UTKAST).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict(Response.objects.select_related("submitted_by").get(pk=response.pk))
    return version + 1


@transaction.atomic
def save_draft(response, version, fields, positions, user, new_attachments=(), removed_attachments=()):
    """Save the secretary's draft unless someone else saved it after `version` was read.

    1. Claim the next version; raise EditConflict if the answer moved on meanwhile.
    2. Write the answer and its positions through save(), so history records each change.
    3. Store new attachments under generated names and remove the ones asked for.
    """
    response.version = _claim_next_version(response, version)
    for name in RESPONSE_FIELDS:
        setattr(response, name, fields[name])
    response._history_user = user
    response.save()

    existing = {p.addressee_id: p for p in Position.objects.filter(response=response)}
    for addressee in addressees_of(response.recipient):
        values = positions.get(addressee.pk)
        if values is None:
            continue
        position = existing.get(addressee.pk) or Position(response=response, addressee=addressee)
        if position.pk and all(getattr(position, name) == values[name] for name in POSITION_FIELDS):
            continue
        for name in POSITION_FIELDS:
            setattr(position, name, values[name])
        position._history_user = user
        position.save()

    for upload in new_attachments:
        attachment = Attachment(
            response=response,
            kind=upload.kind,
            original_name=upload.file.name[-255:],
            content_type=upload.content_type,
            size=upload.file.size,
            uploaded_by=user,
        )
        attachment.file.save(f"{uuid.uuid4().hex}.{upload.extension}", File(upload.file), save=False)
        attachment._history_user = user
        attachment.save()

    for attachment in response.attachments.filter(pk__in=[a.pk for a in removed_attachments]):
        stored_name, storage = attachment.file.name, attachment.file.storage
        attachment._history_user = user
        attachment.delete()
        transaction.on_commit(lambda name=stored_name, storage=storage: storage.delete(name))
    return response


@transaction.atomic
def submit_response(response, user):
    """Submit a complete draft.

    1. Lock the audit first, so that the last committees submitting at the same time see
       each other's answers when deciding whether the case is answered.
    2. Refuse an answer already submitted or still incomplete.
    3. Mark it submitted; move the audit from skickad to besvarad when every committee has answered.
    4. Queue the receipt to the secretary and the notice to the revisors for after the commit.
    """
    audit = Audit.objects.select_for_update().get(pk=response.recipient.audit_id)
    response = Response.objects.select_for_update().select_related("recipient__committee").get(pk=response.pk)
    if response.is_submitted:
        raise EditConflict(response)
    missing = missing_for_submission(response)
    if missing:
        raise ValidationError("Yttrandet kan inte skickas in. Det saknas: " + ", ".join(missing) + ".")
    response.status = Response.Status.INSKICKAD
    response.submitted_at = timezone.now()
    response.submitted_by = user
    response.version += 1
    response._history_user = user
    response._change_reason = "Inskickat"
    response.save()
    events.record_answer_submitted(response)
    audit.mark_answered_if_complete(user)
    outbox.send_on_commit(tasks.send_submission_receipt, response.pk, response.version)
    outbox.send_on_commit(tasks.notify_revisors_of_submission, response.pk, response.version)
    refresh_documents(audit)
    return response


@transaction.atomic
def reopen_response(response, user, reason):
    """Return a submitted answer to its committee as a draft, with the revisor's reason.

    The audit goes back from besvarad to skickad, since one answer is missing again.
    """
    if not reason.strip():
        raise ValidationError({"reason": "Skriv varför yttrandet öppnas igen."})
    audit = Audit.objects.select_for_update().get(pk=response.recipient.audit_id)
    response = Response.objects.select_for_update().get(pk=response.pk)
    if not response.is_submitted:
        raise EditConflict(response)
    response.status = Response.Status.UTKAST
    response.submitted_at = None
    response.submitted_by = None
    response.reopen_reason = reason.strip()
    response.version += 1
    response._history_user = user
    response._change_reason = "Återöppnat"
    response.save()
    audit.mark_answer_missing(user)
    outbox.send_on_commit(tasks.notify_secretaries_of_reopening, response.pk, response.version)
    refresh_documents(audit)
    return response


def check_requested_deadline(recipient, requested_deadline):
    """A requested deadline must be later than the one in force."""
    current = recipient.effective_deadline
    if current is None:
        raise ValidationError("Ärendet har ingen svarsdag att förlänga.")
    if requested_deadline <= current:
        raise ValidationError(f"Välj ett datum efter nuvarande svarsdag {current:%Y-%m-%d}.")


@transaction.atomic
def request_extension(response, requested_deadline, reason, user):
    """Ask the revisors for a later deadline for this committee's answer."""
    recipient = Recipient.objects.select_for_update().get(pk=response.recipient_id)
    if Response.objects.filter(pk=response.pk, status=Response.Status.INSKICKAD).exists():
        raise ValidationError("Yttrandet är redan inskickat.")
    try:
        check_requested_deadline(recipient, requested_deadline)
    except ValidationError as error:
        raise ValidationError({"requested_deadline": error.messages}) from None
    if not reason.strip():
        raise ValidationError({"reason": "Skriv varför nämnden behöver längre tid."})
    if recipient.extension_requests.pending().exists():
        raise ValidationError("Det finns redan en begäran om förlängd svarstid som väntar på beslut.")
    try:
        with transaction.atomic():
            extension_request = ExtensionRequest.objects.create(
                recipient=recipient, requested_deadline=requested_deadline, reason=reason.strip(), requested_by=user
            )
    except IntegrityError:
        raise ValidationError("Det finns redan en begäran om förlängd svarstid som väntar på beslut.") from None
    outbox.send_on_commit(tasks.notify_revisors_of_extension_request, extension_request.pk)
    return extension_request


@transaction.atomic
def decide_extension(extension_request, user, grant, comment):
    """Grant or refuse a pending request; a refusal needs a comment. Granting moves the
    committee's deadline."""
    extension_request = ExtensionRequest.objects.select_for_update().select_related("recipient").get(
        pk=extension_request.pk
    )
    if extension_request.state != ExtensionRequest.State.PENDING:
        raise ValidationError("Begäran är redan beslutad.")
    if not grant and not comment.strip():
        raise ValidationError({"decision_comment": "Skriv varför begäran avslås."})
    if grant:
        grant_extension(
            extension_request.recipient, extension_request.requested_deadline, extension_request.reason, user
        )
    extension_request.state = ExtensionRequest.State.GRANTED if grant else ExtensionRequest.State.REFUSED
    extension_request.decided_by = user
    extension_request.decided_at = timezone.now()
    extension_request.decision_comment = comment.strip()
    extension_request._history_user = user
    extension_request.save()
    outbox.send_on_commit(tasks.notify_secretaries_of_extension_decision, extension_request.pk)
    return extension_request
