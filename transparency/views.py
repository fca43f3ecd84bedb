"""The residents' pages: published cases only, no login, nothing personal beyond public records."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from documents.rendering import stored_pdf
from responses.uploads import attachment_download

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


@require_safe
def case_report(request, slug, pk):
    """The auditors' report of a published case."""
    audit = cases.get_published_audit(cases.get_municipality(slug), pk)
    try:
        return FileResponse(
            audit.report_file.open("rb"),
            content_type="application/pdf",
            filename=f"{slugify(audit.title)[:80] or 'granskningsrapport'}.pdf",
        )
    except (ValueError, FileNotFoundError):
        raise Http404("Ingen granskningsrapport finns.") from None


@require_safe
def case_missiv(request, slug, pk):
    """The missiv of a published case, when the worker has made it."""
    audit = cases.get_published_audit(cases.get_municipality(slug), pk)
    download = stored_pdf(cases.missiv(audit), f"missiv-{audit.pk}.pdf")
    if download is None:
        raise Http404("Missivet finns inte ännu.")
    return download


@require_safe
def case_attachment(request, slug, pk, attachment_pk):
    """An attachment marked public of a submitted answer in a published case."""
    audit = cases.get_published_audit(cases.get_municipality(slug), pk)
    return attachment_download(get_object_or_404(cases.public_attachments(audit), pk=attachment_pk))
