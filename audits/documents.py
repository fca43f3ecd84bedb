from .models import AuditDocument


def request_document(audit, kind):
    """Queue the rendering of one of the audit's documents (missiv, report to fullmäktige)."""
    document, _ = AuditDocument.objects.update_or_create(
        audit=audit, kind=kind, defaults={"state": AuditDocument.State.QUEUED, "error": ""}
    )
    return document
