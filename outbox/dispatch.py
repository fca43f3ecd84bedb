"""Hand tasks to the broker after the commit without ever failing the request.

When Redis is down the publish gives up within seconds (see the broker timeouts in settings)
and the task is kept as a PendingTask row; `resend_pending` sends it once the broker answers.
Every task dispatched this way must be idempotent, as a task kept here may also have reached
the broker before the failure was noticed.
"""

import logging
from importlib import import_module

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerUnreachable

from .models import PendingTask

logger = logging.getLogger(__name__)


def send(task, *args):
    """Publish the task now; keep it in the outbox if the broker cannot be reached."""
    try:
        task.apply_async(args)
    except BrokerUnreachable as error:
        logger.warning("Uppgiften %s%s kunde inte köas och sparas för nytt försök: %s", task.name, args, error)
        PendingTask.objects.create(task_name=task.name, args=list(args), last_error=str(error)[:2000])
        return False
    return True


def send_on_commit(task, *args):
    """Publish the task once the current transaction commits (nothing if it rolls back)."""
    transaction.on_commit(lambda: send(task, *args))


def task_named(name):
    """The task registered under its dotted name ("documents.tasks.render_document").

    Lower floors ask the upper ones for work by name, so that no module imports upwards.
    """
    module, _, attribute = name.rpartition(".")
    return getattr(import_module(module), attribute)


def send_named_on_commit(name, *args):
    """Publish the task of that name once the current transaction commits."""
    transaction.on_commit(lambda: send(task_named(name), *args))
