"""Deadline reminders: each one sent exactly once, whatever happens to sweeps, workers and SMTP."""

import copy
import datetime
import subprocess
import sys
import threading
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audits.models import Audit
from committees.models import User
from responses import reminders
from responses.models import Reminder, Response

from .factories import make_committee, make_municipality, make_recipient, make_response, make_sent_audit, make_user

pytestmark = pytest.mark.django_db

D = datetime.date
STOCKHOLM = timezone.get_default_timezone()


def open_case(deadline, municipality=None, sent_at=None, **recipient_fields):
    """A sent case with one committee that has one secretary; the municipality has one revisor."""
    municipality = municipality or make_municipality()
    audit = make_sent_audit(
        municipality, sent_at=sent_at or datetime.datetime(2029, 11, 1, 9, 0, tzinfo=datetime.UTC)
    )
    committee = make_committee(municipality)
    recipient = make_recipient(audit, committee, deadline=deadline, **recipient_fields)
    secretary = make_user(User.Role.SEKRETERARE, municipality, [committee])
    secretary.email = f"{secretary.username}@{municipality.slug}.example"
    secretary.save()
    if not User.objects.filter(role=User.Role.REVISOR, municipality=municipality).exists():
        make_user(User.Role.REVISOR, municipality, email=f"revisor@{municipality.slug}.example")
    return recipient


def secretary_address(recipient):
    return User.objects.get(committees=recipient.committee).email


@pytest.fixture
def sweep(eager_celery, django_capture_on_commit_callbacks):
    """Run the sweep for a day in the embedded mode: the mails go out when it commits."""

    def run(day):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.sweep(day)

    return run


def mails_to(address):
    return [m for m in mail.outbox if address in m.to]


@pytest.mark.parametrize(
    "today, sent_on, last_before_day, reminded_recently, expected",
    [
        (D(2030, 2, 14), None, None, False, None),  # 15 days left: nothing yet
        (D(2030, 2, 15), None, None, False, "before"),  # 14 days left
        (D(2030, 2, 17), None, None, False, "before"),  # the 14-day sweep was missed: caught up
        (D(2030, 2, 17), None, D(2030, 2, 15), False, None),
        (D(2030, 2, 22), None, D(2030, 2, 15), False, "before"),  # 7 days left
        (D(2030, 2, 28), None, D(2030, 2, 22), False, "before"),  # 1 day left
        (D(2030, 2, 28), None, D(2030, 2, 28), False, None),
        (D(2030, 3, 1), None, D(2030, 2, 28), False, "on_day"),
        (D(2030, 3, 2), None, D(2030, 2, 28), False, "overdue"),
        (D(2030, 3, 2), None, None, True, None),  # one was claimed in the previous six days
        (D(2030, 2, 24), D(2030, 2, 23), None, False, None),  # the 7-day mark passed before sending
        (D(2030, 2, 28), D(2030, 2, 23), None, False, "before"),
    ],
)
def test_which_reminder_is_due(today, sent_on, last_before_day, reminded_recently, expected):
    kind = reminders.due_reminder(D(2030, 3, 1), sent_on, today, last_before_day, reminded_recently, [14, 7, 1])
    assert kind == expected


def test_secretaries_are_reminded_before_the_deadline_in_swedish(sweep):
    recipient = open_case(D(2030, 3, 1))
    audit = recipient.audit
    sweep(D(2030, 2, 22))
    [message] = mail.outbox
    assert message.to == [secretary_address(recipient)]
    assert message.cc == []
    assert message.subject == f"Påminnelse: {recipient.committee} – {audit.title}"
    assert "senast 2030-03-01, om 7 dagar" in message.body
    assert recipient.committee.name in message.body
    assert f"http://127.0.0.1:8000/audits/{audit.pk}/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="sv">' in html
    assert f'href="http://127.0.0.1:8000/audits/{audit.pk}/"' in html
    reminder = Reminder.objects.get()
    assert (reminder.kind, reminder.day, reminder.deadline) == (Reminder.Kind.BEFORE, D(2030, 2, 22), D(2030, 3, 1))
    assert reminder.sent_at is not None and reminder.attempts == 1


def test_reminder_links_to_the_answer_when_a_draft_exists(sweep):
    recipient = open_case(D(2030, 3, 1))
    draft = make_response(recipient)
    sweep(D(2030, 3, 1))
    [message] = mail.outbox
    assert f"http://127.0.0.1:8000/responses/{draft.pk}/" in message.body
    assert "I dag, 2030-03-01, är sista dagen" in message.body


