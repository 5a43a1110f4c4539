"""Demo data for the beschikking (issue 14, item 1): each municipality's college gets a postal
address for the objection section of its letters; Hoorn has opened a digital route (Awb art.
2:15), the others have not, so both kinds of letter can be seen. The addresses are invented and
marked as such; the letters carry the demo marking on every page."""

from regie.core.models import Organisation
from regie.core.roles import OrganisationKind

DIGITAL_ROUTE_OPEN = {"Hoorn"}


def load(orgs: dict) -> None:
    for org in orgs.values():
        if not isinstance(org, Organisation) or org.kind != OrganisationKind.MUNICIPALITY:
            continue
        fields = []
        if not org.postal_address:
            org.postal_address = f"Postbus 0000 (demo-adres)\n1600 AA {org.name}"
            fields.append("postal_address")
        if org.name in DIGITAL_ROUTE_OPEN and not org.objection_digital_open:
            slug = org.name.lower().replace(" ", "-")
            org.objection_digital_open = True
            org.objection_digital_route = f"https://bezwaar.demo.invalid/{slug}"
            fields += ["objection_digital_open", "objection_digital_route"]
        if fields:
            org.save(update_fields=fields)
