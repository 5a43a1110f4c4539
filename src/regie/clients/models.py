"""The client (inburgeraar). Issue 'casework' extends this with household, dates and status."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.audit_registry import track
from regie.core.bsn import mask_bsn, validate_bsn
from regie.core.models import Organisation, User
from regie.core.roles import OrganisationKind

from .deadline_kinds import label


class ClientStatus(models.TextChoices):
    REGISTERED = "registered", _("Aangemeld")
    INTAKE = "intake", _("Brede intake")
    PLAN_DECIDED = "plan_decided", _("PIP vastgesteld")
    IN_ROUTE = "in_route", _("In leerroute")
    CLOSED = "closed", _("Afgesloten")
    NOT_OBLIGED = "not_obliged", _("Niet inburgeringsplichtig")


class TargetGroup(models.TextChoices):
    ASYLUM = "asielstatushouder", _("Asielstatushouder")
    FAMILY = "gezinsmigrant", _("Gezinsmigrant")
    OTHER = "overige_migrant", _("Overige migrant")


class PermitType(models.TextChoices):
    ASYLUM = "asiel", _("Asielvergunning")
    REGULAR = "regulier", _("Reguliere vergunning")


class DutyStartReason(models.TextChoices):
    """Why the duty starts on ``Client.duty_start`` (issue 9: the permit date is not always it)."""

    PERMIT = "vergunning", _("Op de datum van de vergunning")
    LEERPLICHT_END = "einde_leerplicht", _("Einde leerplicht")
    KWALIFICATIEPLICHT_END = "einde_kwalificatieplicht", _("Einde kwalificatieplicht")
    OTHER = "anders", _("Andere reden (toelichting)")


class Regime(models.TextChoices):
    """The law the case runs under: a Wi2013 client (duty started before 1 January 2022) gets no
    PIP and no Wi2021 terms, only guidance and the voluntary offer (issue 9)."""

    WI2021 = "wi2021", _("Wet inburgering 2021")
    WI2013 = "wi2013", _("Wet inburgering 2013")


class ClosureReason(models.TextChoices):
    """Why a dossier was closed; the effect of each reason is in ``clients.closing``."""

    MET = "voldaan", _("Voldaan aan de inburgeringsplicht")
    EXEMPTED = "vrijgesteld", _("Vrijstelling of ontheffing (besluit van DUO)")
    TERM_ENDED = "termijn_verstreken", _("Inburgeringstermijn verstreken, verder bij DUO")
    MOVED = "verhuisd", _("Verhuisd naar een gemeente buiten de regio")
    LEFT = "vertrokken", _("Vertrokken naar het buitenland of verblijfsrecht beëindigd")
    NATURALISED = "genaturaliseerd", _("Genaturaliseerd tot Nederlander")
    STATE_PENSION_AGE = "aow_leeftijd", _("AOW-leeftijd bereikt")
    DIED = "overleden", _("Overleden")


@track
class Household(models.Model):
    """A household (*gezin*): the people who live together; not all of them are obliged."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam huishouden"), max_length=200)
    municipality = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name=_("gemeente"),
    )

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")

    def __str__(self) -> str:
        return self.name


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
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("huishouden"),
    )
    is_obliged = models.BooleanField(_("inburgeringsplichtig"), default=True)
    nationality = models.CharField(_("nationaliteit"), max_length=100, blank=True)
    languages = models.CharField(_("talen"), max_length=200, blank=True)
    target_group = models.CharField(
        _("doelgroep"), max_length=20, choices=TargetGroup.choices, default=TargetGroup.ASYLUM
    )
    permit_type = models.CharField(
        _("soort vergunning"), max_length=10, choices=PermitType.choices, default=PermitType.ASYLUM
    )
    benefit_start = models.DateField(_("start bijstand"), null=True, blank=True)
    permit_date = models.DateField(_("datum vergunning (start plicht)"), null=True, blank=True)
    # The start of the duty as its own fact (issue 9); empty means "the permit date".
    duty_start = models.DateField(_("start inburgeringsplicht"), null=True, blank=True)
    duty_start_reason = models.CharField(
        _("reden start inburgeringsplicht"),
        max_length=30,
        choices=DutyStartReason.choices,
        default=DutyStartReason.PERMIT,
    )
    duty_start_note = models.CharField(_("toelichting start plicht"), max_length=500, blank=True)
    age_checked = models.BooleanField(
        _("leeftijd buiten 16 tot AOW-leeftijd gecontroleerd"), default=False
    )
    regime = models.CharField(
        _("wet"), max_length=10, choices=Regime.choices, default=Regime.WI2021
    )
    linkage_date = models.DateField(_("datum koppeling"), null=True, blank=True)
    housing_date = models.DateField(_("datum huisvesting"), null=True, blank=True)
    brp_date = models.DateField(_("datum inschrijving BRP"), null=True, blank=True)
    duo_notice_date = models.DateField(_("datum kennisgeving DUO"), null=True, blank=True)
    third_party_info_awaited = models.BooleanField(
        _("wacht op informatie van derden"), default=False
    )
    third_party_info_received = models.DateField(
        _("informatie van derden ontvangen op"), null=True, blank=True
    )
    closure_reason = models.CharField(
        _("reden afsluiting"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1)
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

    @property
    def status_kind(self) -> str:
        """The badge colour of the status: new and closed neutral, in progress info,
        decided positive."""
        return {
            ClientStatus.INTAKE: "info",
            ClientStatus.IN_ROUTE: "info",
            ClientStatus.PLAN_DECIDED: "positive",
        }.get(self.status, "neutral")

    @property
    def is_asylum_holder(self) -> bool:
        return self.target_group == TargetGroup.ASYLUM

    @property
    def duty_starts_on(self):
        """The start of the duty: the recorded fact, else the permit date."""
        return self.duty_start or self.permit_date

    @property
    def is_wi2013(self) -> bool:
        return self.regime == Regime.WI2013

    @property
    def has_asylum_permit(self) -> bool:
        return self.permit_type == PermitType.ASYLUM


class CaseRole(models.TextChoices):
    CASE_MANAGER = "case_manager", _("Klantregisseur")
    SOCIAL_GUIDE = "social_guide", _("Maatschappelijk begeleider")
    INCOME_CONSULTANT = "income_consultant", _("Inkomensconsulent")


class CaseloadAssignment(models.Model):
    """History of who was assigned to a client in which part, from when to when, by whom."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="assignments")
    part = models.CharField(_("rol"), max_length=20, choices=CaseRole.choices)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", null=True)
    assigned_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", null=True)
    started_at = models.DateTimeField(_("vanaf"), auto_now_add=True)
    ended_at = models.DateTimeField(_("tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["client", "part", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.get_part_display()}: {self.user}"


class Deadline(models.Model):
    """A stored, indexed due date derived from the facts by the legal-term calendar.

    Recomputed through ``clients.deadlines.facts_changed(client)`` whenever the facts change;
    worklists are plain indexed queries on ``due_date`` where ``met_on`` is empty. ``kind`` is a
    code registered in ``clients.deadlines`` by the app that computes it (no choices here, so a new
    kind needs no migration of this app); its label comes from that registry.
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("soort"), max_length=30)
    sequence = models.PositiveSmallIntegerField(default=1)
    due_date = models.DateField(_("uiterste datum"))
    basis = models.CharField(_("grondslag en berekening"), max_length=500)
    unconfirmed = models.BooleanField(_("steunt op niet-bevestigde regel"), default=False)
    met_on = models.DateField(_("voldaan op"), null=True, blank=True)
    # A deadline that ended because the dossier was closed for a reason that does not meet it
    # (death, departure, ...) is *cancelled* (vervallen) on ``met_on``, with the reason in words.
    cancelled = models.BooleanField(_("vervallen"), default=False)
    end_note = models.CharField(_("toelichting einde"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["client", "kind", "sequence"], name="deadline_unique")
        ]
        indexes = [
            models.Index(fields=["met_on", "due_date"], name="deadline_open_due"),
            models.Index(fields=["client", "due_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_date:%d-%m-%Y}"

    def get_kind_display(self) -> str:
        """The Dutch label the computing app registered for this kind."""
        return label(self.kind)

    @staticmethod
    def history_label(field: str, value):
        """The change history names a kind in words (None: no label for this field)."""
        return label(value) if field == "kind" else None


@track(person_field="client_id")
class Residence(models.Model):
    """One period in which a client lived in one municipality of the region (the residence
    history). Figures and costs count a client in the municipality of the period that holds the
    figure's date; ``valid_from`` empty means "since the registration"; ``valid_to`` empty means
    "until now". A move within the region closes one period and opens the next
    (``progress.services.move_within_region``)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="residences")
    municipality = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrganisationKind.MUNICIPALITY},
        verbose_name=_("gemeente"),
    )
    valid_from = models.DateField(_("vanaf"), null=True, blank=True)
    valid_to = models.DateField(_("tot en met"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("woonperiode")
        verbose_name_plural = _("woonperiodes")
        ordering = ["client", "valid_from", "id"]
        indexes = [models.Index(fields=["municipality", "valid_from", "valid_to"])]

    def __str__(self) -> str:
        return f"{self.municipality} {self.valid_from or ''}–{self.valid_to or ''}"


class ImportJob(models.Model):
    """A CSV import running as a background task; its status page shows the progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        DONE = "done", _("Klaar")
        REFUSED = "refused", _("Afgekeurd")
        FAILED = "failed", _("Mislukt")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    assignment_id = models.BigIntegerField()
    team = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    # written every 30 s by the running worker (core.jobs): a job whose beat stops has died
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # What the running import has committed so far ({"clients": [ids], "households": [ids]}),
    # written in the same transaction as each chunk: a job whose worker died is undone with it.
    applied = models.JSONField(default=dict, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


class Reminder(models.Model):
    """A reminder to the case manager that a deadline is near (sent once per deadline and date)."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reminders")
    due_date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        ordering = ["due_date"]
        constraints = [
            models.UniqueConstraint(fields=["deadline", "user", "due_date"], name="reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.deadline} → {self.user}"
