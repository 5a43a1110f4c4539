"""The objection (*bezwaar*) register: one row per objection against a decision of the college.

Decisions open to objection (Awb art. 8:1 and 7:1): the PIP and each revision (a
:class:`~regie.plans.models.PlanVersion`), a fine (an :class:`~regie.progress.models.EnforcementCase`
with a fine), the dispensation from the learnability test (Wi2021 art. 14) and a refusal of a
request to the college (described in words). DUO's own decisions (exemption, dispensation,
extension) are objected to at DUO and are not in this register.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.clients.models import Client
from regie.core.audit_registry import track
from regie.core.models import User
from regie.plans.models import PlanVersion
from regie.progress.models import EnforcementCase


class DecisionKind(models.TextChoices):
    PIP = "pip", _("PIP of bijstelling van het PIP")
    FINE = "fine", _("Bestuurlijke boete")
    LBT_DISPENSATION = "lbt", _("Ontheffing leerbaarheidstoets")
    REFUSAL = "refusal", _("Weigering van een aanvraag")


class WaiverGround(models.TextChoices):
    """Awb art. 7:3: when the hearing may be skipped."""

    INADMISSIBLE = "a", _("a. het bezwaar is kennelijk niet-ontvankelijk")
    UNFOUNDED = "b", _("b. het bezwaar is kennelijk ongegrond")
    WAIVED = "c", _("c. de bezwaarmaker wil niet gehoord worden")
    NO_ANSWER = (
        "d",
        _("d. de bezwaarmaker liet niet binnen de gestelde termijn weten gehoord te willen worden"),
    )
    GRANTED = "e", _("e. aan het bezwaar wordt volledig tegemoetgekomen")


class FurtherDelayGround(models.TextChoices):
    """Awb art. 7:10 lid 4: further delay beyond the one postponement."""

    ALL_CONSENT = "a", _("a. alle belanghebbenden stemmen in")
    OBJECTOR_CONSENT = "b", _("b. de bezwaarmaker stemt in en niemand anders wordt geschaad")
    PROCEDURE = "c", _("c. nodig voor de naleving van wettelijke procedurevoorschriften")


class Outcome(models.TextChoices):
    UPHELD = "gegrond", _("Gegrond")
    PARTLY_UPHELD = "deels_gegrond", _("Gedeeltelijk gegrond")
    DISMISSED = "ongegrond", _("Ongegrond")
    INADMISSIBLE = "niet_ontvankelijk", _("Niet-ontvankelijk")
    WITHDRAWN = "ingetrokken", _("Ingetrokken door de bezwaarmaker")


UPHELD_OUTCOMES = (Outcome.UPHELD, Outcome.PARTLY_UPHELD)


class AppealKind(models.TextChoices):
    DECISION = "besluit", _("Tegen de beslissing op bezwaar")
    LATE = "niet_tijdig", _("Tegen het niet tijdig beslissen (Awb art. 6:2 en 6:12)")


class AppealOutcome(models.TextChoices):
    UPHELD = "gegrond", _("Gegrond")
    DISMISSED = "ongegrond", _("Ongegrond")
    INADMISSIBLE = "niet_ontvankelijk", _("Niet-ontvankelijk")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")


class Status(models.TextChoices):
    OPEN = "open", _("In behandeling")
    REPAIR = "herstel", _("Wacht op herstel verzuim")
    DECIDED = "beslist", _("Beslist")
    APPEAL = "beroep", _("In beroep")
    CLOSED = "afgerond", _("Afgerond")


@track(person_field="client_id")
class Objection(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="objections")
    number = models.PositiveSmallIntegerField(_("volgnummer"))

    # The contested decision.
    decision_kind = models.CharField(
        _("bestreden besluit"), max_length=10, choices=DecisionKind.choices
    )
    plan_version = models.ForeignKey(
        PlanVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("PIP-versie"),
    )
    enforcement_case = models.ForeignKey(
        EnforcementCase,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("boete"),
    )
    decision_description = models.CharField(_("omschrijving besluit"), max_length=300, blank=True)
    decision_date = models.DateField(_("dagtekening bestreden besluit"))
    decision_made_known_on = models.DateField(_("bekendgemaakt op"))

    # Receipt (Awb art. 6:4, 6:5) and the decision term (Awb art. 7:10).
    received_on = models.DateField(_("bezwaarschrift ontvangen op"))
    grounds = models.TextField(_("gronden van het bezwaar"), blank=True)
    advisory_committee = models.BooleanField(
        _("adviescommissie ingesteld (Awb art. 7:13)"), default=False
    )
    repair_requested_on = models.DateField(
        _("verzocht om herstel verzuim op"), null=True, blank=True
    )
    repair_deadline = models.DateField(_("hersteltermijn tot en met"), null=True, blank=True)
    repair_defect = models.CharField(_("verzuim"), max_length=300, blank=True)
    repaired_on = models.DateField(_("verzuim hersteld op"), null=True, blank=True)
    postponement_weeks = models.PositiveSmallIntegerField(_("verdaging (weken)"), default=0)
    postponed_on = models.DateField(_("verdaagd op"), null=True, blank=True)
    further_delay_weeks = models.PositiveSmallIntegerField(_("verder uitstel (weken)"), default=0)
    further_delay_ground = models.CharField(
        _("grond verder uitstel"), max_length=2, choices=FurtherDelayGround.choices, blank=True
    )
    further_delay_on = models.DateField(_("verder uitstel op"), null=True, blank=True)

    # Hearing (Awb art. 7:2) or its waiver (Awb art. 7:3).
    hearing_planned_on = models.DateField(_("hoorzitting gepland op"), null=True, blank=True)
    hearing_held_on = models.DateField(_("gehoord op"), null=True, blank=True)
    hearing_report = models.TextField(_("verslag van het horen"), blank=True)
    hearing_waiver = models.CharField(
        _("afgezien van horen (Awb art. 7:3)"),
        max_length=1,
        choices=WaiverGround.choices,
        blank=True,
    )

    # The decision on the objection (Awb art. 7:11, 7:12).
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)
    decided_on = models.DateField(_("beslist op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslist door"),
    )
    reasoning = models.TextField(_("motivering"), blank=True)
    # A new decision where upheld (Awb art. 7:11 lid 2).
    new_plan_version = models.ForeignKey(
        PlanVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nieuwe PIP-versie"),
    )
    new_fine_amount = models.DecimalField(
        _("nieuw boetebedrag"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    new_decision = models.TextField(_("nieuw besluit"), blank=True)

    # Late decision: notice of default and penalty (Awb art. 4:17, 4:18 via 7:14).
    default_notice_received_on = models.DateField(
        _("ingebrekestelling ontvangen op"), null=True, blank=True
    )
    penalty_fixed_on = models.DateField(_("dwangsom vastgesteld op"), null=True, blank=True)
    penalty_amount = models.DecimalField(
        _("vastgestelde dwangsom"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    penalty_note = models.CharField(_("toelichting dwangsom"), max_length=300, blank=True)

    # Appeal (beroep) at the court.
    appeal_kind = models.CharField(
        _("beroep"), max_length=12, choices=AppealKind.choices, blank=True
    )
    appeal_filed_on = models.DateField(_("beroep ingesteld op"), null=True, blank=True)
    appeal_court = models.CharField(_("rechtbank"), max_length=100, blank=True)
    appeal_outcome = models.CharField(
        _("uitspraak"), max_length=20, choices=AppealOutcome.choices, blank=True
    )
    appeal_decided_on = models.DateField(_("uitspraak op"), null=True, blank=True)
    appeal_note = models.TextField(_("toelichting beroep"), blank=True)

    registered_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["client", "number"], name="objection_unique_number")
        ]
        indexes = [models.Index(fields=["decided_on", "received_on"])]

    def __str__(self) -> str:
        return f"Bezwaar {self.number} ({self.get_decision_kind_display()})"

    @property
    def status(self) -> str:
        if self.appeal_filed_on and not self.appeal_decided_on:
            return Status.APPEAL
        if self.appeal_decided_on:
            return Status.CLOSED
        if self.decided_on:
            return Status.DECIDED
        if self.repair_requested_on and not self.repaired_on:
            return Status.REPAIR
        return Status.OPEN

    def get_status_display(self) -> str:
        return str(Status(self.status).label)

    @property
    def is_decided(self) -> bool:
        return self.decided_on is not None

    @property
    def upheld(self) -> bool:
        return self.outcome in UPHELD_OUTCOMES

    @property
    def hearing_done(self) -> bool:
        return self.hearing_held_on is not None or bool(self.hearing_waiver)
