"""Fault suite: hostile input, a frozen Redis and SMTP server, concurrent saves on SQLite and a
login lockout behind a proxy, against real processes (gunicorn, a Celery worker, a
redis-server and an SMTP server of its own, each on a free loopback port).

Prints one figure a line as `name: value` and exits non-zero when a figure misses its target.
Uses DATABASE_URL's PostgreSQL server (a fresh database named after it with `_faults`) or,
without it, a fresh SQLite file: the embedded default.
"""

import argparse
import itertools
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlparse

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
WORK = Path(tempfile.mkdtemp(prefix="revisionsspar-faults-"))

HOSTILE_INPUTS = 2000
CONCURRENT_SAVES = 20
FROZEN_SMTP_MAILS = 4
# A page, or /healthz, answers within this many seconds while Redis or SMTP is frozen.
ANSWER_LIMIT_S = 1.0

HOSTILE_VALUES = [
    "\x00",
    "före\x00efter",
    "%00",
    "\udcff\udcfe",
    "%ff%fe",
    "%c3%28",
    "<script>alert(1)</script>",
    "A" * 10_000,
    "../../../../etc/passwd",
    "' OR 1=1 --",
    "-1",
    "99999999999999999999999999",
    "1e309",
    "\u202egnirts",
    "%",
    "\r\nSet-Cookie: x=1",
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"port {port} svarar inte")


def base_environment(database_url):
    inherited = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "CACHE_URL")}
    return {
        **inherited,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(40),
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": database_url,
        "PRIVATE_STORAGE_ROOT": str(WORK / "private"),
        "EMAIL_URL": f"filemail://{WORK / 'mail'}",
        # One proxy in front, as behind the municipality's TLS proxy.
        "TRUSTED_PROXY_COUNT": "1",
        "LOG_LEVEL": "CRITICAL",
        "LOG_REQUESTS": "0",
        "CONN_MAX_AGE": "0",
    }


