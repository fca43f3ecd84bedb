"""Every answer, attachment, extension and inbox URL × every demo role and anonymous: the
expected status, and no row changed by a refused request."""

import datetime

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import transaction

from demo import burlov, eskilstuna, haninge, huddinge
from audits.models import Audit, Recipient
from committees.models import User
from responses.models import Attachment, ExtensionRequest, Response
from responses.services import get_or_create_draft

from .factories import answer_form_data, make_pdf_bytes

pytestmark = pytest.mark.django_db

DEMO_USERNAMES = ["admin"] + [
    username
    for module in (huddinge, eskilstuna, burlov, haninge)
    for username in (
        f"revisor.{module.MUNICIPALITY['slug']}",
        f"ks.{module.MUNICIPALITY['slug']}",
        *(f"sekr.{module.MUNICIPALITY['slug']}.{short.lower()}" for short in module.USERS["sekreterare"]),
    )
]
REFUSED = {403, 404}
SNAPSHOT_APPS = ("committees", "audits", "recommendations", "responses")


@pytest.fixture
def world(demo, user):
    """The demo cases plus drafts, attachments and a pending extension request to try."""
    haninge_draft = get_or_create_draft(
        Recipient.objects.get(audit__municipality__slug="haninge", committee__short_name="KS")
    )
    get_or_create_draft(Recipient.objects.get(audit__municipality__slug="huddinge", committee__short_name="GSN"))
    ExtensionRequest.objects.create(
        recipient=haninge_draft.recipient,
        requested_deadline=datetime.date(2030, 1, 31),
        reason="Nämnden sammanträder inte före svarsdagen.",
        requested_by=user("sekr.haninge.ks"),
    )
    for response in (
        haninge_draft,
        Response.objects.get(recipient__audit__municipality__slug="eskilstuna", recipient__committee__short_name="KFN"),
        Response.objects.get(recipient__audit__municipality__slug="huddinge", recipient__committee__short_name="KFN"),
    ):
        attachment = Attachment(
            response=response, original_name="protokoll.pdf", content_type="application/pdf", size=1
        )
        attachment.file.save("protokoll.pdf", ContentFile(make_pdf_bytes()), save=False)
        attachment.size = attachment.file.size
        attachment.save()


def reads(person, recipient):
    """The issue's rule: revisors and KS staff read their municipality, secretaries their committees."""
    if person is None:
        return False
    if person.is_superuser:
        return True
    if person.municipality_id != recipient.audit.municipality_id:
        return False
    if person.role in (User.Role.REVISOR, User.Role.KS_HANDLAGGARE):
        return True
    return (
        person.role == User.Role.SEKRETERARE
        and recipient.audit.status in Audit.Status.sent()
        and person.committees.filter(pk=recipient.committee_id).exists()
    )


def answers(person, recipient):
    return person.is_superuser or (person.role == User.Role.SEKRETERARE and reads(person, recipient))


def is_revisor_of(person, recipient):
    return person.is_superuser or (
        person.role == User.Role.REVISOR and person.municipality_id == recipient.audit.municipality_id
    )


