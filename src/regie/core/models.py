"""Organisations, users and roles, housing targets, audit trail, access log, worker heartbeat."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .audit_registry import track
from .roles import ROLE_ORGANISATION_KINDS, OrganisationKind, Role


@track
class Region(models.Model):
    """A co-operating group of municipalities (e.g. Westfriesland)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=200)

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


@track
class Organisation(models.Model):
    """Every party: municipality, regional team, joint body, provider, DUO, COA."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("regio"),
        null=True,
        blank=True,
        help_text=_("Leeg voor landelijke partijen zoals DUO en COA."),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    cbs_code = models.CharField(
        _("CBS-gemeentecode"),
        max_length=6,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Bijvoorbeeld GM0405. Alleen voor gemeenten."),
    )
    inhabitants = models.PositiveIntegerField(_("aantal inwoners"), null=True, blank=True)
    inhabitants_note = models.CharField(
        _("bron inwonertal"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: 'Benadering, CBS 1-1-2019'."),
    )
    # The college's address and digital route, printed in the objection section of its letters
    # (Awb art. 3:45: where to object; art. 2:15: electronically only where the college opened it).
    postal_address = models.TextField(
        _("postadres"),
        max_length=300,
        blank=True,
        help_text=_(
            "Het adres waar inwoners brieven en bezwaarschriften naartoe sturen. "
            "Bijvoorbeeld: Postbus 1, 1600 AA Plaats"
        ),
    )
    objection_digital_open = models.BooleanField(
        _("digitaal bezwaar maken is opengesteld"),
        default=False,
        help_text=_(
            "Alleen aanzetten als het college bekend heeft gemaakt dat bezwaar ook digitaal kan "
            "(Algemene wet bestuursrecht, artikel 2:15)."
        ),
    )
    objection_digital_route = models.CharField(
        _("waar digitaal bezwaar maken kan"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld het webadres van het bezwaarformulier van de gemeente."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    version = models.PositiveIntegerField(_("versie"), default=1)  # core.locking

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "kind", "name"], name="org_unique_name"),
            models.CheckConstraint(
                condition=models.Q(cbs_code__isnull=True) | models.Q(kind="gemeente"),
                name="org_cbs_only_municipality",
            ),
        ]
        indexes = [models.Index(fields=["region", "kind"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_municipality(self) -> bool:
        return self.kind == OrganisationKind.MUNICIPALITY

    def clean(self) -> None:
        if self.objection_digital_open and not self.objection_digital_route.strip():
            raise ValidationError(
                {
                    "objection_digital_route": _(
                        "Vul in waar digitaal bezwaar maken kan, of zet de digitale weg uit."
                    )
                }
            )
        if self.cbs_code and self.kind != OrganisationKind.MUNICIPALITY:
            raise ValidationError({"cbs_code": _("Alleen een gemeente heeft een CBS-code.")})
        if self.cbs_code and not (
            len(self.cbs_code) == 6
            and self.cbs_code.startswith("GM")
            and self.cbs_code[2:].isdigit()
        ):
            raise ValidationError(
                {
                    "cbs_code": _(
                        "Vul de CBS-code in als GM gevolgd door 4 cijfers, bijvoorbeeld GM0405."
                    )
                }
            )


@track
class HousingTarget(models.Model):
    """A municipality's *taakstelling*: permit holders to house in a period."""

    municipality = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="housing_targets",
        limit_choices_to={"kind": OrganisationKind.MUNICIPALITY},
        verbose_name=_("gemeente"),
    )
    period_start = models.DateField(_("begin periode"))
    period_end = models.DateField(_("einde periode"))
    target = models.PositiveIntegerField(_("taakstelling (personen)"))
    source = models.CharField(_("bron"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("taakstelling")
        verbose_name_plural = _("taakstellingen")
        ordering = ["municipality__name", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "period_start"], name="target_unique"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="target_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.period_start:%d-%m-%Y}–{self.period_end:%d-%m-%Y}"

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": _("Het einde van de periode moet na het begin liggen.")}
            )
        if self.municipality_id and self.municipality.kind != OrganisationKind.MUNICIPALITY:
            raise ValidationError({"municipality": _("Kies een gemeente.")})


@track
class User(AbstractUser):
    """A person who logs in. What he may do comes from his role assignments."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def active_assignments(self):
        return self.role_assignments.filter(is_active=True).select_related(
            "organisation", "organisation__region"
        )


@track
class RoleAssignment(models.Model):
    """One role of a user, for one organisation. A user with several can switch between them."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("gebruiker")
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="role_assignments",
        verbose_name=_("organisatie"),
    )
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("roltoewijzing")
        verbose_name_plural = _("roltoewijzingen")
        ordering = ["user__username", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "organisation"], name="role_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} · {self.organisation}"

    def clean(self) -> None:
        allowed = ROLE_ORGANISATION_KINDS.get(self.role, set())
        if self.organisation_id and self.organisation.kind not in allowed:
            raise ValidationError(
                {"organisation": _("Deze rol hoort niet bij dit soort organisatie.")}
            )


