"""Attachments: PDF, DOCX or ODT by content, at most 20 MB, stored privately and served only
through a permission-checking download; a refused file loses nothing else typed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from responses.models import Attachment, Response

from .factories import answer_form_data, make_docx_bytes, make_odt_bytes, make_pdf_bytes

pytestmark = pytest.mark.django_db

ELF_HEADER = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
EXE_HEADER = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 50 + b"This program cannot be run in DOS mode."


@pytest.fixture
def secretary(demo, client_as):
    return client_as("sekr.burlov.ks")


def upload(secretary, draft, files, **fields):
    data = {**answer_form_data(draft, **fields), "save": "", **files}
    return secretary.post(f"/responses/{draft.pk}/edit/", data)


def assert_refused_and_input_kept(page, draft, message):
    content = page.content.decode()
    assert page.status_code == 400
    assert message in content
    assert 'value="KS/2030:1"' in content
    assert 'value="§ 12"' in content
    assert "Åtgärder för rekommendation 2</textarea>" in content
    assert 'aria-describedby="id_bilaga_protokollsutdrag_helptext id_bilaga_protokollsutdrag_error"' in content
    assert not Attachment.objects.exists()
    saved = Response.objects.get(pk=draft.pk)
    assert (saved.version, saved.paragraf, saved.diarienummer) == (1, "", "")


@pytest.mark.parametrize(
    "name,content",
    [("minutes.pdf", ELF_HEADER), ("protokoll.pdf", EXE_HEADER), ("protokoll.docx", EXE_HEADER)],
)
def test_renamed_executable_is_refused(secretary, burlov_draft, private_files, name, content):
    page = upload(secretary, burlov_draft, {"bilaga_protokollsutdrag": SimpleUploadedFile(name, content, "application/pdf")})
    assert_refused_and_input_kept(page, burlov_draft, f"”{name}” är inte en PDF-, Word- (DOCX) eller OpenDocument-fil (ODT)")
    assert not private_files.exists() or not any(private_files.rglob("*.*"))


@pytest.mark.parametrize(
    "name,content",
    [
        ("yttrande.docx", b"PK\x03\x04" + b"\x00" * 100),
        ("arkiv.docx", make_odt_bytes().replace(b"opendocument.text", b"opendocument.graph")),
    ],
)
def test_archive_that_is_no_document_is_refused(secretary, burlov_draft, name, content):
    page = upload(secretary, burlov_draft, {"bilaga_tjansteutlatande": SimpleUploadedFile(name, content)})
    assert page.status_code == 400
    assert f"”{name}” är inte en PDF-" in page.content.decode()
    assert not Attachment.objects.exists()


def test_oversized_file_is_refused(secretary, burlov_draft, settings):
    oversized = make_pdf_bytes() + b"\x00" * (settings.MAX_UPLOAD_SIZE)
    page = upload(secretary, burlov_draft, {"bilaga_protokollsutdrag": SimpleUploadedFile("protokoll.pdf", oversized)})
    assert_refused_and_input_kept(page, burlov_draft, "En bilaga får vara högst 20 MB.")


def test_file_of_exactly_the_limit_is_accepted(secretary, burlov_draft, settings):
    pdf = make_pdf_bytes()
    exact = pdf + b"\n" * (settings.MAX_UPLOAD_SIZE - len(pdf))
    page = upload(secretary, burlov_draft, {"bilaga_protokollsutdrag": SimpleUploadedFile("protokoll.pdf", exact)})
    assert page.status_code == 302
    assert Attachment.objects.get().size == settings.MAX_UPLOAD_SIZE


def test_pdf_docx_and_odt_are_stored_privately_and_downloaded_with_safe_headers(
    secretary, burlov_draft, private_files, client_as
):
    documents = {
        "bilaga_protokollsutdrag": ("Protokollsutdrag KS 2021-09-28.pdf", make_pdf_bytes(), "application/pdf"),
        "bilaga_tjansteutlatande": (
            "Tjänsteutlåtande.docx",
            make_docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        "bilaga_annat": ("Bilaga.odt", make_odt_bytes(), "application/vnd.oasis.opendocument.text"),
    }
    files = {field: SimpleUploadedFile(name, content, "application/octet-stream") for field, (name, content, _) in documents.items()}
    assert upload(secretary, burlov_draft, files).status_code == 302

    for field, (name, content, content_type) in documents.items():
        attachment = Attachment.objects.get(kind=field.removeprefix("bilaga_"))
        assert (attachment.original_name, attachment.content_type, attachment.size) == (name, content_type, len(content))
        stored = private_files / attachment.file.name
        assert stored.read_bytes() == content
        assert stored.name != name
        for reader in ("sekr.burlov.ks", "revisor.burlov", "ks.burlov"):
            download = client_as(reader).get(f"/responses/attachments/{attachment.pk}/")
            assert download.status_code == 200
            assert b"".join(download.streaming_content) == content
            assert download["Content-Type"] == content_type
            assert download["Content-Disposition"].startswith("attachment;")
            assert download["X-Content-Type-Options"] == "nosniff"


def test_pdf_named_as_word_document_is_stored_as_pdf(secretary, burlov_draft):
    upload(secretary, burlov_draft, {"bilaga_protokollsutdrag": SimpleUploadedFile("protokoll.docx", make_pdf_bytes())})
    attachment = Attachment.objects.get()
    assert (attachment.original_name, attachment.content_type) == ("protokoll.pdf", "application/pdf")
    assert attachment.file.name.endswith(".pdf")


def test_attachment_can_be_removed_from_a_draft(secretary, burlov_draft, private_files, django_capture_on_commit_callbacks):
    upload(secretary, burlov_draft, {"bilaga_protokollsutdrag": SimpleUploadedFile("protokoll.pdf", make_pdf_bytes())})
    attachment = Attachment.objects.get()
    stored = private_files / attachment.file.name
    burlov_draft.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        page = secretary.post(
            f"/responses/{burlov_draft.pk}/edit/", {**answer_form_data(burlov_draft), "remove": [attachment.pk], "save": ""}
        )
    assert page.status_code == 302
    assert not Attachment.objects.exists()
    assert not stored.exists()
    assert attachment.history.first().history_type == "-"
