from regie.demo.loader import load_region
from regie.plans.models import PlanVersion
from regie.portal import selectors
from regie.portal.models import Difference


def test_demo_has_portal_people_and_differences(db):
    load_region(client_count=12)
    people = selectors.demo_people(limit=100)
    assert people, "demo newcomers with a decided plan to log in with"
    routes = set(PlanVersion.objects.filter(status="decided").values_list("route", flat=True))
    first = [p["name"] for p in people[: len(routes)]]
    assert len({name.rsplit("(", 1)[-1] for name in first}) == len(routes)  # one per route first
    assert Difference.objects.exists()
