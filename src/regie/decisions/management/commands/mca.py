"""``regie mca evaluate|import|export``: the MCA engine from the command line.

Bad input prints every problem with its place (Dutch) to stderr and exits with code 2; nothing
is stored.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from regie.core.models import Region
from regie.decisions import mca, services
from regie.decisions.models import Study

BAD_INPUT = 2


class Command(BaseCommand):
    help = _("Multicriteria-analyse: een studie doorrekenen, importeren of exporteren.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        evaluate = sub.add_parser("evaluate", help=_("Reken een studie (JSON-bestand) door."))
        evaluate.add_argument("study", help=_("Pad naar het JSON-bestand, of - voor stdin."))
        evaluate.add_argument("--format", choices=("json", "text"), default="text")
        evaluate.add_argument("--draws", type=int, default=100_000)
        evaluate.add_argument("--seed", type=int, default=0)
        imp = sub.add_parser("import", help=_("Sla een studie op."))
        imp.add_argument("study", help=_("Pad naar het JSON-bestand, of - voor stdin."))
        imp.add_argument("--region", help=_("Code van de regio (nodig als er meer regio's zijn)."))
        costs = sub.add_parser(
            "costs", help=_("Reken het kosten- en capaciteitsmodel door (standaard de demo).")
        )
        costs.add_argument("inputs", nargs="?", help=_("Pad naar het JSON-bestand met invoer."))
        costs.add_argument(
            "--key",
            choices=("taakstelling", "inhabitants", "fixed_plus_variable"),
            default="taakstelling",
        )
        costs.add_argument("--fixed-share", default="0.2")
        costs.add_argument("--format", choices=("json", "text"), default="text")
        exp = sub.add_parser("export", help=_("Druk een opgeslagen studie af als JSON."))
        exp.add_argument("id", help=_("Nummer of uuid van de studie."))

    def handle(self, *args, **options):
        with translation.override("nl"):
            return getattr(self, f"_{options['action']}")(options)

    # -- helpers -------------------------------------------------------------------------
    def _fail(self, lines) -> None:
        for line in lines:
            self.stderr.write(line)
        raise CommandError(_("De studie is niet goed; er is niets opgeslagen."), returncode=2)

    def _read(self, path: str) -> str:
        if path == "-":
            return sys.stdin.read()
        try:
            return Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self._fail(
                [
                    _("%(path)s: kan het bestand niet lezen (%(error)s).")
                    % {"path": path, "error": exc}
                ]
            )

    def _load(self, path: str) -> mca.Study:
        text = self._read(path)
        try:
            return services.validate(text)
        except mca.StudyError as error:
            self._fail(services.error_lines(error))

    # -- actions -------------------------------------------------------------------------
    def _evaluate(self, options):
        if options["draws"] < 1:
            self._fail([_("--draws: vul een aantal van minstens 1 in.")])
        study = self._load(options["study"])
        result = mca.evaluate(study, draws=options["draws"], seed=options["seed"])
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(mca.format_text_table(result))
            self.stdout.write("")
            self.stdout.write(result["verdict"]["text"])

    def _import(self, options):
        study = self._load(options["study"])
        code = options.get("region")
        if code:
            region = Region.objects.filter(code=code).first()
            if region is None:
                self._fail([_("--region: onbekende regio %(code)s.") % {"code": code}])
        else:
            regions = list(Region.objects.all()[:2])
            if len(regions) != 1:
                self._fail([_("--region: kies een regio met --region CODE.")])
            region = regions[0]
        stored = services.import_study(region, study.to_dict())
        self.stdout.write(
            _("Studie %(id)s opgeslagen: %(title)s (uuid %(uuid)s).")
            % {"id": stored.pk, "title": stored.title, "uuid": stored.uuid}
        )

    def _export(self, options):
        ident = options["id"]
        study = None
        if ident.isdigit():
            study = Study.objects.filter(pk=int(ident)).first()
        else:
            try:
                study = Study.objects.filter(uuid=ident).first()
            except Exception:  # noqa: BLE001 - a malformed uuid is simply not found
                study = None
        if study is None:
            raise CommandError(_("Studie %(id)s bestaat niet.") % {"id": ident}, returncode=2)
        self.stdout.write(services.export_json(study), ending="")

    def _costs(self, options):
        from decimal import Decimal, InvalidOperation

        from regie.decisions import costmodel, costs

        try:
            share = Decimal(options["fixed_share"])
        except InvalidOperation:
            self._fail([_("--fixed-share: vul een getal tussen 0 en 1 in, bijvoorbeeld 0.2.")])
        text = self._read(options["inputs"]) if options["inputs"] else None
        try:
            outcome = costs.run(costs.load(text), key=options["key"], fixed_share=share)
        except costmodel.CostModelError as error:
            self._fail([f"{place}: {message}" for place, message in error.errors])
        comparison = outcome["comparison"]
        if options["format"] == "json":
            data = {
                "funding_per_client": float(outcome["funding"]["funding_per_client"]),
                "funding_by_year": {
                    str(f["year"]): {
                        "avg_trajectory_price": float(f["funding_per_client"]),
                        "onderwijs_price": float(f["onderwijs_price_per_client"]),
                    }
                    for f in outcome["funding"]["by_year"]
                },
                "key": options["key"],
                "scenarios": {k: r.to_dict() for k, r in comparison["results"].items()},
                "measurement": costmodel.as_measurement(comparison),
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
            return
        for amounts in outcome["funding"]["by_year"]:
            self.stdout.write(
                _(
                    "%(year)s: gemiddelde trajectprijs uit de regelset € %(n)s; onderwijsroute "
                    "€ %(price)s per persoon (0 = geen eigen prijs)"
                )
                % {
                    "year": amounts["year"],
                    "n": mca.format_number(amounts["funding_per_client"], 2),
                    "price": mca.format_number(amounts["onderwijs_price_per_client"], 2),
                }
            )
        for key, result in comparison["results"].items():
            self.stdout.write(f"{result.scenario_name}:")
            for year in result.years:
                fte = mca.format_number(year.fte_total, 2)
                cost = mca.format_number(year.total_cost, 2)
                funding = mca.format_number(year.funding, 2)
                balance = mca.format_number(year.balance, 2)
                self.stdout.write(
                    f"  {year.year}  FTE {fte}  kosten € {cost}  financiering € {funding}"
                    f"  saldo € {balance}"
                )
            self.stdout.write(
                "  "
                + _("netto over de hele periode: € %(n)s")
                % {"n": mca.format_number(comparison["net_cost"][key], 2)}
            )
