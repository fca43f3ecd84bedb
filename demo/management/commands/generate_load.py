from django.core.management.base import BaseCommand
from django.utils import timezone

from demo.load import LoadSize, generate_load


class Command(BaseCommand):
    help = (
        "Skapar belastningsdata för prestandamätning: kommuner med granskningar, rekommendationer, "
        "yttranden och uppföljningar. Samma frö ger samma data."
    )

    def add_arguments(self, parser):
        defaults = LoadSize()
        parser.add_argument("--municipalities", type=int, default=defaults.municipalities)
        parser.add_argument("--years", type=int, default=defaults.years)
        parser.add_argument("--audits-per-year", type=int, default=defaults.audits_per_year)
        parser.add_argument("--end-year", type=int, default=timezone.localdate().year)
        parser.add_argument("--seed", type=int, default=defaults.seed)
        parser.add_argument(
            "--first-municipality", type=int, default=0, help="numrering av första kommunen, för att lägga till fler"
        )

    def handle(self, *args, **options):
        size = LoadSize(
            municipalities=options["municipalities"],
            years=options["years"],
            audits_per_year=options["audits_per_year"],
            end_year=options["end_year"],
            seed=options["seed"],
            first_municipality=options["first_municipality"],
        )
        totals = generate_load(size, progress=self.progress if options["verbosity"] > 1 else None)
        if options["verbosity"] > 0:
            self.stdout.write(", ".join(f"{model}: {count}" for model, count in totals.items()))

    def progress(self, done, name):
        self.stdout.write(f"{done} {name}")
