"""Accounts: the code step of the login, the second factor for administrators, invitations,
and password reset and change mails over real SMTP on loopback."""

import datetime
import re

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.tokens import InvitationTokenGenerator
from accounts.twofactor import SETUP_KEY

from .factories import make_committee, make_municipality, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

PASSWORD = "ett-långt-lösenord-2026"


def code_for(device, steps_ahead=0):
    """The code the user's app shows (steps_ahead: the next one, as a used code is refused again)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def link_in(message):
    return re.search(r"https?://\S+", message.get_body(("plain",)).get_content()).group(0)


@pytest.fixture
def person():
    return make_user(role="revisor", municipality=make_municipality(), email="anna@example.se", password=PASSWORD)


def log_in(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_password_login_of_a_user_with_an_app_waits_for_the_code(client, person):
    device = TOTPDevice.objects.create(user=person, name="App")
    response = log_in(client, person.username)
    assert response["Location"] == reverse("twofactor_verify")
    assert client.get("/").status_code == 302, "not logged in before the code"

    response = client.post(reverse("twofactor_verify"), {"code": f"{(int(code_for(device)) + 1) % 10**6:06d}"})
    assert "Koden stämmer inte" in response.content.decode()
    response = client.post(reverse("twofactor_verify"), {"code": "12a456"})
    assert "bara siffror" in response.content.decode()

    # After a wrong code even the right one waits (django-otp's growing pause).
    response = client.post(reverse("twofactor_verify"), {"code": code_for(device)})
    assert "För många felaktiga koder" in response.content.decode()
    device.refresh_from_db()
    device.throttle_reset()

    response = client.post(reverse("twofactor_verify"), {"code": code_for(device)})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_wrong_password_never_reaches_the_code_step(client, person):
    TOTPDevice.objects.create(user=person, name="App")
    response = log_in(client, person.username, "fel-lösenord")
    assert response.status_code == 200
    assert client.get(reverse("twofactor_verify"))["Location"] == reverse("login")


def test_a_user_without_an_app_logs_in_with_the_password_alone(client, person):
    assert log_in(client, person.username)["Location"] == "/"
    assert client.get("/").status_code == 200


def test_administrator_without_an_app_must_enrol_before_the_admin(client):
    admin = make_user(is_staff=True, is_superuser=True, password=PASSWORD)
    assert log_in(client, admin.username)["Location"] == "/"
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("twofactor_setup"))
    assert "Administratörer måste använda tvåfaktorsinloggning" in response.content.decode()

    assert not TOTPDevice.objects.filter(user=admin).exists(), "looking at the QR code stores nothing"
    device = TOTPDevice(key=client.session[SETUP_KEY])
    response = client.post(reverse("twofactor_setup"), {"code": code_for(device), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_administrator_logged_in_without_the_code_is_asked_for_it(client):
    admin = make_user(is_staff=True, is_superuser=True, password=PASSWORD)
    device = TOTPDevice.objects.create(user=admin, name="App")
    client.force_login(admin)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("twofactor_verify"))
    client.post(response.redirect_chain[-1][0], {"code": code_for(device)})
    assert client.get("/admin/").status_code == 200


def test_anonymous_admin_goes_to_the_sites_login(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))


def test_removing_the_app_needs_a_current_code(client, person):
    device = TOTPDevice.objects.create(user=person, name="App")
    client.force_login(person)
    response = client.post(reverse("twofactor_remove"), {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert response.status_code == 400
    assert TOTPDevice.objects.filter(user=person).exists()
    device.refresh_from_db()
    device.throttle_reset()
    client.post(reverse("twofactor_remove"), {"code": code_for(device)})
    assert not TOTPDevice.objects.filter(user=person).exists()


def test_password_reset_mail_and_one_time_link(client, person, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "ANNA@example.se"})
    assert response["Location"] == reverse("password_reset_done")
    (message,) = smtp_server.messages
    assert message["Subject"].strip() == "Återställ ditt lösenord i Revisionsspår"
    assert message["To"] == "anna@example.se"
    link = link_in(message)

    form_page = client.get(link, follow=True)
    assert "Välj nytt lösenord" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(set_password_url, {"new_password1": "kort", "new_password2": "kort"})
    assert "minst 12 tecken" in response.content.decode()
    client.post(set_password_url, {"new_password1": "nytt-långt-lösenord", "new_password2": "nytt-långt-lösenord"})
    assert log_in(client, person.username, "nytt-långt-lösenord")["Location"] == "/"

    client.logout()
    assert "Länken fungerar inte" in client.get(link, follow=True).content.decode()


def test_password_reset_for_an_unknown_address_sends_nothing(client, person, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "okand@example.se"})
    assert response["Location"] == reverse("password_reset_done")
    assert smtp_server.messages == []


def test_password_change_sends_a_notice(client, person, smtp_server, django_capture_on_commit_callbacks):
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("password_change"),
            {"old_password": PASSWORD, "new_password1": "ännu-ett-lösenord", "new_password2": "ännu-ett-lösenord"},
        )
    assert response["Location"] == reverse("password_change_done")
    (message,) = smtp_server.messages
    assert message["Subject"] == "Ditt lösenord i Revisionsspår är bytt"
    assert reverse("password_reset") in message.get_body(("plain",)).get_content()


def test_invitation_from_the_admin_user_form(client_as, client, smtp_server, django_capture_on_commit_callbacks):
    admin = make_user(username="admin", is_staff=True, is_superuser=True)
    municipality = make_municipality(name="Eskilstuna", slug="eskilstuna-t")
    committee = municipality.committees.create(name="Kultur- och fritidsnämnden", short_name="KFN")
    client_as("admin")
    page = client.get(reverse("admin:committees_user_add")).content.decode()
    assert "Kultur- och fritidsnämnden (Eskilstuna)" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
        reverse("admin:committees_user_add"),
        {
            "username": "ny.sekreterare",
            "first_name": "Nora",
            "email": "nora@example.se",
            "municipality": municipality.pk,
            "role": "sekreterare",
            "committees": [committee.pk],
            "invite": "on",
            "usable_password": "false",
        },
    )
    assert response.status_code == 302, response.content.decode()
    user = admin._meta.model.objects.get(username="ny.sekreterare")
    assert list(user.committees.all()) == [committee]
    assert not user.has_usable_password()
    (message,) = smtp_server.messages
    assert message["Subject"] == "Inbjudan till Revisionsspår"
    assert "ny.sekreterare" in message.get_body(("plain",)).get_content()


def test_admin_user_form_refuses_a_committee_of_another_municipality(client_as, client):
    make_user(username="admin", is_staff=True, is_superuser=True)
    own, other = make_municipality(), make_municipality()
    foreign = make_committee(other)
    client_as("admin")
    response = client.post(
        reverse("admin:committees_user_add"),
        {"username": "fel", "email": "x@example.se", "municipality": own.pk, "role": "sekreterare", "committees": [foreign.pk], "invite": "on", "usable_password": "false"},
    )
    assert response.status_code == 200
    assert "Nämnderna måste höra till användarens kommun." in response.content.decode()


def test_expired_invitation_link_is_refused(client, person):
    class FourDaysAgo(InvitationTokenGenerator):
        def _now(self):
            return datetime.datetime.now() - datetime.timedelta(days=4)

    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(person.pk))
    old = reverse("invitation_accept", args=[uid, FourDaysAgo().make_token(person)])
    assert "Länken fungerar inte" in client.get(old, follow=True).content.decode()


def test_a_reset_token_is_not_an_invitation(client, person):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(person.pk))
    url = reverse("invitation_accept", args=[uid, default_token_generator.make_token(person)])
    assert "Länken fungerar inte" in client.get(url, follow=True).content.decode()
