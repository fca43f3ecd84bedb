from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from audits.models import Audit

from .models import Addressee, Recommendation


def _require_revisor(user, audit_id):
    if not Audit.objects.editable_by(user).filter(pk=audit_id).exists():
        raise PermissionDenied("Bara kommunens revisorer kan ändra rekommendationer och uppföljningar.")


def get_recommendation_for_user(user, pk, queryset=None):
    """Return a recommendation the user may read; any other is a 404."""
    return get_object_or_404((Recommendation.objects if queryset is None else queryset).visible_to(user), pk=pk)


def get_recommendation_for_revisor(user, pk, queryset=None):
    """Return a recommendation the user may change: 404 if unseen, 403 if only readable."""
    recommendation = get_recommendation_for_user(user, pk, queryset)
    _require_revisor(user, recommendation.audit_id)
    return recommendation


def addressees_visible_to(user, queryset=None):
    """Addressees of readable recommendations; a secretary sees only their committees' ones."""
    addressees = (Addressee.objects if queryset is None else queryset).filter(recommendation__in=Recommendation.objects.visible_to(user))
    if user.is_authenticated and user.is_secretary and not user.is_superuser:
        addressees = addressees.filter(recipient__committee__in=user.committees.all())
    return addressees


def get_addressee_for_user(user, pk, queryset=None):
    return get_object_or_404(addressees_visible_to(user, queryset), pk=pk)


def can_follow_up(user, audit):
    return Audit.objects.editable_by(user).filter(pk=audit.pk).exists()


def require_follow_up_right(user, addressee):
    _require_revisor(user, addressee.recommendation.audit_id)
