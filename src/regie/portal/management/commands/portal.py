"""``regie portal standin-oidc --port N``: the stand-in DigiD broker for the demo."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from regie.portal import selectors
from regie.portal.standin import StandinProvider


class Command(BaseCommand):
    help = "Portal tools. standin-oidc: a stand-in OpenID Connect provider for the demo."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        standin = sub.add_parser("standin-oidc", help="Stand-in DigiD broker on 127.0.0.1 (demo).")
        standin.add_argument("--port", type=int, default=8090)
        standin.add_argument("--client-id", default="regie-portaal")
        standin.add_argument("--client-secret", default="demo-geheim")

    def handle(self, *args, **options):
        if options["action"] != "standin-oidc":
            raise CommandError("Onbekende opdracht.")
        if not settings.REGIE_DEMO:
            raise CommandError("De nagebootste DigiD draait alleen in de demo (REGIE_DEMO=true).")
        try:
            people = selectors.demo_people()
        except DatabaseError:  # no demo loaded yet: a typed BSN still works
            people = []
        provider = StandinProvider(
            people,
            client_id=options["client_id"],
            client_secret=options["client_secret"],
            port=options["port"],
        ).start()
        self.stdout.write(
            f"Nagebootste DigiD (demo) op {provider.issuer} met {len(people)} demopersonen.\n"
            f"Zet REGIE_PORTAL_OIDC_ISSUER={provider.issuer} "
            f"REGIE_PORTAL_OIDC_CLIENT_ID={options['client_id']} "
            f"REGIE_PORTAL_OIDC_CLIENT_SECRET={options['client_secret']}"
        )
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            provider.stop()
