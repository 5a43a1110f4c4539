"""``regie deadlines remind|recompute``: reminders before deadlines; recompute all deadlines."""

from django.core.management.base import BaseCommand

from regie.core.context import acting_as


class Command(BaseCommand):
    help = (
        "Termijnen: 'remind' stuurt herinneringen, 'recompute' rekent alle termijnen opnieuw uit."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=("remind", "recompute"))

    def handle(self, *args, action, **options):
        from regie.clients import deadlines
        from regie.clients.models import Client
        from regie.clients.reminders import send_reminders

        with acting_as(channel="cli"):
            if action == "remind":
                self.stdout.write(f"{send_reminders()} herinneringen aangemaakt.")
            else:
                count = 0
                for client in Client.objects.exclude(status="closed").iterator(chunk_size=500):
                    deadlines.recompute(client)
                    count += 1
                self.stdout.write(f"Termijnen van {count} klanten opnieuw berekend.")
