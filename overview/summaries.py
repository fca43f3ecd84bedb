"""What the dashboard shows, read only through each app's permission querysets so that a user
never loads another municipality's or committee's rows."""

from dataclasses import dataclass, field

from django.db.models import Count

from documents import charts
from documents.statistics import AnswerState, answer_state, tally_follow_ups, total_tally
from recommendations.permissions import addressees_visible_to
from responses.permissions import recipients_visible_to


def _recipients(user):
    return recipients_visible_to(user).select_related("audit", "committee", "response")


@dataclass
class WaitingCase:
    """A sent case with committees that have not answered yet."""

    audit: object
    waiting: list = field(default_factory=list)
    overdue: int = 0

    @property
    def next_deadline(self):
        deadlines = [r.effective_deadline for r in self.waiting if r.effective_deadline]
        return min(deadlines) if deadlines else None


def answer_overview(user, today):
    """Cases awaiting answers and the committees whose answer is overdue, most urgent first."""
    cases, overdue = {}, []
    for recipient in _recipients(user).open().by_deadline():
        state = answer_state(recipient, today)
        recipient.days = recipient.days_left(today)
        case = cases.setdefault(recipient.audit_id, WaitingCase(recipient.audit))
        case.waiting.append(recipient)
        if state == AnswerState.MISSING:
            case.overdue += 1
            overdue.append(recipient)
    return list(cases.values()), overdue


def follow_up_overview(user):
    """Current follow-up status tallied by committee and by year of the audit, with charts."""
    pairs = addressees_visible_to(user).with_current_status()

    def counted_by(label):
        # Counted in the database: a municipality holds tens of thousands of pairs.
        return (
            pairs.values_list(label, "current_status")
            .annotate(pairs=Count("pk"))
            .order_by(label, "current_status")
        )

    by_committee = tally_follow_ups(counted_by("recipient__committee__name"), str)
    by_year = sorted(tally_follow_ups(counted_by("recommendation__audit__year"), str), key=lambda t: t.label, reverse=True)
    return {
        "by_committee": by_committee,
        "by_year": by_year,
        "total": total_tally(by_committee),
        "committee_chart": charts.follow_up_chart("chart-committee", "Uppföljning per nämnd", by_committee),
        "year_chart": charts.follow_up_chart("chart-year", "Uppföljning per granskningsår", by_year),
    }


def secretary_deadlines(user, today):
    """The user's committees' open cases by deadline, and their ten latest answers."""
    open_cases = list(_recipients(user).open().by_deadline())
    for recipient in open_cases:
        recipient.days = recipient.days_left(today)
    answered = _recipients(user).answered().order_by("-response__submitted_at")[:10]
    return open_cases, list(answered)
