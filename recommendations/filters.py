import django_filters
from django.db.models import Exists, OuterRef

from core.filter_choices import cached_choices
from audits.filters import committee_choices, search_filter_method
from core.forms import FilterForm, LeanSelect, SharedChoices
from audits.models import Audit

from .models import Addressee, FollowUp, Recommendation

NOT_JUDGED = "ej_bedomd"
RECOMMENDATION_SEARCH_FIELDS = ["text", "audit__title"]


class RecommendationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Sök i text", method="filter_text")
    # Choices rather than querysets: a chosen value is checked against the listed ones
    # without a query of its own.
    audit = django_filters.ChoiceFilter(label="Granskning", empty_label="Alla granskningar", widget=LeanSelect)
    committee = django_filters.ChoiceFilter(
        label="Nämnd", method="filter_committee", empty_label="Alla nämnder", widget=LeanSelect
    )
    year = django_filters.ChoiceFilter(label="År", field_name="audit__year", empty_label="Alla år", widget=LeanSelect)
    status = django_filters.ChoiceFilter(
        label="Uppföljning",
        choices=[*FollowUp.Status.choices, (NOT_JUDGED, "Ej bedömd")],
        method="filter_status",
        empty_label="Alla",
        widget=LeanSelect,
    )

    filter_text = search_filter_method(RECOMMENDATION_SEARCH_FIELDS)

    class Meta:
        model = Recommendation
        fields = []
        form = FilterForm

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        # The audits and their years from one query.
        audits = cached_choices(
            "audits",
            request.user,
            lambda: list(Audit.objects.visible_to(request.user).order_by("-year", "title").values_list("pk", "title", "year")),
        )
        self.filters["audit"].extra["choices"] = SharedChoices((pk, title) for pk, title, _ in audits)
        self.filters["year"].extra["choices"] = [(year, year) for year in dict.fromkeys(year for _, _, year in audits)]
        self.filters["committee"].extra["choices"] = committee_choices(request.user)

    def filter_committee(self, queryset, name, committee_id):
        return queryset.filter(
            Exists(Addressee.objects.filter(recommendation=OuterRef("pk"), recipient__committee_id=committee_id))
        )

    def filter_status(self, queryset, name, status):
        """Keep recommendations where a committee (the chosen one, if any) is judged so now."""
        addressees = Addressee.objects.filter(recommendation=OuterRef("pk")).with_current_status()
        if committee_id := self.form.cleaned_data.get("committee"):
            addressees = addressees.filter(recipient__committee_id=committee_id)
        if status == NOT_JUDGED:
            addressees = addressees.filter(current_status__isnull=True)
        else:
            addressees = addressees.filter(current_status=status)
        return queryset.filter(Exists(addressees))
