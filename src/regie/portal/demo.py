"""Demo content for the portal (called by ``regie.demo.loader``): each demo municipality's
entries in the register of differences, and a welcome message for the demo newcomers who can
log in through the stand-in DigiD. Everything here is invented for the demo."""

from regie.core.models import Organisation

from .models import Difference, Message, Topic
from .selectors import demo_people

DEMO_DIFFERENCES = [
    (
        Topic.CHILDCARE,
        "Tijdens de taalles betaalt de gemeente de kinderopvang.",
        "Ouders met jonge kinderen kunnen anders niet naar les.",
    ),
    (
        Topic.TRAVEL,
        "U krijgt uw reiskosten terug als de les verder dan 5 km is.",
        "De lessen zijn in een andere plaats; zo blijft de les bereikbaar.",
    ),
    (
        Topic.LANGUAGE_CAFE,
        "Elke woensdagmiddag is er een taalcafé in de bibliotheek.",
        "Oefenen met buren helpt bij het leren van de taal.",
    ),
]


def load(region) -> int:
    """Idempotent: entries that exist are left alone."""
    created = 0
    municipalities = Organisation.objects.filter(region=region, kind="gemeente").order_by("name")
    for n, municipality in enumerate(municipalities):
        for topic, description, reason in DEMO_DIFFERENCES[: 1 + n % len(DEMO_DIFFERENCES)]:
            _obj, made = Difference.objects.get_or_create(
                municipality=municipality,
                topic=topic,
                defaults={"description": description, "reason": reason},
            )
            created += made
    from regie.clients.models import Client

    for person in demo_people():
        client = Client.objects.filter(bsn=person["bsn"]).select_related("case_manager").first()
        if client and client.case_manager and not Message.objects.filter(client=client).exists():
            Message.objects.create(
                client=client,
                direction=Message.Direction.TO_CLIENT,
                body="Welkom! Ik ben uw klantregisseur. Heeft u een vraag? Stuur mij een bericht.",
                sent_by=client.case_manager,
            )
    return created
