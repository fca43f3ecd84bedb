import django_tables2 as tables
from django.urls import reverse

from audits.tables import LeanTable, cell, link

from .models import FollowUp, Recommendation

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
            + cell(link(reverse("audits:detail", args=[record.audit_id]), record.audit.title))
            + cell(record.audit.year)
            + cell(self.render_addressees(record))
            + cell(self.render_follow_up(record))
        )

    def render_addressees(self, record):
        return ", ".join(addressee.recipient.committee.short_name for addressee in record.addressees.all()) or "–"

    def value_addressees(self, record):
        return ", ".join(addressee.recipient.committee.name for addressee in record.addressees.all())

    @staticmethod
    def _follow_up(record, committee_name):
        return "; ".join(
            f"{committee_name(addressee.recipient.committee)}: "
            f"{STATUS_LABELS.get(addressee.current_status, 'Ej bedömd')}"
            for addressee in record.addressees.all()
        )

    def render_follow_up(self, record):
        return self._follow_up(record, lambda committee: committee.short_name) or "–"

    def value_follow_up(self, record):
        return self._follow_up(record, lambda committee: committee.name)
