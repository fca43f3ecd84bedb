from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from audits.permissions import get_audit_for_user

from .history import case_history
from .models import AuditDocument
from .rendering import may_request, request_document, stored_pdf

DOCUMENTS = {
    AuditDocument.Kind.MISSIV: {"url": "documents:missiv_pdf", "filename": "missiv"},
    AuditDocument.Kind.COUNCIL_REPORT: {"url": "documents:council_report_pdf", "filename": "anmalan-till-kf"},
}


def may_read_document(user, kind):
    """Anyone who reads the audit reads its missiv; the report to fullmäktige is for KS staff
    and revisors (the audit lookup has already scoped the user's municipality)."""
    return kind == AuditDocument.Kind.MISSIV or user.is_superuser or user.sees_whole_municipality


def document_url(audit, kind):
    return reverse(DOCUMENTS[kind]["url"], args=[audit.pk])


def get_document_audit(user, pk, kind):
    audit = get_audit_for_user(user, pk)
    if not may_read_document(user, kind):
        raise PermissionDenied("Anmälan till kommunfullmäktige är till för kommunstyrelsens kontor och revisorerna.")
    return audit


def serve_document(request, pk, kind):
    """The stored PDF when it is ready, otherwise a page telling its state: never a render."""
    audit = get_document_audit(request.user, pk, kind)
    document = audit.documents.filter(kind=kind).first()
    download = stored_pdf(document, f"{DOCUMENTS[kind]['filename']}-{audit.pk}.pdf")
    if download is not None:
        return download
    if document is not None and document.state == AuditDocument.State.READY:
        # Ready, but its file is gone: offer a new render.
        document = None
    return render(
        request,
        "documents/document_state.html",
        {
            "audit": audit,
            "kind": kind,
            "kind_label": AuditDocument.Kind(kind).label,
            "document": document,
            "may_request": may_request(document),
        },
    )


@login_required
@require_safe
def missiv_pdf(request, pk):
    return serve_document(request, pk, AuditDocument.Kind.MISSIV)


@login_required
@require_safe
def council_report_pdf(request, pk):
    return serve_document(request, pk, AuditDocument.Kind.COUNCIL_REPORT)


@login_required
@require_POST
def render_document(request, pk, kind):
    """Queue a new render of a document, e.g. after a failure; back to where the user was."""
    if kind not in DOCUMENTS:
        raise Http404("Okänt dokument.")
    audit = get_document_audit(request.user, pk, kind)
    request_document(audit, kind)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = document_url(audit, kind)
    # A URL, never a view name: redirect() would try to reverse a relative "next".
    return HttpResponseRedirect(back)


@login_required
@require_safe
def audit_history(request, pk):
    audit = get_audit_for_user(request.user, pk)
    if not (request.user.is_superuser or request.user.sees_whole_municipality):
        raise PermissionDenied("Historiken visas för revisorer och kommunledningskontoret.")
    page = Paginator(case_history(audit), 50).get_page(request.GET.get("page"))
    return render(request, "documents/history.html", {"audit": audit, "page": page})
