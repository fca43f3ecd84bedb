from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Läser in demodata för Huddinge, Eskilstuna, Burlöv och Haninge. Kan köras flera gånger. "
        "Bara i utvecklingsläge (DEBUG=1) om inte --force anges."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Läs in demodatan även i produktionsläge; nya demoanvändare får då inget användbart lösenord.",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo körs bara i utvecklingsläge (DEBUG=1): demoanvändarnas lösenord \"demo\" hör inte "
                "hemma i en produktionsdatabas. Ange --force för att ändå läsa in demodatan; nya "
                "demoanvändare får då inget användbart lösenord."
            )
        development = settings.DEBUG
        counts = load_demo(password=DEMO_PASSWORD if development else None)
        if options["verbosity"] > 0:
            passwords = (
                "lösenord för nya användare: demo"
                if development
                else "produktionsläge: nya användare har inget användbart lösenord, skicka dem inbjudningar "
                "från administrationen"
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demodata inläst: {counts['municipalities']} kommuner, {counts['committees']} nämnder, "
                    f"{counts['audits']} granskningar, {counts['recommendations']} rekommendationer, "
                    f"{counts['responses']} yttranden och {counts['users']} användare ({passwords})."
                )
            )
