"""The annual report to fullmäktige: every audit of a year in a municipality, the committees'
answers against their deadlines and the follow-up of every recommendation, as PDF/A-2a and XLSX.

`render_annual_report_pdf(municipality, year)` is the pure renderer (→ bytes); the worker calls
`render_and_store(report_id)` after `request_annual_report()` has queued it.
"""

import datetime
import io
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from audits.models import Audit, Recipient
from core.spreadsheets import make_workbook_inert
from core.templatetags.percent import percent
from outbox import dispatch as outbox
from recommendations.models import Addressee, FollowUp, Recommendation

from . import charts, pdf
from .models import AnnualReport
from .rendering import render_queued
from .statistics import AnswerState, answer_state, status_label, tally_answers, tally_follow_ups, total_tally


def years_with_audits(municipality):
    return list(
        Audit.objects.filter(municipality=municipality).order_by("-year").values_list("year", flat=True).distinct()
    )


def load_audits(municipality, year):
    """The year's audits with everything the report shows, in a fixed number of queries."""
    addressees = Addressee.objects.select_related("recipient__committee", "position__response").prefetch_related(
        Prefetch("follow_ups", queryset=FollowUp.objects.order_by("-date", "-id"))
    )
    return list(
        Audit.objects.filter(municipality=municipality, year=year)
        .order_by("title", "id")
        .prefetch_related(
            Prefetch(
                "recipients",
                queryset=Recipient.objects.select_related("committee", "response").order_by(
                    "committee__kind", "committee__name"
                ),
            ),
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.order_by("order", "id").prefetch_related(
                    Prefetch(
                        "addressees",
                        queryset=addressees.order_by("recipient__committee__kind", "recipient__committee__name"),
                    )
                ),
            ),
        )
    )


@dataclass
class Row:
    """One recommendation for one committee: its position and current follow-up."""

    audit: object
    number: int
    recommendation: object
    committee: object
    position: object
    follow_up: object

    @property
    def status_label(self):
        return status_label(self.follow_up.status if self.follow_up else None)


def annual_report_context(municipality, year, today=None):
    today = today or timezone.localdate()
    audits = load_audits(municipality, year)
    answers, rows = [], []
    for audit in audits:
        audit.recommendation_rows = []
        for number, recommendation in enumerate(audit.recommendations.all(), start=1):
            recommendation_rows = [
                Row(
                    audit, number, recommendation, addressee.recipient.committee,
                    addressee.submitted_position, addressee.current_follow_up,
                )
                for addressee in recommendation.addressees.all()
            ]
            audit.recommendation_rows.append((number, recommendation, recommendation_rows))
            rows.extend(recommendation_rows)
        if audit.is_sent:
            answers.extend((r.committee.name, answer_state(r, today)) for r in audit.recipients.all())
    answer_tallies = sorted(tally_answers(answers), key=lambda tally: tally.label)
    follow_up_tallies = sorted(
        tally_follow_ups(((row.committee.name, row.follow_up and row.follow_up.status, 1) for row in rows), str),
        key=lambda tally: tally.label,
    )
    follow_up_total = total_tally(follow_up_tallies)
    return {
        "municipality": municipality,
        "year": year,
        "today": today,
        "author": f"Kommunstyrelsen i {municipality}",
        "title": f"Årsrapport {year}: revisorernas rekommendationer i {municipality}",
        "audits": audits,
        "rows": rows,
        "answer_tallies": answer_tallies,
        "answer_counts": Counter(state for _, state in answers),
        "answer_states": AnswerState,
        "follow_up_tallies": follow_up_tallies,
        "follow_up_total": follow_up_total,
        "chart": charts.follow_up_chart(
            "annual-follow-up", f"Uppföljning per nämnd av rekommendationerna {year}", follow_up_tallies
        ),
    }


def render_annual_report_pdf(municipality, year):
    """The annual report as PDF/A-2a bytes."""
    return pdf.render_pdf("documents/pdf/annual_report.html", annual_report_context(municipality, year))


def _sheet(workbook, title, header, rows):
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(60, len(column) + 4))
    return sheet


def _date(value):
    return value if isinstance(value, datetime.date) else None


