"""Hostile input to every form and query parameter: never a 500, refused input writes
nothing and is answered with a message, and nothing is reflected unescaped."""

from html.parser import HTMLParser
from urllib.parse import quote_from_bytes, urlencode

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from responses.services import decide_extension

from .security import count, demo_targets, fingerprint

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
HOSTILE = [
    "A" * 20_000,
    SCRIPT,
    IMAGE,
    "2025-02-30",
    "2025-13-01",
    "31/12/2025",
    "-1",
    "99999999999999999999999999",
    "1e309",
    "abc",
    "före\x00efter",
    "' OR 1=1 --",
    "\u202egnirts",
    "",
]
UNSAFE = [SCRIPT, IMAGE]
# Markers of a form shown again with its errors.
ERROR_MARKERS = ("alert-danger", "invalid-feedback", "is-invalid", "errorlist")


class FormFields(HTMLParser):
    """The fields of a page's POST forms as the browser would send them (files left out)."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._textarea, self._select = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            self._form = {"action": attrs.get("action"), "data": {}, "buttons": {}}
            self.forms.append(self._form)
        if self._form is None or "name" not in attrs:
            return
        name = attrs["name"]
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind == "file":
                return
            if kind == "submit":
                self._form["buttons"].setdefault(name, attrs.get("value", ""))
            elif kind not in ("checkbox", "radio") or "checked" in attrs:
                self._form["data"].setdefault(name, attrs.get("value", ""))
            else:
                self._form["data"].setdefault(name, None)
        elif tag == "button" and attrs.get("type", "submit") == "submit":
            self._form["buttons"].setdefault(name, attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = name
            self._form["data"][name] = ""
        elif tag == "select":
            self._select = name
            self._form["data"].setdefault(name, None)
        elif tag == "option" and self._select and "selected" in attrs:
            self._form["data"][self._select] = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            self._form["data"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def post_forms(client, url):
    """The page's POST forms, one per distinct action, the logout button left out."""
    parser = FormFields()
    parser.feed(client.get(url).content.decode())
    forms = {}
    for form in parser.forms:
        action = form["action"] or url
        if action != reverse("logout"):
            forms.setdefault(action, form)
    return list(forms.values())


def baseline(form):
    return {name: value for name, value in form["data"].items() if value is not None and name != "csrfmiddlewaretoken"}


class Sweep:
    def __init__(self):
        self.tried = self.server_errors = self.refused_writes = self.silent = 0
        self.problems = []

    def send(self, client, method, url, data=None, body=None):
        """One request, rolled back afterwards so that every input meets the same data."""
        before = fingerprint()
        with transaction.atomic():
            try:
                if body is not None:
                    response = client.post(url, body, content_type="application/x-www-form-urlencoded")
                else:
                    response = getattr(client, method)(url, data)
            except Exception as error:  # the test client re-raises what would be a 500
                self.tried += 1
                self.server_errors += 1
                self.problems.append(f"{method.upper()} {url} {data}: {type(error).__name__}: {error}"[:600])
                transaction.set_rollback(True)
                return None
            refused = method == "post" and response.status_code != 302
            if refused and fingerprint() != before:
                self.refused_writes += 1
                self.problems.append(f"{url}: vägrat ({response.status_code}) men databasen ändrades")
            transaction.set_rollback(True)
        self.tried += 1
        self.judge(method, url, data, response, refused)
        return response

    def judge(self, method, url, data, response, refused):
        if response.status_code >= 500:
            self.server_errors += 1
            self.problems.append(f"{method.upper()} {url}: {response.status_code}")
        content = response.content.decode(errors="replace") if "html" in response.get("Content-Type", "") else ""
        for value in UNSAFE:
            if value in content:
                self.problems.append(f"{url}: {value!r} återges oskyddat")
        if refused and response.status_code in (200, 400, 409) and not any(m in content for m in ERROR_MARKERS):
            self.silent += 1

    def report(self, label):
        count(f"fientliga indata ({label})", self.tried)
        count("500-svar", self.server_errors)
        count("rader ändrade av vägrade anrop", self.refused_writes)
        count("vägrade svar utan felruta (fält som vyn inte läser)", self.silent)
        assert not self.problems, "\n".join(self.problems[:40])


