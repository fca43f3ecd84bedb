"""Attachments must be PDF, DOCX or ODT documents of limited size, judged by their content,
and are always served as downloads."""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
EXTENSIONS = {PDF: "pdf", DOCX: "docx", ODT: "odt"}

DOCX_MAIN_PART = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# The entries read from an archive are tiny in a real document; reading at most this much
# keeps a crafted archive from expanding in memory.
ARCHIVE_ENTRY_LIMIT = 256 * 1024


@dataclass(frozen=True)
class CheckedUpload:
    kind: str
    file: UploadedFile
    content_type: str
    extension: str


def _megabytes(size):
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def _read_entry(archive, name):
    with archive.open(name) as entry:
        return entry.read(ARCHIVE_ENTRY_LIMIT)


def _office_document_type(uploaded):
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            if {"mimetype", "content.xml"} <= names and _read_entry(archive, "mimetype").strip() == ODT.encode():
                return ODT
            if {"[Content_Types].xml", "word/document.xml"} <= names and DOCX_MAIN_PART in _read_entry(
                archive, "[Content_Types].xml"
            ):
                return DOCX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError, RuntimeError):
        return None
    finally:
        uploaded.seek(0)
    return None


def document_type(uploaded):
    """Return the content type of a PDF, DOCX or ODT file read from its bytes, else None."""
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    guess = filetype.guess(head)
    if guess and guess.mime == PDF:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _office_document_type(uploaded)
    return None


def check_upload(kind, uploaded):
    """Return the upload with its content type, or raise a Swedish ValidationError."""
    name = uploaded.name
    if uploaded.size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            f"”{name}” är {_megabytes(uploaded.size)} MB. En bilaga får vara högst "
            f"{settings.MAX_UPLOAD_SIZE // (1024 * 1024)} MB.",
            code="too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(f"”{name}” är tom.", code="empty")
    content_type = document_type(uploaded)
    if content_type is None:
        raise ValidationError(
            f"”{name}” är inte en PDF-, Word- (DOCX) eller OpenDocument-fil (ODT), oavsett vad filnamnet "
            "säger. Spara dokumentet i något av de formaten och välj filen igen.",
            code="wrong_type",
        )
    extension = EXTENSIONS[content_type]
    path = PurePath(name)
    if path.suffix.lower() != f".{extension}":
        uploaded.name = f"{path.stem}.{extension}"
    return CheckedUpload(kind=kind, file=uploaded, content_type=content_type, extension=extension)


def attachment_download(attachment):
    """A stored attachment as a download under its original name, never shown inline; a
    missing file is a 404."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("Filen saknas.") from None
    download = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    download["X-Content-Type-Options"] = "nosniff"
    return download
