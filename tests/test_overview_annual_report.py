"""The annual report to fullmäktige: the facts in the PDF and the workbook, PDF/A, the worker's
states, and who may read it."""

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from documents import annual_report
from core.storage import private_storage
from documents.models import AnnualReport
from committees.models import Committee, Municipality, User
from recommendations.models import Addressee, FollowUp
from responses.models import Position, Response

from .factories import (
    make_audit,
    make_committee,
    make_follow_up,
    make_municipality,
    make_recipient,
    make_recommendation,
    make_response,
    make_sent_audit,
    make_user,
)
from .test_documents import ESKILSTUNA_COMMITTEES, assert_archivable, pdf_text

pytestmark = pytest.mark.django_db

D = datetime.date


def answer(recipient, meeting_date, position=Position.Choice.INSTAMMER):
    response = make_response(
        recipient,
        status=Response.Status.INSKICKAD,
        submitted_at=timezone.now(),
        meeting_date=meeting_date,
        paragraf="§ 7",
    )
    for addressee in recipient.addressees.all():
        Position.objects.create(response=response, addressee=addressee, position=position, planned_actions="Plan.")
    return response


@pytest.fixture
def year_2024():
    """Two audits of 2024 and one of 2023 in Testby: answers on time, late, missing and awaiting;
    follow-ups of every status."""
    town = make_municipality(name="Testby", slug="testby")
    ks = make_committee(town, name="Kommunstyrelsen", short_name="KS", kind=Committee.Kind.KOMMUNSTYRELSEN)
    gsn = make_committee(town, name="Grundskolenämnden", short_name="GSN")
    socn = make_committee(town, name="Socialnämnden", short_name="SOCN")
    schools = make_sent_audit(town, title="Granskning av skolornas digitalisering", year=2024, consultant_firm="KPMG")
    on_time = make_recipient(schools, ks, deadline=D(2024, 5, 1))
    late = make_recipient(schools, gsn, deadline=D(2024, 5, 1))
    missing = make_recipient(schools, socn, deadline=D(2024, 5, 1))
    first = make_recommendation(schools, [on_time, late, missing], order=1, text="Ta fram en handlingsplan.")
    make_recommendation(schools, [on_time], order=2, text="Följ upp nyttan.")
    answer(on_time, D(2024, 4, 20))
    answer(late, D(2024, 5, 10), Position.Choice.DELVIS)
    follow_ups = {a.recipient.committee.short_name: a for a in first.addressees.select_related("recipient__committee")}
    make_follow_up(follow_ups["KS"], status=FollowUp.Status.ATGARDAD, date=D(2025, 2, 1))
    make_follow_up(follow_ups["GSN"], status=FollowUp.Status.EJ_ATGARDAD, date=D(2025, 1, 1))
    make_follow_up(follow_ups["GSN"], status=FollowUp.Status.DELVIS, date=D(2025, 2, 1))
    make_follow_up(follow_ups["SOCN"], status=FollowUp.Status.INTE_AKTUELL, date=D(2025, 2, 1))
    future = make_sent_audit(town, title="Granskning av lokalförsörjningen", year=2024)
    awaiting = make_recipient(future, socn, deadline=timezone.localdate() + datetime.timedelta(days=30))
    make_recommendation(future, [awaiting], order=1, text="Inventera lokalerna.")
    make_audit(town, title="Planerad granskning av upphandlingen", year=2024)
    make_audit(town, title="Granskning från ett annat år", year=2023)
    return town


def test_pdf_holds_the_facts_of_the_year(year_2024):
    content = annual_report.render_annual_report_pdf(year_2024, 2024)
    text = pdf_text(content)
    assert "ÅRSRAPPORT TILL KOMMUNFULLMÄKTIGE" in text
    assert "Revisorernas rekommendationer 2024" in text
    for title in ["Granskning av skolornas digitalisering", "Granskning av lokalförsörjningen", "Planerad granskning av upphandlingen"]:
        assert title in text
    assert "Granskning från ett annat år" not in text
    assert "Granskningar: 3" in text
    assert "Svar i tid: 1" in text and "Svar efter svarstiden: 1" in text
    assert "Svar som saknas: 1" in text and "Svarstiden löper: 1" in text
    # Åtgärdad 1 of the 4 pairs still relevant (KS 1, KS 2, GSN 1, SOCN lokaler; SOCN 1 no longer relevant).
    assert "Andel åtgärdade: 25 %" in text
    # Answers per committee: asked, on time, late, missing, awaiting.
    assert "Grundskolenämnden 1 0 1 0 0" in text
    assert "Kommunstyrelsen 1 1 0 0 0" in text
    assert "Socialnämnden 2 0 0 1 1" in text
    # Follow-up per committee: åtgärdad, delvis, ej åtgärdad, inte längre aktuell, ej bedömd, total, share.
    assert "Kommunstyrelsen 1 0 0 0 1 2 50 %" in text
    assert "Grundskolenämnden 0 1 0 0 0 1 0 %" in text
    assert "Delvis åtgärdad (2025-02-01)" in text
    assert "Instämmer delvis" in text and "Inget svar" in text
    assert "Sida 1 av" in text
    assert "Kommunstyrelsen i Testby" in text


