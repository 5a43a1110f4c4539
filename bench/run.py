"""``make bench``: medians and ratios for the scoped client list (UI page and API page).

Builds a throw-away database (SQLite file in a temp folder, or ``BENCH_DATABASE_URL``) with
``BENCH_CLIENTS`` synthetic clients (default 20,000) spread over two teams, then times:
- the case manager's client list page query through ``visible_clients`` (25 rows, with count),
- the same rows by raw SQL,
and prints medians and the ratio. No assertions: numbers are for reading and comparing.
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
os.environ.setdefault(
    "DATABASE_URL", os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

N = int(os.environ.get("BENCH_CLIENTS", "20000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))


def build():
    from regie.clients.models import Client
    from regie.core.bsn import demo_bsns
    from regie.core.models import RoleAssignment
    from regie.demo.loader import load_region

    call_command("migrate", verbosity=0)
    load_region(with_clients=False)
    cm = RoleAssignment.objects.select_related("organisation", "user").get(
        user__username="klantregisseur"
    )
    municipalities = list(cm.organisation.region.organisations.filter(kind="gemeente"))
    rows = [
        Client(
            bsn=bsn,
            given_names=f"Voornaam{i}",
            surname=f"Achternaam{i % 5000:04d}",
            municipality=municipalities[i % len(municipalities)],
            team=cm.organisation,
            case_manager=cm.user if i % 3 == 0 else None,
        )
        for i, bsn in enumerate(demo_bsns(N))
    ]
    Client.objects.bulk_create(rows, batch_size=2000)
    return cm


def timed(fn):
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main():
    from regie.clients.selectors import visible_clients
    from regie.core.principal import Principal

    print(f"Opbouwen: {N} klanten in {connection.vendor} …", flush=True)
    cm = build()
    principal = Principal.from_assignment(cm)

    def orm_page():
        qs = visible_clients(principal).order_by("surname", "given_names", "id")
        qs.count()
        return list(qs[25:50])

    table = "clients_client"
    sql = (
        f"SELECT c.*, m.name FROM {table} c JOIN core_organisation m ON m.id = c.municipality_id "
        f"WHERE c.team_id = %s ORDER BY c.surname, c.given_names, c.id LIMIT 25 OFFSET 25"
    )

    def raw_page():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE team_id = %s", [cm.organisation_id])
            cursor.fetchone()
            cursor.execute(sql, [cm.organisation_id])
            cursor.fetchall()

    with CaptureQueriesContext(connection) as ctx:
        orm_page()
    query_count = len(ctx.captured_queries)
    reset_queries()
    orm = timed(orm_page)
    raw = timed(raw_page)
    print(
        f"klantenlijst (pagina 2, 25 rijen): mediaan ORM {orm:.2f} ms, ruwe SQL {raw:.2f} ms, "
        f"verhouding {orm / raw:.2f}; queries per pagina: {query_count}"
    )


if __name__ == "__main__":
    main()
