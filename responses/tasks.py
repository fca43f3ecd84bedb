import logging
import smtplib

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.db import OperationalError

from . import reminders

logger = logging.getLogger(__name__)


@shared_task
def sweep_reminders():
    """Claim today's due reminders and queue them (run daily by beat)."""
    return len(reminders.sweep())


@shared_task(bind=True, max_retries=8)
def send_reminder(self, reminder_id):
    """Send one claimed reminder; a failure of SMTP or the database is retried with backoff."""
    try:
        return reminders.deliver(reminder_id)
    except (smtplib.SMTPException, OSError, OperationalError) as error:
        logger.warning("Påminnelse %s kunde inte skickas: %s", reminder_id, error)
        if self.request.is_eager:
            # Without a broker there is nothing to retry through: the next sweep queues it again.
            return False
        # Capped well below the broker's visibility timeout, so a retry is not delivered twice.
        countdown = get_exponential_backoff_interval(5, self.request.retries, 600, full_jitter=True)
        raise self.retry(exc=error, countdown=countdown)