def expected_cases(person):
    """(method, url, data, expected status, whether an allowed request changes rows)."""
    cases = [("get", "/responses/", None, 200, False)]
    for response in Response.objects.select_related("recipient__audit"):
        recipient, submitted = response.recipient, response.is_submitted
        base = f"/responses/{response.pk}/"
        if not reads(person, recipient):
            for suffix in ("", "edit/", "reopen/", "extension/"):
                # The answer's page is read-only: a POST is refused before the answer is looked up.
                cases += [("get", base + suffix, None, 404, False), ("post", base + suffix, {}, 405 if not suffix else 404, False)]
            continue
        cases.append(("get", base, None, 200, False))
        may_answer, may_reopen = answers(person, recipient), is_revisor_of(person, recipient)
        edit_form = {**answer_form_data(response), "save": ""}
        cases += [
            ("get", base + "edit/", None, 200 if may_answer and not submitted else 403, False),
            ("post", base + "edit/", edit_form, (409 if submitted else 302) if may_answer else 403, not submitted),
            ("get", base + "reopen/", None, (200 if submitted else 302) if may_reopen else 403, False),
            ("post", base + "reopen/", {"reason": "Fel paragraf"}, 302 if may_reopen else 403, submitted),
        ]
        has_pending = recipient.extension_requests.pending().exists()
        extension = {"requested_deadline": "2031-06-30", "reason": "Sammanträde"}
        may_ask = may_answer and not submitted
        cases += [
            ("get", base + "extension/", None, 200 if may_ask else 403, False),
            ("post", base + "extension/", extension, (400 if has_pending else 302) if may_ask else 403, not has_pending),
        ]
    for attachment in Attachment.objects.select_related("response__recipient__audit"):
        status = 200 if reads(person, attachment.response.recipient) else 404
        cases.append(("get", f"/responses/attachments/{attachment.pk}/", None, status, False))
    for recipient in Recipient.objects.select_related("audit"):
        status = 404 if not reads(person, recipient) else 302 if answers(person, recipient) else 403
        cases.append(("post", f"/responses/start/{recipient.pk}/", {}, status, True))
    for extension_request in ExtensionRequest.objects.select_related("recipient__audit"):
        url = f"/responses/extensions/{extension_request.pk}/decide/"
        recipient = extension_request.recipient
        status = 404 if not reads(person, recipient) else None
        cases += [
            ("get", url, None, status or (200 if is_revisor_of(person, recipient) else 403), False),
            ("post", url, {"decision": "grant"}, status or (302 if is_revisor_of(person, recipient) else 403), True),
        ]
    return cases


def snapshot():
    """Every row of the project's tables, history included."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for label in SNAPSHOT_APPS
        for model in apps.get_app_config(label).get_models()
    }


@pytest.mark.parametrize("username", [None, *DEMO_USERNAMES])
def test_access_matrix(world, client, username):
    person = User.objects.get(username=username) if username else None
    if person:
        client.force_login(person)
    cases = expected_cases(person)
    assert len(cases) > 80

    before = snapshot()
    allowed_writes = []
    for method, url, data, expected, changes_rows in cases:
        if person is None:
            expected = 302
        elif expected not in REFUSED and method == "post" and changes_rows:
            allowed_writes.append((url, data, expected))
            continue
        response = getattr(client, method)(url, data) if data is not None else client.get(url)
        assert response.status_code == expected, f"{username} {method.upper()} {url}"
        if person is None:
            assert response["Location"].startswith("/accounts/login/")
    assert snapshot() == before, f"{username}: en nekad begäran ändrade data"

    for url, data, expected in allowed_writes:
        with transaction.atomic():
            response = client.post(url, data)
            transaction.set_rollback(True)
        assert response.status_code == expected, f"{username} POST {url}"


def test_eskilstuna_kfn_secretary_opens_exactly_the_kfn_answer(demo, client_as):
    client = client_as("sekr.eskilstuna.kfn")
    answers_ = Response.objects.filter(recipient__audit__municipality__slug="eskilstuna")
    assert answers_.count() == 7
    opened = {
        response.recipient.committee.short_name
        for response in answers_.select_related("recipient__committee")
        if client.get(f"/responses/{response.pk}/").status_code == 200
    }
    assert opened == {"KFN"}
    others = answers_.exclude(recipient__committee__short_name="KFN")
    assert [client.get(f"/responses/{response.pk}/").status_code for response in others] == [404] * 6
    inbox = client.get("/responses/").content.decode()
    for response in answers_.select_related("recipient__committee"):
        linked = f'href="/responses/{response.pk}/"' in inbox
        assert linked == (response.recipient.committee.short_name == "KFN")