def test_second_sweep_the_same_day_sends_nothing(sweep):
    open_case(D(2030, 3, 1))
    open_case(D(2030, 3, 8))
    assert len(sweep(D(2030, 2, 22))) == 2
    assert len(mail.outbox) == 2
    assert sweep(D(2030, 2, 22)) == []
    assert len(mail.outbox) == 2
    assert Reminder.objects.count() == 2


def test_every_reminder_of_a_case_from_sending_to_weeks_overdue(sweep):
    recipient = open_case(D(2030, 3, 1))
    address = secretary_address(recipient)
    revisor = User.objects.get(role=User.Role.REVISOR).email
    sent_on = []
    day = D(2030, 2, 1)
    while day <= D(2030, 3, 23):
        before = len(mail.outbox)
        sweep(day)
        if len(mail.outbox) > before:
            sent_on.append(day)
        day += datetime.timedelta(days=1)
    assert sent_on == [
        D(2030, 2, 15), D(2030, 2, 22), D(2030, 2, 28), D(2030, 3, 1),
        D(2030, 3, 2), D(2030, 3, 9), D(2030, 3, 16), D(2030, 3, 23),
    ]
    overdue = [m for m in mails_to(address) if m.subject.startswith("Försenat yttrande")]
    assert len(overdue) == 4
    assert all(m.cc == [revisor] for m in overdue)
    assert "Svaret är 1 dag försenat" in overdue[0].body
    assert "Svaret är 22 dagar försenat" in overdue[-1].body


def test_overdue_reminder_follows_a_week_after_the_last_even_when_sweeps_were_missed(sweep):
    open_case(D(2030, 3, 1))
    sweep(D(2030, 3, 2))
    sweep(D(2030, 3, 8))
    assert len(mail.outbox) == 1
    sweep(D(2030, 3, 12))  # no sweep ran on the 9th, 10th or 11th
    assert len(mail.outbox) == 2
    sweep(D(2030, 3, 18))
    assert len(mail.outbox) == 2
    sweep(D(2030, 3, 19))
    assert len(mail.outbox) == 3


def test_submitted_answer_stops_the_reminders(sweep):
    recipient = open_case(D(2030, 3, 1))
    sweep(D(2030, 2, 15))
    assert len(mail.outbox) == 1
    make_response(
        recipient,
        status=Response.Status.INSKICKAD,
        submitted_at=timezone.now(),
        meeting_date=D(2030, 2, 20),
        paragraf="§ 12",
    )
    for day in [D(2030, 2, 22), D(2030, 3, 1), D(2030, 3, 2), D(2030, 3, 20)]:
        assert sweep(day) == []
    assert len(mail.outbox) == 1


def test_answer_submitted_between_claim_and_send_is_not_reminded(sweep, django_capture_on_commit_callbacks):
    recipient = open_case(D(2030, 3, 1))
    with django_capture_on_commit_callbacks(execute=False):
        [claimed] = reminders.sweep(D(2030, 2, 22))
    make_response(
        recipient, status=Response.Status.INSKICKAD, submitted_at=timezone.now(),
        meeting_date=D(2030, 2, 21), paragraf="§ 3",
    )
    assert reminders.deliver(claimed) is False
    assert mail.outbox == []
    assert not Reminder.objects.exists()


def test_extended_deadline_is_respected(sweep):
    recipient = open_case(D(2030, 3, 1))
    recipient.extended_deadline = D(2030, 3, 10)
    recipient.extension_reason = "Nämnden sammanträder först 2030-03-09."
    recipient.save()
    address = secretary_address(recipient)
    sweep(D(2030, 2, 22))  # 7 days before the original deadline, 16 before the extended one
    sweep(D(2030, 3, 1))
    sweep(D(2030, 3, 2))
    assert [m.subject.split(":")[0] for m in mails_to(address)] == ["Påminnelse"]
    assert Reminder.objects.get().deadline == D(2030, 3, 10)
    assert "senast 2030-03-10, om 9 dagar" in mail.outbox[0].body
    assert "Svarstiden har förlängts från 2030-03-01" in mail.outbox[0].body
    sweep(D(2030, 3, 10))
    sweep(D(2030, 3, 11))
    assert [r.kind for r in Reminder.objects.order_by("day")] == ["before", "on_day", "overdue"]


