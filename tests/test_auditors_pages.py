"""The auditors' pages as plain forms (no script): validation next to the field, nothing typed
lost, htmx partials, shortcuts, deadlines, sending, follow-up, overviews and exports."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audits.models import Audit, Recipient
from documents.models import AuditDocument
from recommendations.models import FollowUp, Recommendation
from recommendations.services import save_recommendation
from responses.models import Response

from .factories import (
    make_audit,
    make_follow_up,
    make_question,
    make_recipient,
    make_recommendation,
    make_town,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def town():
    return make_town("Haninge")


@pytest.fixture
def revisor(client, town):
    client.force_login(town.revisor)
    return client


def audit_form(**fields):
    data = {
        "title": "Granskning av digitalisering",
        "kind": "granskning",
        "year": "2019",
        "status": "pagaende",
        "consultant_firm": "EY",
        "report_date": "2019-12-11",
        "place": "Handen",
        "signatories-TOTAL_FORMS": "2",
        "signatories-INITIAL_FORMS": "0",
        "signatories-0-name": "",
        "signatories-0-title": "",
        "signatories-1-name": "",
        "signatories-1-title": "",
    }
    data.update(fields)
    return data


# Audit form


def test_create_audit_with_signatories_and_for_kannedom(revisor, town):
    response = revisor.post(
        reverse("audits:create"),
        audit_form(
            **{
                "informed_committees": [town.kf.pk],
                "signatories-0-name": "Anna Andersson",
                "signatories-0-title": "ordförande",
                "signatories-1-name": "Bo Berg",
                "signatories-1-title": "vice ordförande",
            }
        ),
    )
    audit = Audit.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/audits/{audit.pk}/"
    assert audit.municipality == town.municipality
    assert audit.report_date == datetime.date(2019, 12, 11)
    assert list(audit.informed_committees.all()) == [town.kf]
    assert [(s.order, str(s)) for s in audit.signatories.all()] == [
        (1, "Anna Andersson, ordförande"),
        (2, "Bo Berg, vice ordförande"),
    ]
    assert audit.history.first().history_user == town.revisor


def test_audit_form_errors_are_swedish_next_to_the_field_and_keep_the_input(revisor):
    response = revisor.post(
        reverse("audits:create"),
        audit_form(title="", report_date="11/12/2019x", purpose="Bedöma om digitaliseringen är ändamålsenlig."),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert '<ul class="errorlist" id="id_title_error"><li>Detta fält måste fyllas i.</li></ul>' in content
    assert '<ul class="errorlist" id="id_report_date_error"><li>Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2030-03-20.</li></ul>' in content
    assert 'aria-invalid="true"' in content
    assert 'aria-describedby="id_title_error"' in content
    assert "Bedöma om digitaliseringen är ändamålsenlig." in content
    assert 'value="11/12/2019x"' in content
    assert 'value="EY"' in content
    assert 'role="alert"' in content
    assert not Audit.objects.exists()


def test_status_cannot_be_set_to_sent_by_the_form(revisor):
    response = revisor.post(reverse("audits:create"), audit_form(status="skickad"))
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not Audit.objects.exists()


def test_report_must_be_a_pdf_and_is_served_only_to_readers(revisor, client, town):
    not_pdf = SimpleUploadedFile("rapport.pdf", b"<html>inte en pdf</html>", content_type="application/pdf")
    response = revisor.post(reverse("audits:create"), {**audit_form(), "report_file": not_pdf})
    assert "Granskningsrapporten måste vara en PDF-fil." in response.content.decode()
    assert not Audit.objects.exists()

    pdf = SimpleUploadedFile("Rapport Haninge.pdf", PDF, content_type="application/pdf")
    revisor.post(reverse("audits:create"), {**audit_form(), "report_file": pdf})
    audit = Audit.objects.get()
    assert audit.report_file.name.startswith("reports/")
    served = revisor.get(reverse("audits:report", args=[audit.pk]))
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert b"".join(served.streaming_content) == PDF
    assert 'filename="granskning-av-digitalisering.pdf"' in served["Content-Disposition"]
    client.force_login(make_town("Burlöv").revisor)
    assert client.get(reverse("audits:report", args=[audit.pk])).status_code == 404
    audit.report_file.storage.delete(audit.report_file.name)
    assert revisor.get(reverse("audits:report", args=[audit.pk])).status_code == 404
    audit.report_file = None
    audit.save()
    assert revisor.get(reverse("audits:report", args=[audit.pk])).status_code == 404


# Revision questions


def test_add_question_as_plain_form(revisor, town):
    audit = make_audit(town.municipality)
    response = revisor.post(reverse("audits:question_add", args=[audit.pk]), {"text": "Finns det en tydlig roll- och ansvarsfördelning?", "answer": "ja"})
    assert response.status_code == 302
    assert response["Location"] == reverse("audits:questions", args=[audit.pk])
    assert audit.questions.get().answer == "ja"


def test_add_question_with_htmx_returns_the_section_and_moves_focus(revisor, town):
    audit = make_audit(town.municipality)
    make_question(audit, text="Första frågan?")
    response = revisor.post(
        reverse("audits:question_add", args=[audit.pk]),
        {"text": "Andra frågan?", "answer": "delvis"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="questions-section"')
    assert "Andra frågan?" in content and "Delvis" in content
    assert "Revisionsfråga 2 har lagts till." in content
    assert 'hx-swap-oob="true"' in content
    assert response["HX-Trigger-After-Settle"] == '{"revisionsspar:focus": {"ids": ["id_text"]}}'


def test_invalid_question_keeps_the_answer_and_saves_nothing(revisor, town):
    audit = make_audit(town.municipality)
    for headers in ({}, {"HX-Request": "true"}):
        response = revisor.post(
            reverse("audits:question_add", args=[audit.pk]), {"text": " ", "answer": "nej", "comment": "Se avsnitt 7"}, headers=headers
        )
        content = response.content.decode()
        assert response.status_code == 200
        assert "Detta fält måste fyllas i." in content
        assert '<option value="nej" selected>Nej</option>' in content
        assert "Se avsnitt 7" in content
    assert not audit.questions.exists()


def test_move_and_delete_questions(revisor, town):
    audit = make_audit(town.municipality)
    make_question(audit, text="A?")
    second = make_question(audit, text="B?")
    revisor.post(reverse("audits:question_move", args=[audit.pk, second.pk]), {"direction": "up"})
    assert list(audit.questions.values_list("text", flat=True)) == ["B?", "A?"]
    response = revisor.post(
        reverse("audits:question_delete", args=[audit.pk, second.pk]), headers={"HX-Request": "true"}
    )
    assert "questions-heading" in response["HX-Trigger-After-Settle"]
    assert list(audit.questions.values_list("text", "order")) == [("A?", 1)]


# Recommendations and addressees


def test_shortcut_without_script_shows_the_expansion_and_saves_nothing(revisor, town):
    audit = make_audit(town.municipality)
    response = revisor.post(
        reverse("recommendations:create", args=[audit.pk]),
        {"text": "Samtliga nämnder rekommenderas att ta fram handlingsplaner.", "shortcut": "samtliga_utom_ks"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Samtliga nämnder rekommenderas att ta fram handlingsplaner." in content
    assert "Samtliga nämnder utom kommunstyrelsen är valda (2)" in content
    checked = {c.pk for c in (town.social, town.culture)}
    for committee in (town.ks, town.social, town.culture):
        box = content.split(f'value="{committee.pk}"')[1].split(">")[0]
        assert ("checked" in box) == (committee.pk in checked)
    assert "Fritidsnämnden" not in content
    assert not Recommendation.objects.exists()


def test_checkboxes_carry_their_shortcuts_for_the_script(revisor, town):
    audit = make_audit(town.municipality)
    content = revisor.get(reverse("recommendations:create", args=[audit.pk])).content.decode()
    ks_box, social_box = (content.split(f'value="{c.pk}"')[1].split(">")[0] for c in (town.ks, town.social))
    assert 'data-shortcuts="samtliga"' in ks_box
    assert 'data-shortcuts="samtliga samtliga_utom_ks"' in social_box


def test_save_recommendation_addresses_committees_and_creates_recipients(revisor, town):
    audit = make_audit(town.municipality)
    response = revisor.post(
        reverse("recommendations:create", args=[audit.pk]),
        {"text": "Säkerställ uppföljning.", "committees": [town.ks.pk, town.social.pk], "then": "new"},
    )
    assert response["Location"] == reverse("recommendations:create", args=[audit.pk])
    recommendation = Recommendation.objects.get()
    assert {a.recipient.committee for a in recommendation.addressees.all()} == {town.ks, town.social}
    assert audit.recipients.count() == 2


def test_recommendation_cannot_be_addressed_to_another_municipality(revisor, town):
    audit = make_audit(town.municipality)
    foreign = make_town("Burlöv").ks
    response = revisor.post(
        reverse("recommendations:create", args=[audit.pk]), {"text": "R", "committees": [foreign.pk]}
    )
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not Recommendation.objects.exists() and not Recipient.objects.exists()


def test_edit_unaddress_and_delete_recommendation(revisor, town):
    audit = make_audit(town.municipality)
    recommendation = save_recommendation(Recommendation(audit=audit, text="R"), [town.ks, town.social])
    other = save_recommendation(Recommendation(audit=audit, text="S"), [town.ks])
    page = revisor.get(reverse("recommendations:edit", args=[recommendation.pk])).content.decode()
    assert page.count("checked") == 2
    revisor.post(reverse("recommendations:edit", args=[recommendation.pk]), {"text": "R2", "committees": [town.ks.pk]})
    assert list(audit.recipients.values_list("committee__short_name", flat=True)) == ["KS"]
    revisor.post(reverse("recommendations:move", args=[other.pk]), {"direction": "up"})
    assert list(audit.recommendations.values_list("text", flat=True)) == ["S", "R2"]
    confirm = revisor.get(reverse("recommendations:delete", args=[recommendation.pk])).content.decode()
    assert "Ta bort rekommendation 2?" in confirm
    revisor.post(reverse("recommendations:delete", args=[recommendation.pk]))
    assert list(audit.recommendations.values_list("text", "order")) == [("S", 1)]


# Deadlines, extensions and sending


def test_one_deadline_for_all_then_adjust_one(revisor, town):
    audit = make_audit(town.municipality)
    ks = make_recipient(audit, town.ks, deadline=None)
    social = make_recipient(audit, town.social, deadline=None)
    url = reverse("audits:recipients", args=[audit.pk])
    revisor.post(url, {"action": "all", "all-deadline": "2030-03-20"})
    assert set(audit.recipients.values_list("deadline", flat=True)) == {datetime.date(2030, 3, 20)}
    revisor.post(url, {"action": "each", f"each-deadline_{ks.pk}": "2030-03-20", f"each-deadline_{social.pk}": "2030-04-01"})
    social.refresh_from_db()
    assert social.deadline == datetime.date(2030, 4, 1)
    response = revisor.post(url, {"action": "all", "all-deadline": "20 mars"})
    assert "Ange datumet som ÅÅÅÅ-MM-DD" in response.content.decode()
    assert 'value="20 mars"' in response.content.decode()


def test_extension_form_shows_service_errors_next_to_the_fields(revisor, town):
    audit = make_audit(town.municipality)
    recipient = make_recipient(audit, town.social, deadline=datetime.date(2030, 3, 20))
    url = reverse("audits:extension", args=[audit.pk, recipient.pk])
    response = revisor.post(url, {"extended_deadline": "2030-03-01", "extension_reason": "Sammanträde"})
    content = response.content.decode()
    assert 'id="id_extended_deadline_error"' in content
    assert "Den nya svarsdagen måste vara senare än den nuvarande (2030-03-20)." in content
    assert "Sammanträde" in content
    recipient.refresh_from_db()
    assert recipient.extended_deadline is None
    response = revisor.post(url, {"extended_deadline": "2030-03-24", "extension_reason": "Sammanträde"})
    assert response.status_code == 302
    recipient.refresh_from_db()
    assert recipient.effective_deadline == datetime.date(2030, 3, 24)


def test_send_page_lists_what_is_missing_and_refuses(revisor, town, mailoutbox):
    audit = make_audit(town.municipality)
    make_recommendation(audit, [make_recipient(audit, town.ks, deadline=None)])
    url = reverse("responses:send", args=[audit.pk])
    assert "Ange svarsdag för Kommunstyrelsen." in revisor.get(url).content.decode()
    response = revisor.post(url)
    assert response.status_code == 200
    assert "Granskningen skickades inte" in response.content.decode()
    audit.refresh_from_db()
    assert audit.status == Audit.Status.PLANERAD
    assert not Response.objects.exists() and mailoutbox == []


def test_send_and_progress_on_the_audit_page(revisor, town, mailoutbox, django_capture_on_commit_callbacks):
    audit = make_audit(town.municipality)
    deadline = datetime.date.today() + datetime.timedelta(days=30)
    make_recommendation(audit, [make_recipient(audit, town.ks, deadline=deadline)])
    with django_capture_on_commit_callbacks(execute=True):
        response = revisor.post(reverse("responses:send", args=[audit.pk]))
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.status == Audit.Status.SKICKAD and audit.sent_by == town.revisor
    missiv = AuditDocument.objects.get(audit=audit)
    assert missiv.state == AuditDocument.State.READY and missiv.file.size > 0
    answer = Response.objects.get(recipient__audit=audit)
    [message] = mailoutbox
    assert message.to == [town.ks_secretary.email]
    assert f"http://127.0.0.1:8000/responses/{answer.pk}/" in message.body
    page = revisor.get(audit.get_absolute_url()).content.decode()
    assert "Granskningen har skickats för yttrande till 1 nämnd." in page
    assert "30 dagar kvar" in page
    assert f'href="/responses/{answer.pk}/"' in page
    assert "Skicka för yttrande</a>" not in page


# Follow-up


def test_follow_up_records_a_judgement_with_author_and_keeps_history(revisor, town):
    audit = make_audit(town.municipality)
    recommendation = save_recommendation(Recommendation(audit=audit, text="Utarbeta riktlinjer."), [town.ks])
    addressee = recommendation.addressees.get()
    make_follow_up(addressee, status="ej_atgardad", date=datetime.date(2024, 1, 10))
    url = reverse("recommendations:follow_up", args=[addressee.pk])
    future = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    response = revisor.post(url, {"status": "atgardad", "date": future, "comment": "Antagna"})
    assert "Datumet kan inte vara i framtiden." in response.content.decode()
    response = revisor.post(url, {"status": "atgardad", "date": "2025-01-10", "comment": "Riktlinjerna antogs."})
    assert response["Location"].endswith(f"#addressee-{addressee.pk}")
    latest = FollowUp.objects.latest()
    assert (latest.status, latest.author) == ("atgardad", town.revisor)
    matrix = revisor.get(reverse("recommendations:follow_up_matrix", args=[audit.pk])).content.decode()
    cell = matrix.split(f'id="addressee-{addressee.pk}"')[1].split("</td>")[0]
    assert cell.index("Åtgärdad") < cell.index("Historik (2)") < cell.index("Ej åtgärdad")
    assert "Riktlinjerna antogs." in cell


# Overviews and exports


@pytest.fixture
def overview(town):
    digital = make_audit(
        town.municipality, title="Granskning av digitalisering", year=2019, consultant_firm="EY", kind="granskning"
    )
    premises = make_audit(
        town.municipality, title="Granskning av lokalförsörjning", year=2021, consultant_firm="KPMG", kind="forstudie"
    )
    ks = make_recipient(digital, town.ks)
    social = make_recipient(premises, town.social)
    judged = make_recommendation(digital, [ks], order=1, text="Utarbeta riktlinjer för risk- och nyttokalkyler.")
    make_follow_up(judged.addressees.get(), status="atgardad")
    make_recommendation(digital, [ks], order=2, text="Säkerställ en strukturerad uppföljning av digitaliseringen.")
    make_recommendation(premises, [social], order=1, text="Inventera lokalbehoven.")
    make_audit(make_town("Burlöv").municipality, title="Granskning av digitaliseringsarbete")
    return digital, premises


def titles(response):
    return [row[0] for row in csv.reader(io.StringIO(response.content.decode("utf-8")))][1:]


@pytest.mark.parametrize(
    "query,expected",
    [
        ({}, ["Granskning av lokalförsörjning", "Granskning av digitalisering"]),
        ({"year": "2019"}, ["Granskning av digitalisering"]),
        ({"kind": "forstudie"}, ["Granskning av lokalförsörjning"]),
        ({"consultant": "EY"}, ["Granskning av digitalisering"]),
        ({"status": "skickad"}, []),
        ({"q": "digitalisering"}, ["Granskning av digitalisering"]),
        ({"q": "lokal"}, ["Granskning av lokalförsörjning"]),
    ],
)
def test_audit_filters_narrow_the_export(revisor, overview, query, expected):
    assert titles(revisor.get(reverse("audits:list"), {**query, "_export": "csv"})) == expected


def test_audit_export_gives_the_sending_date_in_swedish_format(revisor, town, overview):
    digital, _ = overview
    digital.status, digital.sent_at = Audit.Status.SKICKAD, datetime.datetime(2019, 12, 31, 23, 30, tzinfo=datetime.UTC)
    digital.save()
    rows = csv_rows(revisor.get(reverse("audits:list"), {"year": "2019", "_export": "csv"}))
    assert rows[0][-1] == "Skickad" and rows[1][-1] == "2020-01-01"


def test_audit_committee_filter(revisor, town, overview):
    response = revisor.get(reverse("audits:list"), {"committee": town.social.pk, "_export": "csv"})
    assert titles(response) == ["Granskning av lokalförsörjning"]


def test_audit_list_page_has_filters_sorting_and_export_links(revisor, overview):
    content = revisor.get(reverse("audits:list"), {"year": "2019"}).content.decode()
    assert 'role="search"' in content
    assert '<label class="form-label" for="id_year">År</label>' in content
    assert "?year=2019&amp;_export=csv" in content and "?year=2019&amp;_export=xlsx" in content
    assert "Granskning av digitalisering" in content and "lokalförsörjning" not in content
    assert 'aria-sort="descending"' in content


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_recommendation_export_has_audit_addressees_and_follow_up(revisor, overview):
    rows = csv_rows(revisor.get(reverse("recommendations:list"), {"_export": "csv"}))
    assert rows[0] == ["Nr", "Rekommendation", "Granskning", "År", "Riktad till", "Uppföljning"]
    assert rows[1:] == [
        ["1", "Inventera lokalbehoven.", "Granskning av lokalförsörjning", "2021", "Socialnämnden", "Socialnämnden: Ej bedömd"],
        ["1", "Utarbeta riktlinjer för risk- och nyttokalkyler.", "Granskning av digitalisering", "2019", "Kommunstyrelsen", "Kommunstyrelsen: Åtgärdad"],
        ["2", "Säkerställ en strukturerad uppföljning av digitaliseringen.", "Granskning av digitalisering", "2019", "Kommunstyrelsen", "Kommunstyrelsen: Ej bedömd"],
    ]


@pytest.mark.parametrize(
    "query,expected",
    [
        ({"year": "2021"}, ["Inventera lokalbehoven."]),
        ({"status": "atgardad"}, ["Utarbeta riktlinjer för risk- och nyttokalkyler."]),
        ({"status": "ej_bedomd", "year": "2019"}, ["Säkerställ en strukturerad uppföljning av digitaliseringen."]),
        ({"q": "uppföljning"}, ["Säkerställ en strukturerad uppföljning av digitaliseringen."]),
        ({"q": "lokalförsörjning"}, ["Inventera lokalbehoven."]),
    ],
)
def test_recommendation_filters(revisor, overview, query, expected):
    rows = csv_rows(revisor.get(reverse("recommendations:list"), {**query, "_export": "csv"}))
    assert [row[1] for row in rows[1:]] == expected


def test_recommendation_filters_by_audit_and_committee(revisor, town, overview):
    digital, premises = overview
    by_audit = csv_rows(revisor.get(reverse("recommendations:list"), {"audit": premises.pk, "_export": "csv"}))
    assert [row[1] for row in by_audit[1:]] == ["Inventera lokalbehoven."]
    by_committee = csv_rows(
        revisor.get(reverse("recommendations:list"), {"committee": town.ks.pk, "status": "ej_bedomd", "_export": "csv"})
    )
    assert [row[1] for row in by_committee[1:]] == ["Säkerställ en strukturerad uppföljning av digitaliseringen."]


def test_xlsx_export(revisor, overview):
    response = revisor.get(reverse("recommendations:list"), {"year": "2019", "_export": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="rekommendationer.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][1] == "Rekommendation"
    assert [row[1] for row in values[1:]] == [
        "Utarbeta riktlinjer för risk- och nyttokalkyler.",
        "Säkerställ en strukturerad uppföljning av digitaliseringen.",
    ]


def test_recommendation_list_queries_do_not_grow_with_rows(revisor, town, django_assert_max_num_queries):
    for n in range(40):
        audit = make_audit(town.municipality, title=f"Granskning {n}", year=2000 + n % 20)
        recipients = [make_recipient(audit, town.ks), make_recipient(audit, town.social)]
        recommendation = make_recommendation(audit, recipients, order=1)
        make_follow_up(recommendation.addressees.first())
    # 11 for the page and one for the session's idle renewal (once a minute).
    with django_assert_max_num_queries(12):
        page = revisor.get(reverse("recommendations:list"))
    assert page.content.decode().count("KS: ") == 25
    with django_assert_max_num_queries(12):
        export = revisor.get(reverse("recommendations:list"), {"_export": "csv"})
    assert len(csv_rows(export)) == 41
