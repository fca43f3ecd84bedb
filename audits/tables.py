import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from .models import Audit

# django-tables2's default text for an empty cell.
EMPTY = "—"


def cell(value, css_class=""):
    """One table cell, escaped; empty values shown as django-tables2 shows them."""
    text = EMPTY if value is None or value == "" else conditional_escape(value)
    return f'<td class="{css_class}">{text}</td>' if css_class else f"<td>{text}</td>"


def link(url, text):
    return format_html('<a href="{}">{}</a>', url, text)


class LeanTable(tables.Table):
    """A table whose page of rows is rendered by `cells(record)` in plain Python.

    django-tables2 builds a bound row and a bound cell per value and resolves attributes for
    each; on a list page that costs more than all the queries. Sorting, pagination, headers
    and the CSV/XLSX export (the value_* methods) stay django-tables2's.
    """

    def cells(self, record):
        raise NotImplementedError

    def load_related(self, records):
        """Attach what the cells show of other tables to the records, in as few queries as
        the table needs; called with a page's records and with all records for an export."""

    def lean_rows(self):
        rows = list(self.page.object_list if getattr(self, "page", None) else self.rows)
        self.load_related([row.record for row in rows])
        # cells() escapes every value it puts in a cell.
        return mark_safe(
            "\n".join(
                f'<tr class="{"even" if index % 2 == 0 else "odd"}">{self.cells(row.record)}</tr>'
                for index, row in enumerate(rows)
            )
        )

    def as_values(self, exclude_columns=None):
        self.load_related([row.record for row in self.rows])
        return super().as_values(exclude_columns)


class AuditTable(LeanTable):
    title = tables.LinkColumn("audits:detail", args=[tables.A("pk")], verbose_name="Granskning")
    year = tables.Column(verbose_name="År")
    kind = tables.Column(verbose_name="Typ")
    status = tables.Column(verbose_name="Status")
    consultant_firm = tables.Column(verbose_name="Konsult")
    diarienummer = tables.Column(verbose_name="Diarienummer")
    recipients = tables.Column(verbose_name="Riktad till", empty_values=(), orderable=False)
    sent_at = tables.DateColumn(verbose_name="Skickad", format="Y-m-d")

    class Meta:
        model = Audit
        fields = ("title", "year", "kind", "status", "consultant_firm", "diarienummer", "recipients", "sent_at")
        order_by = ("-year", "title")
        empty_text = "Inga granskningar matchar."
        attrs = {"class": "table table-striped align-middle"}

    def cells(self, record):
        return (
            cell(link(reverse("audits:detail", args=[record.pk]), record.title))
            + cell(record.year)
            + cell(record.get_kind_display())
            + cell(record.get_status_display())
            + cell(record.consultant_firm)
            + cell(record.diarienummer)
            + cell(self.render_recipients(record))
            + cell(self.value_sent_at(record.sent_at))
        )

    def render_recipients(self, record):
        return ", ".join(recipient.committee.short_name for recipient in record.recipients.all()) or "–"

    def value_recipients(self, record):
        return ", ".join(recipient.committee.name for recipient in record.recipients.all())

    def value_sent_at(self, value):
        return timezone.localtime(value).strftime("%Y-%m-%d") if value else ""
