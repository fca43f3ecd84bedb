import django_tables2 as tables

from .models import Audit


class AuditTable(tables.Table):
    title = tables.LinkColumn("audits:detail", args=[tables.A("pk")], verbose_name="Granskning")
    year = tables.Column(verbose_name="År")
    kind = tables.Column(verbose_name="Typ")
    consultant_firm = tables.Column(verbose_name="Konsult")
    status = tables.Column(verbose_name="Status")

    class Meta:
        model = Audit
        fields = ("title", "year", "kind", "consultant_firm", "status")
        order_by = ("-year", "title")
        empty_text = "Inga granskningar."
        attrs = {"class": "table table-striped align-middle"}
