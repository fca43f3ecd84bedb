from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from documents.annual_report import annual_report_xlsx, request_annual_report, years_with_audits
from documents.rendering import may_request, stored_pdf
from documents.models import AnnualReport
from committees import calendar_tokens
from committees.models import Municipality

from .calendar import deadline_calendar
from .summaries import answer_overview, follow_up_overview, secretary_deadlines
from .tables import DeadlineTable, FollowUpTable, OverdueTable, WaitingCaseTable

# The years an audit may have (the audit_year_range constraint).
FIRST_YEAR, LAST_YEAR = 1990, 2100


@login_required
@require_safe
def dashboard(request):
    user = request.user
    today = timezone.localdate()
    if user.is_secretary:
        open_cases, answered = secretary_deadlines(user, today)
        return render(
            request,
            "overview/secretary_dashboard.html",
            {"deadlines": DeadlineTable(open_cases), "overdue": [r for r in open_cases if r.days is not None and r.days < 0], "answered": answered},
        )
    waiting, overdue = answer_overview(user, today)
    follow_up = follow_up_overview(user)
    return render(
        request,
        "overview/dashboard.html",
        {
            "waiting": WaitingCaseTable(waiting),
            "waiting_count": len(waiting),
            "overdue": OverdueTable(overdue),
            "overdue_count": len(overdue),
            "follow_up": follow_up,
            "by_committee": FollowUpTable(follow_up["by_committee"]),
            "by_year": FollowUpTable(follow_up["by_year"], label_heading="Granskningsår"),
            "shows_annual_reports": user.municipality_id and (user.sees_whole_municipality or user.is_superuser),
        },
    )


def get_municipality_for_annual_report(user, slug, year=None):
    """The municipality whose annual reports the user may read: 404 for another municipality,
    403 for a role without the right."""
    municipality = get_object_or_404(Municipality, slug=slug)
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("Året finns inte.")
    if not user.is_superuser and municipality.pk != user.municipality_id:
        raise Http404("Kommunen finns inte.")
    if not (user.is_superuser or user.sees_whole_municipality):
        raise PermissionDenied("Årsrapporten är till för revisorerna och kommunstyrelsens kontor.")
    return municipality


def _annual_report(user, municipality, year):
    return AnnualReport.objects.visible_to(user).filter(municipality=municipality, year=year).first()


@login_required
@require_safe
def annual_reports(request):
    """The years of the user's municipality, each with its report."""
    if not request.user.municipality_id:
        raise Http404("Användaren hör inte till någon kommun.")
    municipality = get_municipality_for_annual_report(request.user, request.user.municipality.slug)
    return redirect("overview:annual_report", slug=municipality.slug, year=(years_with_audits(municipality) or [timezone.localdate().year])[0])


@login_required
@require_safe
def annual_report(request, slug, year):
    municipality = get_municipality_for_annual_report(request.user, slug, year)
    report = _annual_report(request.user, municipality, year)
    return render(
        request,
        "overview/annual_report.html",
        {
            "municipality": municipality,
            "year": year,
            "years": years_with_audits(municipality),
            "entry": {
                "label": f"Årsrapport {year}",
                "url": reverse("overview:annual_report_pdf", args=[municipality.slug, year]),
                "render_url": reverse("overview:annual_report_render", args=[municipality.slug, year]),
                "document": report,
                "may_request": may_request(report),
            },
        },
    )


@login_required
@require_POST
def annual_report_render(request, slug, year):
    """Queue a render of the year's PDF; the page shows its state."""
    municipality = get_municipality_for_annual_report(request.user, slug, year)
    request_annual_report(municipality, year)
    messages.info(request, f"Årsrapporten för {year} framställs. Ladda om sidan om en stund.")
    return redirect("overview:annual_report", slug=municipality.slug, year=year)


@login_required
@require_safe
def annual_report_pdf(request, slug, year):
    """The stored PDF when ready; otherwise the report's page, which tells its state."""
    municipality = get_municipality_for_annual_report(request.user, slug, year)
    download = stored_pdf(_annual_report(request.user, municipality, year), f"arsrapport-{municipality.slug}-{year}.pdf")
    return download or redirect("overview:annual_report", slug=municipality.slug, year=year)


@login_required
@require_safe
def annual_report_xlsx_download(request, slug, year):
    municipality = get_municipality_for_annual_report(request.user, slug, year)
    response = HttpResponse(
        annual_report_xlsx(municipality, year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="arsrapport-{municipality.slug}-{year}.xlsx"'
    return response


@login_required
def calendar_settings(request):
    """The user's secret calendar address: see it, make a new one, or revoke it."""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            calendar_tokens.revoke_token(request.user)
            messages.success(request, "Kalenderadressen är återkallad och fungerar inte längre.")
        else:
            calendar_tokens.create_token(request.user)
            messages.success(request, "Du har fått en ny kalenderadress. En tidigare adress fungerar inte längre.")
        return redirect("overview:calendar")
    token = calendar_tokens.active_token(request.user)
    feed_url = request.build_absolute_uri(reverse("overview:calendar_feed", args=[token.token])) if token else ""
    return render(request, "overview/calendar.html", {"token": token, "feed_url": feed_url})


@never_cache
@require_safe
def calendar_feed(request, token):
    """The iCalendar feed of the token's user; an unknown or revoked token is a 404."""
    user = calendar_tokens.user_for_token(token)
    if user is None:
        raise Http404("Okänd kalenderadress.")
    response = HttpResponse(deadline_calendar(user, request.build_absolute_uri("/")), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="svarsdagar.ics"'
    return response
