"""In Chromium: signing in through a municipality's OpenID provider, started on loopback from
tests/oidc_op (django-oidc-provider); and an invited user's way from the mail to a login with
a TOTP code."""

import base64
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts import services
from accounts.models import ExternalIdentity, GroupRole, IdentityProvider
from committees.models import User

from .factories import make_committee, make_municipality, make_user
from .test_accounts import code_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

OP_DIR = Path(__file__).resolve().parent / "oidc_op"
CLIENT_ID = "revisionsspar"
CLIENT_SECRET = "en-hemlighet-bara-for-testet"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def identity_provider(live_server, tmp_path_factory):
    """A real OpenID provider on loopback with two staff members of the test municipality."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    folder = tmp_path_factory.mktemp("oidc_op")
    config = {
        "port": port,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uri": f"{live_server.url}/accounts/oidc/callback/",
        "users": [
            {"username": "anna.andersson", "password": "kommunens-lösenord", "email": "anna@sso.example.se",
             "first_name": "Anna", "last_name": "Andersson", "groups": ["revisionen"]},
            {"username": "bo.berg", "password": "kommunens-lösenord", "email": "bo@sso.example.se",
             "first_name": "Bo", "last_name": "Berg", "groups": ["okänd-grupp"]},
        ],
    }
    env = {**os.environ, "OP_SITE_URL": url, "OP_DATABASE": str(folder / "op.sqlite3")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    with open(folder / "op.log", "w") as log:
        process = subprocess.Popen(
            [sys.executable, str(OP_DIR / "serve.py")], stdin=subprocess.PIPE, stdout=log, stderr=log, env=env, cwd=OP_DIR
        )
        process.stdin.write(json.dumps(config).encode())
        process.stdin.close()
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{url}/.well-known/openid-configuration", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("OpenID-leverantören startade inte:\n" + (folder / "op.log").read_text())
            time.sleep(0.2)
        yield url
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def municipality_with_sso(identity_provider):
    municipality = make_municipality(name="Sollunda", slug="sollunda")
    provider = IdentityProvider.objects.create(
        municipality=municipality,
        issuer=identity_provider,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        scopes="openid email profile groups",
        groups_claim="groups",
    )
    GroupRole.objects.create(provider=provider, group="revisionen", role=User.Role.REVISOR)
    return municipality


def sign_in_through_provider(page, username=None):
    """Click the municipality's button; log in at the provider unless it remembers the user."""
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Logga in med Sollunda").click()
    page.wait_for_load_state()
    if username:
        page.get_by_label("Användarnamn hos kommunen").fill(username)
        page.get_by_label("Lösenord hos kommunen").fill("kommunens-lösenord")
        page.get_by_role("button", name="Logga in hos kommunen").click()
        page.wait_for_load_state()


def test_sign_in_through_the_municipalitys_provider(page, municipality_with_sso):
    sign_in_through_provider(page, "anna.andersson")
    expect(page.get_by_text("Anna Andersson, Sollunda (Revisor)")).to_be_visible()

    identity = ExternalIdentity.objects.select_related("user").get()
    user = identity.user
    assert (user.municipality, user.role, user.email) == (municipality_with_sso, "revisor", "anna@sso.example.se")
    assert not user.has_usable_password()

    # The second login (the provider remembers Anna) finds the same user by the provider's
    # subject, not a new one.
    page.get_by_role("button", name="Logga ut").click()
    sign_in_through_provider(page)
    expect(page.get_by_text("Anna Andersson, Sollunda (Revisor)")).to_be_visible()
    assert User.objects.filter(municipality=municipality_with_sso).count() == 1


def test_first_login_without_a_mapped_group_has_no_rights(page, municipality_with_sso):
    sign_in_through_provider(page, "bo.berg")
    expect(page.get_by_text("ditt konto har ingen roll än")).to_be_visible()
    user = User.objects.get(email="bo@sso.example.se")
    assert (user.municipality, user.role) == (municipality_with_sso, "")


