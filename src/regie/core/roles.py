"""The roles of docs/roles.md. The value is stored; the label is shown."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASE_MANAGER = "casemanager", _("Klantregisseur")
    TEAM_LEADER = "teamleider", _("Teamleider")
    SOCIAL_GUIDE = "begeleider", _("Maatschappelijk begeleider")
    POLICY_OFFICER = "beleidsmedewerker", _("Beleidsmedewerker")
    CONTRACT_MANAGER = "contractmanager", _("Contractmanager")
    INCOME_CONSULTANT = "inkomensconsulent", _("Inkomensconsulent")
    PROVIDER_STAFF = "aanbieder", _("Medewerker aanbieder")
    FUNCTIONAL_ADMIN = "beheerder", _("Functioneel beheerder")
    PRIVACY_OFFICER = "privacy", _("Privacy officer")
    MCA_MEMBER = "werkgroeplid", _("Werkgroeplid MCA")


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "gemeente", _("Gemeente")
    TEAM = "team", _("Regionaal inburgeringsteam")
    JOINT_BODY = "gr", _("Gemeenschappelijke regeling")
    PROVIDER = "aanbieder", _("Aanbieder")
    REGION_OFFICE = "regio", _("Regio-organisatie")
    EXTERNAL = "extern", _("Externe partij")


# Which kind of organisation each role belongs to (docs/roles.md). A role assignment outside
# this table is refused by the model's validation.
ROLE_ORGANISATION_KINDS: dict[str, set[str]] = {
    Role.CASE_MANAGER: {OrganisationKind.TEAM},
    Role.TEAM_LEADER: {OrganisationKind.TEAM},
    Role.SOCIAL_GUIDE: {OrganisationKind.TEAM, OrganisationKind.PROVIDER},
    Role.POLICY_OFFICER: {OrganisationKind.MUNICIPALITY},
    Role.CONTRACT_MANAGER: {OrganisationKind.REGION_OFFICE, OrganisationKind.JOINT_BODY},
    Role.INCOME_CONSULTANT: {OrganisationKind.JOINT_BODY, OrganisationKind.MUNICIPALITY},
    Role.PROVIDER_STAFF: {OrganisationKind.PROVIDER},
    Role.FUNCTIONAL_ADMIN: {OrganisationKind.REGION_OFFICE, OrganisationKind.JOINT_BODY},
    Role.PRIVACY_OFFICER: {OrganisationKind.REGION_OFFICE, OrganisationKind.JOINT_BODY},
    Role.MCA_MEMBER: {
        OrganisationKind.REGION_OFFICE,
        OrganisationKind.MUNICIPALITY,
        OrganisationKind.TEAM,
        OrganisationKind.JOINT_BODY,
    },
}


# Roles that see dossiers (docs/roles.md, column "dossier access"): granting or changing one of
# these needs a second functional administrator's approval (four eyes). The functional
# administrator and the privacy officer are added because they approve role requests and
# destruction: a role that can approve must not be handed out by one person alone.
DOSSIER_ROLES: frozenset[str] = frozenset(
    {
        Role.CASE_MANAGER,
        Role.TEAM_LEADER,
        Role.SOCIAL_GUIDE,
        Role.INCOME_CONSULTANT,
        Role.PROVIDER_STAFF,
    }
)
FOUR_EYES_ROLES: frozenset[str] = DOSSIER_ROLES | {Role.FUNCTIONAL_ADMIN, Role.PRIVACY_OFFICER}
