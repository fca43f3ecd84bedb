"""The missiv and the report to fullmäktige: PDF/A-2a rendered by the worker, stored, served."""

import datetime
import http.server
import io
import threading

import pikepdf
import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from weasyprint import HTML

from documents import pdf, rendering as documents
from audits.models import Audit, Signatory
from core.storage import private_storage
from documents.models import AuditDocument
from committees.models import Committee, User
from responses.models import Position, Response

from .factories import (
    make_committee,
    make_municipality,
    make_recipient,
    make_recommendation,
    make_response,
    make_sent_audit,
    make_user,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def submitted(recipient, meeting_date, paragraf, diarienummer, positions):
    response = make_response(
        recipient,
        status=Response.Status.INSKICKAD,
        submitted_at=timezone.now(),
        meeting_date=meeting_date,
        paragraf=paragraf,
        diarienummer=diarienummer,
        summary=f"{recipient.committee} ställer sig bakom rekommendationerna.",
    )
    for addressee in recipient.addressees.all():
        choice, actions = positions
        Position.objects.create(response=response, addressee=addressee, position=choice, planned_actions=actions)
    return response


@pytest.fixture
def case():
    """A case shaped like Eskilstuna's: four committees, overlapping recommendations, one
    extension, one late answer and one missing."""
    town = make_municipality(name="Testby", slug="testby")
    ks = make_committee(town, name="Kommunstyrelsen", short_name="KS", kind=Committee.Kind.KOMMUNSTYRELSEN)
    gsn = make_committee(town, name="Grundskolenämnden", short_name="GSN")
    kfn = make_committee(town, name="Kultur- och fritidsnämnden", short_name="KFN")
    sbn = make_committee(town, name="Stadsbyggnadsnämnden", short_name="SBN")
    kf = make_committee(town, name="Kommunfullmäktige", short_name="KF", kind=Committee.Kind.KOMMUNFULLMAKTIGE)
    audit = make_sent_audit(
        town,
        title="Granskning av kommunens digitaliseringsarbete",
        diarienummer="REV/2022:15",
        consultant_firm="KPMG",
        place="Testby",
        missiv_date=D(2022, 12, 1),
        summary="Vi har granskat digitaliseringsarbetet.\n\nStyrningen är inte fullt ut ändamålsenlig.",
        purpose="Att bedöma styrning och uppföljning.",
        ks_office_view="Kommunledningskontoret instämmer i rekommendationerna.",
        council_proposal="Granskningen och svaren läggs till handlingarna.",
    )
    audit.informed_committees.set([kf])
    Signatory.objects.create(audit=audit, order=1, name="Tommy Kvarsell", title="Ordförande")
    Signatory.objects.create(audit=audit, order=2, name="Majvor Gyllhamn", title="Vice ordförande")
    r_ks, r_gsn, r_sbn = (make_recipient(audit, c, deadline=D(2023, 3, 20)) for c in (ks, gsn, sbn))
    r_kfn = make_recipient(
        audit, kfn, deadline=D(2023, 3, 20), extended_deadline=D(2023, 3, 24), extension_reason="Sammanträdet."
    )
    make_recommendation(audit, [r_ks], order=1, text="Slutföra processkartläggningen.")
    make_recommendation(audit, [r_ks, r_gsn, r_kfn, r_sbn], order=2, text="Säkerställa att arbetet följer programmet.")
    make_recommendation(audit, [r_gsn, r_kfn, r_sbn], order=3, text="Etablera ett systematiskt arbetssätt.")
    make_recommendation(audit, [r_gsn, r_kfn], order=4, text="Upprätta en plan för digital transformation.")
    submitted(r_ks, D(2023, 3, 13), "§ 85", "KSKF/2022:442", (Position.Choice.INSTAMMER, "Projektkontor inrättas."))
    submitted(r_gsn, D(2023, 3, 16), "19", "GSN/2022:817", (Position.Choice.DELVIS, "Plan tas fram hösten 2023."))
    submitted(r_kfn, D(2023, 3, 28), "§ 20", "KFN/2023:41", (Position.Choice.INSTAMMER, "Kompetens rekryteras."))
    return audit


def pdf_text(content):
    """The text of every page on one line; list bullets (extracted out of order) dropped."""
    pages = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    return " ".join(pages.replace("•", " ").split())


def assert_archivable(content, title, author):
    """PDF/A-2a identification, tagging, language, metadata and embedded fonts; no images."""
    with pikepdf.open(io.BytesIO(content)) as document:
        metadata = document.open_metadata()
        assert metadata["pdfaid:part"] == "2"
        assert metadata["pdfaid:conformance"] == "A"
        assert metadata["dc:title"] == title
        assert author in str(metadata["dc:creator"])
        assert str(document.Root.Lang) == "sv"
        assert "/StructTreeRoot" in document.Root
        assert "/OutputIntents" in document.Root
        fonts = [font for page in document.pages for font in page.Resources.Font.values()]
        assert fonts
        for font in fonts:
            descriptor = font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font else font.FontDescriptor
            assert "DejaVu" in str(descriptor.FontName)
            assert "/FontFile2" in descriptor
        for page in document.pages:
            assert "/XObject" not in page.Resources or not any(
                x.get("/Subtype") == "/Image" for x in page.Resources.XObject.values()
            )


def test_missiv_has_the_layout_of_the_real_letters(case):
    content = pdf.render_document(pdf.load_audit(case.pk), AuditDocument.Kind.MISSIV)
    text = pdf_text(content)
    assert text.index("Till") < text.index("Kommunstyrelsen") < text.index("För kännedom") < text.index("Kommunfullmäktige")
    for name in ["Grundskolenämnden", "Kultur- och fritidsnämnden", "Stadsbyggnadsnämnden"]:
        assert name in text
    assert "Granskning av kommunens digitaliseringsarbete" in text
    assert "Styrningen är inte fullt ut ändamålsenlig." in text
    assert "Kommunstyrelsen rekommenderas att: Slutföra processkartläggningen." in text
    assert "Samtliga nämnder rekommenderas att: Säkerställa att arbetet följer programmet." in text
    assert "Samtliga nämnder med undantag för kommunstyrelsen rekommenderas att: Etablera" in text
    assert "Grundskolenämnden samt kultur- och fritidsnämnden rekommenderas att: Upprätta" in text
    assert (
        "Rapporten överlämnas härmed för yttrande senast 2023-03-20 och för kännedom till kommunfullmäktige." in text
    )
    assert "Testby 2022-12-01" in text
    assert "För revisorerna i Testby" in text
    assert "Tommy Kvarsell Ordförande" in text and "Majvor Gyllhamn Vice ordförande" in text
    assert "Dnr REV/2022:15" in text
    assert "Sida 1 av 1" in text
    assert_archivable(content, "Missiv: Granskning av kommunens digitaliseringsarbete", "Revisorerna i Testby")


def test_council_report_has_every_answer_and_flags_missing_and_late(case):
    content = pdf.render_document(pdf.load_audit(case.pk), AuditDocument.Kind.COUNCIL_REPORT)
    text = pdf_text(content)
    assert "Anmälan av nämndernas svar på kommunrevisionens granskning" in text
    assert "Förslag till kommunfullmäktige Granskningen och svaren läggs till handlingarna." in text
    assert "Samtliga nämnder rekommenderas att: 2. Säkerställa att arbetet följer programmet." in text
    # Each committee's table refers to the recommendations by their numbers.
    assert "Rekommendation nr Ställningstagande Planerade åtgärder 2 Instämmer delvis Plan tas fram hösten 2023." in text
    assert text.count("Säkerställa att arbetet följer programmet.") == 1
    for fact in ["Sammanträde: 2023-03-13, § 85", "KSKF/2022:442", "2023-03-16, § 19", "GSN/2022:817", "2023-03-28, § 20", "KFN/2023:41"]:
        assert fact in text
    assert "2023-03-24 (förlängd från 2023-03-20)" in text
    assert "Svar saknas från: Stadsbyggnadsnämnden." in text
    assert "Svar som kom in efter svarstiden: Kultur- och fritidsnämnden." in text
    assert "Svar saknas: svarstiden gick ut 2023-03-20." in text
    assert "Instämmer delvis" in text and "Plan tas fram hösten 2023." in text
    assert "Kommunledningskontorets synpunkter Kommunledningskontoret instämmer i rekommendationerna." in text
    assert "Dnr KSKF/2022:442" in text
    assert "Sida 1 av " in text
    assert_archivable(
        content, "Anmälan av nämndernas svar: Granskning av kommunens digitaliseringsarbete", "Kommunstyrelsen i Testby"
    )


@pytest.fixture
def http_server():
    """A loopback HTTP server that counts the requests it gets."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def test_user_text_cannot_fetch_files_or_reach_the_network(case, http_server):
    address, hits = http_server
    hostile = f'<img src="file:///etc/passwd"><img src="{address}/spy.png"><link rel="stylesheet" href="{address}/x.css">'
    Audit.objects.filter(pk=case.pk).update(summary=hostile, ks_office_view=hostile)
    case.recommendations.filter(order=1).update(text=f'<img src="{address}/rec.png">')
    for kind in AuditDocument.Kind:
        content = pdf.render_document(pdf.load_audit(case.pk), kind)
        text = pdf_text(content)
        assert '<img src="file:///etc/passwd">' in text
        assert "root:x:0:0" not in text
        assert_archivable(content, pikepdf.open(io.BytesIO(content)).open_metadata()["dc:title"], "Testby")
    assert hits == []


def test_fetcher_serves_only_static_files_even_to_unescaped_html(http_server):
    address, hits = http_server
    html = (
        '<html lang="sv"><head><title>t</title><link rel="stylesheet" href="css/pdf.css"></head><body>'
        f'<p>Text</p><img src="file:///etc/passwd"><img src="{address}/spy.png"><img src="../../../../etc/passwd">'
        f'<iframe src="{address}/frame"></iframe><object data="{address}/object"></object></body></html>'
    )
    content = HTML(string=html, base_url=pdf.STATIC_BASE_URL, url_fetcher=pdf.StaticFilesFetcher()).write_pdf()
    assert hits == []
    with pikepdf.open(io.BytesIO(content)) as document:
        page = document.pages[0]
        assert "/XObject" not in page.Resources or not page.Resources.XObject.keys()
        assert "DejaVu" in str(next(iter(page.Resources.Font.values())).BaseFont)
    fetcher = pdf.StaticFilesFetcher()
    for url in ["file:///etc/passwd", f"{address}/x", f"{pdf.STATIC_BASE_URL}../../etc/passwd", "data:text/plain,x"]:
        with pytest.raises((ValueError, FileNotFoundError)):
            fetcher.fetch(url)
    assert fetcher.fetch(f"{pdf.STATIC_BASE_URL}fonts/DejaVuSans.ttf").read()[:4] == b"\x00\x01\x00\x00"


def test_rendering_queries_do_not_grow_with_the_case(case):
    def queries_for(audit):
        with CaptureQueriesContext(connection) as queries:
            for kind in AuditDocument.Kind:
                pdf.render_document(pdf.load_audit(audit.pk), kind)
        return len(queries)

    small = make_sent_audit(case.municipality, title="Liten granskning")
    recipient = make_recipient(small, case.recipients.first().committee)
    make_recommendation(small, [recipient])
    assert queries_for(case) == queries_for(small)


@pytest.fixture
def render_now(eager_celery, django_capture_on_commit_callbacks):
    """Request a document the way the web does and let the (eager) worker render it."""

    def request(audit, kind=AuditDocument.Kind.MISSIV):
        with django_capture_on_commit_callbacks(execute=True):
            documents.request_document(audit, kind)
        return AuditDocument.objects.get(audit=audit, kind=kind)

    return request


def test_requested_document_is_rendered_and_stored(case, render_now):
    document = render_now(case)
    assert document.state == AuditDocument.State.READY
    assert document.rendered_at is not None
    first_file = document.file.name
    assert private_storage.exists(first_file)
    assert "Testby 2022-12-01" in pdf_text(document.file.read())
    document = render_now(case)
    assert document.state == AuditDocument.State.READY
    assert private_storage.exists(document.file.name)
    if document.file.name != first_file:
        assert not private_storage.exists(first_file)
    assert AuditDocument.objects.filter(audit=case).count() == 1


def test_render_task_is_idempotent_and_tolerates_a_deleted_audit(case, eager_celery, django_capture_on_commit_callbacks):
    from documents.tasks import render_document

    with django_capture_on_commit_callbacks(execute=False):
        documents.request_document(case, AuditDocument.Kind.MISSIV)
    render_document.delay(case.pk, AuditDocument.Kind.MISSIV)
    document = AuditDocument.objects.get()
    rendered_at = document.rendered_at
    assert render_document.delay(case.pk, AuditDocument.Kind.MISSIV).get() == "ready"
    document.refresh_from_db()
    assert document.rendered_at == rendered_at

    with django_capture_on_commit_callbacks(execute=False):
        documents.request_document(case, AuditDocument.Kind.COUNCIL_REPORT)
    case.delete()
    assert render_document.delay(case.pk, AuditDocument.Kind.COUNCIL_REPORT).get() is None


@pytest.fixture
def broken_missiv_template(settings, tmp_path):
    """A missiv template that fails to render, found before the real one."""
    (tmp_path / "documents" / "pdf").mkdir(parents=True)
    (tmp_path / "documents" / "pdf" / "missiv.html").write_text("{% if %}")
    templates = [dict(settings.TEMPLATES[0])]
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    original = settings.TEMPLATES
    settings.TEMPLATES = templates
    return lambda: setattr(settings, "TEMPLATES", original)


def test_failed_render_is_recorded_and_can_be_retried(
    case, render_now, broken_missiv_template, client, django_capture_on_commit_callbacks
):
    document = render_now(case)
    assert document.state == AuditDocument.State.FAILED
    assert "TemplateSyntaxError" in document.error
    assert not document.file
    revisor = make_user(User.Role.REVISOR, case.municipality)
    client.force_login(revisor)
    page = client.get(f"/audits/{case.pk}/missiv.pdf")
    assert page.status_code == 200
    assert "Det gick inte att framställa PDF:en" in page.content.decode()
    detail = client.get(f"/audits/{case.pk}/").content.decode()
    assert "Misslyckad" in detail and "Försök igen" in detail

    broken_missiv_template()
    assert client.get(f"/audits/{case.pk}/documents/missiv/render").status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/audits/{case.pk}/documents/missiv/render", {"next": f"/audits/{case.pk}/"})
    assert response.status_code == 302 and response["Location"] == f"/audits/{case.pk}/"
    document.refresh_from_db()
    assert document.state == AuditDocument.State.READY
    assert client.get(f"/audits/{case.pk}/missiv.pdf")["Content-Type"] == "application/pdf"


@pytest.fixture
def people(case):
    """Users of the case's municipality and of another one."""
    town = case.municipality
    kfn = case.recipients.get(committee__short_name="KFN").committee
    elsewhere = make_municipality()
    return {
        "revisor": make_user(User.Role.REVISOR, town),
        "ks": make_user(User.Role.KS_HANDLAGGARE, town),
        "secretary": make_user(User.Role.SEKRETERARE, town, [kfn]),
        "other secretary": make_user(User.Role.SEKRETERARE, town, [make_committee(town)]),
        "foreign revisor": make_user(User.Role.REVISOR, elsewhere),
        "foreign ks": make_user(User.Role.KS_HANDLAGGARE, elsewhere),
    }


@pytest.mark.parametrize(
    "who, missiv, council_report",
    [
        ("revisor", 200, 200),
        ("ks", 200, 200),
        ("secretary", 200, 403),
        ("other secretary", 404, 404),
        ("foreign revisor", 404, 404),
        ("foreign ks", 404, 404),
    ],
)
def test_who_may_download_which_document(case, people, render_now, client, who, missiv, council_report):
    render_now(case, AuditDocument.Kind.MISSIV)
    render_now(case, AuditDocument.Kind.COUNCIL_REPORT)
    client.force_login(people[who])
    for url, expected in [(f"/audits/{case.pk}/missiv.pdf", missiv), (f"/audits/{case.pk}/council-report.pdf", council_report)]:
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == 200:
            assert response["Content-Type"] == "application/pdf"
            assert b"".join(response.streaming_content).startswith(b"%PDF-")
        post = client.post(url.replace(".pdf", "").replace("missiv", "documents/missiv/render").replace(
            "council-report", "documents/council_report/render"))
        assert post.status_code == (302 if expected == 200 else expected)


def test_unknown_document_kind_is_404(case, people, client):
    client.force_login(people["revisor"])
    assert client.post(f"/audits/{case.pk}/documents/report/render").status_code == 404


def test_document_pages_need_login(case, client):
    for url in [f"/audits/{case.pk}/missiv.pdf", f"/audits/{case.pk}/council-report.pdf"]:
        assert client.get(url)["Location"].startswith("/accounts/login/")


def test_document_not_ready_gets_a_state_page_without_rendering(case, people, client, django_capture_on_commit_callbacks):
    client.force_login(people["ks"])
    page = client.get(f"/audits/{case.pk}/council-report.pdf")
    assert page.status_code == 200
    assert "PDF:en har inte framställts ännu." in page.content.decode()
    assert not AuditDocument.objects.exists()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        documents.request_document(case, AuditDocument.Kind.COUNCIL_REPORT)
    assert len(queued) == 1
    page = client.get(f"/audits/{case.pk}/council-report.pdf").content.decode()
    assert "PDF:en är köad" in page
    assert "Framställ på nytt" not in page
    detail = client.get(f"/audits/{case.pk}/").content.decode()
    assert "Köad" in detail


def test_render_queued_long_ago_may_be_requested_again(case, people, client):
    """A render message lost with the broker must not leave the document queued for ever."""
    client.force_login(people["revisor"])
    document = AuditDocument.objects.create(audit=case, kind=AuditDocument.Kind.MISSIV)
    AuditDocument.objects.filter(pk=document.pk).update(requested_at=timezone.now() - datetime.timedelta(minutes=11))
    page = client.get(f"/audits/{case.pk}/missiv.pdf").content.decode()
    assert "PDF:en är köad" in page and "Framställ på nytt" in page
    assert "Framställ på nytt" in client.get(f"/audits/{case.pk}/").content.decode()


def test_secretary_sees_only_the_missiv_on_the_audit_page(case, people, render_now, client):
    render_now(case, AuditDocument.Kind.MISSIV)
    client.force_login(people["secretary"])
    detail = client.get(f"/audits/{case.pk}/").content.decode()
    assert f'href="/audits/{case.pk}/missiv.pdf"' in detail
    assert "council-report" not in detail
    client.force_login(people["ks"])
    detail = client.get(f"/audits/{case.pk}/").content.decode()
    assert f'href="/audits/{case.pk}/missiv.pdf"' in detail
    assert "Anmälan till kommunfullmäktige" in detail and "har inte framställts ännu" in detail


def test_refresh_documents_re_renders_what_exists(case, render_now, django_capture_on_commit_callbacks):
    render_now(case, AuditDocument.Kind.COUNCIL_REPORT)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        refreshed = documents.refresh_documents(case)
    assert sorted(d.kind for d in refreshed) == ["council_report", "missiv"]
    assert len(queued) == 2
    assert set(AuditDocument.objects.values_list("state", flat=True)) == {"queued"}


@pytest.mark.broker
def test_documents_are_rendered_by_a_real_worker(case, people, celery_worker, client, wait_for):
    for kind in AuditDocument.Kind:
        documents.request_document(case, kind)
    wait_for(
        lambda: set(AuditDocument.objects.values_list("state", flat=True)) == {"ready"},
        timeout=60,
        message="båda PDF:erna klara",
    )
    client.force_login(people["ks"])
    response = client.get(f"/audits/{case.pk}/council-report.pdf")
    assert "KSKF/2022:442" in pdf_text(b"".join(response.streaming_content))


@pytest.mark.browser
def test_revisor_makes_the_missiv_from_the_audit_page(case, people, live_server, page, axe, eager_celery):
    revisor = people["revisor"]
    revisor.set_password("hemligt-lösen-1")
    revisor.save()
    page.goto("/accounts/login/")
    page.get_by_label("Användarnamn").fill(revisor.username)
    page.get_by_label("Lösenord").fill("hemligt-lösen-1")
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"/audits/{case.pk}/missiv.pdf")
    axe(page)
    page.get_by_role("button", name="Framställ PDF").click()
    page.wait_for_url(f"**/audits/{case.pk}/missiv.pdf")
    page.goto(f"/audits/{case.pk}/")
    documents_section = page.get_by_role("region", name="Dokument")
    assert "Klar" in documents_section.inner_text()
    axe(page)
    download = page.request.get(f"/audits/{case.pk}/missiv.pdf")
    assert download.headers["content-type"] == "application/pdf"
    assert "Testby 2022-12-01" in pdf_text(download.body())


