from django.core.management.base import BaseCommand

from demo.loader import load_demo


class Command(BaseCommand):
    help = "Läser in demodata för Huddinge, Eskilstuna, Burlöv och Haninge. Kan köras flera gånger."

    def handle(self, *args, **options):
        counts = load_demo()
        if options["verbosity"] > 0:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demodata inläst: {counts['municipalities']} kommuner, {counts['committees']} nämnder, "
                    f"{counts['audits']} granskningar, {counts['recommendations']} rekommendationer, "
                    f"{counts['responses']} yttranden och {counts['users']} användare "
                    f"(lösenord för nya användare: demo)."
                )
            )
