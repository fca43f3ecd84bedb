"""Stored PDFs of an audit: requested by the web, rendered by the worker, served when ready.

Call `request_document(audit, kind)` where a document must be (re)made; apps below this one
ask for `refresh_documents` by task name through the outbox after a change to a case. Both
only queue work: the request never waits for a render.
"""

import datetime
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse
from django.utils import timezone

from outbox import dispatch as outbox

from . import pdf
from audits.models import Audit
from core.storage import private_storage

from .models import AuditDocument, DocumentState

logger = logging.getLogger(__name__)

# A render takes seconds; one still queued after this was lost (broker flushed, worker gone)
# and may be requested again.
RENDER_LOST_AFTER = datetime.timedelta(minutes=10)


def request_document(audit, kind):
    """Mark the audit's document of this kind as queued and render it after the commit."""
    document, _ = AuditDocument.objects.update_or_create(
        audit=audit,
        kind=kind,
        defaults={"state": AuditDocument.State.QUEUED, "error": "", "requested_at": timezone.now()},
    )
    outbox.send_named_on_commit("documents.tasks.render_document", audit.pk, kind)
    return document


def may_request(document):
    """Whether a user may ask for a (new) render of a document (an AuditDocument or an
    AnnualReport): always, unless one is under way."""
    if document is None or document.state != DocumentState.QUEUED:
        return True
    return timezone.now() - document.requested_at > RENDER_LOST_AFTER


def stored_pdf(document, filename):
    """The document's stored PDF as a response when it is ready, else None."""
    if document is None or document.state != DocumentState.READY or not document.file:
        return None
    try:
        return FileResponse(document.file.open("rb"), content_type="application/pdf", filename=filename)
    except FileNotFoundError:
        return None


def refresh_documents(audit):
    """Re-render every document already made for the audit, and the missiv of a sent case."""
    kinds = set(audit.documents.values_list("kind", flat=True))
    if audit.is_sent:
        kinds.add(AuditDocument.Kind.MISSIV)
    return [request_document(audit, kind) for kind in sorted(kinds)]


def render_and_store(audit_id, kind):
    """Render the audit's queued document of this kind (see render_queued)."""
    return render_queued(
        AuditDocument.objects.filter(audit_id=audit_id, kind=kind).first(),
        lambda: pdf.render_document(pdf.load_audit(audit_id), kind),
        f"documents/{audit_id}/{kind}.pdf",
    )


def render_queued(document, render, path):
    """Render a queued document (an AuditDocument or an AnnualReport) with render() and store
    it at path as ready, or record it as failed with the error.

    Safe to run twice: a document no longer queued is left alone, and a render overtaken by a
    newer request is thrown away.
    """
    if document is None or document.state != DocumentState.QUEUED:
        return document
    requested_at = document.requested_at
    try:
        content = render()
    except Audit.DoesNotExist:
        # The case was deleted while its render waited.
        return None
    except Exception as error:
        logger.exception("%s kunde inte framställas", document)
        record_failure(document, requested_at, error)
        return None
    return store_rendered(document, requested_at, path, content)


def record_failure(document, requested_at, error):
    """Mark a queued render failed, unless a newer request has overtaken it."""
    type(document).objects.filter(pk=document.pk, requested_at=requested_at).update(
        state=DocumentState.FAILED, error=f"{type(error).__name__}: {error}"[:2000]
    )


def store_rendered(document, requested_at, path, content):
    """Store a render of a document (an AuditDocument or an AnnualReport) and mark it ready,
    unless a newer request has overtaken it; the file it replaces is deleted."""
    name = private_storage.save(path, ContentFile(content))
    with transaction.atomic():
        current = type(document).objects.select_for_update().filter(pk=document.pk).first()
        overtaken = current is None or current.requested_at != requested_at
        old_name = None if overtaken else current.file.name
        if not overtaken:
            current.file.name = name
            current.state = DocumentState.READY
            current.error = ""
            current.rendered_at = timezone.now()
            current.save(update_fields=["file", "state", "error", "rendered_at"])
    if overtaken:
        private_storage.delete(name)
        return current
    if old_name and old_name != name:
        private_storage.delete(old_name)
    return current
