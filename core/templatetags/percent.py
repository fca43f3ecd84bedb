from django import template

register = template.Library()


@register.filter
def percent(share):
    """0.4 as '40 %', None as '–'."""
    return "–" if share is None else f"{round(share * 100)} %"
