"""The PIP (persoonlijk plan inburgering en participatie) as a decision with versions.

A :class:`Plan` belongs to one client and holds the *inburgeringstermijn*: it is set by the first
decision and never changes afterwards (Wet inburgering 2021 art. 11). Every decision, the first
and each revision (*bijstellen*), is a :class:`PlanVersion` with its own components; old
versions stay readable.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.clients.models import Client
from regie.core.audit_registry import track
from regie.core.models import Organisation, RuleSet, User
from regie.core.roles import OrganisationKind


class Route(models.TextChoices):
    B1 = "b1", _("B1-route")
    EDUCATION = "onderwijs", _("Onderwijsroute")
    Z = "z", _("Z-route")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ter besluitvorming")
    DECIDED = "decided", _("Vastgesteld")
    SUPERSEDED = "superseded", _("Vervangen")


class Reason(models.TextChoices):
    INITIAL = "initial", _("Eerste PIP")
    SWITCH = "switch", _("Schakelen naar een andere leerroute")
    SCALE_DOWN = "scale_down", _("Afschalen naar A2")
    MOVE = "move", _("Verhuizing naar deze gemeente")
    OTHER = "other", _("Andere bijstelling")


class ComponentKind(models.TextChoices):
    LANGUAGE = "language", _("Taal")
    KNM = "knm", _("Kennis van de Nederlandse Maatschappij (KNM)")
    PVT = "pvt", _("Participatieverklaringstraject (PVT)")
    MAP = "map", _("Module Arbeidsmarkt en Participatie (MAP)")
    PARTICIPATION = "participation", _("Participatie")
    ONTZORGEN = "ontzorgen", _("Financieel ontzorgen")
    SOCIAL_GUIDANCE = "social_guidance", _("Maatschappelijke begeleiding")
    VOLUNTEER_MENTOR = "volunteer_mentor", _("Maatje (vrijwilliger)")


class ParticipationType(models.TextChoices):
    WORK = "work", _("Werk")
    VOLUNTEERING = "volunteering", _("Vrijwilligerswerk")
    STUDY = "study", _("Studie")


@track(person_field="client_id")
class Plan(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.OneToOneField(
        Client, on_delete=models.PROTECT, related_name="plan", verbose_name=_("klant")
    )
    first_decision_date = models.DateField(_("dagtekening eerste PIP"), null=True, blank=True)
    term_start = models.DateField(_("start inburgeringstermijn"), null=True, blank=True)
    term_end = models.DateField(_("einde inburgeringstermijn"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("PIP")
        verbose_name_plural = _("PIP's")

    def __str__(self) -> str:
        return f"PIP {self.client_id}"


@track(person_field="client_id")
class PlanVersion(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("versienummer"))
    status = models.CharField(
        _("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    route = models.CharField(_("leerroute"), max_length=10, choices=Route.choices, blank=True)
    scaled_to_a2 = models.BooleanField(_("afgeschaald naar A2"), default=False)
    reason = models.CharField(
        _("reden"), max_length=12, choices=Reason.choices, default=Reason.INITIAL
    )
    reason_note = models.TextField(_("toelichting op de reden"), blank=True)
    review_agreements = models.TextField(_("afspraken over voortgangsgesprekken"), blank=True)
    review_count = models.PositiveSmallIntegerField(
        _("aantal voortgangsgesprekken"), null=True, blank=True
    )
    notes = models.TextField(_("overige afspraken"), blank=True)
    drafted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("opgesteld door")
    )
    submitted_at = models.DateTimeField(_("aangeboden op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("vastgesteld door"),
    )
    decision_date = models.DateField(_("dagtekening"), null=True, blank=True)
    made_known_on = models.DateField(_("bekendgemaakt op"), null=True, blank=True)
    decided_on_behalf_of = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        limit_choices_to={"kind": OrganisationKind.MUNICIPALITY},
        verbose_name=_("namens het college van"),
    )
    rule_set = models.ForeignKey(
        RuleSet,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("gebruikte regelset"),
    )
    version = models.PositiveIntegerField(_("versie"), default=1)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("PIP-versie")
        verbose_name_plural = _("PIP-versies")
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="planversion_unique_number")
        ]
        indexes = [models.Index(fields=["status", "client"])]

    def __str__(self) -> str:
        return f"PIP versie {self.number} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in (VersionStatus.DRAFT, VersionStatus.SUBMITTED)

    @property
    def is_decided(self) -> bool:
        return self.status in (VersionStatus.DECIDED, VersionStatus.SUPERSEDED)


@track(person_field="client_id")
class Component(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan_version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="components"
    )
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("onderdeel"), max_length=20, choices=ComponentKind.choices)
    participation_type = models.CharField(
        _("soort participatie"), max_length=12, choices=ParticipationType.choices, blank=True
    )
    linked_to_werksaam = models.BooleanField(_("gekoppeld aan WerkSaam"), default=False)
    hours_planned = models.PositiveIntegerField(_("geplande uren"), null=True, blank=True)
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        limit_choices_to={"kind": OrganisationKind.PROVIDER},
        verbose_name=_("aanbieder"),
    )
    description = models.TextField(_("afspraken"), blank=True)
    offer_start = models.DateField(_("aanbod gestart op"), null=True, blank=True)
    hours_attended = models.PositiveIntegerField(_("gevolgde uren"), default=0)
    progress_note = models.TextField(_("voortgang"), blank=True)
    completed_on = models.DateField(_("afgerond op"), null=True, blank=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    version = models.PositiveIntegerField(_("versie"), default=1)

    class Meta:
        verbose_name = _("PIP-onderdeel")
        verbose_name_plural = _("PIP-onderdelen")
        ordering = ["plan_version", "id"]

    def __str__(self) -> str:
        label = self.get_kind_display()
        if self.participation_type:
            label = f"{label}: {self.get_participation_type_display()}"
        return str(label)