def test_pdf_is_archivable_with_title_author_and_language(year_2024):
    content = annual_report.render_annual_report_pdf(year_2024, 2024)
    assert_archivable(content, "Årsrapport 2024: revisorernas rekommendationer i Testby", "Kommunstyrelsen i Testby")


def test_pdf_of_a_year_without_audits(year_2024):
    text = pdf_text(annual_report.render_annual_report_pdf(year_2024, 2019))
    assert "Inga granskningar är registrerade för 2019." in text


def test_pdf_chart_has_a_title_and_a_table_alternative(year_2024):
    context = annual_report.annual_report_context(year_2024, 2024)
    chart = context["chart"]
    assert chart.title == "Uppföljning per nämnd av rekommendationerna 2024"
    assert "Grundskolenämnden: Delvis åtgärdad 1" in chart.description
    assert [bar.total for bar in chart.bars] == [tally.total for tally in context["follow_up_tallies"]]


def test_rendering_queries_do_not_grow_with_the_year(year_2024, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        annual_report.annual_report_context(year_2024, 2024)


def test_demo_eskilstuna_2022_lists_the_seven_answers(demo):
    eskilstuna = Municipality.objects.get(slug="eskilstuna")
    text = pdf_text(annual_report.render_annual_report_pdf(eskilstuna, 2022))
    assert "Granskning av kommunens digitaliseringsarbete" in text
    for name in ESKILSTUNA_COMMITTEES:
        assert name in text
    assert "Svar i tid: 7" in text
    assert "Svar efter svarstiden: 0" in text


def test_xlsx_has_the_tables_and_a_chart(year_2024):
    workbook = openpyxl.load_workbook(io.BytesIO(annual_report.annual_report_xlsx(year_2024, 2024)))
    assert workbook.sheetnames == ["Sammanfattning", "Granskningar", "Svar per nämnd", "Rekommendationer"]
    assert workbook.properties.title == "Årsrapport 2024: revisorernas rekommendationer i Testby"
    summary = workbook["Sammanfattning"]
    assert len(summary._charts) == 1
    values = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row and row[0]}
    assert values["Granskningar"] == 3
    assert values["Svar: i tid"] == 1 and values["Svar: saknas"] == 1
    assert values["Andel åtgärdade"] == "25 %"
    audits = [row[0] for row in workbook["Granskningar"].iter_rows(min_row=2, values_only=True)]
    assert sorted(audits) == [
        "Granskning av lokalförsörjningen",
        "Granskning av skolornas digitalisering",
        "Planerad granskning av upphandlingen",
    ]
    answers = {row[0]: row[1:] for row in workbook["Svar per nämnd"].iter_rows(min_row=2, values_only=True)}
    assert answers["Socialnämnden"] == (2, 0, 0, 1, 1)
    recommendations = list(workbook["Rekommendationer"].iter_rows(min_row=2, values_only=True))
    assert len(recommendations) == Addressee.objects.filter(recommendation__audit__year=2024).count() == 5
    gsn = next(row for row in recommendations if row[3] == "Grundskolenämnden")
    assert gsn[4] == "Instämmer delvis" and gsn[6] == "Delvis åtgärdad"


@pytest.fixture
def render_now(eager_celery, django_capture_on_commit_callbacks):
    def request(municipality, year):
        with django_capture_on_commit_callbacks(execute=True):
            annual_report.request_annual_report(municipality, year)
        return AnnualReport.objects.get(municipality=municipality, year=year)

    return request


def test_requested_report_is_rendered_and_stored_by_the_task(year_2024, render_now):
    report = render_now(year_2024, 2024)
    assert report.state == AnnualReport.State.READY
    assert private_storage.exists(report.file.name)
    assert "Granskning av skolornas digitalisering" in pdf_text(report.file.read())
    again = render_now(year_2024, 2024)
    assert AnnualReport.objects.count() == 1 and again.state == AnnualReport.State.READY


