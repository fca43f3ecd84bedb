"""The dashboard at / per role, read only through the permission querysets."""

import datetime
import re

import pytest

from audits.models import Audit
from recommendations.models import Addressee, FollowUp

from .factories import make_follow_up

pytestmark = pytest.mark.django_db


def cells(content, heading_id):
    """The text of every table cell in the section labelled by heading_id, row by row."""
    section = content.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", section, re.S)
    ]


def test_root_is_the_dashboard_and_needs_login(demo, client):
    assert client.get("/")["Location"].startswith("/accounts/login/")
    response = client.post("/accounts/login/", {"username": "ks.burlov", "password": "demo"})
    assert response["Location"] == "/"


def test_ks_staff_see_the_open_case_and_the_overdue_answer(demo, client_as):
    content = client_as("ks.burlov").get("/").content.decode()
    burlov = Audit.objects.get(municipality__slug="burlov")
    waiting = cells(content, "waiting-heading")
    assert waiting[1][:4] == [burlov.title, "KS", "2021-09-30", "1"]
    overdue = cells(content, "overdue-heading")
    assert overdue[1][:3] == ["Kommunstyrelsen", burlov.title, "2021-09-30"]
    assert "dagar försenat" in overdue[1][3]
    for other in Audit.objects.exclude(municipality__slug="burlov"):
        assert f">{other.title}<" not in content
    assert "Eskilstuna" not in content and "Huddinge" not in content


def test_follow_up_status_by_committee_and_year_with_accessible_charts(demo, client_as):
    audit = Audit.objects.get(municipality__slug="eskilstuna")
    addressees = Addressee.objects.filter(recommendation__audit=audit, recipient__committee__short_name="GSN")
    statuses = [FollowUp.Status.ATGARDAD, FollowUp.Status.ATGARDAD, FollowUp.Status.DELVIS, FollowUp.Status.INTE_AKTUELL]
    for addressee, status in zip(addressees.order_by("pk"), statuses):
        make_follow_up(addressee, status=status, date=datetime.date(2024, 3, 1))
    # An older judgement is overtaken by the latest.
    make_follow_up(addressees.order_by("pk").first(), status=FollowUp.Status.EJ_ATGARDAD, date=datetime.date(2023, 3, 1))
    gsn_total = addressees.count()
    content = client_as("revisor.eskilstuna").get("/").content.decode()
    rows = {row[0]: row[1:] for row in cells(content, "committee-heading")[1:]}
    # Åtgärdad, delvis, ej åtgärdad, inte längre aktuell, ej bedömd, total, share.
    not_judged = gsn_total - 4
    assert rows["Grundskolenämnden"] == ["2", "1", "0", "1", str(not_judged), str(gsn_total), f"{round(200 / (gsn_total - 1))} %"]
    assert rows["Kommunstyrelsen"][-1] == "0 %"
    years = {row[0]: row[1:] for row in cells(content, "year-heading")[1:]}
    assert list(years) == ["2022"]
    assert '<svg class="chart" role="img"' in content
    assert '<title id="chart-committee-title">Uppföljning per nämnd</title>' in content
    assert "Grundskolenämnden: Åtgärdad 2, Delvis åtgärdad 1, Inte längre aktuell 1" in content


def test_dashboard_counts_only_the_users_municipality(demo, client_as):
    content = client_as("revisor.huddinge").get("/").content.decode()
    committees = [row[0] for row in cells(content, "committee-heading")[1:]]
    assert "Förskolenämnden" in committees
    assert "Stadsbyggnadsnämnden" not in committees and "Gymnasienämnden" not in committees


def test_secretary_sees_their_committees_deadlines_only(demo, client_as):
    content = client_as("sekr.burlov.ks").get("/").content.decode()
    assert "Dina nämnders svarsdagar" in content
    rows = cells(content, "deadlines-heading")
    assert rows[1][:3] == ["Granskning av digitaliseringsarbete", "Kommunstyrelsen", "2021-09-30"]
    assert "Försenade svar: 1." in content
    assert "Uppföljning per nämnd" not in content

    content = client_as("sekr.eskilstuna.kfn").get("/").content.decode()
    assert "Inga ärenden väntar på svar från dina nämnder." in content
    assert "Granskning av kommunens digitaliseringsarbete" in content
    assert "Granskning av digitaliseringsarbete<" not in content


def test_navigation_leads_to_the_new_pages(demo, client_as):
    ks = client_as("ks.eskilstuna").get("/").content.decode()
    for link in ['href="/"', 'href="/annual-reports/"', 'href="/calendar/"', 'href="/public/eskilstuna/"']:
        assert link in ks
    secretary = client_as("sekr.eskilstuna.kfn").get("/").content.decode()
    assert 'href="/calendar/"' in secretary and 'href="/annual-reports/"' not in secretary
