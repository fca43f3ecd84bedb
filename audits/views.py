from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render
from django_tables2 import RequestConfig

from recommendations.models import Addressee, Recommendation
from responses.models import Response

from .models import Audit, Recipient
from .permissions import get_audit_for_user
from .tables import AuditTable


@login_required
def audit_list(request):
    table = AuditTable(Audit.objects.visible_to(request.user))
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    return render(request, "audits/audit_list.html", {"table": table})


@login_required
def audit_detail(request, pk):
    audit = get_audit_for_user(request.user, pk)
    recipients = list(
        audit.recipients.select_related("committee", "response").order_by("committee__kind", "committee__name")
    )
    readable_responses = set(
        Response.objects.visible_to(request.user).filter(recipient__audit=audit).values_list("pk", flat=True)
    )
    for recipient in recipients:
        response = getattr(recipient, "response", None)
        recipient.readable_response = response if response and response.pk in readable_responses else None
    recommendations = audit.recommendations.prefetch_related(
        Prefetch("addressees", queryset=Addressee.objects.select_related("recipient__committee"))
    )
    return render(
        request,
        "audits/audit_detail.html",
        {
            "audit": audit,
            "questions": audit.questions.all(),
            "signatories": audit.signatories.all(),
            "informed": audit.informed_committees.all(),
            "recipients": recipients,
            "recommendations": recommendations,
        },
    )
