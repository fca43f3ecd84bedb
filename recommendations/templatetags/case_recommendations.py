"""The recommendations section of the case page, which the audits app composes by template."""

from django import template
from django.db.models import Prefetch

from ..models import Addressee, FollowUp

register = template.Library()


@register.inclusion_tag("recommendations/_case_recommendations.html", takes_context=True)
def case_recommendations(context, audit, can_edit):
    """The audit's recommendations with their addressees and each addressee's latest follow-up."""
    recommendations = audit.recommendations.prefetch_related(
        Prefetch(
            "addressees",
            queryset=Addressee.objects.select_related("recipient__committee").prefetch_related(
                Prefetch("follow_ups", queryset=FollowUp.objects.order_by("-date", "-id"))
            ),
        )
    )
    return {
        "audit": audit,
        "can_edit": can_edit,
        "recommendations": recommendations,
        "csrf_token": context.get("csrf_token"),
    }
