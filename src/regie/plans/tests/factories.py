"""factory_boy factories for the plans app: a plan, its versions and their components. These write
rows directly (a draft by default); ``plans.tests.helpers.decided_plan`` goes through the services
where the four-eyes decision and the deadlines it sets matter."""

import factory

from regie.clients.tests.factories import ClientFactory
from regie.core.tests.factories import UserFactory
from regie.plans.models import Component, ComponentKind, Plan, PlanVersion, Route


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    client = factory.SubFactory(ClientFactory)


class PlanVersionFactory(factory.django.DjangoModelFactory):
    """A draft B1-route version of a plan (number 1 unless given)."""

    class Meta:
        model = PlanVersion

    plan = factory.SubFactory(PlanFactory)
    client = factory.SelfAttribute("plan.client")
    number = 1
    route = Route.B1
    drafted_by = factory.SubFactory(UserFactory)


class ComponentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Component

    plan_version = factory.SubFactory(PlanVersionFactory)
    client = factory.SelfAttribute("plan_version.client")
    kind = ComponentKind.LANGUAGE
    hours_planned = 600
