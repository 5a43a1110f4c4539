"""``regie demo load [--region FILE]``: load the Westfriesland demo region (idempotent)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from regie.core.context import acting_as
from regie.demo.loader import WESTFRIESLAND, load_region


class Command(BaseCommand):
    help = "Demo-gegevens: 'load' laadt de demoregio Westfriesland (nog een keer laden verandert niets)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "load", help="Laad een regio uit een JSON-bestand (standaard Westfriesland)."
        )
        load.add_argument("--region", type=Path, default=WESTFRIESLAND)
        load.add_argument("--zonder-klanten", action="store_true", dest="no_clients")
        gen = sub.add_parser(
            "generate", help="Bouw een synthetische landelijke dataset voor benchmarks."
        )
        gen.add_argument("--clients", type=int, required=True)
        gen.add_argument("--seed", type=int, default=0)

    def handle(self, *args, action, **options):
        if action == "generate":
            from regie.demo.generate import generate

            if options["clients"] < 1:
                raise CommandError("Vul bij --clients een aantal van minstens 1 in.")

            def progress(done, total):
                self.stdout.write(f"  {done} van {total} klanten")

            with acting_as(channel="cli"):
                made = generate(options["clients"], seed=options["seed"], progress=progress)
            self.stdout.write(", ".join(f"{k}: {v}" for k, v in made.items()))
            return
        if action == "load":
            if not settings.REGIE_DEMO and options["region"] == WESTFRIESLAND:
                raise CommandError(
                    "De demoregio met demo-accounts laadt alleen met REGIE_DEMO=true."
                )
            if not options["region"].exists():
                raise CommandError(f"Bestand niet gevonden: {options['region']}")
            with acting_as(channel="cli"):
                result = load_region(options["region"], with_clients=not options["no_clients"])
            self.stdout.write(
                f"Regio {result['region']}: {result['organisations']} organisaties, "
                f"{result['users']} gebruikers, {result['clients_created']} nieuwe klanten."
            )
