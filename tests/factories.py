"""Small helpers that build valid objects for tests; override any field by keyword."""

import datetime
import itertools

from audits.models import Audit, Recipient
from committees.models import Committee, Municipality, User
from recommendations.models import Addressee, Recommendation
from responses.models import Response

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
