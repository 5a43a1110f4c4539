"""Scoped reads of the intake, and what the intake hands on to the plan and the other parties.

Who sees the intake: the dossier's FULL and READ levels (own case manager, team leader, the
team's other case managers). The special-category record: FULL only (own case manager and team
leader, docs/roles.md). Social guides, income consultants and everyone else: nothing.

:func:`prefill_for_plan` and :func:`summary_for_parties` take a client the caller has already
scoped; they never return special-category data.
"""

from django.db.models import QuerySet

from regie.clients.models import Client
from regie.clients.selectors import Access, dossier_access, visible_clients
from regie.core.roles import Role

from .models import (
    DOMAIN_ORDER,
    Domain,
    DomainRecord,
    DomainStatus,
    Intake,
    LearnabilityTest,
    SpecialCategoryRecord,
)

INTAKE_ACCESSES = frozenset({Access.FULL, Access.READ})


def intake_clients(principal) -> QuerySet[Client]:
    """Clients whose intake the principal may read: the team of a case manager or team leader."""
    if principal is None or principal.role not in (Role.CASE_MANAGER, Role.TEAM_LEADER):
        return Client.objects.none()
    return visible_clients(principal)


def intake_access(principal, client: Client) -> Access | None:
    access = dossier_access(principal, client)
    return access if access in INTAKE_ACCESSES else None


def may_change_intake(principal, client: Client) -> bool:
    return dossier_access(principal, client) == Access.FULL


def may_open_special(principal, client: Client) -> bool:
    """Only the client's own case manager and the team leader (docs/roles.md)."""
    return dossier_access(principal, client) == Access.FULL


def get_intake(client: Client) -> Intake | None:
    return Intake.objects.filter(client=client).first()


def domain_records(intake: Intake) -> list[DomainRecord]:
    records = list(intake.domains.all())
    return sorted(records, key=lambda r: DOMAIN_ORDER.get(r.domain, 99))


def get_domain_record(intake: Intake, domain: str) -> DomainRecord | None:
    if domain not in Domain.values:
        return None
    return intake.domains.filter(domain=domain).first()


def open_domains(intake: Intake) -> list[DomainRecord]:
    return [r for r in domain_records(intake) if r.status != DomainStatus.DONE]


def progress(intake: Intake) -> tuple[int, int]:
    records = domain_records(intake)
    return sum(1 for r in records if r.status == DomainStatus.DONE), len(records)


def get_learnability_test(client: Client) -> LearnabilityTest | None:
    return LearnabilityTest.objects.filter(client=client).first()


def get_special_record(client: Client) -> SpecialCategoryRecord | None:
    """Unscoped: callers go through services.open_special_record, which checks and logs."""
    return SpecialCategoryRecord.objects.filter(client=client).first()


def _domain_data(client: Client) -> dict[str, dict]:
    intake = get_intake(client)
    if intake is None:
        return {}
    return {r.domain: dict(r.data or {}) for r in intake.domains.all()}


def prefill_for_plan(client: Client) -> dict:
    """What the plan (PIP) takes over from the intake, so nobody asks the client twice.

    Keys: ``intake_status``, ``route_advice`` (LBT outcome: b1/onderwijs/z or None),
    ``lbt_dispensation`` (visueel/auditief or None), ``languages``, ``dutch_level``,
    ``education_level``, ``work_wishes``, ``goals`` (codes), ``goal_labels`` (the same goals
    in Dutch words, for text a person reads), ``childcare_needed`` (bool or None),
    ``on_bijstand`` (bool), ``health_affects_plan`` (bool or None; never details).
    """
    from .forms import GOALS

    data = _domain_data(client)
    intake = get_intake(client)
    lbt = get_learnability_test(client)
    language = data.get(Domain.LANGUAGE, {})
    finances = data.get(Domain.FINANCES, {})
    goals = list(data.get(Domain.MOTIVATION, {}).get("goals", []))
    labels = dict(GOALS)
    return {
        "intake_status": intake.status if intake else None,
        "route_advice": (lbt.outcome or None) if lbt else None,
        "lbt_dispensation": (lbt.dispensation or None) if lbt else None,
        "languages": language.get("languages_spoken") or client.languages or "",
        "dutch_level": language.get("dutch_level"),
        "education_level": data.get(Domain.EDUCATION, {}).get("highest_level"),
        "work_wishes": data.get(Domain.WORK, {}).get("wishes", ""),
        "goals": goals,
        "goal_labels": [str(labels.get(g, g)) for g in goals],
        "childcare_needed": data.get(Domain.FAMILY, {}).get("childcare_needed"),
        "on_bijstand": finances.get("income_source") == "bijstand"
        or client.benefit_start is not None,
        "health_affects_plan": data.get(Domain.HEALTH, {}).get("affects_plan"),
    }


def summary_for_parties(client: Client) -> dict:
    """Non-special intake facts useful to the social guide and the income consultant.

    Nothing from the health domain and nothing from the special-category record.
    """
    data = _domain_data(client)
    language = data.get(Domain.LANGUAGE, {})
    family = data.get(Domain.FAMILY, {})
    finances = data.get(Domain.FINANCES, {})
    housing = data.get(Domain.HOUSING, {})
    self_reliance = data.get(Domain.SELF_RELIANCE, {})
    return {
        "languages": language.get("languages_spoken") or client.languages or "",
        "dutch_level": language.get("dutch_level"),
        "literate_latin_script": language.get("literate_latin_script"),
        "children": family.get("children"),
        "childcare_needed": family.get("childcare_needed"),
        "housed": housing.get("housed"),
        "housing_type": housing.get("housing_type"),
        "income_source": finances.get("income_source"),
        "has_debts": finances.get("has_debts"),
        "digital_skills": self_reliance.get("digital_skills"),
        "has_digid": self_reliance.get("has_digid"),
        "has_bank_account": self_reliance.get("has_bank_account"),
    }
