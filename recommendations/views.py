from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django_tables2 import RequestConfig

from .models import Recommendation
from .tables import RecommendationTable


@login_required
def recommendation_list(request):
    table = RecommendationTable(Recommendation.objects.visible_to(request.user).select_related("audit"))
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    return render(request, "recommendations/recommendation_list.html", {"table": table})