def test_reminder_claimed_before_an_extension_is_dropped_not_sent(sweep, django_capture_on_commit_callbacks):
    recipient = open_case(D(2030, 3, 1))
    with django_capture_on_commit_callbacks(execute=False):
        [claimed] = reminders.sweep(D(2030, 2, 28))
    recipient.extended_deadline = D(2030, 3, 20)
    recipient.extension_reason = "Sammanträdet flyttat."
    recipient.save()
    assert reminders.deliver(claimed) is False
    assert mail.outbox == []
    assert not Reminder.objects.filter(pk=claimed).exists()


def test_claimed_but_unsent_reminder_is_sent_by_the_next_sweep(sweep):
    """A worker that died after the sweep committed its claims loses nothing."""
    recipient = open_case(D(2030, 3, 1))
    Reminder.objects.create(recipient=recipient, kind=Reminder.Kind.BEFORE, day=D(2030, 2, 22), deadline=D(2030, 3, 1))
    assert len(sweep(D(2030, 2, 23))) == 1
    assert len(mail.outbox) == 1
    assert Reminder.objects.get().sent_at is not None
    assert sweep(D(2030, 2, 23)) == []


def test_reminder_without_any_address_is_kept_for_a_later_attempt(sweep):
    recipient = open_case(D(2030, 3, 1))
    User.objects.update(email="")
    sweep(D(2030, 2, 22))
    reminder = Reminder.objects.get()
    assert reminder.sent_at is None
    assert "Ingen sekreterare" in reminder.last_error
    User.objects.filter(committees=recipient.committee).update(email="sekr@kommun.example")
    sweep(D(2030, 2, 23))
    assert [m.to for m in mail.outbox] == [["sekr@kommun.example"]]


def test_cases_not_sent_or_without_deadline_get_no_reminders(sweep):
    recipient = open_case(D(2030, 3, 1))
    Audit.objects.filter(pk=recipient.audit_id).update(status=Audit.Status.PAGAENDE, sent_at=None)
    open_case(None)
    for day in [D(2030, 2, 15), D(2030, 3, 1), D(2030, 3, 2)]:
        assert sweep(day) == []


def test_reminder_days_come_from_settings(sweep, settings):
    settings.REMINDER_DAYS_BEFORE = [3]
    open_case(D(2030, 3, 1))
    for day in [D(2030, 2, 15), D(2030, 2, 22), D(2030, 2, 25)]:
        assert sweep(day) == []
    assert len(sweep(D(2030, 2, 26))) == 1


def test_sweep_queries_do_not_grow_with_the_number_of_cases(django_capture_on_commit_callbacks):
    def count_queries(cases):
        municipality = make_municipality()
        for _ in range(cases):
            open_case(D(2030, 3, 1), municipality)
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks() as queued:
            reminders.sweep(D(2030, 2, 22))
        Reminder.objects.all().delete()
        Audit.objects.filter(municipality=municipality).update(status=Audit.Status.PAGAENDE, sent_at=None)
        return len(queries), len(queued)

    few, many = count_queries(5), count_queries(50)
    assert few[1] == 5 and many[1] == 50
    assert few[0] == many[0] <= 8


@pytest.mark.parametrize("day", [D(2026, 3, 29), D(2026, 10, 25)])
def test_sweep_on_daylight_saving_days(sweep, day):
    tomorrow = day + datetime.timedelta(days=1)
    due_tomorrow = open_case(tomorrow, sent_at=datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC))
    due_today = open_case(day, sent_at=datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC))
    overdue = open_case(day - datetime.timedelta(days=1), sent_at=datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC))
    sweep(day)
    sweep(day)
    kinds = {r.recipient_id: (r.kind, r.day) for r in Reminder.objects.all()}
    assert kinds == {
        due_tomorrow.pk: ("before", day),
        due_today.pk: ("on_day", day),
        overdue.pk: ("overdue", day),
    }
    assert len(mail.outbox) == 3


