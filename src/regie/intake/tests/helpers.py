"""Complete answers for every domain, for tests that need a finished intake."""

from regie.intake import services
from regie.intake.models import Domain

COMPLETE_DATA = {
    Domain.BACKGROUND: {"country_of_origin": "Syrië", "arrival_year": 2023},
    Domain.EDUCATION: {"highest_level": "hoger", "years_of_schooling": 15, "idw_requested": True},
    Domain.WORK: {"last_occupation": "Verpleegkundige", "wishes": "Verpleegkundige"},
    Domain.LANGUAGE: {
        "languages_spoken": "Arabisch, Engels",
        "literate_own_script": True,
        "literate_latin_script": True,
        "dutch_level": "A1",
    },
    Domain.HEALTH: {"affects_plan": False},
    Domain.FAMILY: {"children": 2, "childcare_needed": True, "vve_informed": True},
    Domain.FINANCES: {"income_source": "bijstand", "has_debts": False},
    Domain.HOUSING: {"housed": True, "housing_type": "zelfstandig"},
    Domain.MOTIVATION: {"goals": ["opleiding"], "interests": "Zorg"},
    Domain.SELF_RELIANCE: {"digital_skills": "basis", "has_digid": False},
}


def fill_all_domains(principal, client):
    intake = client.intake
    for record in intake.domains.all():
        services.save_domain(
            principal,
            client,
            record.domain,
            record.version,
            COMPLETE_DATA[record.domain],
            done=True,
        )
