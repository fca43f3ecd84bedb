"""Every URL pattern × every demo role (and the anonymous visitor), with objects of the own
and of another municipality and committee: the expected status for each, and no GET and no
refused POST writes a row."""

import pytest
from django.test import Client
from django.urls import reverse

from .conftest import verify_second_factor
from .security import ADMIN, changed_tables, count, demo_targets, fingerprint, personas, url_patterns

pytestmark = pytest.mark.django_db

LOGIN = "login"  # expected: a redirect to the login page
ALLOWED = "allowed"  # a POST that may change data: not part of the refused-request walk


def sees_case(persona, target):
    """Whether the persona reads the target's audit."""
    if persona.is_admin:
        return True
    if persona.municipality != target.municipality:
        return False
    if persona.role in ("revisor", "ks"):
        return True
    return target.audit.recipients.filter(committee__short_name=persona.committee).exists()


def sees_answer(persona, target):
    """Whether the persona reads the target's committee (KS) answer and its addressees."""
    if persona.role == "sekreterare":
        return sees_case(persona, target) and persona.committee == "KS"
    return sees_case(persona, target)


def writes_case(persona, target):
    return persona.is_admin or (persona.role == "revisor" and persona.municipality == target.municipality)


def writes_answer(persona, target):
    return persona.is_admin or (sees_answer(persona, target) and persona.role == "sekreterare")


def read(persona, target):
    return 200 if sees_case(persona, target) else 404


def write(persona, target, allowed=200):
    if not sees_case(persona, target):
        return 404
    return allowed if writes_case(persona, target) else 403


def case_overview(persona, target, allowed=200):
    """History and the report to fullmäktige: revisors and KS staff only."""
    if not sees_case(persona, target):
        return 404
    return allowed if persona.is_admin or persona.role in ("revisor", "ks") else 403


def recommendation_write(persona, target, allowed=200):
    if persona.role == "sekreterare":
        visible = sees_case(persona, target) and target.recommendation.addressees.filter(
            recipient__committee__short_name=persona.committee
        ).exists()
        return 403 if visible else 404
    return write(persona, target, allowed)


def answer_read(persona, target):
    return 200 if sees_answer(persona, target) else 404


def answer_edit(persona, target, draft_status=200):
    if not sees_answer(persona, target):
        return 404
    if not writes_answer(persona, target):
        return 403
    return draft_status if not target.response.is_submitted else 403


def answer_edit_post(persona, target):
    status = answer_edit(persona, target, draft_status=ALLOWED)
    # A post to a submitted answer shows the writer's input beside it: refused, nothing saved.
    return 409 if status == 403 and writes_answer(persona, target) else status


def reopen(persona, target, allowed=200):
    if not sees_answer(persona, target):
        return 404
    if not writes_case(persona, target):
        return 403
    return allowed if target.response.is_submitted else 302


def extension_decision(persona, target, allowed=200):
    if target.municipality != "burlov":
        return 404
    return write(persona, target, allowed)


def start_answer(persona, target):
    if not sees_answer(persona, target):
        return 404
    return ALLOWED if writes_answer(persona, target) else 403


def post_only(persona, target):
    return 405


def read_only(persona, target):
    return 405


def annual_report(persona, target, allowed=200):
    if persona.is_admin:
        return allowed
    if persona.municipality != target.municipality:
        return 404
    return allowed if persona.role in ("revisor", "ks") else 403


def published(persona, target):
    """The residents' pages show the published Eskilstuna case and nothing of Burlöv's."""
    return 200 if target.municipality == "eskilstuna" else 404


def everyone(status):
    return lambda persona, target: status


