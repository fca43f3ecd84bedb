"""Post events to a municipality's webhook, signed, with a timeout, outside any transaction.

The receiver checks `X-Revisionsspar-Signature: sha256=<hex>`, the HMAC-SHA256 with the
endpoint's secret of `<X-Revisionsspar-Timestamp>.<body>`, and may refuse old timestamps.
A delivery can arrive twice (a worker lost after the post): `X-Revisionsspar-Event` is the
event's id to recognise it by.
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .events import as_json
from .models import WebhookDelivery

# Thirty minutes: a longer countdown would outlive the broker's visibility timeout.
LONGEST_RETRY_SECONDS = 30 * 60


def signature(secret, timestamp, body):
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not an instruction: the event is never re-sent elsewhere."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def post(url, secret, event_id, body):
    """POST the body; return the HTTP status, raise OSError when no answer came."""
    timestamp = str(int(time.time()))
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Revisionsspar-webhook/1",
            "X-Revisionsspar-Event": str(event_id),
            "X-Revisionsspar-Timestamp": timestamp,
            "X-Revisionsspar-Signature": signature(secret, timestamp, body),
        },
    )
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def retry_delay(attempts):
    return min(settings.WEBHOOK_RETRY_SECONDS * 2 ** max(attempts - 1, 0), LONGEST_RETRY_SECONDS)


def attempt(delivery_id):
    """Post a pending delivery once and record the outcome; return the delivery, or None
    when there is nothing (more) to do. The caller retries one still pending.

    1. Re-read the delivery; leave one already delivered or given up.
    2. Post outside any transaction, so no row stays locked while a remote server thinks.
    3. Record the attempt: delivered on a 2xx, failed once the attempts are used up.
    """
    if connection.in_atomic_block:
        raise RuntimeError("Webhooks anropas aldrig inom en databastransaktion.")
    delivery = WebhookDelivery.objects.select_related("event__municipality", "endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.state != WebhookDelivery.State.PENDING:
        return None
    endpoint = delivery.endpoint
    body = json.dumps(as_json(delivery.event), ensure_ascii=False).encode()
    status, error = None, ""
    try:
        status = post(endpoint.url, endpoint.secret, delivery.event_id, body)
    except (OSError, ValueError) as failure:
        # URLError, timeouts and refused connections are OSErrors; a malformed URL a ValueError.
        error = f"{type(failure).__name__}: {failure}"
    delivery.attempts += 1
    delivery.last_status = status
    if status is not None and 200 <= status < 300:
        delivery.state = WebhookDelivery.State.DELIVERED
        delivery.delivered_at = timezone.now()
        delivery.last_error = ""
    else:
        delivery.last_error = (error or f"HTTP {status}")[:2000]
        if delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
            delivery.state = WebhookDelivery.State.FAILED
    delivery.save(update_fields=["attempts", "last_status", "last_error", "state", "delivered_at"])
    return delivery
