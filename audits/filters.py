import django_filters
from django.db.models import Exists, OuterRef

from committees.models import Committee

from core.filter_choices import cached_choices
from core.forms import FilterForm, LeanSelect, SharedChoices
from .models import Audit, Recipient
from core.search import search

AUDIT_SEARCH_FIELDS = ["title", "diarienummer", "consultant_firm", "purpose", "summary", "overall_assessment"]


def committee_choices(user):
    """The answering committees the user may filter by, as (id, name) choices."""

    def build():
        committees = Committee.objects.answering().order_by("name")
        if not user.is_superuser:
            committees = committees.filter(municipality_id=user.municipality_id)
        return SharedChoices(committees.values_list("pk", "name"))

    return cached_choices("committees", user, build)


def search_filter_method(fields):
    def filter_text(filterset, queryset, name, value):
        return search(queryset, value, fields)

    return filter_text


class AuditFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Sök i text", method="filter_text")
    year = django_filters.ChoiceFilter(label="År", empty_label="Alla år", widget=LeanSelect)
    kind = django_filters.ChoiceFilter(
        label="Typ", choices=Audit.Kind.choices, empty_label="Alla typer", widget=LeanSelect
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=Audit.Status.choices, empty_label="Alla", widget=LeanSelect
    )
    consultant = django_filters.ChoiceFilter(
        label="Konsult", field_name="consultant_firm", empty_label="Alla", widget=LeanSelect
    )
    # Choices rather than a queryset: the chosen value is checked against the listed ones
    # without a query of its own.
    committee = django_filters.ChoiceFilter(
        label="Nämnd", method="filter_committee", empty_label="Alla nämnder", widget=LeanSelect
    )

    filter_text = search_filter_method(AUDIT_SEARCH_FIELDS)

    class Meta:
        model = Audit
        fields = []
        form = FilterForm

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        # The years and the firms from one query of their distinct pairs.
        pairs = cached_choices(
            "audit-years-firms",
            request.user,
            lambda: list(self.queryset.order_by().values_list("year", "consultant_firm").distinct()),
        )
        self.filters["year"].extra["choices"] = [(year, year) for year in sorted({y for y, _ in pairs}, reverse=True)]
        self.filters["consultant"].extra["choices"] = [(firm, firm) for firm in sorted({f for _, f in pairs if f})]
        self.filters["committee"].extra["choices"] = committee_choices(request.user)

    def filter_committee(self, queryset, name, committee_id):
        return queryset.filter(Exists(Recipient.objects.filter(audit=OuterRef("pk"), committee_id=committee_id)))