# url name -> (keyword arguments from a target, expected GET status, expected POST status)
EXPECTED = {
    "overview:dashboard": (None, everyone(200), everyone(405)),
    "overview:annual_reports": (
        None,
        lambda p, t: 404 if p.is_admin else 302 if p.role in ("revisor", "ks") else 403,
        everyone(405),
    ),
    "overview:annual_report": (lambda t: {"slug": t.municipality, "year": t.audit.year}, annual_report, read_only),
    "overview:annual_report_render": (
        lambda t: {"slug": t.municipality, "year": t.audit.year},
        post_only,
        lambda p, t: annual_report(p, t, ALLOWED),
    ),
    # Not rendered yet: the report's page, which tells its state.
    "overview:annual_report_pdf": (
        lambda t: {"slug": t.municipality, "year": t.audit.year},
        lambda p, t: annual_report(p, t, 302),
        read_only,
    ),
    "overview:annual_report_xlsx": (lambda t: {"slug": t.municipality, "year": t.audit.year}, annual_report, read_only),
    "overview:calendar": (None, everyone(200), everyone(ALLOWED)),
    "overview:calendar_feed": (lambda t: {"token": "okand-adress"}, everyone(404), everyone(405)),
    "public:municipality": (lambda t: {"slug": t.municipality}, everyone(200), everyone(405)),
    "public:case": (lambda t: {"slug": t.municipality, "pk": t.audit.pk}, published, everyone(405)),
    "public:report": (
        lambda t: {"slug": t.municipality, "pk": t.audit.pk},
        lambda p, t: published(p, t) if t.audit.report_file else 404,
        everyone(405),
    ),
    # The worker has not rendered the missiv in the walk.
    "public:missiv": (lambda t: {"slug": t.municipality, "pk": t.audit.pk}, everyone(404), everyone(405)),
    "public:attachment": (
        lambda t: {"slug": t.municipality, "pk": t.audit.pk, "attachment_pk": t.attachment.pk},
        everyone(404),
        everyone(405),
    ),
    "healthz": (None, everyone(200), everyone(405)),
    "readyz": (None, everyone(200), everyone(405)),
    "ping": (None, everyone(200), everyone(405)),
    "login": (None, everyone(200), everyone(200)),
    "logout": (None, everyone(405), everyone(ALLOWED)),
    "audits:list": (None, everyone(200), everyone(405)),
    "audits:create": (
        None,
        lambda p, t: 200 if p.role == "revisor" else 403,
        lambda p, t: ALLOWED if p.role == "revisor" else 403,
    ),
    "audits:detail": (lambda t: {"pk": t.audit.pk}, read, read_only),
    "audits:publish": (lambda t: {"pk": t.audit.pk}, post_only, lambda p, t: write(p, t, ALLOWED)),
    "audits:edit": (lambda t: {"pk": t.audit.pk}, write, lambda p, t: write(p, t, ALLOWED)),
    "audits:report": (
        lambda t: {"pk": t.audit.pk},
        lambda p, t: read(p, t) if t.audit.report_file else 404,
        read_only,
    ),
    "audits:questions": (lambda t: {"pk": t.audit.pk}, write, read_only),
    "audits:question_add": (lambda t: {"pk": t.audit.pk}, post_only, lambda p, t: write(p, t, ALLOWED)),
    "audits:question_edit": (
        lambda t: {"pk": t.audit.pk, "question_pk": t.question.pk},
        write,
        lambda p, t: write(p, t, ALLOWED),
    ),
    "audits:question_move": (
        lambda t: {"pk": t.audit.pk, "question_pk": t.question.pk},
        post_only,
        lambda p, t: write(p, t, ALLOWED),
    ),
    "audits:question_delete": (
        lambda t: {"pk": t.audit.pk, "question_pk": t.question.pk},
        post_only,
        lambda p, t: write(p, t, ALLOWED),
    ),
    "audits:recipients": (lambda t: {"pk": t.audit.pk}, write, lambda p, t: write(p, t, ALLOWED)),
    "audits:extension": (
        lambda t: {"pk": t.audit.pk, "recipient_pk": t.recipient.pk},
        write,
        lambda p, t: write(p, t, ALLOWED),
    ),
    "responses:send": (lambda t: {"pk": t.audit.pk}, write, lambda p, t: write(p, t, ALLOWED)),
    "documents:history": (lambda t: {"pk": t.audit.pk}, case_overview, read_only),
    "documents:missiv_pdf": (lambda t: {"pk": t.audit.pk}, read, read_only),
    "documents:council_report_pdf": (lambda t: {"pk": t.audit.pk}, case_overview, read_only),
    "documents:render_document": (
        lambda t: {"pk": t.audit.pk, "kind": "council_report"},
        post_only,
        lambda p, t: case_overview(p, t, ALLOWED),
    ),
    "recommendations:list": (None, everyone(200), everyone(405)),
    "recommendations:create": (lambda t: {"audit_pk": t.audit.pk}, write, lambda p, t: write(p, t, ALLOWED)),
    "recommendations:follow_up_matrix": (lambda t: {"audit_pk": t.audit.pk}, read, read_only),
    "recommendations:edit": (
        lambda t: {"pk": t.recommendation.pk},
        recommendation_write,
        lambda p, t: recommendation_write(p, t, ALLOWED),
    ),
    "recommendations:delete": (
        lambda t: {"pk": t.recommendation.pk},
        recommendation_write,
        lambda p, t: recommendation_write(p, t, ALLOWED),
    ),
    "recommendations:move": (
        lambda t: {"pk": t.recommendation.pk},
        post_only,
        lambda p, t: recommendation_write(p, t, ALLOWED),
    ),
    "recommendations:follow_up": (
        lambda t: {"addressee_pk": t.addressee.pk},
        answer_read,
        lambda p, t: answer_read(p, t) if answer_read(p, t) == 404 else write(p, t, ALLOWED),
    ),
    # An empty form: the page again with its errors, nothing created.
    "tokens:list": (None, everyone(200), everyone(400)),
    "tokens:revoke": (
        lambda t: {"pk": t.token.pk},
        read_only,
        lambda p, t: ALLOWED if p.username == t.token.user.username else 404,
    ),
    "responses:list": (None, everyone(200), everyone(405)),
    "responses:start": (lambda t: {"recipient_pk": t.recipient.pk}, post_only, start_answer),
    "responses:detail": (lambda t: {"pk": t.response.pk}, answer_read, read_only),
    "responses:edit": (lambda t: {"pk": t.response.pk}, answer_edit, answer_edit_post),
    "responses:reopen": (lambda t: {"pk": t.response.pk}, reopen, lambda p, t: reopen(p, t, ALLOWED)),
    "responses:request_extension": (
        lambda t: {"pk": t.response.pk},
        answer_edit,
        lambda p, t: answer_edit(p, t, draft_status=ALLOWED),
    ),
    "responses:attachment": (
        lambda t: {"pk": t.attachment.pk},
        answer_read,
        read_only,
    ),
    "responses:decide_extension": (
        lambda t: {"pk": t.extension_request.pk},
        extension_decision,
        lambda p, t: extension_decision(p, t, ALLOWED),
    ),
}
# Accounts: no demo municipality has an identity provider; the reset and invitation links
# are not valid ones, which their pages say.
ACCOUNT_LINK = lambda t: {"uidb64": "MQ", "token": "ogiltig-token"}  # noqa: E731
EXPECTED.update(
    {
        "twofactor_verify": (None, everyone(302), everyone(302)),
        "oidc_authentication_callback": (None, everyone(302), everyone(405)),
        "oidc_login": (lambda t: {"slug": t.municipality}, everyone(404), everyone(405)),
        "account": (None, everyone(200), everyone(405)),
        "twofactor_setup": (None, everyone(200), everyone(ALLOWED)),
        "twofactor_remove": (None, everyone(405), everyone(302)),
        "password_change": (None, everyone(200), everyone(200)),
        "password_change_done": (None, everyone(200), everyone(405)),
        "password_reset": (None, everyone(200), everyone(200)),
        "password_reset_done": (None, everyone(200), everyone(405)),
        "password_reset_confirm": (ACCOUNT_LINK, everyone(200), everyone(200)),
        "password_reset_complete": (None, everyone(200), everyone(405)),
        "invitation_accept": (ACCOUNT_LINK, everyone(200), everyone(200)),
    }
)