ESKILSTUNA_COMMITTEES = [
    "Kommunstyrelsen",
    "Grundskolenämnden",
    "Gymnasienämnden",
    "Kultur- och fritidsnämnden",
    "Socialnämnden",
    "Stadsbyggnadsnämnden",
    "Vård- och omsorgsnämnden",
]


def download(client, audit, kind, django_capture_on_commit_callbacks):
    """Ask for the document as the user does (POST), let the eager worker render it, fetch it."""
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/audits/{audit.pk}/documents/{kind}/render").status_code == 302
    url = f"/audits/{audit.pk}/{'missiv' if kind == 'missiv' else 'council-report'}.pdf"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def test_demo_eskilstuna_missiv_as_revisor(demo, client_as, eager_celery, django_capture_on_commit_callbacks):
    audit = Audit.objects.get(municipality__slug="eskilstuna")
    content = download(client_as("revisor.eskilstuna"), audit, "missiv", django_capture_on_commit_callbacks)
    text = pdf_text(content)
    for name in ESKILSTUNA_COMMITTEES:
        assert name in text
    assert "För kännedom Kommunfullmäktige" in text
    assert "MISSIV Granskning av kommunens digitaliseringsarbete Vi har med stöd av KPMG" in text
    assert "Kommunstyrelsen rekommenderas att:" in text
    assert "Samtliga nämnder med undantag för kommunstyrelsen rekommenderas att:" in text
    assert "Rapporten överlämnas härmed för yttrande senast 2023-03-20" in text
    assert "Eskilstuna 2022-12-01" in text
    assert "Tommy Kvarsell Ordförande" in text and "Majvor Gyllhamn Vice ordförande" in text
    assert_archivable(content, f"Missiv: {audit.title}", "Revisorerna i Eskilstuna")


