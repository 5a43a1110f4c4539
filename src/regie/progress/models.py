"""Progress reviews, enforcement cases, DUO decisions, late-offer statements, closures, handovers.

Every model is tracked (change history per person). Rows are never deleted by the services: a
legal step once recorded stays in the dossier.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.clients.models import Client, ClosureReason
from regie.core.audit_registry import track
from regie.core.models import Organisation, User


class ReviewKind(models.TextChoices):
    REVIEW = "voortgangsgesprek", _("Voortgangsgesprek")
    CONTACT = "contactmoment", _("Contactmoment")


class ReviewOutcome(models.TextChoices):
    ON_TRACK = "op_koers", _("Op koers")
    REVISE_PLAN = "plan_bijstellen", _("Plan bijstellen")
    NON_COMPLIANCE = "signaal_verwijtbaar", _("Signaal verwijtbaar niet nakomen")


@track(person_field="client_id")
class Review(models.Model):
    """A scheduled and (later) held progress review or contact moment."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(
        _("soort"), max_length=20, choices=ReviewKind.choices, default=ReviewKind.REVIEW
    )
    planned_on = models.DateField(_("gepland op"))
    held_on = models.DateField(_("gehouden op"), null=True, blank=True)
    component_uuid = models.UUIDField(_("onderdeel van het PIP"), null=True, blank=True)
    offer_start = models.DateField(_("startdatum aanbod"), null=True, blank=True)
    hours_attended = models.DecimalField(
        _("aanwezige uren"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    progress = models.TextField(_("voortgang"), blank=True)
    employer_input = models.TextField(
        _("inbreng werkgever of vrijwilligersorganisatie"), blank=True
    )
    client_view = models.TextField(_("eigen kijk van de klant"), blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("tevredenheid (1–5)"), null=True, blank=True)
    outcome = models.CharField(
        _("uitkomst"), max_length=30, choices=ReviewOutcome.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("voortgangsgesprek")
        verbose_name_plural = _("voortgangsgesprekken")
        ordering = ["planned_on", "id"]
        indexes = [models.Index(fields=["client", "held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.planned_on:%d-%m-%Y}"


class Violation(models.TextChoices):
    INTAKE = "intake", _("Niet meewerken aan de brede intake (Wet art. 22)")
    PIP = "pip", _("Niet nakomen van het PIP, inburgeringsdeel (Wet art. 23)")
    PARTICIPATION = "participatiewet", _("Niet nakomen van het Participatiewet-deel van het PIP")


class Assessment(models.TextChoices):
    CANNOT = "kan_niet", _("Kan niet (geen verwijt)")
    WILL_NOT = "wil_niet", _("Wil niet (verwijtbaar)")


class Caution(models.TextChoices):
    """Awb 5:10a lid 2: before questioning with a view to a fine, the client is told that he is
    not obliged to answer (the *cautie*)."""

    GIVEN = "gegeven", _("Ja, de cautie is gegeven voor het verhoor")
    NOT_GIVEN = "niet_gegeven", _("Nee, de cautie is niet gegeven")
    NO_QUESTIONING = "geen_verhoor", _("Niet van toepassing: de klant is niet mondeling verhoord")


class EnforcementStatus(models.TextChoices):
    OPEN = "open", _("Geopend")
    NO_BLAME = "geen_verwijt", _("Afgesloten: kan niet, geen sanctie")
    ASSESSED = "wil_niet", _("Wil niet vastgesteld")
    WARNED = "gewaarschuwd", _("Waarschuwing gegeven")
    HEARD = "zienswijze", _("Zienswijze vastgelegd")
    PROPOSED = "voorgesteld", _("Boete voorgesteld")
    FINED = "boete", _("Boete opgelegd")
    REJECTED = "afgewezen", _("Boetevoorstel afgewezen")
    MEASURE = "maatregel", _("Doorgezet als maatregel Participatiewet")


@track(person_field="client_id")
class EnforcementCase(models.Model):
    """One enforcement path for one violation: cannot/will not, warning, hearing, fine decision."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="enforcement_cases")
    violation = models.CharField(_("overtreding"), max_length=20, choices=Violation.choices)
    description = models.TextField(_("wat is er gebeurd"))
    opened_on = models.DateField(_("geopend op"))
    opened_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    violation_on = models.DateField(
        _("datum van de overtreding"),
        null=True,
        blank=True,
        help_text=_("De vervaltermijn van Awb 5:45 telt vanaf deze dag."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EnforcementStatus.choices, default="open"
    )
    assessment = models.CharField(
        _("kan niet of wil niet"), max_length=10, blank=True, choices=Assessment.choices
    )
    assessment_reason = models.TextField(_("reden"), blank=True)
    warning_on = models.DateField(_("waarschuwing gegeven op"), null=True, blank=True)
    warning_text = models.TextField(_("inhoud waarschuwing"), blank=True)
    hearing_on = models.DateField(_("zienswijze gegeven op"), null=True, blank=True)
    hearing_summary = models.TextField(_("zienswijze"), blank=True)
    caution = models.CharField(
        _("cautie gegeven (Awb 5:10a)"), max_length=20, blank=True, choices=Caution.choices
    )
    caution_on = models.DateField(_("cautie gegeven op"), null=True, blank=True)
    report_date = models.DateField(_("dagtekening rapport (Awb 5:48)"), null=True, blank=True)
    report_text = models.TextField(_("rapport: overtreding en overtreden voorschrift"), blank=True)
    report_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    proposed_amount = models.DecimalField(
        _("voorgesteld bedrag"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    lowering_reason = models.TextField(
        _("reden voor een lager bedrag (Awb 5:46 lid 3)"), blank=True
    )
    proposed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    proposed_on = models.DateField(_("voorgesteld op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_date = models.DateField(_("dagtekening besluit"), null=True, blank=True)
    fine_amount = models.DecimalField(
        _("boetebedrag"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    decision_note = models.TextField(_("toelichting besluit"), blank=True)
    measure_referral = models.TextField(_("doorverwijzing maatregel"), blank=True)
    rule_set_id = models.IntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("handhavingszaak")
        verbose_name_plural = _("handhavingszaken")
        ordering = ["-opened_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_violation_display()} ({self.get_status_display()})"

    @property
    def article(self) -> str:
        return {Violation.INTAKE: "22", Violation.PIP: "23"}.get(self.violation, "")

    @property
    def is_fine_path(self) -> bool:
        """A Wi2021 fine (art. 22 or 23), not a Participatiewet measure."""
        return self.violation in (Violation.INTAKE, Violation.PIP)

    @property
    def is_closed(self) -> bool:
        return self.status in (
            EnforcementStatus.NO_BLAME,
            EnforcementStatus.FINED,
            EnforcementStatus.REJECTED,
            EnforcementStatus.MEASURE,
        )


class SuspensionKind(models.TextChoices):
    OBJECTION = "bezwaar", _("Bezwaar")
    APPEAL = "beroep", _("Beroep")
    HIGHER_APPEAL = "hoger_beroep", _("Hoger beroep")


@track(person_field="client_id")
class FineLapseSuspension(models.Model):
    """A period in which the lapse term of the power to fine is suspended because an objection
    or appeal against the fine is pending (Awb 5:45 lid 3). Written by
    ``progress.services.suspend_fine_lapse`` (the objections app calls it); ``end`` is the day the
    objection or appeal was decided irrevocably, empty while it is pending."""

    case = models.ForeignKey(
        EnforcementCase, on_delete=models.CASCADE, related_name="lapse_suspensions"
    )
    kind = models.CharField(
        _("soort"), max_length=20, choices=SuspensionKind.choices, default=SuspensionKind.OBJECTION
    )
    start = models.DateField(_("opgeschort vanaf"))
    end = models.DateField(_("onherroepelijk beslist op"), null=True, blank=True)
    reason = models.TextField(_("reden"))
    source_ref = models.CharField(_("kenmerk bezwaar of beroep"), max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("opschorting vervaltermijn boete")
        verbose_name_plural = _("opschortingen vervaltermijn boete")
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start:%d-%m-%Y}"

    @property
    def client_id(self):
        return self.case.client_id


class DuoDecisionKind(models.TextChoices):
    EXEMPTION = "vrijstelling", _("Vrijstelling")
    DISPENSATION = "ontheffing", _("Ontheffing")
    EXTENSION = "verlenging", _("Verlenging inburgeringstermijn")


class DuoVariant(models.TextChoices):
    FULL = "geheel", _("Geheel")
    PARTIAL = "gedeeltelijk", _("Gedeeltelijk")
    TEMPORARY = "tijdelijk", _("Tijdelijk")
    BIO = "bio", _("Bijzondere individuele omstandigheden (BIO)")


VARIANTS_BY_KIND = {
    DuoDecisionKind.EXEMPTION: (DuoVariant.FULL, DuoVariant.PARTIAL, DuoVariant.TEMPORARY),
    DuoDecisionKind.DISPENSATION: (DuoVariant.FULL, DuoVariant.PARTIAL, DuoVariant.BIO),
}


class ExtensionGround(models.TextChoices):
    ILLNESS = "ziekte", _("Ziekte van de klant of een naaste")
    DEATH = "overlijden", _("Overlijden van een naaste")
    BIO = "bio", _("Bijzondere individuele omstandigheden")
    COURSE = "opleiding", _("Niet-vrijstellende opleiding")
    LATE_OFFER = "te_laat_aanbod", _("Aanbod van de gemeente te laat gestart")
    CHILDBIRTH = "bevalling", _("Bevalling")
    AUTOMATIC = "automatisch", _("Automatische verlenging")
    OTHER = "anders", _("Andere grond")


@track(person_field="client_id")
class DuoDecision(models.Model):
    """A decision DUO made and the municipality records as a fact (vrijstelling Wi2021 art. 4,
    ontheffing art. 5, verlenging art. 12)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="duo_decisions")
    kind = models.CharField(_("soort besluit"), max_length=20, choices=DuoDecisionKind.choices)
    variant = models.CharField(_("vorm"), max_length=20, choices=DuoVariant.choices, blank=True)
    decision_date = models.DateField(_("datum besluit DUO"))
    ground = models.CharField(
        _("grond"), max_length=20, choices=ExtensionGround.choices, blank=True
    )
    new_end_date = models.DateField(_("nieuwe einddatum termijn"), null=True, blank=True)
    valid_until = models.DateField(_("geldig tot"), null=True, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("besluit DUO")
        verbose_name_plural = _("besluiten DUO")
        ordering = ["decision_date", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.decision_date:%d-%m-%Y}"


@track(person_field="client_id")
class LateOfferStatement(models.Model):
    """The municipality's statement that the education (language or KNM) of an asylum holder's
    route started late (the minister's implementation letter as reported by Stimulansz,
    UNCONFIRMED). A letter to the newcomer, who adds it to his own request to DUO for an
    extension: kept in the dossier and shown in the portal, never sent to DUO by the municipality.
    ``offer_start`` is the start of the education (the earliest language or KNM offer start)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="late_offer_statements"
    )
    statement_date = models.DateField(_("datum verklaring"))
    pip_date = models.DateField(_("datum PIP"))
    route = models.CharField(_("leerroute"), max_length=20, blank=True)
    offer_start = models.DateField(_("start aanbod"), null=True, blank=True)
    allowed_months = models.PositiveSmallIntegerField(_("toegestane maanden"))
    months_late = models.PositiveSmallIntegerField(_("maanden te laat"))
    issued_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    rule_set_id = models.IntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("verklaring te laat gestart aanbod")
        verbose_name_plural = _("verklaringen te laat gestart aanbod")
        ordering = ["statement_date", "id"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.statement_date:%d-%m-%Y}"


@track(person_field="client_id")
class Closure(models.Model):
    """Why and when a dossier was closed, and for a move the new municipality."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="closures")
    reason = models.CharField(_("reden"), max_length=20, choices=ClosureReason.choices)
    closed_on = models.DateField(_("afgesloten op"))
    new_municipality_cbs = models.CharField(_("CBS-code nieuwe gemeente"), max_length=6, blank=True)
    new_municipality_name = models.CharField(_("nieuwe gemeente"), max_length=200, blank=True)
    # the reason's own date (date of death, naturalisation, departure, AOW age, move, term end)
    event_date = models.DateField(_("datum van de gebeurtenis"), null=True, blank=True)
    # duty met: the leerroute of the last decided PIP
    route = models.CharField(_("leerroute"), max_length=20, blank=True)
    # what went to DUO at closing: the outbox message type, empty for none
    duo_message = models.CharField(_("bericht aan DUO"), max_length=40, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    closed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("afsluiting")
        verbose_name_plural = _("afsluitingen")
        ordering = ["-closed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.closed_on:%d-%m-%Y}"

    @property
    def effect(self):
        from regie.clients.closing import effect

        return effect(self.reason)

    @property
    def route_label(self) -> str:
        from regie.plans.models import Route

        return str(dict(Route.choices).get(self.route, self.route))


@track(person_field="client_id", exclude=("package",))
class HandoverImport(models.Model):
    """A handover package received from another municipality: kept as it came in."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="handover_imports")
    team = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    schema = models.CharField(max_length=40)
    source_municipality = models.CharField(_("vorige gemeente"), max_length=200, blank=True)
    payload = models.JSONField(_("inhoud handover.json"))
    package = models.BinaryField(_("ontvangen pakket"))
    imported_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ontvangen overdracht")
        verbose_name_plural = _("ontvangen overdrachten")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.imported_at:%d-%m-%Y}"


# --- maatschappelijke begeleiding (issue 14) ------------------------------------------------------
# The maatschappelijk begeleider's own record of a client: his appointments and his notes. He
# sees contact data and this part only (docs/roles.md); the case manager and team leader read it
# in the dossier. Health and other special-category facts never go here: they belong in the
# intake's special-category record, which the begeleider cannot open.


@track(person_field="client_id")
class GuidanceAppointment(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="guidance_appointments"
    )
    guide = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    on_date = models.DateField(_("datum"))
    at_time = models.TimeField(_("tijd"))
    place = models.CharField(_("plaats"), max_length=200)
    subject = models.CharField(_("onderwerp"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("afspraak begeleiding")
        verbose_name_plural = _("afspraken begeleiding")
        ordering = ["on_date", "at_time", "id"]
        indexes = [models.Index(fields=["guide", "on_date"])]

    def __str__(self) -> str:
        return f"{self.subject} ({self.on_date:%d-%m-%Y})"


@track(person_field="client_id")
class GuidanceNote(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="guidance_notes")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    on_date = models.DateField(_("datum contact"))
    text = models.TextField(_("notitie"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("notitie begeleiding")
        verbose_name_plural = _("notities begeleiding")
        ordering = ["-on_date", "-id"]
        indexes = [models.Index(fields=["client", "on_date"])]

    def __str__(self) -> str:
        return f"{self.on_date:%d-%m-%Y}"