# Objects that only Burlöv's open case has; Eskilstuna's ids are those of Burlöv's objects.
BURLOV_ONLY = {"responses:attachment", "responses:decide_extension", "public:attachment"}
PUBLIC = {
    "healthz",
    "readyz",
    "ping",
    "login",
    "logout",
    "overview:calendar_feed",
    "oidc_authentication_callback",
    "oidc_login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "invitation_accept",
} | {
    name for name in EXPECTED if name.startswith("public:")
}


def test_every_url_pattern_has_an_expectation():
    names = {name for name, _ in url_patterns()}
    assert names - set(EXPECTED) == set(), "nya adresser behöver förväntade svar i EXPECTED"
    assert set(EXPECTED) - names == set()


def requests_to_walk(targets):
    """(url name, url, target) for every pattern, once per municipality's objects."""
    for name, parameters in url_patterns():
        kwargs_of = EXPECTED[name][0]
        if not parameters:
            yield name, reverse(name), targets["eskilstuna"]
            continue
        for slug in ("eskilstuna", "burlov"):
            target = targets[slug]
            if name in BURLOV_ONLY:
                target = targets["burlov"]
                if slug == "eskilstuna":
                    continue
            yield name, reverse(name, kwargs=kwargs_of(target)), target


def expect(name, persona, target, method):
    _, on_get, on_post = EXPECTED[name]
    if persona.is_anonymous and name not in PUBLIC:
        return LOGIN
    if persona.is_anonymous and name == "logout":
        return 405 if method == "get" else ALLOWED
    return (on_get if method == "get" else on_post)(persona, target)


