"""NUL bytes and invalid UTF-8 anywhere in a request are a 400, an oversized body a 413, never a
500; pages of a logged-in user are not stored by caches; mail subjects are plain text."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from committees.mail import render_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def revisor(client_as, demo):
    return client_as("revisor.eskilstuna")


@pytest.mark.parametrize(
    "path, extra",
    [
        ("/audits/?q=f%00re", {}),
        ("/audits/?q=%ff%fe", {}),
        ("/audits/?q%00=1", {}),
        ("/calendar/abc%00def.ics", {}),
        ("/audits/%00/", {}),
        ("/audits/", {"HTTP_X_FORWARDED_FOR": "1.2.3.4\x00"}),
        ("/audits/", {"HTTP_USER_AGENT": "\xff\xfe"}),
        ("/audits/", {"HTTP_COOKIE": "sessionid=abc\x00def"}),
        ("/audits/", {"HTTP_COOKIE": "csrftoken=\xc3\x28"}),
    ],
)
def test_bad_bytes_in_address_headers_and_cookies_are_refused(revisor, path, extra):
    response = revisor.get(path, **extra)
    assert response.status_code == 400
    assert "Felaktig begäran" in response.content.decode()


def test_bad_bytes_in_a_session_cookie_without_login(client, db):
    assert client.get(reverse("audits:list"), HTTP_COOKIE="sessionid=x\x00y").status_code == 400


@pytest.mark.parametrize("body", [b"title=a%00b", b"title=%c3%28", b"ti%00tle=x", b"title=a\x00b"])
def test_bad_bytes_in_a_form_body_are_refused(revisor, body):
    response = revisor.generic(
        "POST", reverse("audits:create"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_nul_in_a_multipart_field_is_refused(revisor):
    assert revisor.post(reverse("audits:create"), {"title": "a\x00b"}).status_code == 400
    upload = SimpleUploadedFile("bilaga.pdf", b"%PDF-1.4", content_type="application/pdf")
    assert revisor.post(reverse("audits:create"), {"title\x00": "a", "file": upload}).status_code == 400


def test_ordinary_swedish_input_passes(revisor):
    assert revisor.get("/audits/?q=%C3%A5%C3%A4%C3%B6+f%C3%B6re").status_code == 200


def test_an_oversized_body_is_refused_in_swedish_before_it_is_read(revisor, settings):
    response = revisor.generic(
        "POST", reverse("audits:create"), b"x", content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(settings.MAX_REQUEST_BODY_SIZE + 1),
    )
    assert response.status_code == 413
    assert "För stor begäran" in response.content.decode()


def test_form_fields_beyond_the_memory_cap_are_refused(revisor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = revisor.post(reverse("audits:create"), {"title": "x" * 2000})
    assert response.status_code in (400, 413)


def test_pages_and_downloads_of_a_logged_in_user_are_not_stored(revisor, client):
    for response in [revisor.get(reverse("audits:list")), revisor.get(reverse("audits:list"), {"_export": "csv"})]:
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    revisor.logout()
    assert "no-store" not in client.get(reverse("ping")).get("Cache-Control", "")


def test_mail_subject_and_text_are_not_html_escaped(demo):
    from audits.models import Audit

    audit = Audit.objects.filter(municipality__slug="eskilstuna").first()
    audit.title = "Bygg & miljö <2025>"
    subject, text, html = render_mail(
        "request_for_response",
        {"audit": audit, "committee": "Kultur- & fritidsnämnden", "deadline": None, "response_url": "http://x/?a=1&b=2"},
    )
    assert "Bygg & miljö <2025>" in subject and "&amp;" not in subject
    assert "Bygg & miljö <2025>" in text and "http://x/?a=1&b=2" in text
    assert "Bygg &amp; miljö &lt;2025&gt;" in html
