"""The committees' answers section of the case page, which the audits app composes by template."""

from django import template

from audits.services import deadline_status

from ..models import Response

register = template.Library()


@register.inclusion_tag("responses/_case_answers.html", takes_context=True)
def case_answers(context, audit):
    """Each committee asked to answer, where it stands against its deadline, and its answer
    when the user may read it."""
    user = context["user"]
    recipients = list(audit.recipients.select_related("committee", "response"))
    readable = set(Response.objects.visible_to(user).filter(recipient__audit=audit).values_list("pk", flat=True))
    for recipient in recipients:
        response = getattr(recipient, "response", None)
        recipient.readable_response = response if response and response.pk in readable else None
        recipient.status_text, recipient.status_class = deadline_status(recipient)
    return {"audit": audit, "recipients": recipients}
