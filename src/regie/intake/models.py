"""Brede intake per life domain, the learnability test and the special-category record.

The intake (Wi2021 art. 14; Divosa *Handreiking Brede intake en PIP*) records the
client's starting position per life domain. Health, mental health, trauma signals, addiction and
justice are special-category data (AVG art. 9 and 10): they live in :class:`SpecialCategoryRecord`,
which only the client's own case manager and the team leader open, each opening logged with the
purpose typed by the user (docs/roles.md). The health domain of the intake itself holds only
whether health matters affect the plan.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.clients.models import Client
from regie.core.audit_registry import track
from regie.core.models import User


class IntakeStatus(models.TextChoices):
    DRAFT = "draft", _("Bezig")
    COMPLETED = "completed", _("Afgerond")


class Domain(models.TextChoices):
    """The life domains (*leefgebieden*) of the intake, in the order the task list shows them."""

    BACKGROUND = "achtergrond", _("Achtergrond")
    EDUCATION = "opleiding", _("Opleiding en diploma's")
    WORK = "werk", _("Werkervaring")
    LANGUAGE = "taal", _("Taal en leerbaarheid")
    HEALTH = "gezondheid", _("Gezondheid")
    FAMILY = "gezin", _("Gezin en netwerk")
    FINANCES = "financien", _("Financiën")
    HOUSING = "wonen", _("Wonen")
    MOTIVATION = "motivatie", _("Motivatie en interesses")
    SELF_RELIANCE = "zelfredzaamheid", _("Zelfredzaamheid")


DOMAIN_ORDER = {value: index for index, value in enumerate(Domain.values)}


class DomainStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Nog niet begonnen")
    IN_PROGRESS = "in_progress", _("Bezig")
    DONE = "done", _("Klaar")


class LbtOutcome(models.TextChoices):
    """Advice of the learnability test (GGM UitkomstLeerbaarheidstoets; values as in the outbox)."""

    B1 = "b1", _("B1-route")
    EDUCATION = "onderwijs", _("Onderwijsroute")
    Z = "z", _("Z-route")


class LbtDispensation(models.TextChoices):
    """Municipal dispensation from the LBT (Wi2021 art. 14 lid 6-7, since 2023)."""

    NONE = "", _("Geen ontheffing")
    VISUAL = "visueel", _("Visuele beperking")
    AUDITORY = "auditief", _("Auditieve beperking")


@track(person_field="client_id")
class Intake(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.OneToOneField(
        Client, on_delete=models.CASCADE, related_name="intake", verbose_name=_("klant")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=IntakeStatus.choices, default=IntakeStatus.DRAFT
    )
    started_on = models.DateField(_("gestart op"))
    completed_on = models.DateField(_("afgerond op"), null=True, blank=True)
    started_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(_("versie"), default=1)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("brede intake")
        verbose_name_plural = _("brede intakes")

    def __str__(self) -> str:
        return f"Brede intake #{self.pk}"

    @property
    def is_completed(self) -> bool:
        return self.status == IntakeStatus.COMPLETED


@track(person_field="person_id")
class DomainRecord(models.Model):
    """One life domain of an intake. ``data`` is validated by the domain's form (forms.py)."""

    intake = models.ForeignKey(
        Intake, on_delete=models.CASCADE, related_name="domains", verbose_name=_("intake")
    )
    domain = models.CharField(_("onderdeel"), max_length=20, choices=Domain.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=DomainStatus.choices, default=DomainStatus.NOT_STARTED
    )
    data = models.JSONField(_("gegevens"), default=dict, blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("onderdeel intake")
        verbose_name_plural = _("onderdelen intake")
        constraints = [
            models.UniqueConstraint(fields=["intake", "domain"], name="intake_domain_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_domain_display()} (intake #{self.intake_id})"

    @property
    def person_id(self) -> int:
        return self.intake.client_id

    @property
    def order(self) -> int:
        return DOMAIN_ORDER.get(self.domain, 99)


@track(person_field="client_id")
class LearnabilityTest(models.Model):
    """The leerbaarheidstoets: by an independent party; or the municipal dispensation from it."""

    client = models.OneToOneField(
        Client,
        on_delete=models.CASCADE,
        related_name="learnability_test",
        verbose_name=_("klant"),
    )
    taken_on = models.DateField(_("datum toets"), null=True, blank=True)
    assessor = models.CharField(_("afgenomen door"), max_length=200, blank=True)
    outcome = models.CharField(_("advies"), max_length=20, choices=LbtOutcome.choices, blank=True)
    score = models.CharField(_("score"), max_length=100, blank=True)
    notes = models.TextField(_("toelichting"), blank=True)
    dispensation = models.CharField(
        _("ontheffing"), max_length=20, choices=LbtDispensation.choices, blank=True, default=""
    )
    dispensation_decided_on = models.DateField(_("datum besluit ontheffing"), null=True, blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("leerbaarheidstoets")
        verbose_name_plural = _("leerbaarheidstoetsen")

    def __str__(self) -> str:
        return f"Leerbaarheidstoets #{self.pk}"

    @property
    def is_recorded(self) -> bool:
        """The test is done (date, party and advice) or the college granted a dispensation."""
        taken = bool(self.taken_on and self.assessor and self.outcome)
        return taken or bool(self.dispensation and self.dispensation_decided_on)


SPECIAL_FIELDS = ("physical_health", "mental_health", "trauma_signals", "addiction", "justice")


# The change history keeps that the record changed (the version), never the special data itself:
# team case managers read the history, and they may not read these data.
@track(person_field="client_id", exclude=SPECIAL_FIELDS)
class SpecialCategoryRecord(models.Model):
    """Special-category data (AVG art. 9, 10): own case manager and team leader only."""

    client = models.OneToOneField(
        Client,
        on_delete=models.CASCADE,
        related_name="special_record",
        verbose_name=_("klant"),
    )
    physical_health = models.TextField(_("lichamelijke gezondheid"), blank=True)
    mental_health = models.TextField(_("psychische gezondheid"), blank=True)
    trauma_signals = models.TextField(_("signalen van trauma"), blank=True)
    addiction = models.TextField(_("verslaving"), blank=True)
    justice = models.TextField(_("justitie"), blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("bijzondere persoonsgegevens")
        verbose_name_plural = _("bijzondere persoonsgegevens")

    def __str__(self) -> str:
        return f"Bijzondere gegevens #{self.pk}"
