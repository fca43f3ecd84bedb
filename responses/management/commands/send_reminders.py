import datetime

from django.core.management.base import BaseCommand, CommandError

from responses import reminders
from responses.models import Reminder


def parse_day(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Ogiltigt datum {value!r}: ange det som ÅÅÅÅ-MM-DD.") from None


def describe(reminder):
    recipient = reminder.recipient
    days = (reminder.deadline - reminder.day).days
    if days > 0:
        when = f"{days} dagar kvar" if days != 1 else "1 dag kvar"
    elif days == 0:
        when = "svarsdagen är i dag"
    else:
        when = f"{-days} dagar försenat" if days != -1 else "1 dag försenat"
    return (
        f"{recipient.committee} ({recipient.committee.municipality}): {recipient.audit.title} – "
        f"svara senast {reminder.deadline:%Y-%m-%d}, {when}"
    )


class Command(BaseCommand):
    help = "Skicka dagens påminnelser om svarstider (samma genomgång som Celery beat kör varje dag)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=parse_day, help="Kör genomgången som om det vore detta datum (ÅÅÅÅ-MM-DD)."
        )

    def handle(self, *args, today=None, **options):
        today = today or reminders.local_today()
        queued = reminders.sweep(today)
        if not queued:
            self.stdout.write(f"Inga påminnelser att skicka för {today:%Y-%m-%d}.")
            return
        # In the embedded (eager) mode the mails went out when the sweep committed; with a
        # broker the worker sends them.
        handled = (
            Reminder.objects.filter(pk__in=queued)
            .select_related("recipient__audit", "recipient__committee__municipality")
            .order_by("recipient__committee__municipality__name", "recipient__audit__title", "recipient__committee__name")
        )
        counts = {"skickad": 0, "köad": 0, "ej skickad": 0}
        self.stdout.write(f"Påminnelser för {today:%Y-%m-%d}:")
        for reminder in handled:
            if reminder.sent_at:
                state = "skickad"
            elif reminder.last_error:
                state = "ej skickad"
            else:
                state = "köad"
            counts[state] += 1
            line = f"  {state}: {reminder.get_kind_display()} – {describe(reminder)}"
            if state == "ej skickad":
                line += f" (fel: {reminder.last_error})"
            self.stdout.write(line)
        summary = f"{counts['skickad']} skickade, {counts['köad']} köade för utskick"
        if counts["ej skickad"]:
            summary += f", {counts['ej skickad']} ej skickade (försöks igen vid nästa genomgång)"
        self.stdout.write(summary + ".")
