"""DUO through its Portaal Inburgering: what the exchange app keeps (issue 11, docs/duo.md).

``core.OutboxMessage`` is not changed here: every state of ours is keyed by the outbox message's
id (``PortalEntry.outbox_message_id``). The technical interface of DUO is unknown (Wi2021: the
statutory list of data the municipality passes on is not published as a specification), so
the default channel is a person who enters the data in the portal and confirms it here.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.models import Organisation

__all__ = [
    "EntryState",
    "PortalEntry",
    "SignalSource",
    "ListPurpose",
    "SignalImport",
    "SignalKind",
    "SignalState",
    "Signal",
    "DifferenceKind",
    "Reconciliation",
    "Difference",
]


class EntryState(models.TextChoices):
    WAITING = "waiting", _("Wacht op invoer in het portaal")
    CONFIRMED = "confirmed", _("Ingevoerd in het portaal")
    WITHDRAWN = "withdrawn", _("Ingetrokken")
    MACHINE = "machine", _("Via de koppeling verstuurd")


class PortalEntry(models.Model):
    """One outbox message as work in DUO's portal: waiting, confirmed (who, when, DUO's
    reference) or withdrawn (a later message supersedes it)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    outbox_message_id = models.BigIntegerField(_("uitgaand bericht (intern id)"), unique=True)
    person_id = models.BigIntegerField(_("betrokkene (intern id)"), db_index=True)
    message_type = models.CharField(_("soort bericht"), max_length=60)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    state = models.CharField(
        _("status"), max_length=12, choices=EntryState.choices, default=EntryState.WAITING
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("ingevoerd op"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    duo_reference = models.CharField(_("kenmerk van DUO"), max_length=60, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("reden intrekking"), max_length=200, blank=True)
    superseded_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="supersedes"
    )
    reminded_at = models.DateField(_("herinnerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("invoer in het Portaal Inburgering")
        verbose_name_plural = _("invoer in het Portaal Inburgering")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self) -> str:
        return f"{self.message_type} ({self.state})"


class SignalSource(models.Model):
    """Where a signal list comes from (a municipality's export from the portal), with the
    column mapping of that export: our field -> the column header in their file."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("team")
    )
    name = models.CharField(_("naam"), max_length=100)
    mapping = models.JSONField(_("kolomindeling"), default=dict, blank=True)
    kind_mapping = models.JSONField(_("soorten signaal"), default=dict, blank=True)

    class Meta:
        verbose_name = _("bron van signalen")
        verbose_name_plural = _("bronnen van signalen")
        unique_together = [("organisation", "name")]

    def __str__(self) -> str:
        return self.name


class ListPurpose(models.TextChoices):
    SIGNALS = "signals", _("Signalenlijst")
    ROSTER = "roster", _("Overzicht inburgeringsplichtigen")


class SignalImport(models.Model):
    """One imported file. ``file_hash`` makes the same file twice a no-op."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source = models.ForeignKey(SignalSource, on_delete=models.PROTECT, related_name="imports")
    purpose = models.CharField(_("soort lijst"), max_length=10, choices=ListPurpose.choices)
    municipality = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    file_hash = models.CharField(max_length=64)
    file_name = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    row_count = models.PositiveIntegerField(_("regels"), default=0)
    new_count = models.PositiveIntegerField(_("nieuwe signalen"), default=0)
    imported_at = models.DateTimeField(_("ingelezen op"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("ingelezen lijst van DUO")
        verbose_name_plural = _("ingelezen lijsten van DUO")
        ordering = ["-imported_at", "-id"]
        unique_together = [("source", "purpose", "file_hash")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.imported_at:%d-%m-%Y}"


class SignalKind(models.TextChoices):
    NEW_OBLIGED = "new_obliged", _("Nieuwe inburgeringsplichtige gekoppeld aan de gemeente")
    CORRECTION = "correction", _("Correctie")
    EXAM_RESULT = "exam_result", _("Examenresultaat")
    EXEMPTION = "exemption", _("Vrijstelling of ontheffing")
    EXTENSION = "extension", _("Verlenging van de termijn")
    PRE_ANNOUNCEMENT = "pre_announcement", _("Vooraankondiging termijnoverschrijding")


class SignalState(models.TextChoices):
    NEW = "new", _("Nieuw")
    CONFIRMED = "confirmed", _("Bevestigd en vastgelegd")
    REJECTED = "rejected", _("Niet overgenomen")


class Signal(models.Model):
    """One row of a DUO list (a signal, or a person on the roster). ``row_key`` is a hash of
    the row's content, so a row seen before in another file is not stored twice."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    list_import = models.ForeignKey(SignalImport, on_delete=models.CASCADE, related_name="rows")
    row_key = models.CharField(max_length=64)
    kind = models.CharField(_("soort signaal"), max_length=20, choices=SignalKind.choices)
    bsn = models.CharField(_("BSN"), max_length=9)
    client_id = models.BigIntegerField(_("klant (intern id)"), null=True, blank=True)
    signal_date = models.DateField(_("datum"), null=True, blank=True)
    data = models.JSONField(_("gegevens"), default=dict, blank=True)
    state = models.CharField(
        _("status"), max_length=10, choices=SignalState.choices, default=SignalState.NEW
    )
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("signaal van DUO")
        verbose_name_plural = _("signalen van DUO")
        ordering = ["id"]
        indexes = [models.Index(fields=["row_key"]), models.Index(fields=["client_id"])]

    def __str__(self) -> str:  # never the BSN
        return f"{self.get_kind_display()} ({self.get_state_display()})"


class DifferenceKind(models.TextChoices):
    NOT_HERE = "not_here", _("Bij DUO bekend, hier niet ingeschreven")
    NOT_AT_DUO = "not_at_duo", _("Hier ingeschreven, bij DUO niet bekend")
    PIP_DATE = "pip_date", _("Datum PIP verschilt")
    ROUTE = "route", _("Leerroute verschilt")


class Reconciliation(models.Model):
    """A comparison of the latest DUO roster of one municipality with what we hold."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    roster = models.ForeignKey(SignalImport, on_delete=models.PROTECT, related_name="+")
    run_at = models.DateTimeField(_("uitgevoerd op"), auto_now_add=True)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("vergelijking met DUO")
        verbose_name_plural = _("vergelijkingen met DUO")
        ordering = ["-run_at", "-id"]

    def __str__(self) -> str:
        return f"{self.municipality} {self.run_at:%d-%m-%Y}"


class Difference(models.Model):
    reconciliation = models.ForeignKey(
        Reconciliation, on_delete=models.CASCADE, related_name="differences"
    )
    kind = models.CharField(_("soort verschil"), max_length=12, choices=DifferenceKind.choices)
    client_id = models.BigIntegerField(null=True, blank=True)
    signal = models.ForeignKey(Signal, on_delete=models.SET_NULL, null=True, blank=True)
    ours = models.CharField(_("bij ons"), max_length=100, blank=True)
    theirs = models.CharField(_("bij DUO"), max_length=100, blank=True)

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return str(self.get_kind_display())
