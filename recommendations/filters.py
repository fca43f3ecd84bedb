import django_filters
from django.db.models import Exists, OuterRef

from audits.filters import committees_for_filter, search_filter_method
from audits.forms import FilterForm, LeanSelect
from audits.models import Audit
from committees.models import Committee

from .models import Addressee, FollowUp, Recommendation

NOT_JUDGED = "ej_bedomd"
RECOMMENDATION_SEARCH_FIELDS = ["text", "audit__title"]


class RecommendationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Sök i text", method="filter_text")
    audit = django_filters.ModelChoiceFilter(
        label="Granskning", queryset=Audit.objects.none(), empty_label="Alla granskningar", widget=LeanSelect
    )
    committee = django_filters.ModelChoiceFilter(
        label="Nämnd",
        queryset=Committee.objects.none(),
        method="filter_committee",
        empty_label="Alla nämnder",
        widget=LeanSelect,
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
        audits = Audit.objects.visible_to(request.user).order_by("-year", "title")
        self.filters["audit"].queryset = audits.only("id", "title")
        self.filters["year"].extra["choices"] = [
            (year, year) for year in audits.order_by("-year").values_list("year", flat=True).distinct()
        ]
        self.filters["committee"].queryset = committees_for_filter(request.user)

    def filter_committee(self, queryset, name, committee):
        return queryset.filter(
            Exists(Addressee.objects.filter(recommendation=OuterRef("pk"), recipient__committee=committee))
        )

    def filter_status(self, queryset, name, status):
        """Keep recommendations where a committee (the chosen one, if any) is judged so now."""
        addressees = Addressee.objects.filter(recommendation=OuterRef("pk")).with_current_status()
        if committee := self.form.cleaned_data.get("committee"):
            addressees = addressees.filter(recipient__committee=committee)
        if status == NOT_JUDGED:
            addressees = addressees.filter(current_status__isnull=True)
        else:
            addressees = addressees.filter(current_status=status)
        return queryset.filter(Exists(addressees))
