import django_tables2 as tables
from django.urls import reverse

from audits.tables import LeanTable, cell, link

from .models import FollowUp, Recommendation, committee_statuses

ID_BATCH = 2000

STATUS_LABELS = dict(FollowUp.Status.choices)


class RecommendationTable(LeanTable):
    # Every sort ends on the primary key, so that rows with equal values keep their place
    # from one page to the next.
    order = tables.Column(verbose_name="Nr", order_by=("order", "id"))
    text = tables.Column(verbose_name="Rekommendation", attrs={"td": {"class": "prose"}}, order_by=("text", "id"))
    audit = tables.LinkColumn(
        "audits:detail",
        args=[tables.A("audit_id")],
        verbose_name="Granskning",
        order_by=("audit__title", "order", "id"),
    )
    year = tables.Column(verbose_name="År", accessor="audit__year", order_by=("audit__year", "audit__title", "order", "id"))
    addressees = tables.Column(verbose_name="Riktad till", empty_values=(), orderable=False)
    follow_up = tables.Column(verbose_name="Uppföljning", empty_values=(), orderable=False)

    class Meta:
        model = Recommendation
        fields = ("order", "text", "audit", "year", "addressees", "follow_up")
        empty_text = "Inga rekommendationer matchar."
        attrs = {"class": "table table-striped align-middle"}

    def cells(self, record):
        return (
            cell(record.order)
            + cell(record.text, "prose")
            + cell(link(self.audit_urls[record.audit_id], record.audit.title))
            + cell(record.audit.year)
            + cell(self.render_addressees(record))
            + cell(self.render_follow_up(record))
        )

    def load_related(self, records):
        ids = [record.pk for record in records]
        statuses = {}
        # In batches: an export of every row stays within SQLite's limit on query parameters.
        for start in range(0, len(ids), ID_BATCH):
            statuses.update(committee_statuses(ids[start : start + ID_BATCH]))
        for record in records:
            record.committee_statuses = statuses.get(record.pk, [])
        # A page's rows come from a few audits: one address each.
        self.audit_urls = {
            audit_id: reverse("audits:detail", args=[audit_id]) for audit_id in {record.audit_id for record in records}
        }

    def render_addressees(self, record):
        return ", ".join(status.short_name for status in record.committee_statuses) or "–"

    def value_addressees(self, record):
        return ", ".join(status.name for status in record.committee_statuses)

    @staticmethod
    def _follow_up(statuses):
        return "; ".join(f"{name}: {STATUS_LABELS.get(status, 'Ej bedömd')}" for name, status in statuses)

    def render_follow_up(self, record):
        return self._follow_up((status.short_name, status.current_status) for status in record.committee_statuses) or "–"

    def value_follow_up(self, record):
        return self._follow_up((status.name, status.current_status) for status in record.committee_statuses)