@track
class RoleRequest(models.Model):
    """A request to grant, change or end a role assignment, made in the app's own screen.

    Nobody requests for himself; a role that sees dossiers (``FOUR_EYES_ROLES``) waits for a
    second functional administrator, who is neither the requester nor the person concerned.
    """

    class Action(models.TextChoices):
        GRANT = "grant", _("Toekennen")
        CHANGE = "change", _("Wijzigen")
        END = "end", _("Beëindigen")

    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op goedkeuring")
        APPLIED = "applied", _("Doorgevoerd")
        REJECTED = "rejected", _("Afgewezen")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    action = models.CharField(_("soort aanvraag"), max_length=10, choices=Action.choices)
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_requests", verbose_name=_("gebruiker")
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    assignment = models.ForeignKey(
        RoleAssignment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("roltoewijzing"),
    )
    reason = models.CharField(_("toelichting"), max_length=500)
    needs_approval = models.BooleanField(_("vier ogen"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangevraagd door")
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("beoordeeld door"),
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("rolaanvraag")
        verbose_name_plural = _("rolaanvragen")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(requested_by=models.F("user")),
                name="role_request_not_for_self",
            ),
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True)
                | (
                    ~models.Q(decided_by=models.F("requested_by"))
                    & ~models.Q(decided_by=models.F("user"))
                )
                | models.Q(needs_approval=False),
                name="role_request_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.get_role_display()} · {self.organisation}"


@track(exclude=("key_hash",))
class ApiClient(models.Model):
    """A system of an organisation that calls the API with a token (provider, WerkSaam, reporting).

    Only a SHA-256 hash of the token is stored; the token itself is shown once, on creation.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="api_clients",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    key_prefix = models.CharField(_("begin sleutel"), max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-koppeling")
        verbose_name_plural = _("API-koppelingen")
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


@track
class ProcessingActivity(models.Model):
    """An entry of the register of processing activities (AVG art. 30), as LDV expects."""

    key = models.SlugField(_("sleutel"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    purpose = models.TextField(_("doel"))
    legal_basis = models.CharField(_("grondslag"), max_length=300)
    retention = models.CharField(_("bewaartermijn"), max_length=100)
    confidentiality = models.CharField(
        _("vertrouwelijkheid"), max_length=30, default="vertrouwelijk"
    )

    class Meta:
        verbose_name = _("verwerkingsactiviteit")
        verbose_name_plural = _("verwerkingsactiviteiten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("append-only")

    def delete(self):
        raise PermissionError("append-only")


class AppendOnlyModel(models.Model):
    """Rows are inserted, never changed or removed by the application (a DB trigger enforces it)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("append-only")


