"""Shared by the security tests: the demo cast, every URL pattern, and a fingerprint of the
database that proves a request wrote nothing."""

import datetime
import hashlib
from dataclasses import dataclass
from types import SimpleNamespace

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver

# Rows that a refused request may still write: its session (renewed on every request) and
# the login attempts django-axes records.
LOG_TABLES = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}

# Counts reported at the end of the run (see conftest.pytest_terminal_summary).
COUNTS = {}


def count(name, amount=1):
    COUNTS[name] = COUNTS.get(name, 0) + amount


def fingerprint():
    """Row count and a checksum of every table's rows (history tables included)."""
    tables = sorted(
        {model._meta.db_table for model in apps.get_models(include_auto_created=True)} - LOG_TABLES
    )
    result = {}
    with connection.cursor() as cursor:
        for table in tables:
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY 1")
            rows = cursor.fetchall()
            result[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return result


def changed_tables(before, after):
    return sorted(table for table in before if before[table] != after[table])


def url_patterns(resolver=None, namespace="", skip=("admin", "api")):
    """Every named URL pattern as (qualified name, parameter names), admin excluded and the
    REST API too (test_api_walk walks it with tokens)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in skip:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry, inner, skip)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", sorted(entry.pattern.regex.groupindex)


@dataclass(frozen=True)
class Persona:
    """A demo user seen as role, municipality and (for secretaries) committee."""

    username: str
    role: str
    municipality: str = ""
    committee: str = ""

    @property
    def is_anonymous(self):
        return self.role == "anonymous"

    @property
    def is_admin(self):
        return self.role == "admin"

    def __str__(self):
        return self.username


ANONYMOUS = Persona("anonymous", "anonymous")
ADMIN = Persona("admin", "admin")


def personas():
    """One revisor, KS officer and secretary per municipality, a second secretary where a
    case is addressed to several committees, the administrator and the anonymous visitor."""
    cast = [ANONYMOUS, ADMIN]
    for municipality in ("huddinge", "eskilstuna", "burlov", "haninge"):
        cast += [
            Persona(f"revisor.{municipality}", "revisor", municipality),
            Persona(f"ks.{municipality}", "ks", municipality),
            Persona(f"sekr.{municipality}.ks", "sekreterare", municipality, "KS"),
        ]
    cast.append(Persona("sekr.eskilstuna.kfn", "sekreterare", "eskilstuna", "KFN"))
    return cast


def demo_targets():
    """Objects of two municipalities for the URLs that take ids: Eskilstuna's reported case
    (all answers submitted, a report file) and Burlöv's open case (a draft with an
    attachment and a pending request for a later deadline); each revisor's API token."""
    from api.tokens import create_token
    from audits.models import Audit
    from committees.models import User
    from responses.models import Attachment
    from responses.services import get_or_create_draft, request_extension

    targets = {}
    for slug in ("eskilstuna", "burlov"):
        audit = Audit.objects.get(municipality__slug=slug)
        recipient = audit.recipients.get(committee__short_name="KS")
        response = get_or_create_draft(recipient)
        recommendation = audit.recommendations.filter(addressees__recipient=recipient).order_by("order").first()
        targets[slug] = SimpleNamespace(
            municipality=slug,
            audit=audit,
            recipient=recipient,
            response=response,
            recommendation=recommendation,
            addressee=recommendation.addressees.get(recipient=recipient),
            question=audit.questions.order_by("order").first(),
            token=create_token(User.objects.get(username=f"revisor.{slug}"), "Diariet", "read", 30)[0],
        )
    eskilstuna, burlov = targets["eskilstuna"], targets["burlov"]
    eskilstuna.audit.report_file.save("rapport.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    secretary = User.objects.get(username="sekr.burlov.ks")
    deadline = burlov.recipient.effective_deadline or datetime.date.today()
    burlov.extension_request = request_extension(
        burlov.response, deadline + datetime.timedelta(days=14), "Sammanträdet flyttas.", secretary
    )
    burlov.attachment = Attachment.objects.create(
        response=burlov.response, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="bilaga.pdf"),
        original_name="bilaga.pdf", content_type="application/pdf", size=15,
    )
    return targets