def form_pages(targets):
    """(user, form page) for every form, as a user who may use it."""
    burlov, eskilstuna = targets["burlov"], targets["eskilstuna"]
    revisor = [
        reverse("audits:create"),
        reverse("audits:edit", args=[burlov.audit.pk]),
        reverse("audits:questions", args=[burlov.audit.pk]),
        reverse("audits:question_edit", args=[burlov.audit.pk, burlov.question.pk]),
        reverse("audits:recipients", args=[burlov.audit.pk]),
        reverse("audits:extension", args=[burlov.audit.pk, burlov.recipient.pk]),
        reverse("recommendations:create", args=[burlov.audit.pk]),
        reverse("recommendations:edit", args=[burlov.recommendation.pk]),
        reverse("recommendations:follow_up", args=[burlov.addressee.pk]),
        reverse("responses:decide_extension", args=[burlov.extension_request.pk]),
    ]
    yield from (("revisor.burlov", url) for url in revisor)
    yield "sekr.burlov.ks", reverse("responses:edit", args=[burlov.response.pk])
    yield "revisor.eskilstuna", reverse("responses:reopen", args=[eskilstuna.response.pk])
    # The publish button and the document renders on a sent case; the year's report; the calendar.
    yield "revisor.eskilstuna", reverse("audits:detail", args=[eskilstuna.audit.pk])
    yield "ks.eskilstuna", reverse("overview:annual_report", args=["eskilstuna", eskilstuna.audit.year])
    yield "revisor.eskilstuna", reverse("overview:calendar")
    # A new request for a later deadline can be made once the pending one is decided.
    decide_extension(burlov.extension_request, burlov.audit.municipality.users.get(role="revisor"), False, "Nej.")
    yield "sekr.burlov.ks", reverse("responses:request_extension", args=[burlov.response.pk])


def test_hostile_values_in_every_form_field(demo, user):
    targets = demo_targets()
    sweep = Sweep()
    for username, url in form_pages(targets):
        client = Client()
        client.force_login(user(username))
        forms = post_forms(client, url)
        assert forms, f"inget formulär på {url}"
        for form in forms:
            action = form["action"] or url
            buttons = list(form["buttons"].items())[:1] or [(None, None)]
            data = baseline(form)
            for button, value in buttons:
                if button:
                    data[button] = value
            for field in [name for name in data if name != "csrfmiddlewaretoken"]:
                missing = {name: value for name, value in data.items() if name != field}
                sweep.send(client, "post", action, missing)
                for hostile in HOSTILE:
                    sweep.send(client, "post", action, {**data, field: hostile})
                # Bytes that are not UTF-8, sent as they are.
                body = urlencode({name: value for name, value in data.items() if name != field})
                sweep.send(client, "post", action, body=f"{body}&{field}={quote_from_bytes(bytes([0xFF, 0xFE, 0xC3]))}")
    sweep.report("formulärfält")
    assert sweep.tried > 1000


def test_hostile_login(db):
    sweep = Sweep()
    client = Client()
    for field in ("username", "password"):
        for hostile in HOSTILE:
            data = {"username": "revisor.burlov", "password": "fel", field: hostile}
            response = sweep.send(client, "post", reverse("login"), data)
            assert response.status_code in (200, 400, 429)
    sweep.report("inloggning")


QUERY_PAGES = ["audits:list", "recommendations:list", "responses:list"]
QUERY_PARAMETERS = ["q", "year", "kind", "status", "consultant", "committee", "audit", "sort", "page", "_export", "per_page"]


def test_hostile_query_parameters(demo, user):
    targets = demo_targets()
    sweep = Sweep()
    client = Client()
    client.force_login(user("revisor.eskilstuna"))
    urls = [reverse(name) for name in QUERY_PAGES] + [reverse("documents:history", args=[targets["eskilstuna"].audit.pk])]
    for url in urls:
        for parameter in QUERY_PARAMETERS:
            for hostile in HOSTILE:
                response = sweep.send(client, "get", url, {parameter: hostile})
                assert response is None or response.status_code in (200, 400, 404), (url, parameter, hostile)
            sweep.send(client, "get", f"{url}?{parameter}=%FF%FE%00")
    sweep.report("frågeparametrar")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    parameter=st.sampled_from(QUERY_PARAMETERS),
    value=st.one_of(st.text(max_size=300), st.integers().map(str), st.dates().map(lambda d: d.strftime("%d/%m/%Y"))),
)
def test_generated_query_parameters(demo_client, parameter, value):
    sweep = Sweep()
    for name in QUERY_PAGES:
        sweep.send(demo_client, "get", reverse(name), {parameter: value})
    sweep.report("frågeparametrar, genererade")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=2000), date=st.one_of(st.text(max_size=20), st.dates().map(str)))
def test_generated_question_and_deadline(demo_client, hostile_targets, text, date):
    audit = hostile_targets["burlov"].audit
    sweep = Sweep()
    response = sweep.send(demo_client, "post", reverse("audits:question_add", args=[audit.pk]), {"text": text, "answer": "ja"})
    if "\x00" in text or not text.strip():
        assert response.status_code != 302
    sweep.send(demo_client, "post", reverse("audits:recipients", args=[audit.pk]), {"action": "all", "all-deadline": date})
    sweep.report("revisionsfråga och svarsdag, genererade")


@pytest.fixture
def demo_client(demo, user):
    client = Client()
    client.force_login(user("revisor.burlov"))
    return client


@pytest.fixture
def hostile_targets(demo):
    return demo_targets()
