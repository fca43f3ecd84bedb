"""Redis stops: pages still answer quickly, the work they queue is kept, and it is done once
Redis is back. Runs its own redis-server on a port of its own."""

import shutil
import socket
import subprocess
import time

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from documents.models import AuditDocument
from outbox.models import PendingTask
from outbox.tasks import resend_pending

from .conftest import _celery_config
from .factories import answer_form_data

REDIS_SERVER = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(not REDIS_SERVER, reason="redis-server saknas")


class OwnRedis:
    """A redis-server of the test's own, stopped and started at will."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server startade inte")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def own_redis():
    redis = OwnRedis()
    redis.start()
    yield redis
    if redis.process.poll() is None:
        redis.stop()


def timed(request):
    started = time.monotonic()
    response = request()
    return response, time.monotonic() - started


def test_pages_work_without_redis_and_the_work_is_done_when_it_returns(
    transactional_db, demo, burlov_draft, own_redis, wait_for, settings
):
    from celery.contrib.testing.worker import start_worker

    revisor, secretary = Client(), Client()
    revisor.force_login(burlov_draft.recipient.audit.municipality.users.get(username="revisor.burlov"))
    secretary.force_login(burlov_draft.recipient.committee.secretaries.get(username="sekr.burlov.ks"))
    audit = burlov_draft.recipient.audit
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = own_redis.url
    with _celery_config(task_always_eager=False, broker_url=own_redis.url) as app:
        own_redis.stop()

        page, seconds = timed(lambda: revisor.get(reverse("audits:detail", args=[audit.pk])))
        assert page.status_code == 200 and seconds < 5
        health, seconds = timed(lambda: revisor.get(reverse("healthz")))
        assert health.status_code == 200 and seconds < 1
        ready, seconds = timed(lambda: revisor.get(reverse("readyz")))
        assert ready.status_code == 503 and ready.json()["failing"] == ["broker"] and seconds < 2

        render, seconds = timed(
            lambda: revisor.post(reverse("documents:render_document", args=[audit.pk, AuditDocument.Kind.MISSIV]))
        )
        assert render.status_code == 302 and seconds < 10, seconds
        submit, seconds = timed(
            lambda: secretary.post(
                reverse("responses:edit", args=[burlov_draft.pk]), {**answer_form_data(burlov_draft), "submit": "1"}
            )
        )
        assert submit.status_code == 302 and seconds < 10, seconds
        document = AuditDocument.objects.get(audit=audit, kind=AuditDocument.Kind.MISSIV)
        assert document.state == AuditDocument.State.QUEUED
        assert "köad" in revisor.get(reverse("documents:missiv_pdf", args=[audit.pk])).content.decode().lower()
        kept = set(PendingTask.objects.values_list("task_name", flat=True))
        assert kept >= {
            "documents.tasks.render_document",
            "responses.tasks.send_submission_receipt",
            "responses.tasks.notify_revisors_of_submission",
        }
        assert not mail.outbox

        own_redis.start()
        with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
            # What beat does every minute.
            resend_pending.delay()
            wait_for(lambda: not PendingTask.objects.exists(), message="utkorgen tömdes inte")
            wait_for(
                lambda: AuditDocument.objects.get(pk=document.pk).state == AuditDocument.State.READY,
                timeout=60,
                message="missivet framställdes inte",
            )
            wait_for(lambda: len(mail.outbox) >= 2, message="e-posten skickades inte")
    subjects = " ".join(message.subject for message in mail.outbox)
    assert "Kommunstyrelsen" in subjects or "yttrande" in subjects.lower()