def test_sso_user_with_an_app_is_asked_for_the_code(page, municipality_with_sso):
    sign_in_through_provider(page, "anna.andersson")
    user = User.objects.get(email="anna@sso.example.se")
    device = TOTPDevice.objects.create(user=user, name="App")
    page.get_by_role("button", name="Logga ut").click()

    sign_in_through_provider(page)
    page.get_by_label("Kod från appen").fill(code_for(device))
    page.get_by_role("button", name="Verifiera").click()
    expect(page.get_by_text("Anna Andersson, Sollunda (Revisor)")).to_be_visible()


def test_invitation_password_login_and_totp(page, browser_login, mailoutbox, axe):
    municipality = make_municipality(name="Eskilstuna", slug="eskilstuna-inv")
    committee = make_committee(municipality, name="Kultur- och fritidsnämnden", short_name="KFN")
    user = make_user(
        username="nora.nilsson", first_name="Nora", last_name="Nilsson", email="nora@example.se",
        role=User.Role.SEKRETERARE, municipality=municipality, committees=[committee],
    )
    user.set_unusable_password()
    user.save()
    assert services.invite(user)
    (message,) = mailoutbox
    assert message.subject == "Inbjudan till Revisionsspår"
    link = re.search(r"https?://\S+", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    page.goto("/" + path)
    expect(page.get_by_role("heading", name="Välkommen till Revisionsspår – välj ditt lösenord")).to_be_visible()
    axe(page)
    page.get_by_label("Nytt lösenord", exact=True).fill("nora-väljer-ett-långt")
    page.get_by_label("Bekräfta nytt lösenord").fill("nora-väljer-ett-långt")
    page.get_by_role("button", name="Spara lösenordet").click()
    expect(page.get_by_text("Ditt lösenord är sparat")).to_be_visible()

    browser_login("nora.nilsson", "nora-väljer-ett-långt")
    expect(page.get_by_text("Nora Nilsson, Eskilstuna (Nämndsekreterare)")).to_be_visible()
    page.get_by_role("link", name="Mitt konto").click()
    page.get_by_role("link", name="Slå på tvåfaktorsinloggning").click()
    expect(page.get_by_role("img", name="QR-kod för att lägga till Revisionsspår i appen")).to_be_visible()
    axe(page)
    # The key as the user would type it into the app.
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    app = TOTPDevice(key=base64.b32decode(secret + "=" * (-len(secret) % 8)).hex())
    page.get_by_label("Kod från appen").fill(code_for(app))
    page.get_by_role("button", name="Slå på").click()
    expect(page.get_by_text("Tvåfaktorsinloggning är påslagen")).to_be_visible()
    assert TOTPDevice.objects.get(user=user).confirmed
    page.get_by_role("button", name="Logga ut").click()

    browser_login("nora.nilsson", "nora-väljer-ett-långt")
    expect(page.get_by_role("heading", name="Kod från appen")).to_be_visible()
    axe(page)
    page.get_by_label("Kod från appen").fill(code_for(app, steps_ahead=1))
    page.get_by_role("button", name="Verifiera").click()
    expect(page.get_by_text("Nora Nilsson, Eskilstuna (Nämndsekreterare)")).to_be_visible()


def test_admin_user_form_offers_the_chosen_municipalitys_committees(page, browser_login):
    admin_user = make_user(username="kansliet", is_staff=True, is_superuser=True)
    admin_user.set_password("administratörens-lösenord")
    admin_user.save()
    device = TOTPDevice.objects.create(user=admin_user, name="App")
    eskilstuna, huddinge = make_municipality(name="Eskilstuna"), make_municipality(name="Huddinge")
    make_committee(eskilstuna, name="Kultur- och fritidsnämnden", short_name="KFN")
    make_committee(huddinge, name="Kultur- och fritidsnämnden", short_name="KFN")

    browser_login("kansliet", "administratörens-lösenord")
    page.get_by_label("Kod från appen").fill(code_for(device))
    page.get_by_role("button", name="Verifiera").click()
    page.goto("/admin/committees/user/add/")
    page.get_by_label("Kommun:").select_option(label="Huddinge")
    expect(page.get_by_label("Kultur- och fritidsnämnden (Huddinge)")).to_be_visible()
    expect(page.get_by_label("Kultur- och fritidsnämnden (Eskilstuna)")).to_be_hidden()
