"""A multi-criteria study, kept whole as validated JSON (the issue's form).

Every write goes through :mod:`regie.decisions.services`, which validates the JSON with the
engine first; ``version`` guards against two people overwriting each other (optimistic lock).
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.audit_registry import track
from regie.core.models import Region


@track
class Study(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("titel"), max_length=300)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="studies", verbose_name=_("regio")
    )
    data = models.JSONField(_("studie (JSON)"))
    version = models.PositiveIntegerField(_("versie"), default=1)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("studie")
        verbose_name_plural = _("studies")
        ordering = ["region__name", "title", "pk"]

    def __str__(self) -> str:
        return self.title
