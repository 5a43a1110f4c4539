from django.contrib import admin

from .models import Study


@admin.register(Study)
class StudyAdmin(admin.ModelAdmin):
    """Read-only: studies change only through the app (validated by the engine)."""

    list_display = ("title", "region", "version", "updated_at")
    list_filter = ("region",)
    readonly_fields = ("uuid", "title", "region", "data", "version", "created_at", "updated_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
