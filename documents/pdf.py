"""The missiv and the report to fullmäktige as PDF/A-2a: template → bytes, nothing stored here."""

import functools
import logging
import mimetypes
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from audits.models import Audit, Recipient
from committees.models import Committee
from recommendations.models import Addressee, Recommendation

from .models import AuditDocument

logger = logging.getLogger(__name__)

# Templates refer to stylesheets and fonts relative to this address; it never resolves (.invalid)
# and the fetcher below answers it from the project's static files only.
STATIC_BASE_URL = "https://static.revisionsspar.invalid/"
PDF_VARIANT = "pdf/a-2a"


class StaticFilesFetcher(URLFetcher):
    """Serve WeasyPrint the project's static files and nothing else: no file://, no network."""

    def fetch(self, url, headers=None):
        if not url.startswith(STATIC_BASE_URL):
            logger.warning("PDF: blockerade hämtning av %s", url[:200])
            raise ValueError(f"Adressen får inte hämtas till en PDF: {url[:200]}")
        relative = unquote(urlsplit(url).path).lstrip("/")
        found = None if ".." in relative.split("/") else finders.find(relative)
        if not found:
            raise FileNotFoundError(f"Ingen statisk fil {relative!r}")
        content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": content_type})


@functools.cache
def document_stylesheet():
    """The documents' stylesheet and its fonts, parsed and loaded once per process: loading
    the embedded fonts took a large share of rendering a two-page letter."""
    font_config = FontConfiguration()
    stylesheet = CSS(url=f"{STATIC_BASE_URL}css/pdf.css", url_fetcher=StaticFilesFetcher(), font_config=font_config)
    return stylesheet, font_config


def render_pdf(template_name, context):
    """Render a template to PDF/A-2a bytes (tagged, fonts embedded, sRGB output intent)."""
    html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=StaticFilesFetcher())
    stylesheet, font_config = document_stylesheet()
    return document.write_pdf(stylesheets=[stylesheet], font_config=font_config, pdf_variant=PDF_VARIANT)


def load_audit(audit_id):
    """The audit with everything both documents show, in a fixed number of queries."""
    addressees_with_positions = Addressee.objects.select_related("recommendation", "position").order_by(
        "recommendation__order", "recommendation_id"
    )
    recipients = (
        Recipient.objects.select_related("committee", "response")
        .prefetch_related(Prefetch("addressees", queryset=addressees_with_positions))
        .order_by("committee__kind", "committee__name")
    )
    recommendations = Recommendation.objects.order_by("order", "id").prefetch_related(
        Prefetch("addressees", queryset=Addressee.objects.select_related("recipient__committee"))
    )
    return (
        Audit.objects.select_related("municipality")
        .prefetch_related(
            "signatories",
            "informed_committees",
            Prefetch("recipients", queryset=recipients),
            Prefetch("recommendations", queryset=recommendations),
        )
        .get(pk=audit_id)
    )


def name_in_sentence(committee):
    """'Kultur- och fritidsnämnden' inside a sentence is 'kultur- och fritidsnämnden'; a
    company keeps its proper name."""
    if committee.kind == Committee.Kind.BOLAG:
        return committee.name
    return committee.name[:1].lower() + committee.name[1:]


def join_names(names, last_separator=" och "):
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + last_separator + names[-1]


def addressee_phrase(recipients, all_recipients):
    """Who a group of recommendations is addressed to, as in KS's anmälan in seed 002."""
    if not recipients:
        return "Ännu inte riktade till någon nämnd"
    chosen = {r.pk for r in recipients}
    left_out = [r for r in all_recipients if r.pk not in chosen]
    if len(all_recipients) >= 3 and not left_out:
        return "Samtliga nämnder"
    if len(all_recipients) >= 4 and len(left_out) == 1:
        return f"Samtliga nämnder med undantag för {name_in_sentence(left_out[0].committee)}"
    phrase = join_names([name_in_sentence(r.committee) for r in recipients], " samt ")
    return phrase[:1].upper() + phrase[1:]


@dataclass
class RecommendationGroup:
    heading: str
    recommendations: list


def recommendation_groups(audit):
    """Recommendations grouped by equal sets of addressees, in the order they first appear."""
    all_recipients = list(audit.recipients.all())
    rank = {r.pk: index for index, r in enumerate(all_recipients)}
    groups = {}
    for recommendation in audit.recommendations.all():
        recipients = tuple(sorted((a.recipient for a in recommendation.addressees.all()), key=lambda r: rank[r.pk]))
        groups.setdefault(recipients, []).append(recommendation)
    return [
        RecommendationGroup(addressee_phrase(recipients, all_recipients), recommendations)
        for recipients, recommendations in groups.items()
    ]


def missiv_context(audit):
    recipients = list(audit.recipients.all())
    informed = list(audit.informed_committees.all())
    deadlines = Counter(r.deadline for r in recipients if r.deadline)
    common_deadline = deadlines.most_common(1)[0][0] if deadlines else None
    return {
        "audit": audit,
        "author": f"Revisorerna i {audit.municipality}",
        "reference": audit.diarienummer,
        "recipients": recipients,
        "informed": informed,
        "informed_in_sentence": join_names([name_in_sentence(c) for c in informed]) if informed else "",
        "groups": recommendation_groups(audit),
        "deadline": common_deadline,
        "other_deadlines": [
            (name_in_sentence(r.committee), r.deadline)
            for r in recipients
            if r.deadline and r.deadline != common_deadline
        ],
        "letter_date": audit.missiv_date or (audit.sent_at and timezone.localdate(audit.sent_at)),
        "signatories": list(audit.signatories.all()),
    }


@dataclass
class Answer:
    recipient: object
    response: object
    positions: list
    missing: bool
    late: bool


def council_report_context(audit, today=None):
    today = today or timezone.localdate()
    answers = []
    for recipient in audit.recipients.all():
        response = recipient.submitted_response
        deadline = recipient.effective_deadline
        answers.append(
            Answer(
                recipient=recipient,
                response=response,
                positions=[(a.recommendation, getattr(a, "position", None)) for a in recipient.addressees.all()],
                missing=response is None,
                late=response.was_late if response else bool(deadline and deadline < today),
            )
        )
    board_answer = next((a.response for a in answers if a.response and a.recipient.committee.is_kommunstyrelsen), None)
    return {
        "audit": audit,
        "author": f"Kommunstyrelsen i {audit.municipality}",
        # The anmälan is made in kommunstyrelsen's own case, as in seed 002.
        "reference": (board_answer and board_answer.diarienummer) or audit.diarienummer,
        "groups": recommendation_groups(audit),
        "answers": answers,
        "missing": [a for a in answers if a.missing],
        "late": [a for a in answers if a.late and not a.missing],
    }


TEMPLATES = {
    AuditDocument.Kind.MISSIV: ("documents/pdf/missiv.html", missiv_context),
    AuditDocument.Kind.COUNCIL_REPORT: ("documents/pdf/council_report.html", council_report_context),
}


def render_document(audit, kind):
    """The PDF of one kind of document for an audit loaded with load_audit()."""
    template_name, build_context = TEMPLATES[kind]
    return render_pdf(template_name, build_context(audit))