def fresh_database():
    """A new, empty database on DATABASE_URL's server, or a new SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{WORK / 'db.sqlite3'}"
    import psycopg

    parsed = urlparse(url)
    name = f"{parsed.path.lstrip('/')}_faults"
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return parsed._replace(path=f"/{name}").geturl()


def setup_django(environment):
    os.environ.update(environment)
    os.environ["DJANGO_SETTINGS_MODULE"] = "revisionsspar.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import logging

    logging.disable(logging.CRITICAL)
    from django.core.management import call_command

    from demo.loader import load_demo

    call_command("migrate", verbosity=0)
    # A throw-away database of the suite's own: the demo users keep their password.
    load_demo()


def logged_in(username):
    from django.test import Client

    from committees.models import User

    client = Client(raise_request_exception=False, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.20")
    if username != "anonymous":
        client.force_login(User.objects.get(username=username))
    return client


# --- 2,000 hostile inputs over every URL -------------------------------------------------


def every_url():
    """(name, path, path parameters' values) of every URL pattern, with demo objects."""
    from django.urls import reverse

    from tests.security import demo_targets, url_patterns
    from tests.test_url_walk import EXPECTED

    targets = demo_targets()
    for name, parameters in url_patterns():
        kwargs_of = EXPECTED[name][0]
        for slug in ("eskilstuna", "burlov") if parameters else ("eskilstuna",):
            try:
                kwargs = kwargs_of(targets[slug]) if parameters else {}
                yield name, reverse(name, kwargs=kwargs), kwargs
            except AttributeError:
                continue


def hostile_requests(urls):
    """Endless (method, path, extra, body) with one hostile value in one place of a request."""
    places = ["query", "path", "cookie", "header", "form"]
    headers = ["HTTP_X_FORWARDED_FOR", "HTTP_USER_AGENT", "HTTP_ACCEPT_LANGUAGE", "HTTP_HX_REQUEST", "HTTP_REFERER"]
    parameters = ["q", "page", "sort", "year", "_export", "per_page", "status", "committee"]
    combinations = itertools.product(HOSTILE_VALUES, places)
    for (name, path, kwargs), (value, place) in zip(itertools.cycle(urls), itertools.cycle(combinations)):
        quoted = quote(value.encode("utf-8", "surrogateescape"), safe="%")
        # A WSGI server hands header bytes on as latin-1 text.
        raw = value.encode("utf-8", "surrogateescape").decode("latin-1")
        if place == "query":
            yield "get", f"{path}?{secrets.choice(parameters)}={quoted}", {}, None
        elif place == "path" and kwargs:
            segment = str(next(iter(kwargs.values())))
            yield "get", path.replace(f"/{segment}", f"/{quoted}", 1), {}, None
        elif place == "cookie":
            yield "get", path, {"HTTP_COOKIE": f"sessionid={raw}; csrftoken={raw}"}, None
        elif place == "header":
            yield "get", path, {secrets.choice(headers): raw}, None
        else:
            yield "post", path, {}, f"title={quoted}&{quoted}=1&q={quoted}".encode()


def hostile_inputs(figures):
    clients = [logged_in(name) for name in ("anonymous", "revisor.burlov", "sekr.burlov.ks", "ks.eskilstuna", "admin")]
    urls = list(every_url())
    sent = server_errors = 0
    problems = []
    for (method, path, extra, body), client in zip(hostile_requests(urls), itertools.cycle(clients)):
        if sent >= HOSTILE_INPUTS:
            break
        if method == "post":
            response = client.generic("POST", path, body, content_type="application/x-www-form-urlencoded", **extra)
        else:
            response = client.get(path, **extra)
        sent += 1
        if response.status_code >= 500:
            server_errors += 1
            problems.append(f"{method.upper()} {path[:120]!r} {list(extra)}: {response.status_code}")
    figures["hostile_inputs"] = sent
    figures["hostile_urls"] = len(urls)
    figures["hostile_5xx"] = server_errors
    for problem in problems[:10]:
        print(f"  5xx: {problem}", file=sys.stderr)


# --- Lockout from two addresses behind one proxy ---------------------------------------


def lockout(figures):
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    # The attacker even writes the victim's address into the header himself.
    attacker = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9")
    victim = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    for _ in range(settings.AXES_FAILURE_LIMIT * 3):
        attacker.post(reverse("login"), {"username": "sekr.burlov.ks", "password": "fel"})
    right = {"username": "sekr.burlov.ks", "password": "demo"}
    figures["attacker_locked"] = int(attacker.post(reverse("login"), right).status_code == 429)
    figures["innocent_locked_out"] = int(victim.post(reverse("login"), right).status_code != 302)


# --- Concurrent saves on the SQLite default ----------------------------------------------


def concurrent_saves(figures):
    """Twenty revisors save twenty audits at once, each request reading before it writes."""
    from django.db import connection
    from django.urls import reverse

    from audits.models import Audit
    from tests.test_hostile_input import baseline, post_forms

    if connection.vendor != "sqlite":
        return
    clients = [logged_in("revisor.burlov") for _ in range(CONCURRENT_SAVES)]
    [form] = post_forms(clients[0], reverse("audits:create"))
    new = {**baseline(form), "kind": "granskning", "status": "planerad"}
    edits = []
    for index, client in enumerate(clients):
        client.post(reverse("audits:create"), {**new, "title": f"Samtidig granskning {index}"})
        audit = Audit.objects.get(title=f"Samtidig granskning {index}")
        [form] = post_forms(client, reverse("audits:edit", args=[audit.pk]))
        edits.append((audit.pk, {**new, **baseline(form), "title": f"Sparad samtidigt {index}"}))
    connection.close()
    start = threading.Barrier(CONCURRENT_SAVES)
    errors = []

    def save(client, pk, data):
        from django.db import connection as own_connection

        start.wait()
        try:
            response = client.post(reverse("audits:edit", args=[pk]), data)
            if response.status_code != 302:
                errors.append(response.status_code)
        except Exception as error:
            errors.append(repr(error))
        finally:
            own_connection.close()

    threads = [threading.Thread(target=save, args=(client, *edit)) for client, edit in zip(clients, edits)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = Audit.objects.filter(title__startswith="Sparad samtidigt").count()
    for error in errors[:3]:
        print(f"  sqlite: {error}", file=sys.stderr)
    figures["sqlite_concurrent_saves"] = CONCURRENT_SAVES
    figures["sqlite_concurrent_errors"] = max(len(errors), CONCURRENT_SAVES - saved)


# --- A frozen Redis: the web answers, /readyz names it -----------------------------------


class Process:
    """A child process of the suite, frozen, thawed and ended by its own id."""

    def __init__(self, arguments, environment=None, log=None):
        self.log = open(WORK / log, "w") if log else subprocess.DEVNULL
        self.process = subprocess.Popen(
            arguments, cwd=ROOT, env=environment, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def freeze(self):
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        if self.process.poll() is None:
            self.thaw()
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_redis():
    port = free_port()
    server = Process(
        [shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    )
    wait_for_port(port)
    return server, f"redis://127.0.0.1:{port}"


def timed_get(url, cookie="", headers=None):
    request = urllib.request.Request(url, headers={"Cookie": cookie, **(headers or {})})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    return status, time.monotonic() - started, body


def frozen_redis(figures, environment, processes):
    from django.conf import settings

    redis, redis_url = start_redis()
    processes.append(redis)
    port = free_port()
    web_environment = {**environment, "REDIS_URL": f"{redis_url}/0", "CACHE_URL": f"{redis_url}/1"}
    web = Process(
        [str(Path(PYTHON).parent / "gunicorn"), "revisionsspar.wsgi:application", f"--bind=127.0.0.1:{port}",
         "--workers=2", "--threads=4", "--timeout=30"],
        web_environment,
        log="gunicorn.log",
    )
    processes.append(web)
    wait_for_port(port, 60)
    client = logged_in("revisor.burlov")
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    base = f"http://127.0.0.1:{port}"
    pages = ["/healthz", "/ping", "/audits/", "/recommendations/", "/responses/", "/"]
    for page in pages:  # warm: templates compiled, connections open
        timed_get(base + page, cookie)
    redis.freeze()
    slowest, problems = 0.0, []
    try:
        for _ in range(3):
            for page in pages:
                status, seconds, _ = timed_get(base + page, cookie)
                slowest = max(slowest, seconds)
                print(f"  frozen redis: {page} {status} {seconds:.3f}s", file=sys.stderr)
                if status >= 500:
                    problems.append(f"{page}: {status}")
        status, seconds, body = timed_get(base + "/readyz")
        figures["readyz_names_frozen_redis"] = int(status == 503 and b'"broker"' in body and seconds < 2 * ANSWER_LIMIT_S)
    finally:
        redis.thaw()
    figures["frozen_redis_5xx"] = len(problems)
    return slowest


# --- A frozen SMTP server: the worker gives up within its limit --------------------------


def frozen_smtp(figures, environment, processes):
    from django.db import connection

    from responses.models import Response

    redis, redis_url = start_redis()
    processes.append(redis)
    smtp_port = free_port()
    smtp = Process([PYTHON, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{smtp_port}", "-c", "aiosmtpd.handlers.Sink"])
    processes.append(smtp)
    wait_for_port(smtp_port)
    smtp.freeze()
    worker_environment = {
        **environment,
        "REDIS_URL": f"{redis_url}/0",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "EMAIL_TIMEOUT": "3",
        "LOG_LEVEL": "INFO",
    }
    worker = Process(
        [PYTHON, "-m", "celery", "-A", "revisionsspar", "worker", "--concurrency=2", "--loglevel=INFO",
         "--without-heartbeat", "--without-gossip", "--without-mingle"],
        worker_environment,
        log="worker.log",
    )
    processes.append(worker)
    from kombu import Connection

    from revisionsspar.celery import app

    submitted = list(Response.objects.filter(status="inskickad").values_list("pk", "version")[:FROZEN_SMTP_MAILS])
    connection.close()
    with Connection(f"{redis_url}/0") as broker:
        for response_id, version in submitted:
            app.send_task(
                "responses.tasks.send_submission_receipt", args=[response_id, version], connection=broker
            )
    # Each attempt must end (and be scheduled again) within twice the SMTP timeout.
    limit = 2 * int(worker_environment["EMAIL_TIMEOUT"]) + 15
    deadline = time.monotonic() + limit
    log = WORK / "worker.log"
    ended = 0
    while time.monotonic() < deadline:
        ended = log.read_text(errors="replace").count("retry: Retry in")
        if ended >= len(submitted):
            break
        time.sleep(0.5)
    smtp.thaw()
    figures["frozen_smtp_mails"] = len(submitted)
    figures["hung_past_limit"] = len(submitted) - min(ended, len(submitted))


TARGETS = {
    "hostile_5xx": 0,
    "innocent_locked_out": 0,
    "attacker_locked": 1,
    "sqlite_concurrent_errors": 0,
    "frozen_redis_5xx": 0,
    "readyz_names_frozen_redis": 1,
    "hung_past_limit": 0,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.parse_args()
    started = time.monotonic()
    database_url = fresh_database()
    environment = base_environment(database_url)
    setup_django(environment)
    figures, processes = {}, []
    try:
        hostile_inputs(figures)
        lockout(figures)
        concurrent_saves(figures)
        figures["slowest_answer_s"] = round(frozen_redis(figures, environment, processes), 3)
        frozen_smtp(figures, environment, processes)
    finally:
        for process in reversed(processes):
            process.stop()
    if "sqlite_concurrent_errors" not in figures:
        # The concurrent saves are a property of the embedded default: run them on SQLite.
        result = subprocess.run(
            [PYTHON, __file__], cwd=ROOT, env={**os.environ, "DATABASE_URL": "", "FAULTS_ONLY_SQLITE": "1"},
            capture_output=True, text=True, timeout=600,
        )
        for line in result.stdout.splitlines():
            name, _, value = line.partition(": ")
            if name.startswith("sqlite_"):
                figures[name] = int(value)
    missed = [name for name, target in TARGETS.items() if figures.get(name) != target]
    if figures.get("slowest_answer_s", ANSWER_LIMIT_S) >= ANSWER_LIMIT_S:
        missed.append("slowest_answer_s")
    for name in ("lost", "doubled", "silently_lost"):
        figures[name] = "not measured (mail outbox not built yet)"
    for name, value in figures.items():
        print(f"{name}: {value}")
    print(f"run_time_s: {time.monotonic() - started:.0f}")
    if missed:
        print(f"missed: {', '.join(missed)}")
    shutil.rmtree(WORK, ignore_errors=True)
    return 1 if missed else 0


def main_sqlite_only():
    environment = base_environment(f"sqlite:///{WORK / 'db.sqlite3'}")
    setup_django(environment)
    figures = {}
    concurrent_saves(figures)
    for name, value in figures.items():
        print(f"{name}: {value}")
    shutil.rmtree(WORK, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main_sqlite_only() if os.environ.get("FAULTS_ONLY_SQLITE") else main())
