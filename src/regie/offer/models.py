"""Providers' quality marks, joint contracts with lots and products, groups, enrolments, and what
providers report about them. Providers themselves are core Organisations of kind 'aanbieder'."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.clients.models import Client
from regie.core.audit_registry import track
from regie.core.models import Organisation, Region, User


class Route(models.TextChoices):
    B1 = "b1", _("B1-route")
    EDUCATION = "onderwijs", _("Onderwijsroute")
    Z = "z", _("Z-route")
    OTHER = "overig", _("Overig (KNM, PVT, MAP, participatie)")


class MarkKind(models.TextChoices):
    KEURMERK = "keurmerk_inburgeren", _("Blik op Werk Keurmerk Inburgeren (B1-route en Z-route)")
    DIPLOMA = "diploma_erkenning", _("Diploma-erkenning (onderwijsroute)")


class CefrLevel(models.TextChoices):
    PRE_A1 = "pre_a1", _("Onder A1")
    A0 = "a0", _("Alfabetisering (A0)")
    A1 = "a1", "A1"
    A2 = "a2", "A2"
    B1 = "b1", "B1"
    B2 = "b2", "B2"
    C1 = "c1", "C1"


class ProductKind(models.TextChoices):
    LANGUAGE = "taal", _("Taal op niveau")
    LITERACY = "alfabetisering", _("Alfabetisering")
    KNM = "knm", _("KNM")
    PVT = "pvt", _("PVT")
    MAP = "map", _("MAP")
    Z_PARTICIPATION = "z_participatie", _("Z-route participatie")
    BRIDGING = "taalschakeltraject", _("Onderwijsroute: taalschakeltraject")


@track
class QualityMark(models.Model):
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="quality_marks",
        limit_choices_to={"kind": "aanbieder"},
        verbose_name=_("aanbieder"),
    )
    kind = models.CharField(_("soort"), max_length=30, choices=MarkKind.choices)
    reference = models.CharField(_("kenmerk"), max_length=100, blank=True)
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"))

    class Meta:
        verbose_name = _("kwaliteitskeurmerk")
        verbose_name_plural = _("kwaliteitskeurmerken")
        ordering = ["provider__name", "-valid_until"]
        indexes = [models.Index(fields=["provider", "kind", "valid_until"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.provider}"


@track
class Contract(models.Model):
    """A framework agreement of the region with a main contractor (and its subcontractors)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="contracts")
    name = models.CharField(_("naam"), max_length=200)
    reference = models.CharField(_("kenmerk"), max_length=100, blank=True)
    main_contractor = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="main_contracts",
        verbose_name=_("hoofdaannemer"),
    )
    subcontractors = models.ManyToManyField(
        Organisation, blank=True, related_name="subcontracts", verbose_name=_("onderaannemers")
    )
    period_start = models.DateField(_("begin"))
    period_end = models.DateField(_("einde"))
    budget = models.DecimalField(
        _("budget"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("raamovereenkomst")
        verbose_name_plural = _("raamovereenkomsten")
        ordering = ["-period_start", "name"]

    def __str__(self) -> str:
        return self.name


@track
class Lot(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="lots")
    route = models.CharField(_("leerroute"), max_length=10, choices=Route.choices)
    name = models.CharField(_("naam perceel"), max_length=200)

    class Meta:
        verbose_name = _("perceel")
        verbose_name_plural = _("percelen")
        ordering = ["contract", "route"]

    def __str__(self) -> str:
        return self.name


@track
class Product(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="products")
    provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="products", verbose_name=_("aanbieder")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=ProductKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    level = models.CharField(_("niveau"), max_length=10, choices=CefrLevel.choices, blank=True)
    price = models.DecimalField(_("prijs per deelnemer"), max_digits=10, decimal_places=2)
    hours = models.PositiveIntegerField(_("uren"))
    hours_per_week = models.DecimalField(_("uren per week"), max_digits=5, decimal_places=1)
    location = models.CharField(_("locatie"), max_length=200)
    daytime = models.BooleanField(_("overdag"), default=True)
    evening_weekend = models.BooleanField(_("avond of weekend"), default=False)
    capacity = models.PositiveIntegerField(_("capaciteit (deelnemers)"))
    period_start = models.DateField(_("begin"))
    period_end = models.DateField(_("einde"))

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("producten")
        ordering = ["lot", "kind", "level", "name"]
        indexes = [models.Index(fields=["provider", "kind", "level"])]

    def __str__(self) -> str:
        return self.name


@track
class Invoice(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="invoices")
    provider = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("factuurnummer"), max_length=60)
    invoice_date = models.DateField(_("factuurdatum"))
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2)
    note = models.CharField(_("omschrijving"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("factuur")
        verbose_name_plural = _("facturen")
        ordering = ["-invoice_date"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "number"], name="invoice_unique")
        ]

    def __str__(self) -> str:
        return self.number


