from django import template

register = template.Library()

SOON = 7


@register.filter
def days_left_text(days):
    """'5 dagar kvar', 'Sista dagen i dag' or '3 dagar försenat' for a number of days left."""
    if days is None:
        return "Ingen svarsdag"
    if days == 0:
        return "Sista dagen i dag"
    count = abs(days)
    unit = "dag" if count == 1 else "dagar"
    return f"{count} {unit} kvar" if days > 0 else f"{count} {unit} försenat"


@register.filter
def days_left_class(days):
    if days is None:
        return ""
    if days < 0:
        return "deadline-overdue"
    return "deadline-soon" if days <= SOON else ""
