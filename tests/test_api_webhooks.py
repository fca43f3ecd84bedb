"""Webhooks against a real HTTP server on loopback: signed, one event once, retried by the
worker until the receiver accepts it, a timeout on every call, never in a transaction."""

import hashlib
import hmac
import http.server
import json
import threading

import pytest
from django.db import transaction
from django.test import Client

from api.tokens import create_token
from outbox import events, webhooks
from outbox.models import Event, WebhookDelivery, WebhookEndpoint
from responses.models import Response

from .factories import make_recipient, make_response, make_sent_audit, make_town

pytestmark = pytest.mark.django_db(transaction=True)


class Receiver:
    """What the loopback server received, and the statuses it answers with, in turn."""

    def __init__(self):
        self.requests = []
        self.statuses = []
        self.hold = threading.Event()
        self.holding = False
        self.lock = threading.Lock()

    def handle(self, handler):
        body = handler.rfile.read(int(handler.headers["Content-Length"]))
        with self.lock:
            self.requests.append((handler.path, dict(handler.headers), body))
            status = self.statuses.pop(0) if self.statuses else 200
        if self.holding:
            self.hold.wait(30)
        handler.send_response(status)
        if status in (301, 302):
            handler.send_header("Location", "/elsewhere")
        handler.send_header("Content-Length", "0")
        handler.end_headers()


@pytest.fixture
def receiver():
    received = Receiver()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            received.handle(self)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    received.url = f"http://127.0.0.1:{server.server_address[1]}/diarium/handelser"
    yield received
    received.hold.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def town():
    return make_town()


@pytest.fixture
def endpoint(town, receiver):
    return WebhookEndpoint.objects.create(municipality=town.municipality, url=receiver.url)


def submitted_answer(town):
    recipient = make_recipient(make_sent_audit(town.municipality, diarienummer="REV 2030/1"), town.ks)
    answer = make_response(
        recipient,
        status=Response.Status.INSKICKAD,
        submitted_at="2030-02-11T10:00:00Z",
        meeting_date="2030-02-10",
        paragraf="§ 12",
    )
    answer.refresh_from_db()
    return answer


def pending_delivery(town, endpoint):
    """An answer's event and its delivery, written without queueing the delivery."""
    answer = submitted_answer(town)
    event = Event.objects.create(
        municipality=town.municipality, kind=Event.Kind.ANSWER_SUBMITTED, audit=answer.recipient.audit, data={}
    )
    return WebhookDelivery.objects.create(event=event, endpoint=endpoint).pk


def record_answer(town):
    answer = submitted_answer(town)
    with transaction.atomic():
        return events.record_answer_submitted(answer)


def test_an_event_is_posted_signed_once_the_transaction_commits(town, endpoint, receiver, eager_celery):
    event = record_answer(town)
    assert len(receiver.requests) == 1
    path, headers, body = receiver.requests[0]
    assert path == "/diarium/handelser"
    timestamp = headers["X-Revisionsspar-Timestamp"]
    expected = hmac.new(endpoint.secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    assert headers["X-Revisionsspar-Signature"] == f"sha256={expected}"
    assert headers["X-Revisionsspar-Event"] == str(event.pk)
    assert headers["Content-Type"] == "application/json; charset=utf-8"

    # The webhook's body is the event exactly as the feed shows it.
    _, secret = create_token(town.ks_staff, "Diariet", "read", 30)
    feed = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/events/").json()
    assert feed["results"] == [json.loads(body)]
    assert json.loads(body)["data"]["answer"]["paragraf"] == "§ 12"

    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.last_status) == ("delivered", 1, 200)


def test_nothing_is_posted_when_the_change_rolls_back(town, endpoint, receiver, eager_celery):
    answer = submitted_answer(town)
    with pytest.raises(RuntimeError), transaction.atomic():
        events.record_answer_submitted(answer)
        raise RuntimeError("the change failed")
    assert not Event.objects.exists() and not WebhookDelivery.objects.exists()
    assert receiver.requests == []


def test_only_the_municipalitys_active_webhook_is_called(town, receiver, eager_celery):
    other = make_town("Burlöv")
    WebhookEndpoint.objects.create(municipality=other.municipality, url=receiver.url)
    record_answer(town)
    inactive = WebhookEndpoint.objects.create(municipality=town.municipality, url=receiver.url, active=False)
    record_answer(town)
    assert receiver.requests == []
    assert not WebhookDelivery.objects.filter(endpoint=inactive).exists()


def test_without_a_worker_a_failed_call_stays_pending_and_raises_nothing(town, endpoint, receiver, eager_celery):
    receiver.statuses = [500]
    record_answer(town)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.last_error) == ("pending", 1, "HTTP 500")


@pytest.mark.broker
def test_the_worker_retries_until_the_receiver_accepts(town, endpoint, receiver, celery_worker, wait_for, settings):
    settings.WEBHOOK_RETRY_SECONDS = 0
    receiver.statuses = [500, 503]
    record_answer(town)
    delivery = WebhookDelivery.objects.get()
    wait_for(lambda: WebhookDelivery.objects.get(pk=delivery.pk).state == "delivered", message="leveransen lyckades inte")
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.last_status, delivery.last_error) == (3, 200, "")
    signatures = {headers["X-Revisionsspar-Event"] for _, headers, _ in receiver.requests}
    assert len(receiver.requests) == 3 and len(signatures) == 1


def test_a_receiver_that_does_not_answer_times_out_and_is_tried_again(town, endpoint, receiver, settings):
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    receiver.holding = True
    delivery = webhooks.attempt(pending_delivery(town, endpoint))
    assert delivery.state == "pending" and delivery.attempts == 1
    assert "timed out" in delivery.last_error
    assert webhooks.retry_delay(1) == settings.WEBHOOK_RETRY_SECONDS
    assert webhooks.retry_delay(20) == webhooks.LONGEST_RETRY_SECONDS


def test_a_redirect_is_not_followed_and_the_attempts_run_out(town, endpoint, receiver, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    receiver.statuses = [302, 302]
    delivery_id = pending_delivery(town, endpoint)
    assert webhooks.attempt(delivery_id).state == "pending"
    failed = webhooks.attempt(delivery_id)
    assert (failed.state, failed.attempts, failed.last_status, failed.last_error) == ("failed", 2, 302, "HTTP 302")
    assert [path for path, _, _ in receiver.requests] == ["/diarium/handelser"] * 2
    assert webhooks.attempt(delivery_id) is None


def test_no_call_is_made_inside_a_transaction(town, endpoint, receiver):
    delivery_id = pending_delivery(town, endpoint)
    with transaction.atomic():
        with pytest.raises(RuntimeError, match="databastransaktion"):
            webhooks.attempt(delivery_id)
    assert receiver.requests == []
