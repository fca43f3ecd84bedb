import logging

from celery import shared_task
from django.db.models import F
from kombu.exceptions import OperationalError as BrokerUnreachable

from .dispatch import task_named
from .models import PendingTask

logger = logging.getLogger(__name__)


def resend(batch_size=500):
    """Send every kept task again, oldest first, and forget those the broker took.

    A row is deleted only after its publish succeeded, so a crash in between sends the task
    twice rather than never (the tasks are idempotent). Stops at the first broker failure.
    """
    sent = 0
    for pending in PendingTask.objects.all()[:batch_size]:
        try:
            task_named(pending.task_name).apply_async(pending.args)
        except BrokerUnreachable as error:
            PendingTask.objects.filter(pk=pending.pk).update(attempts=F("attempts") + 1, last_error=str(error)[:2000])
            logger.warning("Brokern svarar fortfarande inte: %s", error)
            break
        pending.delete()
        sent += 1
    return sent


@shared_task
def resend_pending():
    """Send again the tasks whose dispatch failed while the broker was down (run by beat)."""
    return resend()


@shared_task(bind=True, max_retries=None)
def deliver_webhook(self, delivery_id):
    """Post one event to its webhook; try again later while it is not delivered."""
    from . import webhooks

    delivery = webhooks.attempt(delivery_id)
    if delivery is None or delivery.state != delivery.State.PENDING:
        return
    if self.request.is_eager:
        # Run in the web process (no broker configured): a retry would run at once, after the
        # response's commit, and its failure would reach the user.
        logger.warning("Webhooken för händelse %s svarade inte; utan Celery-arbetare försöks den inte igen.", delivery.event_id)
        return
    raise self.retry(countdown=webhooks.retry_delay(delivery.attempts))
