"""``make bench``: the worklist, the dossier page and the client API list on a synthetic data set.

Builds a throw-away database (``BENCH_DATABASE_URL``, e.g. PostgreSQL, or a temporary SQLite file)
with ``regie demo generate`` (``BENCH_CLIENTS``: default 100,000 on PostgreSQL, 20,000 on SQLite),
then times each page ``BENCH_REPEAT`` times (default 30) and prints the median, the median of the raw
SQL that returns the same rows, their ratio, and the number of queries per page. No assertions:
the numbers are for reading and comparing between commits.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
tmp = tempfile.mkdtemp(prefix="regie-bench-")
url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3"
os.environ["DATABASE_URL"] = url
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings.test")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client as HttpClient  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

DEFAULT_N = 100_000 if url.startswith("postgres") else 20_000
N = int(os.environ.get("BENCH_CLIENTS", DEFAULT_N))
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))


def median_ms(fn) -> float:
    fn()  # warm up
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def raw(sql, params):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return run


def report(name, page, sql_fn):
    page_ms, sql_ms = median_ms(page), median_ms(sql_fn)
    print(
        f"{name:<34} mediaan {page_ms:8.2f} ms | ruwe SQL {sql_ms:7.2f} ms | "
        f"verhouding {page_ms / sql_ms:6.1f} | queries {queries(page)}",
        flush=True,
    )


def main():
    from regie.clients.models import Client
    from regie.clients.selectors import worklist
    from regie.core.models import RoleAssignment
    from regie.core.principal import Principal
    from regie.demo.generate import REGION_CODE

    print(f"Database: {connection.vendor}; {N} synthetische klanten opbouwen …", flush=True)
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("demo", "generate", "--clients", str(N), stdout=devnull)
    print(f"Opgebouwd in {time.perf_counter() - start:.0f} s.", flush=True)

    assignment = (
        RoleAssignment.objects.filter(role="casemanager", organisation__region__code=REGION_CODE)
        .select_related("user", "organisation")
        .order_by("id")
        .first()
    )
    principal = Principal.from_assignment(assignment)
    http = HttpClient()
    http.force_login(assignment.user)
    client = Client.objects.filter(case_manager=assignment.user, status="in_route").first()

    def worklist_page():
        buckets = worklist(principal, mine=True)
        return [list(buckets[k][:100]) for k in ("overdue", "this_week", "thirty_days")]

    report(
        "werkvoorraad (selector)",
        worklist_page,
        raw(
            "SELECT d.*, c.given_names, c.surname, m.name FROM clients_deadline d "
            "JOIN clients_client c ON c.id = d.client_id JOIN core_organisation m ON m.id = c.municipality_id "
            "WHERE d.met_on IS NULL AND c.case_manager_id = %s AND c.team_id = %s AND c.status <> 'closed' "
            "AND d.due_date <= %s ORDER BY d.due_date, d.id LIMIT 300",
            [assignment.user_id, assignment.organisation_id, "2100-01-01"],
        ),
    )
    report(
        "werkvoorraad (pagina)",
        lambda: http.get("/klanten/werkvoorraad/"),
        raw("SELECT id FROM clients_deadline WHERE met_on IS NULL LIMIT 300", []),
    )
    report(
        "dossierpagina (overzicht)",
        lambda: http.get(f"/klanten/{client.uuid}/"),
        raw(
            "SELECT c.*, m.name FROM clients_client c JOIN core_organisation m ON m.id = c.municipality_id "
            "WHERE c.uuid = %s",
            [client.uuid.hex if connection.vendor == "sqlite" else str(client.uuid)],
        ),
    )
    report(
        "API klantenlijst (pagina 2)",
        lambda: http.get("/api/v1/klanten/?page=2"),
        raw(
            "SELECT c.uuid, c.bsn, c.given_names, c.surname, m.cbs_code, c.status FROM clients_client c "
            "JOIN core_organisation m ON m.id = c.municipality_id WHERE c.team_id = %s "
            "ORDER BY c.surname, c.given_names, c.id LIMIT 50 OFFSET 50",
            [assignment.organisation_id],
        ),
    )
    print(
        "Opmerking: de pagina's tellen ook het schrijven van het inzagelog mee (één rij per getoonde persoon)."
    )


if __name__ == "__main__":
    main()
