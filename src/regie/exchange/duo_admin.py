"""Admin for DUO's signal sources: the column mapping per source (docs/duo.md)."""

from django.contrib import admin

from .models import SignalSource


@admin.register(SignalSource)
class SignalSourceAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation")
    fields = ("organisation", "name", "mapping", "kind_mapping")
