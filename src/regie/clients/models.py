"""The client (inburgeraar). Issue 'casework' extends this with household, dates and status."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.audit_registry import track
from regie.core.bsn import mask_bsn, validate_bsn
from regie.core.models import Organisation, User
from regie.core.roles import OrganisationKind


class ClientStatus(models.TextChoices):
    REGISTERED = "registered", _("Aangemeld")
    INTAKE = "intake", _("Brede intake")
    PLAN_DECIDED = "plan_decided", _("PIP vastgesteld")
    IN_ROUTE = "in_route", _("In leerroute")
    CLOSED = "closed", _("Afgesloten")


@track(mask=("bsn",), person_field="pk")
class Client(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bsn = models.CharField(_("BSN"), max_length=9, unique=True, validators=[validate_bsn])
    given_names = models.CharField(_("voornamen"), max_length=200)
    surname = models.CharField(_("achternaam"), max_length=200)
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    municipality = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="resident_clients",
        limit_choices_to={"kind": OrganisationKind.MUNICIPALITY},
        verbose_name=_("gemeente"),
    )
    team = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="team_clients",
        limit_choices_to={"kind": OrganisationKind.TEAM},
        verbose_name=_("team"),
    )
    case_manager = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="caseload",
        verbose_name=_("klantregisseur"),
    )
    social_guide = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guided_clients",
        verbose_name=_("maatschappelijk begeleider"),
    )
    income_consultant = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="income_clients",
        verbose_name=_("inkomensconsulent"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ClientStatus.choices, default=ClientStatus.REGISTERED
    )
    created_at = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("klant")
        verbose_name_plural = _("klanten")
        ordering = ["surname", "given_names", "id"]
        indexes = [
            models.Index(fields=["team", "surname", "given_names", "id"]),
            models.Index(fields=["case_manager", "surname"]),
            models.Index(fields=["social_guide"]),
            models.Index(fields=["income_consultant"]),
            models.Index(fields=["municipality", "status"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.surname}".strip()

    @property
    def masked_bsn(self) -> str:
        return mask_bsn(self.bsn)