@pytest.mark.parametrize(
    "instant, day",
    [
        (datetime.datetime(2026, 3, 28, 23, 30, tzinfo=datetime.UTC), D(2026, 3, 29)),  # 00:30 CET
        (datetime.datetime(2026, 3, 29, 21, 59, tzinfo=datetime.UTC), D(2026, 3, 29)),  # 23:59 CEST
        (datetime.datetime(2026, 3, 29, 22, 0, tzinfo=datetime.UTC), D(2026, 3, 30)),
        (datetime.datetime(2026, 10, 24, 22, 30, tzinfo=datetime.UTC), D(2026, 10, 25)),  # 00:30 CEST
        (datetime.datetime(2026, 10, 25, 22, 59, tzinfo=datetime.UTC), D(2026, 10, 25)),  # 23:59 CET
        (datetime.datetime(2026, 10, 25, 23, 0, tzinfo=datetime.UTC), D(2026, 10, 26)),
    ],
)
def test_reminder_day_is_the_stockholm_date(instant, day):
    assert reminders.local_today(instant) == day


def test_threshold_passed_before_sending_in_local_time(sweep):
    """Sent 00:30 Stockholm time on the DST day (still the 28th in UTC): the 7-day mark on the
    28th had passed when the case was sent."""
    open_case(D(2026, 4, 4), sent_at=datetime.datetime(2026, 3, 28, 23, 30, tzinfo=datetime.UTC))
    assert sweep(D(2026, 3, 29)) == []
    assert len(sweep(D(2026, 4, 3))) == 1


def test_smtp_failure_in_embedded_mode_is_sent_by_the_next_sweep_exactly_once(
    eager_celery, smtp_server, django_capture_on_commit_callbacks
):
    first, second = open_case(D(2030, 3, 1)), open_case(D(2030, 3, 1))
    smtp_server.refuse_next(1)
    with django_capture_on_commit_callbacks(execute=True):
        reminders.sweep(D(2030, 2, 22))
    assert smtp_server.refused == 1
    assert len(smtp_server.messages) == 1
    failed = Reminder.objects.get(sent_at__isnull=True)
    assert "451" in failed.last_error
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.sweep(D(2030, 2, 22)) == [failed.pk]
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(
        [secretary_address(first), secretary_address(second)]
    )
    assert sorted(Reminder.objects.values_list("attempts", flat=True)) == [1, 2]
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.sweep(D(2030, 2, 22)) == []
    assert len(smtp_server.messages) == 2


def test_command_reports_unsent_reminders(eager_celery, transactional_db, smtp_server):
    open_case(D(2030, 1, 14))
    smtp_server.refuse_next(1)
    output = StringIO()
    call_command("send_reminders", "--today", "2030-01-07", stdout=output)
    assert "ej skickad: Påminnelse före svarsdagen" in output.getvalue()
    assert "1 ej skickade (försöks igen vid nästa genomgång)" in output.getvalue()
    output = StringIO()
    call_command("send_reminders", "--today", "2030-01-07", stdout=output)
    assert "1 skickade, 0 köade för utskick." in output.getvalue()
    assert len(smtp_server.messages) == 1


def test_command_reports_what_it_sent_in_swedish(eager_celery, transactional_db):
    recipient = open_case(D(2030, 1, 14))
    output = StringIO()
    call_command("send_reminders", "--today", "2030-01-07", stdout=output)
    text = output.getvalue()
    assert "Påminnelser för 2030-01-07:" in text
    assert f"skickad: Påminnelse före svarsdagen – {recipient.committee}" in text
    assert "svara senast 2030-01-14, 7 dagar kvar" in text
    assert "1 skickade, 0 köade för utskick." in text
    assert len(mail.outbox) == 1
    output = StringIO()
    call_command("send_reminders", "--today", "2030-01-07", stdout=output)
    assert output.getvalue() == "Inga påminnelser att skicka för 2030-01-07.\n"
    assert len(mail.outbox) == 1


def test_command_rejects_a_bad_date():
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM-DD"):
        call_command("send_reminders", "--today", "7 januari")


@pytest.mark.broker
def test_sweep_with_a_real_worker_and_redis(celery_worker, smtp_server, wait_for):
    cases = [open_case(D(2030, 3, 1)) for _ in range(3)]
    smtp_server.refuse_next(1)
    queued = reminders.sweep(D(2030, 2, 22))
    assert len(queued) == 3
    wait_for(lambda: not Reminder.objects.filter(sent_at__isnull=True).exists(), message="alla påminnelser skickade")
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(secretary_address(c) for c in cases)
    assert smtp_server.refused == 1
    assert reminders.sweep(D(2030, 2, 22)) == []


