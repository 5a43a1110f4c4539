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


class TargetLevel(models.TextChoices):
    """The language level the route aims at (sources: docs/rules.md): B1, or B2 where possible."""

    B1 = "b1", "B1"
    B2 = "b2", "B2"


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
    # Empty means B1, the minimum of the B1-route and the onderwijsroute (sources: docs/rules.md);
    # not used in the Z-route (aimed at A1, no B1 exams).
    target_level = models.CharField(
        _("taalniveau"), max_length=2, choices=TargetLevel.choices, blank=True
    )
    # Afschalen naar A2 (sources: docs/rules.md): the conditions, recorded with the version that scales down
    scale_down_infeasible_reason = models.TextField(
        _("waarom B1 niet haalbaar is binnen de termijn"), blank=True
    )
    scale_down_school = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        limit_choices_to={"kind": OrganisationKind.PROVIDER},
        verbose_name=_("taalschool van de lesuren"),
    )
    scale_down_lesson_hours = models.PositiveIntegerField(
        _("gevolgde lesuren volgens de taalschool"), null=True, blank=True
    )
    scale_down_in_person_hours = models.PositiveIntegerField(
        _("waarvan fysiek (op locatie)"), null=True, blank=True
    )
    scale_down_effort = models.TextField(
        _("inspanning: wat blijkt uit aanwezigheid en huiswerk"), blank=True
    )
    scale_down_effort_sufficient = models.BooleanField(
        _("de inspanning is voldoende"), default=False
    )
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


class ReporterKind(models.TextChoices):
    """Who reported attended hours: not only a language school (sources: docs/rules.md, issue 9)."""

    PROVIDER = "aanbieder", _("Aanbieder (taalschool of trainer)")
    WERKSAAM = "werksaam", _("WerkSaam")
    VOLUNTEER_ORGANISATION = "vrijwilligersorganisatie", _("Vrijwilligersorganisatie")
    EMPLOYER = "werkgever", _("Werkgever")
    MUNICIPALITY = "gemeente", _("Gemeente")


# The parts whose attended hours count towards completing PVT, MAP and the Z-route.
COUNTED_KINDS = (
    ComponentKind.PVT,
    ComponentKind.MAP,
    ComponentKind.PARTICIPATION,
    ComponentKind.LANGUAGE,
    ComponentKind.KNM,
)


@track(person_field="client_id")
class AttendedActivity(models.Model):
    """Hours a client attended, as reported by an organisation and recorded by a staff member.

    Together with the attendance providers report through ``offer`` these are the hours that
    count for completing the PVT, the MAP and the Z-route; hours that were only planned never do.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="+", verbose_name=_("klant")
    )
    kind = models.CharField(
        _("onderdeel"),
        max_length=20,
        choices=[(k.value, k.label) for k in COUNTED_KINDS],
    )
    date = models.DateField(_("datum (of laatste dag van de periode)"))
    hours = models.DecimalField(_("gevolgde uren"), max_digits=6, decimal_places=1)
    description = models.CharField(_("activiteit"), max_length=300)
    reported_by_kind = models.CharField(
        _("gemeld door (soort)"), max_length=30, choices=ReporterKind.choices
    )
    reported_by_name = models.CharField(_("gemeld door (naam)"), max_length=200)
    recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("gevolgde activiteit")
        verbose_name_plural = _("gevolgde activiteiten")
        ordering = ["client", "-date", "-id"]
        indexes = [models.Index(fields=["client", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.hours} uur ({self.date:%d-%m-%Y})"


class MilestoneKind(models.TextChoices):
    PVT_DECLARATION_SIGNED = "pvt_signed", _("Participatieverklaring ondertekend")
    MAP_FINAL_INTERVIEW = "map_final", _("Eindgesprek MAP met de gemeente")
    Z_FINAL_INTERVIEW = "z_final", _("Eindgesprek Z-route met de gemeente")


@track(person_field="client_id")
class Milestone(models.Model):
    """The signing of the participatieverklaring or an eindgesprek with the municipality: one
    of each per client, recorded with who held it and who recorded it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="+", verbose_name=_("klant")
    )
    kind = models.CharField(_("soort"), max_length=12, choices=MilestoneKind.choices)
    held_on = models.DateField(_("datum"))
    conducted_by = models.CharField(_("gevoerd of begeleid door"), max_length=200)
    note = models.TextField(_("verslag"), blank=True)
    recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")
        ordering = ["client", "held_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["client", "kind"], name="milestone_unique_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.held_on:%d-%m-%Y})"
