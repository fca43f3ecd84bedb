from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from audits.models import AnswerStatus
from audits.permissions import get_audit_for_revisor, get_audit_for_user
from core.views import FilteredTableView

from . import services
from .filters import RecommendationFilter
from .forms import FollowUpForm, RecommendationForm
from .models import Addressee, FollowUp, Recommendation
from .permissions import (
    addressees_visible_to,
    can_follow_up,
    get_addressee_for_user,
    get_recommendation_for_revisor,
)
from .tables import RecommendationTable


class RecommendationListView(FilteredTableView):
    table_class = RecommendationTable
    filterset_class = RecommendationFilter
    template_name = "recommendations/recommendation_list.html"
    export_name = "rekommendationer"

    def get_queryset(self):
        return (
            Recommendation.objects.visible_to(self.request.user)
            .select_related("audit")
            # Narrow rows: the sort runs over every matching row before the page is cut.
            .only("id", "audit_id", "order", "text", "audit__id", "audit__title", "audit__year")
            .order_by("-audit__year", "audit__title", "order", "id")
        )


recommendation_list = RecommendationListView.as_view()


def _audit_url(audit):
    return f"{audit.get_absolute_url()}#recommendations"


def _recommendation_form(request, audit, recommendation):
    shortcut = request.POST.get("shortcut")
    notice = ""
    if request.method == "POST" and shortcut in services.AddresseeShortcut.values:
        # Without the page script the shortcut buttons submit: show the expansion, save nothing.
        committees = list(services.committees_for_shortcut(audit.municipality, shortcut))
        form = RecommendationForm(
            instance=recommendation,
            audit=audit,
            initial={"text": request.POST.get("text", ""), "committees": committees},
        )
        notice = f"{services.AddresseeShortcut(shortcut).label} är valda ({len(committees)}). Ändra urvalet om det behövs och spara."
    else:
        form = RecommendationForm(request.POST or None, instance=recommendation, audit=audit)
        if request.method == "POST" and form.is_valid():
            saved = services.save_recommendation(form.save(commit=False), form.cleaned_data["committees"])
            messages.success(request, f"Rekommendation {saved.order} har sparats.")
            if request.POST.get("then") == "new":
                return redirect("recommendations:create", audit_pk=audit.pk)
            return redirect(_audit_url(audit))
    return render(
        request,
        "recommendations/recommendation_form.html",
        {
            "audit": audit,
            "recommendation": recommendation,
            "form": form,
            "shortcuts": services.AddresseeShortcut.choices,
            "notice": notice,
        },
    )


@login_required
def recommendation_create(request, audit_pk):
    audit = get_audit_for_revisor(request.user, audit_pk)
    return _recommendation_form(request, audit, Recommendation(audit=audit))


@login_required
def recommendation_edit(request, pk):
    recommendation = get_recommendation_for_revisor(request.user, pk, Recommendation.objects.select_related("audit"))
    return _recommendation_form(request, recommendation.audit, recommendation)


@login_required
def recommendation_delete(request, pk):
    recommendation = get_recommendation_for_revisor(request.user, pk, Recommendation.objects.select_related("audit"))
    audit = recommendation.audit
    if request.method == "POST":
        services.delete_recommendation(recommendation)
        messages.success(request, "Rekommendationen har tagits bort.")
        return redirect(_audit_url(audit))
    return render(
        request,
        "recommendations/recommendation_confirm_delete.html",
        {
            "audit": audit,
            "recommendation": recommendation,
            "addressees": recommendation.addressees.select_related("recipient__committee"),
            "follow_up_count": FollowUp.objects.filter(addressee__recommendation=recommendation).count(),
        },
    )


@login_required
@require_POST
def recommendation_move(request, pk):
    recommendation = get_recommendation_for_revisor(request.user, pk, Recommendation.objects.select_related("audit"))
    direction = "up" if request.POST.get("direction") == "up" else "down"
    services.move_recommendation(recommendation, direction)
    recommendation.refresh_from_db()
    messages.success(request, f"Rekommendationen är nu nummer {recommendation.order}.")
    return redirect(_audit_url(recommendation.audit))


@login_required
@require_safe
def follow_up_matrix(request, audit_pk):
    audit = get_audit_for_user(request.user, audit_pk)
    addressees = list(
        addressees_visible_to(request.user, Addressee.objects.filter(recommendation__audit=audit))
        .select_related("recipient__committee")
        .prefetch_related(
            Prefetch("follow_ups", queryset=FollowUp.objects.select_related("author").order_by("-date", "-id"))
        )
    )
    recipients = sorted(
        {addressee.recipient for addressee in addressees},
        key=lambda recipient: (not recipient.committee.is_kommunstyrelsen, recipient.committee.name),
    )
    cells = {(addressee.recommendation_id, addressee.recipient_id): addressee for addressee in addressees}
    recommendations = Recommendation.objects.visible_to(request.user).filter(audit=audit).order_by("order", "id")
    rows = [
        (recommendation, [cells.get((recommendation.pk, recipient.pk)) for recipient in recipients])
        for recommendation in recommendations
    ]
    return render(
        request,
        "recommendations/follow_up_matrix.html",
        {"audit": audit, "recipients": recipients, "rows": rows, "can_edit": can_follow_up(request.user, audit)},
    )


@login_required
def follow_up(request, addressee_pk):
    addressee = get_addressee_for_user(
        request.user,
        addressee_pk,
        Addressee.objects.select_related("recommendation__audit", "recipient__committee", "position__response"),
    )
    audit = addressee.recommendation.audit
    can_edit = can_follow_up(request.user, audit)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied("Bara kommunens revisorer kan registrera uppföljningar.")
    form = FollowUpForm(request.POST or None) if can_edit else None
    if request.method == "POST" and form.is_valid():
        services.record_follow_up(addressee, **form.cleaned_data, user=request.user)
        messages.success(
            request, f"Bedömningen för {addressee.recipient.committee} har sparats."
        )
        return redirect(f"{reverse('recommendations:follow_up_matrix', args=[audit.pk])}#addressee-{addressee.pk}")
    # The addressee lookup has scoped the user to the committee: its submitted answer is theirs to read.
    position = getattr(addressee, "position", None)
    if position is not None and position.response.status != AnswerStatus.INSKICKAD:
        position = None
    return render(
        request,
        "recommendations/follow_up.html",
        {
            "audit": audit,
            "addressee": addressee,
            "history": addressee.follow_ups.select_related("author").order_by("-date", "-id"),
            "position": position,
            "form": form,
        },
    )
