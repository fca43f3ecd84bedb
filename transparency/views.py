"""The residents' pages: published cases only, no login, nothing personal beyond public records."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from . import cases


@require_safe
def municipality_cases(request, slug):
    municipality = cases.get_municipality(slug)
    published = cases.load_cases(cases.published_audits(municipality).order_by("-year", "title"))
    return render(request, "public/municipality.html", {"municipality": municipality, "cases": published})


@require_safe
def case_detail(request, slug, pk):
    municipality = cases.get_municipality(slug)
    audit = cases.get_published_audit(municipality, pk)
    (case,) = cases.load_cases(cases.published_audits(municipality).filter(pk=audit.pk))
    return render(request, "public/case.html", {"municipality": municipality, "case": case})


def _pdf(handle, filename):
    return FileResponse(handle, content_type="application/pdf", filename=filename)


@require_safe
def case_report(request, slug, pk):
    """The auditors' report of a published case."""
    audit = cases.get_published_audit(cases.get_municipality(slug), pk)
    try:
        return _pdf(audit.report_file.open("rb"), f"{slugify(audit.title)[:80] or 'granskningsrapport'}.pdf")
    except (ValueError, FileNotFoundError):
        raise Http404("Ingen granskningsrapport finns.") from None


@require_safe
def case_missiv(request, slug, pk):
    """The missiv of a published case, when the worker has made it."""
    audit = cases.get_published_audit(cases.get_municipality(slug), pk)
    document = cases.ready_missiv(audit)
    if document is None:
        raise Http404("Missivet finns inte ännu.")
    try:
        return _pdf(document.file.open("rb"), f"missiv-{audit.pk}.pdf")
    except FileNotFoundError:
        raise Http404("Missivet finns inte ännu.") from None


@require_safe
def case_attachment(request, slug, pk, attachment_pk):
    """An attachment marked public of a submitted answer in a published case."""
    audit = cases.get_published_audit(cases.get_municipality(slug), pk)
    attachment = get_object_or_404(cases.public_attachments(audit), pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("Filen saknas.") from None
    download = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    download["X-Content-Type-Options"] = "nosniff"
    return download
