from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Audit


def get_audit_for_user(user, pk, queryset=None):
    """Return an audit the user may read; another tenant's audit is a 404."""
    return get_object_or_404((Audit.objects if queryset is None else queryset).visible_to(user), pk=pk)


def get_audit_for_revisor(user, pk, queryset=None):
    """Return an audit the user may change: 404 if unseen, 403 if only readable."""
    audit = get_audit_for_user(user, pk, queryset)
    if not Audit.objects.editable_by(user).filter(pk=audit.pk).exists():
        raise PermissionDenied("Bara kommunens revisorer kan ändra granskningen.")
    return audit