def annual_report_xlsx(municipality, year):
    """The annual report as an XLSX workbook: a summary sheet with a chart and one sheet per table."""
    context = annual_report_context(municipality, year)
    workbook = Workbook()
    _summary_sheet(workbook.active, context)
    _table_sheets(workbook, context)
    make_workbook_inert(workbook)
    workbook.properties.title = context["title"]
    workbook.properties.creator = context["author"]
    workbook.properties.language = "sv-SE"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _summary_sheet(summary, context):
    """The figures of the year, the follow-up per committee and its chart."""
    summary.title = "Sammanfattning"
    summary.append([context["title"]])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([f"Framställd {context['today']:%Y-%m-%d}"])
    summary.append([])
    summary.append(["Granskningar", len(context["audits"])])
    summary.append(["Rekommendationer", sum(len(audit.recommendations.all()) for audit in context["audits"])])
    for state in AnswerState:
        summary.append([f"Svar: {state.label.lower()}", context["answer_counts"][state]])
    summary.append(["Andel åtgärdade", percent(context["follow_up_total"].share_implemented)])
    summary.append([])
    header_row = summary.max_row + 1
    status_labels = [label for label, _ in context["follow_up_total"].in_order()]
    summary.append(["Nämnd", *status_labels, "Totalt", "Andel åtgärdade"])
    for cell in summary[header_row]:
        cell.font = Font(bold=True)
    for tally in context["follow_up_tallies"]:
        summary.append(
            [tally.label, *(count for _, count in tally.in_order()), tally.total, percent(tally.share_implemented)]
        )
    summary.column_dimensions["A"].width = 40
    if context["follow_up_tallies"]:
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = context["chart"].title
        chart.y_axis.title = "Rekommendationer"
        last_row = header_row + len(context["follow_up_tallies"])
        data = Reference(summary, min_col=2, max_col=1 + len(status_labels), min_row=header_row, max_row=last_row)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(summary, min_col=1, min_row=header_row + 1, max_row=last_row))
        chart.width, chart.height = 24, 4 + 1.2 * len(context["follow_up_tallies"])
        summary.add_chart(chart, f"A{last_row + 3}")


def _table_sheets(workbook, context):
    """One sheet per table of the report."""
    _sheet(
        workbook,
        "Granskningar",
        ["Granskning", "Typ", "Status", "Konsult", "Diarienummer", "Skickad", "Rekommendationer"],
        (
            [
                audit.title,
                audit.get_kind_display(),
                audit.get_status_display(),
                audit.consultant_firm,
                audit.diarienummer,
                audit.sent_at and timezone.localdate(audit.sent_at),
                len(audit.recommendations.all()),
            ]
            for audit in context["audits"]
        ),
    )
    _sheet(
        workbook,
        "Svar per nämnd",
        ["Nämnd", "Tillfrågad", *(state.label for state in AnswerState)],
        ([tally.label, tally.asked, *(tally.counts[state] for state in AnswerState)] for tally in context["answer_tallies"]),
    )
    _sheet(
        workbook,
        "Rekommendationer",
        ["Granskning", "Nr", "Rekommendation", "Nämnd", "Ställningstagande", "Planerade åtgärder", "Uppföljning", "Bedömd"],
        (
            [
                row.audit.title,
                row.number,
                row.recommendation.text,
                row.committee.name,
                row.position.get_position_display() if row.position else "",
                row.position.planned_actions if row.position else "",
                row.status_label,
                _date(row.follow_up and row.follow_up.date),
            ]
            for row in context["rows"]
        ),
    )


def request_annual_report(municipality, year):
    """Mark the year's report as queued and render it after the commit."""
    report, _ = AnnualReport.objects.update_or_create(
        municipality=municipality,
        year=year,
        defaults={"state": AnnualReport.State.QUEUED, "error": "", "requested_at": timezone.now()},
    )
    outbox.send_named_on_commit("documents.tasks.render_annual_report", report.pk)
    return report


def render_and_store(report_id):
    """Render the queued annual report (see documents.render_queued)."""
    report = AnnualReport.objects.select_related("municipality").filter(pk=report_id).first()
    if report is None:
        return None
    return render_queued(
        report,
        lambda: render_annual_report_pdf(report.municipality, report.year),
        f"annual-reports/{report.municipality.slug}-{report.year}.pdf",
    )
