import django_tables2 as tables

from .models import Recommendation


class RecommendationTable(tables.Table):
    text = tables.Column(verbose_name="Rekommendation")
    audit = tables.LinkColumn("audits:detail", args=[tables.A("audit_id")], verbose_name="Granskning")

    class Meta:
        model = Recommendation
        fields = ("text", "audit")
        empty_text = "Inga rekommendationer."
        attrs = {"class": "table table-striped align-middle"}
