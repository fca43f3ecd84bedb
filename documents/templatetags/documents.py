from django import template
from django.urls import reverse

from ..rendering import may_request
from ..views import DOCUMENTS, document_url, may_read_document

register = template.Library()


@register.simple_tag
def audit_documents(audit, user):
    """The PDFs of the audit the user may read, each with its stored state (None if never made)."""
    stored = {document.kind: document for document in audit.documents.all()}
    return [
        {
            "kind": kind,
            "label": kind.label,
            "url": document_url(audit, kind),
            "render_url": reverse("documents:render_document", args=[audit.pk, kind]),
            "document": stored.get(kind),
            "may_request": may_request(stored.get(kind)),
        }
        for kind in DOCUMENTS
        if may_read_document(user, kind)
    ]