def test_demo_eskilstuna_council_report_as_ks(demo, client_as, eager_celery, django_capture_on_commit_callbacks):
    audit = Audit.objects.get(municipality__slug="eskilstuna")
    content = download(client_as("ks.eskilstuna"), audit, "council_report", django_capture_on_commit_callbacks)
    text = pdf_text(content)
    for recipient in audit.recipients.select_related("committee", "response"):
        response = recipient.response
        assert recipient.committee.name in text
        assert f"{response.meeting_date:%Y-%m-%d}, {response.paragraf_display}" in text
        assert response.diarienummer in text
    for name in ESKILSTUNA_COMMITTEES:
        assert name in text
    assert "2023-03-24 (förlängd från 2023-03-20)" in text
    assert text.count("Svarstid: 2023-03-20") == 6
    assert "Dnr KSKF/2022:442" in text
    assert "läggs till handlingarna" in text
    assert "Kommunledningskontorets synpunkter Kommunledningskontoret instämmer" in text
    assert "Samtliga nämnder har svarat inom svarstiden." in text
    assert_archivable(content, f"Anmälan av nämndernas svar: {audit.title}", "Kommunstyrelsen i Eskilstuna")


def test_demo_huddinge_report_flags_the_late_and_the_missing(demo):
    audit = Audit.objects.get(municipality__slug="huddinge")
    text = pdf_text(pdf.render_document(pdf.load_audit(audit.pk), AuditDocument.Kind.COUNCIL_REPORT))
    assert "Svar som kom in efter svarstiden: Kultur- och fritidsnämnden." in text
    assert "2022-03-15, § 6" in text and "KFN-2021/323" in text
    missing = text[text.index("Svar saknas från:"):].split(".")[0]
    assert "Förskolenämnden" in missing and "Kommunstyrelsen" in missing and "Kultur- och fritidsnämnden" not in missing


def test_demo_secretary_gets_the_missiv_but_not_the_council_report(demo, client_as):
    audit = Audit.objects.get(municipality__slug="eskilstuna")
    client = client_as("sekr.eskilstuna.kfn")
    assert client.get(f"/audits/{audit.pk}/missiv.pdf").status_code == 200
    assert client.get(f"/audits/{audit.pk}/council-report.pdf").status_code == 403
    assert client_as("ks.huddinge").get(f"/audits/{audit.pk}/missiv.pdf").status_code == 404
