"""``regie handover import FILE.zip --team <org uuid> [--gemeente <uuid of CBS-code>]``."""

from django.core.management.base import BaseCommand, CommandError

from regie.core.models import Organisation
from regie.core.roles import OrganisationKind
from regie.progress import handover


class Command(BaseCommand):
    help = "Overdrachtspakket van een andere gemeente inlezen (alles of niets)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Een overdrachtspakket (zip) inlezen.")
        imp.add_argument("file", help="Het overdrachtspakket (zip).")
        imp.add_argument("--team", required=True, help="uuid van het ontvangende team.")
        imp.add_argument(
            "--gemeente", default="", help="uuid of CBS-code van de gemeente (anders uit pakket)."
        )

    def handle(self, *args, **options):
        team = _organisation(options["team"], kind=OrganisationKind.TEAM)
        if team is None:
            raise CommandError("Geef met --team de uuid van een regionaal inburgeringsteam.")
        municipality = None
        if options["gemeente"]:
            municipality = (
                _organisation(options["gemeente"], kind=OrganisationKind.MUNICIPALITY)
                or Organisation.objects.filter(
                    cbs_code=options["gemeente"].upper(), kind=OrganisationKind.MUNICIPALITY
                ).first()
            )
            if municipality is None:
                raise CommandError("Geef met --gemeente een bestaande gemeente (uuid of CBS-code).")
        try:
            with open(options["file"], "rb") as f:
                raw = f.read()
        except OSError as exc:
            raise CommandError(f"Het bestand kan niet worden gelezen: {exc.strerror}.") from exc
        try:
            client = handover.import_package(raw, team=team, municipality=municipality)
        except handover.HandoverReferred as exc:
            # the operator works on the database itself: no oracle to hide from him
            raise CommandError(
                "Het pakket is niet ingelezen: deze klant staat al in Regie Inburgering "
                f"(team {exc.client.team.name}). Spreek de overdracht met dat team af."
            ) from exc
        except handover.HandoverError as exc:
            lines = [f"  {place}: {message}" for place, message in exc.errors]
            raise CommandError(
                "Het pakket is niet ingelezen; er is niets opgeslagen.\n" + "\n".join(lines)
            ) from exc
        self.stdout.write(f"Ingelezen: klant {client.uuid} bij {team.name} (id {client.pk}).")


def _organisation(value, *, kind):
    import uuid

    try:
        key = uuid.UUID(value)
    except ValueError:
        return None
    return Organisation.objects.filter(uuid=key, kind=kind).first()
