"""The worker's e-mail about answers reaches a real SMTP server, is retried when the server
fails for a while, and is delivered once."""

import datetime
import socket

import pytest
from aiosmtpd.controller import Controller

from audits.models import Recipient
from revisionsspar.celery import app as celery_app
from responses.models import Position, SentNotification
from responses.services import get_or_create_draft, submit_response
from responses.tasks import notify_revisors_of_submission, send_submission_receipt

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


class FlakyMailServer:
    """Answers 'try again later' to the first messages, then accepts."""

    def __init__(self, failures):
        self.failures = failures
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        if self.failures:
            self.failures -= 1
            return "451 4.3.0 Försök igen senare"
        self.messages.append(envelope)
        return "250 2.0.0 OK"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def mail_server(settings):
    # As in the worker: a failed attempt is retried, not raised to the caller.
    propagates = celery_app.conf.task_eager_propagates
    celery_app.conf.update(task_eager_propagates=False)
    handler = FlakyMailServer(failures=2)
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield handler
    controller.stop()
    celery_app.conf.update(task_eager_propagates=propagates)


@pytest.fixture
def submitted(demo, user):
    draft = get_or_create_draft(Recipient.objects.get(audit__municipality__slug="burlov", committee__short_name="KS"))
    draft.meeting_date, draft.paragraf = datetime.date(2021, 9, 28), "§ 112"
    draft.save()
    draft.positions.update(position=Position.Choice.INSTAMMER)
    return submit_response(draft, user("sekr.burlov.ks"))


def test_receipt_is_retried_after_temporary_failures_and_delivered_once(mail_server, submitted):
    result = send_submission_receipt.apply(args=[submitted.pk, submitted.version])
    assert result.get() is True
    assert mail_server.failures == 0
    assert len(mail_server.messages) == 1
    message = mail_server.messages[0]
    assert message.rcpt_tos == ["sekr.burlov.ks@example.se"]
    body = message.content.decode()
    assert "multipart/alternative" in body
    assert "text/html" in body

    assert send_submission_receipt.apply(args=[submitted.pk, submitted.version]).get() is False
    assert len(mail_server.messages) == 1
    assert SentNotification.objects.get().sent_at is not None


def test_revisors_notice_goes_to_every_revisor_of_the_municipality_only(mail_server, submitted):
    mail_server.failures = 0
    assert notify_revisors_of_submission.apply(args=[submitted.pk, submitted.version]).get() is True
    assert [message.rcpt_tos for message in mail_server.messages] == [["revisor.burlov@example.se"]]