@pytest.mark.broker
def test_beat_task_sweeps_today_through_the_worker(celery_worker, wait_for):
    from responses.tasks import sweep_reminders

    today = reminders.local_today()
    recipient = open_case(today)
    sweep_reminders.delay()
    wait_for(lambda: Reminder.objects.filter(recipient=recipient, sent_at__isnull=False).exists())
    assert [m.to for m in mail.outbox] == [[secretary_address(recipient)]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite låser hela databasen; samtidigheten prövas på PostgreSQL")
def test_two_sweeps_at_once_send_each_reminder_once(eager_celery, transactional_db):
    cases = [open_case(D(2030, 3, 1)) for _ in range(10)]
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait(timeout=10)
            reminders.sweep(D(2030, 2, 22))
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted(secretary_address(c) for c in cases)
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 10


def test_beat_schedule_entries_name_real_tasks_and_expire(settings):
    from revisionsspar.celery import app

    app.loader.import_default_modules()
    assert settings.CELERY_BEAT_SCHEDULE
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks
        assert 0 < entry["options"]["expires"] <= 24 * 60 * 60
    sweep_entry = settings.CELERY_BEAT_SCHEDULE["send-deadline-reminders"]
    assert sweep_entry["task"] == "responses.tasks.sweep_reminders"
    assert sweep_entry["schedule"].hour == {settings.REMINDER_HOUR}


def test_reminder_hour_and_days_come_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.REMINDER_HOUR, s.REMINDER_DAYS_BEFORE, "
        "sorted(s.CELERY_BEAT_SCHEDULE['send-deadline-reminders']['schedule'].hour))"
    )
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "revisionsspar.settings",
        "SECRET_KEY": "k",
        "REMINDER_HOUR": "6",
        "REMINDER_DAYS_BEFORE": "10,3",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=django_settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "6 [10, 3] [6]"


@pytest.mark.parametrize("first_day", [D(2026, 3, 27), D(2026, 10, 23)])
def test_beat_runs_the_sweep_once_a_day_at_the_hour_across_daylight_saving(settings, first_day):
    """Simulate beat in ten-minute steps over four days around the change of clocks."""
    schedule = copy.copy(settings.CELERY_BEAT_SCHEDULE["send-deadline-reminders"]["schedule"])
    clock = [datetime.datetime.combine(first_day, datetime.time(0, 0), tzinfo=STOCKHOLM)]
    schedule.nowfun = lambda: clock[0]
    last_run = clock[0]
    end = clock[0] + datetime.timedelta(days=4)
    runs = []
    while clock[0] < end:
        if schedule.is_due(last_run).is_due:
            runs.append(clock[0].astimezone(STOCKHOLM))
            last_run = clock[0]
        clock[0] += datetime.timedelta(minutes=10)
    days = [first_day + datetime.timedelta(days=n) for n in range(4)]
    assert [(run.date(), run.hour, run.minute) for run in runs] == [(day, settings.REMINDER_HOUR, 0) for day in days]


def test_demo_reminders_for_the_open_cases_once(transactional_db, demo, eager_celery):
    output = StringIO()
    call_command("send_reminders", "--today", "2030-01-07", stdout=output)
    text = output.getvalue()
    assert "skickad: Påminnelse om försenat svar – Kommunstyrelsen (Burlöv): Granskning av digitaliseringsarbete – svara senast 2021-09-30" in text
    assert "skickad: Påminnelse om försenat svar – Kommunstyrelsen (Haninge): Granskning av digitalisering – svara senast 2020-03-31" in text
    assert "Eskilstuna" not in text
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address["sekr.burlov.ks@example.se"].cc == ["revisor.burlov@example.se"]
    assert by_address["sekr.haninge.ks@example.se"].cc == ["revisor.haninge@example.se"]
    assert "sekr.huddinge.kfn@example.se" not in by_address  # Huddinge KFN has answered
    assert not any("eskilstuna" in address for address in by_address)
    assert len(mail.outbox) == text.count("skickad:") == Reminder.objects.filter(sent_at__isnull=False).count()

    output = StringIO()
    call_command("send_reminders", "--today", "2030-01-07", stdout=output)
    assert output.getvalue() == "Inga påminnelser att skicka för 2030-01-07.\n"
    assert len(mail.outbox) == text.count("skickad:")