class AuditEvent(AppendOnlyModel):
    """Change history: who changed what, when, before and after."""

    class Action(models.TextChoices):
        CREATE = "create", _("Aangemaakt")
        UPDATE = "update", _("Gewijzigd")
        DELETE = "delete", _("Verwijderd")
        LOGIN = "login", _("Ingelogd")
        LOGIN_FAILED = "login_failed", _("Inloggen mislukt")
        LOGOUT = "logout", _("Uitgelogd")
        ROLE_SWITCH = "role_switch", _("Van rol gewisseld")
        ACTION = "action", _("Handeling")

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    actor_label = models.CharField(_("door (naam en rol)"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("namens organisatie"),
    )
    action = models.CharField(_("handeling"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("soort gegeven"), max_length=100, db_index=True)
    object_id = models.CharField(_("id"), max_length=64, blank=True)
    object_repr = models.CharField(_("omschrijving"), max_length=300, blank=True)
    person_id = models.BigIntegerField(_("betrokkene (intern id)"), null=True, blank=True)
    before = models.JSONField(_("voor"), null=True, blank=True)
    after = models.JSONField(_("na"), null=True, blank=True)
    request_id = models.CharField(_("verzoek"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("wijziging")
        verbose_name_plural = _("wijzigingen")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "-at"]),
            models.Index(fields=["actor", "-at"]),
            models.Index(fields=["person_id", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_type} #{self.object_id}"


class AccessLogEntry(AppendOnlyModel):
    """One read of personal data of one person (Logboek dataverwerkingen: one row per subject)."""

    class Action(models.TextChoices):
        READ = "read", _("Ingezien")
        LIST = "list", _("In lijst getoond")
        EXPORT = "export", _("Geëxporteerd")
        PRINT = "print", _("Afgedrukt")

    class Channel(models.TextChoices):
        UI = "ui", _("Webapplicatie")
        API = "api", _("API")
        CLI = "cli", _("Opdrachtregel")
        SELF = "self", _("Portaal (de inburgeraar zelf)")

    # The newcomer reading his own data in the portal is logged as his own access: he has no
    # staff role, so the access log knows this one role besides the staff roles.
    SELF_ROLE = "inburgeraar"

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    trace_id = models.CharField(max_length=32)
    span_id = models.CharField(max_length=16)
    actor = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    api_client = models.ForeignKey(
        ApiClient,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("API-koppeling"),
    )
    actor_label = models.CharField(_("door (naam en rol)"), max_length=300)
    role = models.CharField(
        _("rol"),
        max_length=30,
        choices=[*Role.choices, ("inburgeraar", _("Inburgeraar (zelf)"))],
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    activity = models.ForeignKey(
        ProcessingActivity,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("verwerkingsactiviteit"),
    )
    person_type = models.CharField(_("soort betrokkene"), max_length=30, default="client")
    person_id = models.BigIntegerField(_("betrokkene (intern id)"))
    subject_pseudonym = models.CharField(_("pseudoniem betrokkene"), max_length=64)
    part = models.CharField(_("onderdeel"), max_length=60)
    purpose = models.CharField(_("doel"), max_length=300)
    action = models.CharField(_("handeling"), max_length=10, choices=Action.choices)
    channel = models.CharField(_("kanaal"), max_length=5, choices=Channel.choices)

    class Meta:
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["person_type", "person_id", "-at"]),
            models.Index(fields=["actor", "-at"]),
            models.Index(fields=["organisation", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.person_id} ({self.part})"


class WorkerHeartbeat(models.Model):
    """The background worker writes here every few seconds; /health/ reads it."""

    worker_id = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("werkproces")
        verbose_name_plural = _("werkprocessen")

    def __str__(self) -> str:
        return self.worker_id


@track
class RuleSet(models.Model):
    """One version of the legal rule set (see ``core.ruleset.RULES``), in force from a date."""

    valid_from = models.DateField(_("geldig vanaf"), unique=True)
    label = models.CharField(_("omschrijving"), max_length=200)
    values = models.JSONField(_("waarden"), default=dict)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("regelset")
        verbose_name_plural = _("regelsets")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.label} ({self.valid_from:%d-%m-%Y})"


@track
class ExtraNonWorkingDay(models.Model):
    """A day equated with a holiday by royal decree (Algemene termijnenwet art. 3 lid 3)."""

    date = models.DateField(_("datum"), unique=True)
    source = models.CharField(_("bron"), max_length=200)
    unconfirmed = models.BooleanField(
        _("niet bevestigd"),
        default=False,
        help_text=_("Aan als de dag niet in de tekst van het besluit zelf is gecontroleerd."),
    )

    class Meta:
        verbose_name = _("gelijkgestelde dag (Atw)")
        verbose_name_plural = _("gelijkgestelde dagen (Atw)")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} ({self.source})"


class OutboxMessage(models.Model):
    """A message for an external party (DUO first), written in the same transaction as the change
    it reports; the exchange app delivers it later with retries. Schema: docs/outbox.md."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.CharField(_("ontvanger"), max_length=30, default="DUO")
    message_type = models.CharField(_("soort bericht"), max_length=60)
    schema_version = models.CharField(_("schemaversie"), max_length=10, default="1.0")
    person_id = models.BigIntegerField(_("betrokkene (intern id)"), db_index=True)
    payload = models.JSONField(_("inhoud"))
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("afgeleverd"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        verbose_name = _("uitgaand bericht")
        verbose_name_plural = _("uitgaande berichten")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["delivered_at", "created_at"])]

    def __str__(self) -> str:
        return f"{self.message_type} → {self.recipient}"


class WorkItemState(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Afgerond")
    CANCELLED = "cancelled", _("Vervallen")


@track(person_field="audit_person_id")
class WorkItem(models.Model):
    """A task for a person or a role: a DUO message to confirm, a decision to take.

    The kind is registered by the app that creates it (``core.workitems.register_kind``). The
    person it concerns is a generic reference (``subject_type``/``subject_id``, as in the access
    log), so core stays below the app that owns the person; that app registers how a principal's
    visible subjects are found (``core.workitems.register_subject``). Created idempotently: one
    item per ``kind`` and ``source``. Written only through ``core.workitems``. ADR 0008.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("soort taak"), max_length=60)
    summary = models.CharField(_("omschrijving"), max_length=200, blank=True)
    subject_type = models.CharField(_("soort betrokkene"), max_length=30, blank=True)
    subject_id = models.BigIntegerField(_("betrokkene (intern id)"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="work_items",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices, blank=True)
    assignee = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_items",
        verbose_name=_("toegewezen aan"),
    )
    due_date = models.DateField(_("uiterlijk"))
    state = models.CharField(
        _("status"), max_length=10, choices=WorkItemState.choices, default=WorkItemState.OPEN
    )
    finished_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    finished_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgehandeld door"),
    )
    outcome_note = models.TextField(_("toelichting"), blank=True)
    details = models.JSONField(_("kenmerken"), default=dict, blank=True)
    source = models.CharField(_("bron"), max_length=100)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    created_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "source"], name="workitem_once_per_source"),
            models.CheckConstraint(
                condition=models.Q(subject_type="", subject_id__isnull=True)
                | (~models.Q(subject_type="") & models.Q(subject_id__isnull=False)),
                name="workitem_subject_complete",
            ),
            models.CheckConstraint(
                condition=models.Q(state="open", finished_at__isnull=True)
                | (~models.Q(state="open") & models.Q(finished_at__isnull=False)),
                name="workitem_finished_when_closed",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "state", "due_date", "id"], name="workitem_queue"),
            models.Index(fields=["assignee", "state", "due_date"], name="workitem_assignee"),
            models.Index(fields=["subject_type", "subject_id"], name="workitem_subject"),
        ]

    def __str__(self) -> str:
        from .workitem_kinds import kind_label

        return f"{kind_label(self.kind)} ({self.get_state_display()})"

    # bookkeeping the change history leaves out (a reference such as "OutboxMessage:43")
    history_hidden = ("source", "subject_type", "person_type")

    @staticmethod
    def history_label(field: str, value):
        """The change history names a task's kind in words (None: no label for this field)."""
        from .workitem_kinds import kind_label

        return kind_label(value) if field == "kind" else None

    @property
    def audit_person_id(self) -> int | None:
        return self.subject_id if self.subject_type == "client" else None

    @property
    def is_open(self) -> bool:
        return self.state == WorkItemState.OPEN


