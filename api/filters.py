"""Filters of the API's lists. Ids are plain numbers, never checked against a list of
choices: a choice list would tell whether another municipality's id exists."""

import django_filters
from django import forms

from audits.models import Audit
from documents.models import AuditDocument
from outbox.models import Event
from recommendations.models import Addressee, FollowUp, Recommendation
from core.fields import LARGEST_ID
from responses.models import Response


class IntFilter(django_filters.NumberFilter):
    """A whole number within the database's integers: a larger one is a 400, not an
    overflow in the query."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", -LARGEST_ID)
        kwargs.setdefault("max_value", LARGEST_ID)
        super().__init__(*args, **kwargs)


class AuditFilter(django_filters.FilterSet):
    year = IntFilter(help_text="Granskningsår.")
    status = django_filters.ChoiceFilter(choices=Audit.Status.choices)
    kind = django_filters.ChoiceFilter(choices=Audit.Kind.choices)
    diarienummer = django_filters.CharFilter()
    committee = IntFilter(field_name="recipients__committee", distinct=True, help_text="Nämnd som granskningen är skickad till.")
    updated_since = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Audit
        fields = ["year", "status", "kind", "diarienummer", "committee", "updated_since"]


class RecommendationFilter(django_filters.FilterSet):
    audit = IntFilter()

    class Meta:
        model = Recommendation
        fields = ["audit"]


class AddresseeFilter(django_filters.FilterSet):
    audit = IntFilter(field_name="recommendation__audit")
    recommendation = IntFilter()
    committee = IntFilter(field_name="recipient__committee")

    class Meta:
        model = Addressee
        fields = ["audit", "recommendation", "committee"]


class AnswerFilter(django_filters.FilterSet):
    audit = IntFilter(field_name="recipient__audit")
    committee = IntFilter(field_name="recipient__committee")
    status = django_filters.ChoiceFilter(choices=Response.Status.choices)
    submitted_since = django_filters.IsoDateTimeFilter(field_name="submitted_at", lookup_expr="gte")

    class Meta:
        model = Response
        fields = ["audit", "committee", "status", "submitted_since"]


class FollowUpFilter(django_filters.FilterSet):
    audit = IntFilter(field_name="addressee__recommendation__audit")
    addressee = IntFilter()
    status = django_filters.ChoiceFilter(choices=FollowUp.Status.choices)
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = FollowUp
        fields = ["audit", "addressee", "status", "date_from", "date_to"]


class DocumentFilter(django_filters.FilterSet):
    audit = IntFilter()
    kind = django_filters.ChoiceFilter(choices=AuditDocument.Kind.choices)

    class Meta:
        model = AuditDocument
        fields = ["audit", "kind"]


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices)
    audit = IntFilter()
    after = IntFilter(field_name="id", lookup_expr="gt", help_text="Bara händelser efter den med detta id.")
    since = django_filters.IsoDateTimeFilter(field_name="occurred_at", lookup_expr="gte")

    class Meta:
        model = Event
        fields = ["kind", "audit", "after", "since"]
