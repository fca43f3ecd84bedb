import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone

from core.tables import LeanTable, cell, link

from .models import Audit


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
