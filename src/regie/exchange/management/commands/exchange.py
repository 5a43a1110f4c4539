"""``regie exchange deliver`` (one round of the delivery worker, or ``--loop``) and
``regie exchange standin zgw --port N`` (the ZGW stand-in for the demo), ``regie exchange standin
brp --port N`` (the BRP stand-in, docs/brp.md). docs/exchange.md."""

import time

from django.core.management.base import BaseCommand, CommandError

from regie.exchange import delivery


class Command(BaseCommand):
    help = "Keten: berichten afleveren, of een stand-in van een ketenpartner starten."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        deliver = sub.add_parser("deliver", help="Lever de berichten af die aan de beurt zijn.")
        deliver.add_argument(
            "--loop", action="store_true", help="Blijf elke 10 seconden afleveren."
        )
        standin = sub.add_parser("standin", help="Start een stand-in op 127.0.0.1.")
        standin.add_argument("system", choices=["zgw", "brp"])
        standin.add_argument("--port", type=int, default=0)
        standin.add_argument("--secret", default="stand-in-secret-of-at-least-32-bytes")
        standin.add_argument("--client-id", default="regie")
        standin.add_argument("--api-key", default="", help="BRP: verlang deze X-API-KEY.")

    def handle(self, *args, **options):
        if options["action"] == "deliver":
            while True:
                result = delivery.deliver_due()
                self.stdout.write(
                    f"afgeleverd {result.delivered}, opnieuw {result.retried}, "
                    f"onafleverbaar {result.dead}"
                )
                if not options["loop"]:
                    return
                time.sleep(10)
        if options["action"] == "standin" and options["system"] == "brp":
            from regie.exchange.brp.standin import BrpStandIn

            brp = BrpStandIn(port=options["port"], api_key=options["api_key"]).start()
            self.stdout.write(f"BRP-stand-in op {brp.url} (stoppen: Ctrl-C). Instellingen:")
            self.stdout.write(f"export REGIE_BRP_URL={brp.url}")
            if options["api_key"]:
                self.stdout.write(f"export REGIE_BRP_API_KEY={options['api_key']}")
            self.stdout.flush()
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                brp.stop()
            return
        if options["action"] == "standin":
            from regie.exchange.standin.zgw import ZgwStandIn

            server = ZgwStandIn(
                port=options["port"], secret=options["secret"], client_id=options["client_id"]
            )
            server.start()
            self.stdout.write(f"ZGW-stand-in op {server.url} (stoppen: Ctrl-C). Instellingen:")
            for key, value in server.settings().items():
                self.stdout.write(f"export {key}={value}")
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                server.stop()
            return
        raise CommandError("onbekende actie")
