"""What the residents' pages show of a published case, copied into plain records field by field.

The pages never receive a model instance, so no template can reach a draft, a handläggare, a
user's name or e-mail, or an attachment not marked public: only what is copied here is shown.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from audits.models import Audit, Recipient
from documents.models import AuditDocument
from documents.statistics import status_label
from committees.models import Municipality
from recommendations.models import Addressee, FollowUp, Recommendation
from responses.models import Attachment, Response


def get_municipality(slug):
    return get_object_or_404(Municipality, slug=slug)


def published_audits(municipality):
    """The only audits the public pages read."""
    return Audit.objects.published().filter(municipality=municipality)


def get_published_audit(municipality, pk):
    """A published audit of this municipality; any other id is a 404."""
    return get_object_or_404(published_audits(municipality), pk=pk)


def public_attachments(audit):
    """Attachments marked public of the committees' submitted answers."""
    return Attachment.objects.filter(
        public=True, response__status=Response.Status.INSKICKAD, response__recipient__audit=audit
    )


def missiv(audit):
    return audit.documents.filter(kind=AuditDocument.Kind.MISSIV).first()


@dataclass
class PublicPosition:
    number: int
    recommendation: str
    position: str
    planned_actions: str
    planned_date: datetime.date | None


@dataclass
class PublicAttachment:
    pk: int
    name: str
    kind: str


@dataclass
class PublicAnswer:
    committee: str
    deadline: datetime.date | None
    meeting_date: datetime.date | None
    paragraf: str
    diarienummer: str
    beslut: str
    summary: str
    late: bool
    positions: list = field(default_factory=list)
    attachments: list = field(default_factory=list)


@dataclass
class PublicAddressee:
    committee: str
    position: str
    status: str
    status_date: datetime.date | None


@dataclass
class PublicRecommendation:
    number: int
    text: str
    addressees: list


@dataclass
class PublicCase:
    pk: int
    title: str
    kind: str
    year: int
    status: str
    consultant_firm: str
    report_date: datetime.date | None
    missiv_date: datetime.date | None
    sent_on: datetime.date | None
    published_on: datetime.date | None
    purpose: str = ""
    summary: str = ""
    overall_assessment: str = ""
    committees: list = field(default_factory=list)
    questions: list = field(default_factory=list)
    recommendations: list = field(default_factory=list)
    answers: list = field(default_factory=list)
    waiting_for: list = field(default_factory=list)
    has_report: bool = False
    has_missiv: bool = False


def _local_date(moment):
    return timezone.localdate(moment) if moment else None


def load_cases(audits):
    """Public records of the audits with their answers and follow-up, in a fixed number of queries."""
    addressees = (
        Addressee.objects.select_related("recipient__committee", "position__response")
        .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.order_by("-date", "-id")))
        .order_by("recipient__committee__kind", "recipient__committee__name")
    )
    public_files = Attachment.objects.filter(public=True).order_by("uploaded_at", "id")
    recipients = (
        Recipient.objects.select_related("committee", "response")
        .prefetch_related(Prefetch("response__attachments", queryset=public_files))
        .order_by("committee__kind", "committee__name")
    )
    audits = audits.prefetch_related(
        "questions",
        Prefetch("recipients", queryset=recipients),
        Prefetch(
            "recommendations",
            queryset=Recommendation.objects.order_by("order", "id").prefetch_related(
                Prefetch("addressees", queryset=addressees)
            ),
        ),
        Prefetch(
            "documents",
            queryset=AuditDocument.objects.filter(kind=AuditDocument.Kind.MISSIV, state=AuditDocument.State.READY),
        ),
    )
    return [_case(audit) for audit in audits]


def _case(audit):
    case = PublicCase(
        pk=audit.pk,
        title=audit.title,
        kind=audit.get_kind_display(),
        year=audit.year,
        status=audit.get_status_display(),
        consultant_firm=audit.consultant_firm,
        report_date=audit.report_date,
        missiv_date=audit.missiv_date,
        sent_on=_local_date(audit.sent_at),
        published_on=_local_date(audit.published_at),
        purpose=audit.purpose,
        summary=audit.summary,
        overall_assessment=audit.overall_assessment,
        questions=[(question.text, question.get_answer_display()) for question in audit.questions.all()],
        has_report=bool(audit.report_file),
        has_missiv=any(document.file for document in audit.documents.all()),
    )
    positions_by_recipient = _add_recommendations(case, audit)
    _add_answers(case, audit, positions_by_recipient)
    return case


def _add_recommendations(case, audit):
    """The case's numbered recommendations; returns the submitted positions per recipient."""
    positions_by_recipient = {}
    for number, recommendation in enumerate(audit.recommendations.all(), start=1):
        public_addressees = []
        for addressee in recommendation.addressees.all():
            position = addressee.submitted_position
            current = addressee.current_follow_up
            public_addressees.append(
                PublicAddressee(
                    committee=addressee.recipient.committee.name,
                    position=position.get_position_display() if position and position.position else "",
                    status=status_label(current.status if current else None),
                    status_date=current.date if current else None,
                )
            )
            if position:
                positions_by_recipient.setdefault(addressee.recipient_id, []).append(
                    PublicPosition(
                        number,
                        recommendation.text,
                        position.get_position_display() or "Ej angivet",
                        position.planned_actions,
                        position.planned_date,
                    )
                )
        case.recommendations.append(PublicRecommendation(number, recommendation.text, public_addressees))
    return positions_by_recipient


def _add_answers(case, audit, positions_by_recipient):
    """Each committee's submitted answer, or the committee among those still awaited."""
    for recipient in audit.recipients.all():
        case.committees.append(recipient.committee.name)
        response = recipient.submitted_response
        if response is None:
            case.waiting_for.append(recipient.committee.name)
            continue
        case.answers.append(
            PublicAnswer(
                committee=recipient.committee.name,
                deadline=recipient.effective_deadline,
                meeting_date=response.meeting_date,
                paragraf=response.paragraf_display,
                diarienummer=response.diarienummer,
                beslut=response.beslut,
                summary=response.summary,
                late=response.was_late,
                positions=positions_by_recipient.get(recipient.pk, []),
                attachments=[
                    PublicAttachment(a.pk, a.original_name, a.get_kind_display()) for a in response.attachments.all()
                ],
            )
        )
