"""The portal's own data: messages, requests, client-journey feedback, municipal differences."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.clients.models import Client
from regie.core.audit import track
from regie.core.models import Organisation, User


@track(person_field="client_id")
class Message(models.Model):
    """A secure message between the newcomer and his case manager, kept in the dossier."""

    class Direction(models.TextChoices):
        FROM_CLIENT = "in", _("Van de inburgeraar")
        TO_CLIENT = "out", _("Van de klantregisseur")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(_("richting"), max_length=3, choices=Direction.choices)
    body = models.TextField(_("bericht"), max_length=4000)
    sent_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("portaalbericht")
        verbose_name_plural = _("portaalberichten")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.created_at:%Y-%m-%d}"


@track(person_field="client_id")
class Request(models.Model):
    """A request from the portal: change an appointment, or an interpreter for it."""

    class Kind(models.TextChoices):
        CHANGE = "change", _("Afspraak verzetten")
        INTERPRETER = "interpreter", _("Tolk aanvragen")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("Tolk erbij in de kamer")
        PHONE = "phone", _("Tolk via de telefoon")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    appointment = models.CharField(_("afspraak"), max_length=200)
    appointment_date = models.DateField(_("datum afspraak"), null=True, blank=True)
    language = models.CharField(_("taal"), max_length=100, blank=True)
    mode = models.CharField(_("manier"), max_length=10, choices=Mode.choices, blank=True)
    note = models.TextField(_("toelichting"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verzoek uit het portaal")
        verbose_name_plural = _("verzoeken uit het portaal")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.appointment}"


class MomentKind(models.TextChoices):
    INTAKE = "intake", _("Intakegesprek")
    REVIEW = "review", _("Voortgangsgesprek")
    COURSE_START = "course_start", _("Start van de cursus")


class Feedback(models.Model):
    """The newcomer's answer after one contact moment. Reports show it only in aggregates of at
    least five answers; the client link prevents a second answer to the same moment."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    moment_kind = models.CharField(_("contactmoment"), max_length=15, choices=MomentKind.choices)
    moment_ref = models.CharField(max_length=80)
    moment_date = models.DateField(_("datum contactmoment"))
    municipality = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", null=True
    )
    provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    score = models.PositiveSmallIntegerField(
        _("oordeel (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("toelichting"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mening over een contactmoment")
        verbose_name_plural = _("meningen over contactmomenten")
        constraints = [
            models.UniqueConstraint(fields=["client", "moment_ref"], name="feedback_once"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="feedback_score_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_moment_kind_display()} {self.moment_date}"


class Topic(models.TextChoices):
    CHILDCARE = "childcare", _("Kinderopvang")
    TRAVEL = "travel", _("Reiskosten")
    LOCAL_OFFER = "local_offer", _("Lokaal aanbod")
    LANGUAGE_CAFE = "language_cafe", _("Taalcafé")
    MENTORS = "mentors", _("Vrijwillige maatjes")
    OTHER = "other", _("Overig")


@track()
class Difference(models.Model):
    """What one municipality does differently in its execution, and why (its policy officer)."""

    municipality = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    topic = models.CharField(_("onderwerp"), max_length=20, choices=Topic.choices)
    description = models.TextField(_("wat is hier anders"), max_length=2000)
    reason = models.TextField(_("waarom"), max_length=2000)
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", null=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("verschil tussen gemeenten")
        verbose_name_plural = _("verschillen tussen gemeenten")
        ordering = ["municipality__name", "topic", "id"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "topic"], name="difference_unique")
        ]

    def __str__(self) -> str:
        return f"{self.municipality} · {self.get_topic_display()}"
