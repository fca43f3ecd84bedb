"""The deadline calendar: one all-day event per committee and sent case, on the deadline in
force (the extended one where granted), for Outlook and other calendar programs."""

import datetime

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from responses.permissions import recipients_visible_to


def _event(recipient, site_url, stamp):
    deadline = recipient.effective_deadline
    response = getattr(recipient, "response", None)
    answered = recipient.submitted_response is not None
    event = Event()
    # A stable UID lets calendar programs move the event when the deadline changes.
    event.add("uid", f"svarsdag-{recipient.pk}@revisionsspar")
    event.add("dtstamp", stamp)
    event.add("dtstart", deadline)
    event.add("dtend", deadline + datetime.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("summary", f"{'Besvarad' if answered else 'Svarsdag'}: {recipient.committee.short_name} – {recipient.audit.title}")
    lines = [f"{recipient.committee} ska yttra sig över {recipient.audit.title} senast {deadline:%Y-%m-%d}."]
    if recipient.extended_deadline:
        lines.append(f"Förlängd svarstid; den ursprungliga svarsdagen var {recipient.deadline:%Y-%m-%d}.")
    lines.append("Yttrandet är inskickat." if answered else "Yttrandet är inte inskickat.")
    link = response.get_absolute_url() if response is not None else reverse("responses:list")
    event.add("description", "\n".join(lines))
    event.add("url", site_url.rstrip("/") + link)
    return event


def deadline_calendar(user, site_url):
    """The iCalendar bytes of every deadline the user follows: their committees' for
    secretaries, the whole municipality's for revisors and KS staff."""
    calendar = Calendar()
    calendar.add("prodid", "-//Revisionsspår//Svarsdagar//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Svarsdagar i Revisionsspår")
    stamp = timezone.now()
    recipients = (
        recipients_visible_to(user)
        .select_related("audit", "committee", "response")
        .exclude(deadline__isnull=True)
        .order_by("deadline", "pk")
    )
    for recipient in recipients:
        calendar.add_component(_event(recipient, site_url, stamp))
    return calendar.to_ical()