class DestructionBatch(models.Model):
    """Records of one type whose retention period ended, listed by the monthly job
    (``core.retention``) and destroyed once a functional administrator AND a privacy officer
    (two different people) approved. After destruction this row is the destruction log: record
    type, count, a keyed digest of the internal ids, dates and approvers, no personal data (the
    ids are emptied)."""

    class Status(models.TextChoices):
        LISTED = "listed", _("Wacht op akkoord")
        DESTROYED = "destroyed", _("Vernietigd")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    record_type = models.CharField(_("soort gegevens"), max_length=60)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.LISTED)
    listed_on = models.DateField(_("op de lijst gezet op"))
    ended_before = models.DateField(_("zaak beëindigd op of voor"))
    retention = models.CharField(_("bewaartermijn"), max_length=100)
    item_ids = models.JSONField(default=list)  # internal ids while listed; emptied on destruction
    digest = models.CharField(max_length=64)
    count = models.PositiveIntegerField(_("aantal"))
    admin_approved_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    admin_approved_at = models.DateTimeField(null=True, blank=True)
    privacy_approved_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    privacy_approved_at = models.DateTimeField(null=True, blank=True)
    destroyed_at = models.DateTimeField(_("vernietigd op"), null=True, blank=True)
    destroyed_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("vernietigingslijst")
        verbose_name_plural = _("vernietigingslijsten")
        ordering = ["status", "-listed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(admin_approved_by=models.F("privacy_approved_by")),
                name="destruction_two_different_approvers",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record_type} ({self.count})"
