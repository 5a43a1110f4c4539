"""Load a region from a JSON description (the Westfriesland demo, or any other region).

Idempotent: everything is matched on a natural key (region code, CBS code, organisation name,
username, BSN), so loading twice changes nothing.
"""

import datetime as dt
import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import transaction

from regie.core.drf import hash_key
from regie.core.models import ApiClient, HousingTarget, Organisation, Region, RoleAssignment, User
from regie.core.roles import OrganisationKind
from regie.decisions.services import load_demo_studies
from regie.demo import completion as completion_demo
from regie.demo import letters as letters_demo

WESTFRIESLAND = Path(__file__).parent / "regions" / "westfriesland.json"
DEMO_PASSWORD = "Inburgering-2026!"  # demo only; documented in the README

GIVEN = [
    "Amal",
    "Yonas",
    "Mahmoud",
    "Semhar",
    "Rami",
    "Lina",
    "Ahmad",
    "Hiwet",
    "Omar",
    "Nour",
    "Tesfay",
    "Rasha",
    "Farid",
    "Dalia",
    "Yusuf",
    "Mariam",
    "Kidane",
    "Samira",
    "Hassan",
    "Aster",
]
FAMILY = [
    "Al-Khatib",
    "Tesfamariam",
    "Haddad",
    "Gebremedhin",
    "Rahimi",
    "Hussein",
    "Abraha",
    "Nasser",
    "Mehari",
    "Saleh",
    "Karimi",
    "Yohannes",
    "Darwish",
    "Bereket",
    "Hamdan",
]

ADMIN_MODELS = [
    "region",
    "organisation",
    "housingtarget",
    "user",
    "roleassignment",
    "apiclient",
    "processingactivity",
]


def _org(region, kind, name):
    org, _created = Organisation.objects.get_or_create(
        region=region, kind=kind, name=name, defaults={"is_active": True}
    )
    return org


@transaction.atomic
def load_region(
    path: Path = WESTFRIESLAND, *, with_clients: bool = True, client_count: int | None = None
) -> dict:
    """Load a region; ``client_count`` overrides the file's number of obliged demo clients."""
    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    region, _c = Region.objects.get_or_create(
        code=spec["region"]["code"], defaults={"name": spec["region"]["name"]}
    )
    orgs: dict[str, Organisation] = {}
    for m in spec["municipalities"]:
        org, created = Organisation.objects.get_or_create(
            cbs_code=m["cbs_code"],
            defaults={
                "region": region,
                "kind": OrganisationKind.MUNICIPALITY,
                "name": m["name"],
                "inhabitants": m.get("inhabitants"),
                "inhabitants_note": spec.get("inhabitants_note", ""),
            },
        )
        orgs[m["name"]] = org
    letters_demo.load(orgs)  # issue 14: the college's address and digital objection route
    for o in spec.get("organisations", []):
        orgs[o["key"]] = _org(region, o["kind"], o["name"])
    for o in spec.get("national_organisations", []):
        _org(None, o["kind"], o["name"])
    targets = spec.get("housing_targets")
    if targets:
        start = dt.date.fromisoformat(targets["period_start"])
        end = dt.date.fromisoformat(targets["period_end"])
        for name, n in targets["targets"].items():
            HousingTarget.objects.get_or_create(
                municipality=orgs[name],
                period_start=start,
                defaults={"period_end": end, "target": n, "source": targets.get("source", "")},
            )
    users: dict[str, User] = {}
    admin_perms = Permission.objects.filter(
        content_type__app_label="core", content_type__model__in=ADMIN_MODELS
    )
    for u in spec.get("users", []):
        user, created = User.objects.get_or_create(
            username=u["username"],
            defaults={
                "first_name": u["first_name"],
                "last_name": u["last_name"],
                "email": f"{u['username']}@demo.invalid",
                "is_staff": u.get("is_staff", False),
            },
        )
        if created:
            if settings.REGIE_DEMO:
                user.set_password(DEMO_PASSWORD)
            else:
                user.set_unusable_password()  # real users log in after a password reset or OIDC
            user.save(update_fields=["password"])
            if u.get("is_staff"):
                user.user_permissions.set(admin_perms)
        for role, org_key in u["roles"]:
            RoleAssignment.objects.get_or_create(user=user, role=role, organisation=orgs[org_key])
        users[u["username"]] = user
    for a in spec.get("api_clients", []):
        if not ApiClient.objects.filter(key_hash=hash_key(a["demo_token"])).exists():
            ApiClient.objects.create(
                name=a["name"],
                organisation=orgs[a["organisation"]],
                role=a["role"],
                key_prefix=a["demo_token"][:8],
                key_hash=hash_key(a["demo_token"]),
            )
    if spec.get("mca_demo_studies"):
        load_demo_studies(region)
    created_clients = 0
    if with_clients and spec.get("clients"):
        from regie.demo import casework

        if client_count is not None:
            spec["clients"]["count"] = client_count
        created_clients = casework.build(spec, orgs, users, targets)
    if spec.get("offer_demo"):
        from regie.offer.provider_reports import load_demo_reports
        from regie.offer.services import load_demo_offer

        load_demo_offer(region)
        load_demo_reports(region)
        from regie.demo import law_lateoffer

        law_lateoffer.load(region)  # issue 9 items 2-3: family migrant PVT/MAP, late offer
    if with_clients and spec.get("clients"):
        completion_demo.load(orgs)  # issue 9 item 1: a completed PVT, Z-route hours
        from regie.demo import closing as closing_demo
        from regie.demo import duo as duo_demo

        closing_demo.load(orgs)  # before the DUO demo: its signal list reads the first client
        duo_demo.load(orgs)
        from regie.demo import fines as fines_demo

        fines_demo.load(orgs)

        from regie.demo import duty as duty_demo  # issue 9: duty start and a Wi2013 case

        duty_demo.load(orgs)
        from regie.portal import demo as portal_demo

        portal_demo.load(region)
        from regie.objections import demo as objections_demo

        objections_demo.load(region)
        from regie.demo import guidance as guidance_demo  # issue 14 item 6: the begeleider

        guidance_demo.load(orgs)
    return {
        "region": region.code,
        "organisations": len(orgs),
        "users": len(users),
        "clients_created": created_clients,
    }
