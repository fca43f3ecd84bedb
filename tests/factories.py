"""Small helpers that build valid objects for tests; override any field by keyword."""

import datetime
import io
import itertools
import zipfile
from types import SimpleNamespace

from audits.models import Audit, Recipient, RevisionQuestion
from committees.models import Committee, Municipality, User
from recommendations.models import Addressee, FollowUp, Recommendation
from responses.models import Response
from responses.uploads import DOCX_MAIN_PART, ODT

_sequence = itertools.count(1)


def make_municipality(**fields):
    n = next(_sequence)
    fields.setdefault("name", f"Testkommun {n}")
    fields.setdefault("slug", f"testkommun-{n}")
    return Municipality.objects.create(**fields)


def make_committee(municipality=None, **fields):
    n = next(_sequence)
    fields.setdefault("name", f"Testnämnden {n}")
    fields.setdefault("short_name", f"TN{n}")
    return Committee.objects.create(municipality=municipality or make_municipality(), **fields)


def make_audit(municipality=None, **fields):
    fields.setdefault("title", f"Granskning {next(_sequence)}")
    fields.setdefault("year", 2024)
    return Audit.objects.create(municipality=municipality or make_municipality(), **fields)


def make_recipient(audit=None, committee=None, **fields):
    audit = audit or make_audit()
    committee = committee or make_committee(audit.municipality)
    fields.setdefault("deadline", datetime.date(2030, 3, 1))
    return Recipient.objects.create(audit=audit, committee=committee, **fields)


def make_recommendation(audit=None, recipients=(), **fields):
    audit = audit or make_audit()
    fields.setdefault("text", f"Rekommendation {next(_sequence)}")
    recommendation = Recommendation.objects.create(audit=audit, **fields)
    for recipient in recipients:
        Addressee.objects.create(recommendation=recommendation, recipient=recipient)
    return recommendation


def make_response(recipient=None, **fields):
    return Response.objects.create(recipient=recipient or make_recipient(), **fields)


def make_user(role="", municipality=None, committees=(), **fields):
    fields.setdefault("username", f"user{next(_sequence)}")
    user = User.objects.create_user(role=role, municipality=municipality, **fields)
    user.committees.set(committees)
    return user


def make_sent_audit(municipality=None, **fields):
    """An audit sent for response (status skickad)."""
    fields.setdefault("status", Audit.Status.SKICKAD)
    fields.setdefault("sent_at", datetime.datetime(2029, 12, 1, 9, 0, tzinfo=datetime.UTC))
    return make_audit(municipality, **fields)


def make_inbox_with_many_answers(answered=27):
    """A municipality whose committee has answered `answered` cases, titled "Besvarad 00" on, one
    a day with the newest last, and has one case open; returns its revisor."""
    municipality = make_municipality()
    committee = make_committee(municipality)
    for day in range(answered):
        recipient = make_recipient(make_sent_audit(municipality, title=f"Besvarad {day:02d}"), committee)
        make_response(
            recipient,
            status=Response.Status.INSKICKAD,
            submitted_at=datetime.datetime(2030, 1, 1, 9, 0, tzinfo=datetime.UTC) + datetime.timedelta(days=day),
            meeting_date=datetime.date(2029, 12, 1),
            paragraf="§ 1",
        )
    make_recipient(make_sent_audit(municipality, title="Öppen granskning"), committee)
    return make_user(User.Role.REVISOR, municipality, password="demo")


def answer_form_data(response, position="instammer", **fields):
    """POST data for the answer's edit page: complete meeting facts and the same position on
    every addressed recommendation; override any field by keyword."""
    data = {
        "version": response.version,
        "meeting_date": "2030-02-10",
        "paragraf": "§ 12",
        "diarienummer": "KS/2030:1",
        "handlaggare": "Ada Handläggare",
        "beslut": "Nämnden antar yttrandet som sitt eget.",
        "summary": "Nämnden instämmer i rekommendationerna.",
    }
    for addressee in response.recipient.addressees.all():
        prefix = f"rek-{addressee.pk}"
        data[f"{prefix}-position"] = position
        data[f"{prefix}-planned_actions"] = f"Åtgärder för rekommendation {addressee.recommendation.order}"
        data[f"{prefix}-responsible"] = "Kommundirektören"
        data[f"{prefix}-planned_date"] = "2030-12-31"
    data.update(fields)
    return data


def make_pdf_bytes(text="Protokollsutdrag"):
    """A real PDF rendered by WeasyPrint."""
    from weasyprint import HTML

    return HTML(string=f"<html lang='sv'><title>{text}</title><h1>{text}</h1><p>§ 12</p></html>").write_pdf()


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def make_docx_bytes():
    """The smallest Word document structure: content types naming the main part, and the part."""
    return _zip(
        {
            "[Content_Types].xml": (
                b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                b'<Override PartName="/word/document.xml" ContentType="' + DOCX_MAIN_PART + b'"/></Types>'
            ),
            "word/document.xml": b"<w:document/>",
        }
    )


def make_odt_bytes():
    return _zip({"mimetype": ODT.encode(), "content.xml": b"<office:document-content/>"})


def make_question(audit=None, **fields):
    audit = audit or make_audit()
    fields.setdefault("text", f"Revisionsfråga {next(_sequence)}?")
    fields.setdefault("order", audit.questions.count() + 1)
    return RevisionQuestion.objects.create(audit=audit, **fields)


def make_follow_up(addressee, **fields):
    fields.setdefault("date", datetime.date(2025, 1, 15))
    fields.setdefault("status", FollowUp.Status.DELVIS)
    return FollowUp.objects.create(addressee=addressee, **fields)


def make_town(name="Haninge", password="demo"):
    """A municipality with KF, KS, two active nämnder, an inactive one and the auditors'
    own body, and one user per role: revisor, KS staff and secretaries of KS and SOCN."""
    slug = name.lower()
    municipality = make_municipality(name=name, slug=slug)
    kind = Committee.Kind
    town = SimpleNamespace(
        municipality=municipality,
        kf=make_committee(municipality, name="Kommunfullmäktige", short_name="KF", kind=kind.KOMMUNFULLMAKTIGE),
        ks=make_committee(municipality, name="Kommunstyrelsen", short_name="KS", kind=kind.KOMMUNSTYRELSEN),
        social=make_committee(municipality, name="Socialnämnden", short_name="SOCN"),
        culture=make_committee(municipality, name="Kultur- och fritidsnämnden", short_name="KFN"),
        closed=make_committee(municipality, name="Fritidsnämnden", short_name="FN", active=False),
        revision=make_committee(municipality, name="Revisorerna", short_name="REV", kind=kind.REVISIONEN),
    )
    town.revisor = make_user(User.Role.REVISOR, municipality, username=f"revisor.{slug}", password=password,
                             first_name="Rut", last_name="Revisor", email=f"revisor@{slug}.se")
    town.ks_staff = make_user(User.Role.KS_HANDLAGGARE, municipality, username=f"ks.{slug}", password=password,
                              email=f"ks@{slug}.se")
    town.ks_secretary = make_user(User.Role.SEKRETERARE, municipality, [town.ks], username=f"sekr.{slug}.ks",
                                  password=password, email=f"sekr.ks@{slug}.se")
    town.social_secretary = make_user(User.Role.SEKRETERARE, municipality, [town.social],
                                      username=f"sekr.{slug}.socn", password=password, email=f"sekr.socn@{slug}.se")
    return town
