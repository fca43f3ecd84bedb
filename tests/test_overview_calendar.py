"""The deadline calendar: a secret, revocable address per user with their committees' deadlines."""

import datetime

import icalendar
import pytest

from audits.models import Audit
from committees import calendar_tokens
from committees.models import CalendarToken

pytestmark = pytest.mark.django_db


def feed_url(client):
    """Create the user's calendar address on the calendar page and return its path."""
    assert client.post("/calendar/", {"action": "create"}).status_code == 302
    page = client.get("/calendar/").content.decode()
    token = CalendarToken.objects.active().get()
    path = f"/calendar/{token.token}.ics"
    assert f"http://testserver{path}" in page
    return path


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_secretary_feed_has_the_committees_deadline_extended_where_granted(demo, client_as, client):
    path = feed_url(client_as("sekr.eskilstuna.kfn"))
    client.logout()
    found = events(client.get(path))
    assert list(found) == ["Besvarad: KFN – Granskning av kommunens digitaliseringsarbete"]
    event = found["Besvarad: KFN – Granskning av kommunens digitaliseringsarbete"]
    assert event.decoded("dtstart") == datetime.date(2023, 3, 24)
    assert event.decoded("dtend") == datetime.date(2023, 3, 25)
    assert "den ursprungliga svarsdagen var 2023-03-20" in str(event["description"])
    assert str(event["uid"]).startswith("svarsdag-")


def test_open_case_appears_as_a_deadline(demo, client_as, client):
    path = feed_url(client_as("sekr.burlov.ks"))
    found = events(client.get(path))
    event = found["Svarsdag: KS – Granskning av digitaliseringsarbete"]
    assert event.decoded("dtstart") == datetime.date(2021, 9, 30)
    assert "inte inskickat" in str(event["description"])


def test_revisor_feed_has_every_committee_of_the_municipality_and_nothing_else(demo, client_as, client):
    path = feed_url(client_as("revisor.eskilstuna"))
    found = events(client.get(path))
    assert len(found) == 7
    deadlines = {event.decoded("dtstart") for event in found.values()}
    assert deadlines == {datetime.date(2023, 3, 20), datetime.date(2023, 3, 24)}
    for other in Audit.objects.exclude(municipality__slug="eskilstuna"):
        assert all(other.title not in summary for summary in found)


def test_revoked_unknown_and_replaced_addresses_are_404(demo, client_as, client, user):
    owner = client_as("sekr.eskilstuna.kfn")
    old = feed_url(owner)
    assert client.get(old).status_code == 200
    assert owner.post("/calendar/", {"action": "create"}).status_code == 302
    assert client.get(old).status_code == 404
    new = f"/calendar/{CalendarToken.objects.active().get().token}.ics"
    assert client.get(new).status_code == 200
    assert owner.post("/calendar/", {"action": "revoke"}).status_code == 302
    assert client.get(new).status_code == 404
    assert "Du har ingen kalenderadress." in owner.get("/calendar/").content.decode()
    assert client.get("/calendar/not-a-real-token.ics").status_code == 404
    assert CalendarToken.objects.filter(revoked_at__isnull=False).count() == 2


def test_deactivated_user_feed_is_404(demo, user, client):
    secretary = user("sekr.eskilstuna.kfn")
    token = calendar_tokens.create_token(secretary)
    assert client.get(f"/calendar/{token.token}.ics").status_code == 200
    secretary.is_active = False
    secretary.save()
    assert client.get(f"/calendar/{token.token}.ics").status_code == 404


def test_feed_follows_the_users_current_committees(demo, user, client):
    secretary = user("sekr.eskilstuna.kfn")
    token = calendar_tokens.create_token(secretary)
    secretary.committees.set(secretary.municipality.committees.filter(short_name="SBN"))
    found = events(client.get(f"/calendar/{token.token}.ics"))
    assert list(found) == ["Besvarad: SBN – Granskning av kommunens digitaliseringsarbete"]


def test_calendar_page_needs_login_and_shows_only_the_own_address(demo, client_as, client, user):
    assert client.get("/calendar/")["Location"].startswith("/accounts/login/")
    other = calendar_tokens.create_token(user("sekr.eskilstuna.gsn"))
    page = client_as("sekr.eskilstuna.kfn").get("/calendar/").content.decode()
    assert other.token not in page


def test_one_active_address_per_user_is_a_database_rule(demo, user):
    from django.db import IntegrityError, transaction

    secretary = user("sekr.eskilstuna.kfn")
    calendar_tokens.create_token(secretary)
    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarToken.objects.create(user=secretary, token="another-secret")