def test_request_only_queues_the_render(year_2024, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        report = annual_report.request_annual_report(year_2024, 2024)
    assert len(queued) == 1
    report.refresh_from_db()
    assert report.state == AnnualReport.State.QUEUED and not report.file


@pytest.fixture
def broken_annual_template(settings, tmp_path):
    (tmp_path / "documents" / "pdf").mkdir(parents=True)
    (tmp_path / "documents" / "pdf" / "annual_report.html").write_text("{% if %}")
    templates = [dict(settings.TEMPLATES[0])]
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    original = settings.TEMPLATES
    settings.TEMPLATES = templates
    return lambda: setattr(settings, "TEMPLATES", original)


def test_failed_render_is_recorded_and_can_be_retried(
    year_2024, render_now, broken_annual_template, client, django_capture_on_commit_callbacks
):
    report = render_now(year_2024, 2024)
    assert report.state == AnnualReport.State.FAILED
    assert "TemplateSyntaxError" in report.error
    client.force_login(make_user(User.Role.KS_HANDLAGGARE, year_2024))
    page = client.get("/annual-reports/testby/2024/").content.decode()
    assert "Misslyckad" in page and "Försök igen" in page
    assert client.get("/annual-reports/testby/2024.pdf")["Location"] == "/annual-reports/testby/2024/"
    broken_annual_template()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/annual-reports/testby/2024/render").status_code == 302
    report.refresh_from_db()
    assert report.state == AnnualReport.State.READY and not report.error
    download = client.get("/annual-reports/testby/2024.pdf")
    assert download["Content-Type"] == "application/pdf"
    assert "Revisorernas rekommendationer 2024" in pdf_text(b"".join(download.streaming_content))


def test_render_task_tolerates_a_deleted_report(year_2024, eager_celery):
    from documents.tasks import render_annual_report

    assert render_annual_report.delay(987654).get() is None


@pytest.mark.parametrize(
    "who, status",
    [
        ("ks.eskilstuna", 200),
        ("revisor.eskilstuna", 200),
        ("sekr.eskilstuna.kfn", 403),
        ("sekr.eskilstuna.ks", 403),
        ("ks.huddinge", 404),
        ("revisor.burlov", 404),
        ("sekr.huddinge.kfn", 404),
    ],
)
def test_who_may_read_eskilstunas_annual_report(
    demo, client_as, eager_celery, django_capture_on_commit_callbacks, who, status
):
    client = client_as(who)
    assert client.get("/annual-reports/eskilstuna/2022/").status_code == status
    assert client.get("/annual-reports/eskilstuna/2022.xlsx").status_code == status
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/annual-reports/eskilstuna/2022/render").status_code == (302 if status == 200 else status)
    pdf = client.get("/annual-reports/eskilstuna/2022.pdf")
    assert pdf.status_code == (200 if status == 200 else status)
    if status != 200:
        assert not AnnualReport.objects.exists()


def test_annual_report_pages_need_login(demo, client):
    for url in ["/annual-reports/", "/annual-reports/eskilstuna/2022/", "/annual-reports/eskilstuna/2022.xlsx",
                "/annual-reports/eskilstuna/2022.pdf"]:
        assert client.get(url)["Location"].startswith("/accounts/login/")


def test_unknown_municipality_or_year_is_404(demo, client_as):
    client = client_as("ks.eskilstuna")
    assert client.get("/annual-reports/nowhere/2022/").status_code == 404
    assert client.get("/annual-reports/eskilstuna/1200/").status_code == 404


def test_annual_reports_link_leads_to_the_latest_year(demo, client_as):
    response = client_as("ks.huddinge").get("/annual-reports/")
    assert response["Location"] == "/annual-reports/huddinge/2021/"
    assert client_as("sekr.huddinge.kfn").get("/annual-reports/").status_code == 403


@pytest.mark.broker
def test_annual_report_is_rendered_by_a_real_worker(year_2024, celery_worker, wait_for, client):
    annual_report.request_annual_report(year_2024, 2024)
    wait_for(
        lambda: AnnualReport.objects.get(municipality=year_2024, year=2024).state == AnnualReport.State.READY,
        timeout=60,
        message="årsrapporten klar",
    )
    client.force_login(make_user(User.Role.REVISOR, year_2024))
    download = client.get("/annual-reports/testby/2024.pdf")
    assert "Granskning av skolornas digitalisering" in pdf_text(b"".join(download.streaming_content))