def matches(response, expected):
    if expected == LOGIN:
        return response.status_code == 302 and response["Location"].startswith(reverse("login"))
    return response.status_code == expected


def test_walk_every_url_as_every_role(demo, user):
    targets = demo_targets()
    clients = {}
    for persona in personas():
        clients[persona] = Client()
        if not persona.is_anonymous:
            clients[persona].force_login(user(persona.username))
    mismatches, writes, walked = [], [], 0
    for name, url, target in requests_to_walk(targets):
        before = fingerprint()
        for persona, client in clients.items():
            for method in ("get", "post"):
                expected = expect(name, persona, target, method)
                if expected == ALLOWED:
                    continue
                response = getattr(client, method)(url)
                walked += 1
                if not matches(response, expected):
                    mismatches.append(f"{method.upper()} {url} som {persona}: {response.status_code}, väntat {expected}")
        after = fingerprint()
        if after != before:
            writes.append(f"{name} ({target.municipality}): {changed_tables(before, after)}")
    count("URL × roll (GET och vägrade POST)", walked)
    count("URL × roll-par", len(list(requests_to_walk(targets))) * len(clients))
    count("rader ändrade av vägrade anrop", len(writes))
    assert not mismatches, "\n".join(mismatches)
    assert not writes, "GET eller vägrade POST ändrade rader:\n" + "\n".join(writes)
    assert walked > 1000


def test_admin_only_for_staff(demo, user, client):
    """Every admin page without ids: the login page for everyone but staff."""
    from django.contrib import admin

    pages = [
        reverse(f"admin:{pattern.name}")
        for pattern in admin.site.get_urls()
        if getattr(pattern, "name", None) and not pattern.pattern.regex.groupindex and pattern.name != "logout"
    ]
    pages += [reverse(f"admin:{app}_{model}_changelist") for app, model in [("audits", "audit"), ("committees", "user")]]
    for username in (None, "revisor.eskilstuna", "ks.eskilstuna", "sekr.eskilstuna.ks"):
        client.logout()
        if username:
            client.force_login(user(username))
        for url in pages:
            response = client.get(url)
            if url == reverse("admin:login"):
                # Everyone logs in through the site's login; other users have no admin.
                assert response.status_code == (403 if username else 302), (url, username)
                continue
            assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login")), (url, username)
    client.force_login(user(ADMIN.username))
    assert client.get(reverse("admin:index")).status_code == 302, "an administrator without a verified code"
    verify_second_factor(client, user(ADMIN.username))
    for url in pages:
        # The autocomplete endpoint needs the parameters of a form's field.
        assert client.get(url).status_code in ((403,) if "autocomplete" in url else (200, 302)), url
    assert client.get(reverse("admin:index")).status_code == 200


def test_every_state_change_needs_the_csrf_token(demo, user):
    """A POST without the token is refused with a Swedish page, by any user, on every URL."""
    targets = demo_targets()
    clients = {}
    for username in ("revisor.burlov", "sekr.burlov.ks", ADMIN.username):
        clients[username] = Client(enforce_csrf_checks=True)
        clients[username].force_login(user(username))
    before = fingerprint()
    tried = 0
    for name, url, target in requests_to_walk(targets):
        for username, client in clients.items():
            response = client.post(url, {"direction": "up", "text": "x"})
            tried += 1
            assert response.status_code == 403, (url, username, response.status_code)
            assert "Formuläret kunde inte skickas" in response.content.decode()
    assert fingerprint() == before
    count("POST utan CSRF-token", tried)
