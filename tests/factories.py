"""Small helpers that build valid objects for tests; override any field by keyword."""

import datetime
import itertools
from types import SimpleNamespace

from audits.models import Audit, Recipient, RevisionQuestion
from committees.models import Committee, Municipality, User
from recommendations.models import Addressee, FollowUp, Recommendation
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