@track
class Group(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="groups")
    name = models.CharField(_("naam"), max_length=200)
    level = models.CharField(_("niveau"), max_length=10, choices=CefrLevel.choices, blank=True)
    location = models.CharField(_("locatie"), max_length=200)
    start_date = models.DateField(_("startdatum"))
    min_size = models.PositiveIntegerField(_("minimale groepsgrootte"))
    max_size = models.PositiveIntegerField(_("maximale groepsgrootte"))

    class Meta:
        verbose_name = _("groep")
        verbose_name_plural = _("groepen")
        ordering = ["start_date", "name"]
        indexes = [models.Index(fields=["product", "start_date"])]

    def __str__(self) -> str:
        return self.name


class EnrolmentStatus(models.TextChoices):
    REFERRED = "aangemeld", _("Aangemeld bij aanbieder")
    ACCEPTED = "geaccepteerd", _("Geaccepteerd")
    PLACED = "geplaatst", _("In groep geplaatst")
    STARTED = "gestart", _("Gestart")
    FINISHED = "afgerond", _("Afgerond")
    DROPPED = "uitgevallen", _("Uitgevallen")
    REFUSED = "geweigerd", _("Geweigerd door aanbieder")


@track(person_field="client_id")
class Enrolment(models.Model):
    """A client's place with a provider for one product, referred from a PIP component."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="enrolments")
    component_uuid = models.UUIDField(_("onderdeel van het PIP"), null=True, blank=True)
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="enrolments")
    provider = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="enrolments")
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, null=True, blank=True, related_name="enrolments"
    )
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.REFERRED,
    )
    level = models.CharField(
        _("niveau bij start"), max_length=10, choices=CefrLevel.choices, blank=True
    )
    target_level = models.CharField(
        _("PIP-niveau"), max_length=10, choices=CefrLevel.choices, blank=True
    )
    price = models.DecimalField(_("prijs (verplichting)"), max_digits=10, decimal_places=2)
    referred_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", null=True)
    referred_on = models.DateField(_("aangemeld op"))
    accepted_on = models.DateField(_("geaccepteerd op"), null=True, blank=True)
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    ended_reason = models.CharField(_("reden einde"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["-referred_on", "id"]
        indexes = [
            models.Index(fields=["provider", "status"]),
            models.Index(fields=["client", "status"]),
            models.Index(fields=["group"]),
        ]

    def __str__(self) -> str:
        return f"{self.product} – {self.client_id}"


class ReportKind(models.TextChoices):
    ATTENDANCE = "aanwezigheid", _("Aanwezigheid per les")
    PROGRESS = "voortgang", _("Voortgang op de ERK-schaal")
    KNM_THEME = "knm_thema", _("KNM-thema afgerond")
    EXAM = "examen", _("Examenpoging en uitslag")
    DROPOUT = "uitval", _("Uitval")


class ProviderReport(models.Model):
    """One fact a provider reported about one enrolment, keyed by the provider's own record id.

    Resubmitting the same record id with the same content changes nothing; with other content the
    row is updated and the old content kept in ``ProviderReportVersion``. Typed columns are filled
    per kind, so quality figures are plain indexed aggregates.
    """

    provider = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    record_id = models.CharField(_("kenmerk bij aanbieder"), max_length=100)
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("soort"), max_length=15, choices=ReportKind.choices)
    date = models.DateField(_("datum"))
    hours_offered = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    hours_attended = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    skill = models.CharField(max_length=20, blank=True)  # lezen, luisteren, schrijven, spreken, knm
    level = models.CharField(max_length=10, choices=CefrLevel.choices, blank=True)
    theme = models.CharField(max_length=100, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    official = models.BooleanField(default=False)  # True only once DUO's result is recorded
    reason = models.CharField(max_length=300, blank=True)
    content_hash = models.CharField(max_length=64)
    version = models.PositiveIntegerField(default=1)
    received_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("melding van aanbieder")
        verbose_name_plural = _("meldingen van aanbieders")
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "record_id"], name="report_unique")
        ]
        indexes = [
            models.Index(fields=["enrolment", "kind", "date"]),
            models.Index(fields=["provider", "kind", "date"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.record_id}"


class ProviderReportVersion(models.Model):
    report = models.ForeignKey(ProviderReport, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    content = models.JSONField()
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "version"]

    def __str__(self) -> str:
        return f"{self.report_id} v{self.version}"


class ReportUpload(models.Model):
    """One CSV upload of provider reports, checked and stored in the background. Its progress
    and outcome are kept here, not in the task backend's tables, so the backend can be swapped.
    The uploaded text is emptied once the task has run."""

    class State(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        RUNNING = "running", _("bezig")
        DONE = "done", _("klaar")
        REFUSED = "refused", _("niet opgeslagen")
        FAILED = "failed", _("mislukt")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    assignment_id = models.BigIntegerField()
    provider = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=200)
    content = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    outcome = models.JSONField(default=dict, blank=True)
    task_result_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # written every 30 s by the running worker (core.jobs): a job whose beat stops has died
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    FINISHED = (State.DONE, State.REFUSED, State.FAILED)

    class Meta:
        verbose_name = _("upload van meldingen")
        verbose_name_plural = _("uploads van meldingen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
