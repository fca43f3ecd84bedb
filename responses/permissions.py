from django.shortcuts import get_object_or_404

from .models import Response


def get_response_for_user(user, pk, queryset=None):
    """Return an answer the user may read; any other is a 404."""
    return get_object_or_404((queryset or Response.objects).visible_to(user), pk=pk)
