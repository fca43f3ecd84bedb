import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from documents.statistics import STATUS_ORDER, status_label
from recommendations.models import FollowUp
from core.templatetags.percent import percent
from responses.templatetags.deadlines import days_left_class, days_left_text

TABLE_ATTRS = {"class": "table table-striped align-middle"}


def _deadline(recipient):
    if recipient.extended_deadline:
        return format_html(
            '{} <span class="small">(förlängd från {})</span>',
            f"{recipient.extended_deadline:%Y-%m-%d}",
            f"{recipient.deadline:%Y-%m-%d}",
        )
    return f"{recipient.deadline:%Y-%m-%d}" if recipient.deadline else "–"


def _days(days):
    return format_html('<span class="{}">{}</span>', days_left_class(days), days_left_text(days))


class WaitingCaseTable(tables.Table):
    audit = tables.Column(verbose_name="Granskning", orderable=False, linkify=True)
    waiting = tables.Column(verbose_name="Väntar på", orderable=False)
    next_deadline = tables.DateColumn(verbose_name="Närmaste svarsdag", format="Y-m-d", orderable=False)
    overdue = tables.Column(verbose_name="Försenade svar", orderable=False)

    class Meta:
        attrs = TABLE_ATTRS
        empty_text = "Inga ärenden väntar på svar."

    def render_waiting(self, value):
        return ", ".join(recipient.committee.short_name for recipient in value)


class OverdueTable(tables.Table):
    committee = tables.Column(verbose_name="Nämnd", orderable=False)
    audit = tables.Column(verbose_name="Granskning", orderable=False, linkify=True)
    deadline = tables.Column(verbose_name="Svarsdag", empty_values=(), orderable=False)
    days = tables.Column(verbose_name="Försenat", orderable=False)

    class Meta:
        attrs = TABLE_ATTRS
        empty_text = "Inga svar är försenade."

    def render_deadline(self, record):
        return _deadline(record)

    def render_days(self, value):
        return _days(value)


def _count_column(label):
    return tables.Column(verbose_name=label, orderable=False, attrs={"cell": {"class": "text-end"}})


class FollowUpTable(tables.Table):
    """Current follow-up status counts per committee or year, with the share implemented."""

    label = tables.Column(verbose_name="Nämnd", orderable=False)
    atgardad = _count_column(status_label(FollowUp.Status.ATGARDAD))
    delvis = _count_column(status_label(FollowUp.Status.DELVIS))
    ej_atgardad = _count_column(status_label(FollowUp.Status.EJ_ATGARDAD))
    inte_aktuell = _count_column(status_label(FollowUp.Status.INTE_AKTUELL))
    not_judged = _count_column(status_label(None))
    total = _count_column("Totalt")
    share = _count_column("Andel åtgärdade")

    class Meta:
        attrs = TABLE_ATTRS
        empty_text = "Inga rekommendationer är riktade till någon nämnd ännu."

    def __init__(self, tallies, label_heading="Nämnd", **kwargs):
        rows = [
            {
                "label": tally.label,
                **{status or "not_judged": tally.counts[status] for status in STATUS_ORDER},
                "total": tally.total,
                "share": percent(tally.share_implemented),
            }
            for tally in tallies
        ]
        super().__init__(rows, **kwargs)
        self.columns["label"].column.verbose_name = label_heading


class DeadlineTable(tables.Table):
    """A secretary's open cases: what to answer, for which committee, by when."""

    audit = tables.Column(verbose_name="Granskning", orderable=False, linkify=True)
    committee = tables.Column(verbose_name="Nämnd", orderable=False)
    deadline = tables.Column(verbose_name="Svara senast", empty_values=(), orderable=False)
    days = tables.Column(verbose_name="Tid kvar", empty_values=(), orderable=False)
    answer = tables.Column(verbose_name="Yttrande", empty_values=(), orderable=False)

    class Meta:
        attrs = TABLE_ATTRS
        empty_text = "Inga ärenden väntar på svar från dina nämnder."

    def render_deadline(self, record):
        return _deadline(record)

    def render_days(self, record):
        return _days(record.days)

    def render_answer(self, record):
        response = getattr(record, "response", None)
        if response is None:
            return format_html('<a href="{}">Inte påbörjat</a>', reverse("responses:list"))
        return format_html(
            '<a href="{}">{}<span class="visually-hidden"> – {}</span></a>',
            response.get_absolute_url(),
            response.get_status_display(),
            record.committee,
        )
