from django.db import models, transaction
from django.db.models import Q

from audits.services import ensure_recipient, refresh_documents, remove_unaddressed_recipients
from committees.models import Committee
from core import ordering

from .models import Addressee, FollowUp


class AddresseeShortcut(models.TextChoices):
    """The groups the auditors' letters address recommendations to."""

    ALL = "samtliga", "Samtliga nämnder"
    ALL_BUT_KS = "samtliga_utom_ks", "Samtliga nämnder utom kommunstyrelsen"


def committees_for_shortcut(municipality, shortcut):
    """The municipality's active answering committees a shortcut stands for."""
    committees = Committee.objects.filter(municipality=municipality).active().answering()
    if shortcut == AddresseeShortcut.ALL_BUT_KS:
        committees = committees.exclude(kind=Committee.Kind.KOMMUNSTYRELSEN)
    return committees.in_letter_order()


def addressable_committees(audit):
    """Committees a recommendation of the audit can be addressed to: the municipality's active
    answering committees, and any committee already asked even if no longer active."""
    return (
        Committee.objects.filter(
            Q(active=True, kind__in=Committee.Kind.answering()) | Q(recipients__audit=audit),
            municipality_id=audit.municipality_id,
        )
        .distinct()
        .in_letter_order()
    )


def _set_addressees(recommendation, committees):
    audit = recommendation.audit
    wanted = {committee.pk: committee for committee in committees}
    current = {addressee.recipient.committee_id: addressee for addressee in recommendation.addressees.select_related("recipient")}
    for committee_id, addressee in current.items():
        if committee_id not in wanted:
            addressee.delete()
    for committee_id, committee in wanted.items():
        if committee_id not in current:
            Addressee.objects.create(recommendation=recommendation, recipient=ensure_recipient(audit, committee))
    remove_unaddressed_recipients(audit)


@transaction.atomic
def save_recommendation(recommendation, committees):
    """Save the recommendation and address it to exactly these committees, asking each
    committee not yet asked (with the deadline the others share)."""
    if recommendation.pk is None:
        recommendation.order = ordering.next_order(recommendation.audit.recommendations.all())
    recommendation.save()
    _set_addressees(recommendation, committees)
    refresh_documents(recommendation.audit)
    return recommendation


@transaction.atomic
def delete_recommendation(recommendation):
    audit = recommendation.audit
    recommendation.delete()
    ordering.renumber(audit.recommendations.all())
    remove_unaddressed_recipients(audit)
    refresh_documents(audit)


@transaction.atomic
def move_recommendation(recommendation, direction):
    moved = ordering.move(recommendation, recommendation.audit.recommendations.all(), direction)
    refresh_documents(recommendation.audit)
    return moved


def record_follow_up(addressee, status, date, comment, user):
    """Record the auditors' judgement of one recommendation for one committee."""
    return FollowUp.objects.create(addressee=addressee, status=status, date=date, comment=comment, author=user)
