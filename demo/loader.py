"""Creates or updates the demo data of the four municipalities in the seeds.

Every object is found by its natural key and saved only when a value differs, so running the
loader again adds no rows, not even history rows. Demo users are created once with the password
"demo" (without a usable password outside development); users that already exist are left as
they are.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q

from demo import burlov, eskilstuna, haninge, huddinge
from audits.models import Audit, Recipient, RevisionQuestion, Signatory
from committees.models import Committee, Municipality, User
from recommendations.models import Addressee, Recommendation
from responses.models import Position, Response

MUNICIPALITY_MODULES = [huddinge, eskilstuna, burlov, haninge]
DEMO_PASSWORD = "demo"
ADMIN_NAME = ["Alex", "Administratör"]
# The seeds give dates only; sent_at and submitted_at are put at noon local time on that date.
NOON_IN_STOCKHOLM = datetime.time(12, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@transaction.atomic
def load_demo(password=DEMO_PASSWORD):
    """Load every municipality's demo case; returns how many demo objects there are.

    New demo users get `password`, or no usable password when it is None.
    """
    _ensure_user(password, "admin", ADMIN_NAME, is_superuser=True)
    for module in MUNICIPALITY_MODULES:
        _load_municipality(module, password)
    return _counts()


def _load_municipality(module, password):
    municipality = _upsert(
        Municipality, {"slug": module.MUNICIPALITY["slug"]}, {"name": module.MUNICIPALITY["name"]}
    )
    committees = {
        committee["short_name"]: _upsert(
            Committee,
            {"municipality": municipality, "short_name": committee["short_name"]},
            {"name": committee["name"], "kind": committee["kind"]},
        )
        for committee in module.COMMITTEES
    }
    users = _load_users(module, municipality, committees, password)
    _load_audit(module.AUDIT, municipality, committees, users)


def _load_users(module, municipality, committees, password):
    slug = municipality.slug
    revisor = _ensure_user(password, f"revisor.{slug}", module.USERS["revisor"], municipality, User.Role.REVISOR)
    _ensure_user(password, f"ks.{slug}", module.USERS["ks"], municipality, User.Role.KS_HANDLAGGARE)
    secretaries = {
        short_name: _ensure_user(
            password,
            f"sekr.{slug}.{short_name.lower()}",
            name,
            municipality,
            User.Role.SEKRETERARE,
            [committees[short_name]],
        )
        for short_name, name in module.USERS["sekreterare"].items()
    }
    return {"revisor": revisor, "secretaries": secretaries}


def _ensure_user(password, username, name, municipality=None, role="", committees=(), is_superuser=False):
    user = User.objects.filter(username=username).first()
    if user:
        return user
    first_name, last_name = name
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=f"{username}@example.se",
        municipality=municipality,
        role=role,
        is_staff=is_superuser,
        is_superuser=is_superuser,
    )
    user.set_password(password)  # None: an unusable password
    user.save()
    user.committees.set(committees)
    return user


def _load_audit(data, municipality, committees, users):
    audit = _upsert(
        Audit,
        {"municipality": municipality, "title": data["title"]},
        {
            "kind": data["kind"],
            "year": data["year"],
            "consultant_firm": data["consultant_firm"],
            "consultant_people": data["consultant_people"],
            "auditor_group": data["auditor_group"],
            "purpose": data["purpose"],
            "summary": data["summary"],
            "overall_assessment": data["overall_assessment"],
            "report_date": _date(data["report_date"]),
            "missiv_date": _date(data["missiv_date"]),
            "place": data["place"],
            "status": data["status"],
            "ks_office_view": data["ks_office_view"],
            "council_proposal": data["council_proposal"],
            "published": data["published"],
            # The seeds do not say when the cases were published; the demo uses the sending day.
            "published_at": _moment(data["sent_on"]) if data["published"] else None,
            "sent_at": _moment(data["sent_on"]),
            "sent_by": users["revisor"],
        },
    )
    audit.informed_committees.set([committees[short_name] for short_name in data["informed"]])
    for order, signatory in enumerate(data["signatories"], start=1):
        _upsert(Signatory, {"audit": audit, "order": order}, signatory)
    for order, question in enumerate(data["questions"], start=1):
        _upsert(RevisionQuestion, {"audit": audit, "order": order}, question)

    recipients = {
        recipient["committee"]: _upsert(
            Recipient,
            {"audit": audit, "committee": committees[recipient["committee"]]},
            {
                "deadline": _date(recipient["deadline"]),
                "extended_deadline": _date(recipient.get("extended_deadline")),
                "extension_reason": recipient.get("extension_reason", ""),
            },
        )
        for recipient in data["recipients"]
    }
    addressees = {}
    for order, recommendation_data in enumerate(data["recommendations"], start=1):
        recommendation = _upsert(
            Recommendation, {"audit": audit, "order": order}, {"text": recommendation_data["text"]}
        )
        for short_name in recommendation_data["to"]:
            addressees[order, short_name] = _upsert(
                Addressee, {"recommendation": recommendation, "recipient": recipients[short_name]}, {}
            )
    for response_data in data["responses"]:
        _load_response(response_data, recipients, addressees, users)


def _load_response(data, recipients, addressees, users):
    short_name = data["committee"]
    response = _upsert(
        Response,
        {"recipient": recipients[short_name]},
        {
            "status": Response.Status.INSKICKAD,
            "meeting_date": _date(data["meeting_date"]),
            "paragraf": data["paragraf"],
            "diarienummer": data["diarienummer"],
            "handlaggare": data["handlaggare"],
            "beslut": data["beslut"],
            "summary": data["summary"],
            "submitted_at": _moment(data["meeting_date"]),
            "submitted_by": users["secretaries"][short_name],
        },
    )
    for position in data["positions"]:
        _upsert(
            Position,
            {"addressee": addressees[position["recommendation"], short_name]},
            {
                "response": response,
                "position": position["position"],
                "planned_actions": position["planned_actions"],
                "responsible": position["responsible"],
                "planned_date": _date(position["planned_date"]),
            },
        )


def _upsert(model, natural_key, values):
    """The object with this natural key, created or brought up to date; saved only on change."""
    instance = model.objects.filter(**natural_key).first()
    if instance is None:
        return model.objects.create(**natural_key, **values)
    changed = {field: value for field, value in values.items() if getattr(instance, field) != value}
    if changed:
        for field, value in changed.items():
            setattr(instance, field, value)
        instance.save()
    return instance


def _date(iso):
    return datetime.date.fromisoformat(iso) if iso else None


def _moment(iso):
    return datetime.datetime.combine(_date(iso), NOON_IN_STOCKHOLM)


def _counts():
    slugs = [module.MUNICIPALITY["slug"] for module in MUNICIPALITY_MODULES]
    audits = Audit.objects.filter(municipality__slug__in=slugs)
    return {
        "municipalities": Municipality.objects.filter(slug__in=slugs).count(),
        "committees": Committee.objects.filter(municipality__slug__in=slugs).count(),
        "audits": audits.count(),
        "recommendations": Recommendation.objects.filter(audit__in=audits).count(),
        "responses": Response.objects.filter(recipient__audit__in=audits).count(),
        "users": User.objects.filter(Q(municipality__slug__in=slugs) | Q(username="admin")).count(),
    }
