"""Counts shared by the dashboard and the annual report: answers against deadlines and the
follow-up status of recommendations."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import models

from recommendations.models import FollowUp


class AnswerState(models.TextChoices):
    ON_TIME = "on_time", "I tid"
    LATE = "late", "Efter svarstiden"
    MISSING = "missing", "Saknas"
    AWAITING = "awaiting", "Svarstiden löper"


def answer_state(recipient, today):
    """Where a committee asked in a sent case stands; the response must be select_related."""
    if response := recipient.submitted_response:
        return AnswerState.LATE if response.was_late else AnswerState.ON_TIME
    deadline = recipient.effective_deadline
    return AnswerState.MISSING if deadline and deadline < today else AnswerState.AWAITING


# Follow-up statuses in the order tables and charts show them; None is "not yet judged".
NOT_JUDGED_LABEL = "Ej bedömd"
STATUS_ORDER = [*FollowUp.Status.values, None]


def status_label(status):
    return FollowUp.Status(status).label if status else NOT_JUDGED_LABEL


@dataclass
class FollowUpTally:
    """How many recommendation–committee pairs have each current follow-up status."""

    label: str
    counts: Counter = field(default_factory=Counter)

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def implemented(self):
        return self.counts[FollowUp.Status.ATGARDAD]

    @property
    def share_implemented(self):
        """Åtgärdade of the pairs still relevant (those judged no longer relevant do not count);
        None when there are none."""
        relevant = self.total - self.counts[FollowUp.Status.INTE_AKTUELL]
        return self.implemented / relevant if relevant else None

    def in_order(self):
        return [(status_label(status), self.counts[status]) for status in STATUS_ORDER]


def tally_follow_ups(rows, key):
    """Tally (label, status, pairs) rows into one FollowUpTally per key(label), keys in their
    first order; a label and status may come in several rows."""
    tallies = {}
    for label, status, pairs in rows:
        tallies.setdefault(key(label), FollowUpTally(key(label))).counts[status] += pairs
    return list(tallies.values())


def total_tally(tallies, label="Totalt"):
    total = FollowUpTally(label)
    for tally in tallies:
        total.counts.update(tally.counts)
    return total


@dataclass
class AnswerTally:
    """How many committees answered on time, late, not at all, or may still answer."""

    label: str
    counts: Counter = field(default_factory=Counter)

    @property
    def asked(self):
        return sum(self.counts.values())

    def __getattr__(self, name):
        # tally.on_time, tally.late … for templates.
        if name in AnswerState.values:
            return self.counts[name]
        raise AttributeError(name)


def tally_answers(pairs):
    """Tally (label, AnswerState) pairs into one AnswerTally per label, in their first order."""
    tallies = {}
    for label, state in pairs:
        tallies.setdefault(label, AnswerTally(label)).counts[state] += 1
    return list(tallies.values())
