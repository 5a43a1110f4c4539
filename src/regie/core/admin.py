"""Admin for the functioneel beheerder: reference data, users and roles. No dossier contents.

Every change made here passes the same audit signals as the rest of the application.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import (
    ApiClient,
    ExtraNonWorkingDay,
    HousingTarget,
    Organisation,
    ProcessingActivity,
    Region,
    RoleAssignment,
    RoleRequest,
    RuleSet,
    User,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class HousingTargetInline(admin.TabularInline):
    model = HousingTarget
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "cbs_code", "inhabitants", "is_active"]
    list_filter = ["kind", "region", "is_active"]
    search_fields = ["name", "cbs_code"]
    inlines = [HousingTargetInline]


@admin.register(HousingTarget)
class HousingTargetAdmin(admin.ModelAdmin):
    list_display = ["municipality", "period_start", "period_end", "target"]
    list_filter = ["municipality__region"]
    list_select_related = ["municipality"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never changed here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyAdmin):
    """Roles are granted, changed and ended in the app's own screen (/rollen/), with four eyes
    for roles that see dossiers; the admin shows them only (issue: no self-granted rights)."""

    list_display = ["user", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__username", "user__last_name"]


@admin.register(RoleRequest)
class RoleRequestAdmin(ReadOnlyAdmin):
    list_display = [
        "user",
        "action",
        "role",
        "organisation",
        "status",
        "requested_by",
        "decided_by",
    ]
    list_filter = ["status", "action", "role"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    # no role inline: roles are managed at /rollen/ (core.role_requests)
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Persoon"), {"fields": ("first_name", "last_name", "email")}),
        (_("Toegang"), {"fields": ("is_active", "is_staff", "groups")}),
    )


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "role", "key_prefix", "is_active", "last_used_at"]
    readonly_fields = ["key_prefix", "created_at", "last_used_at"]
    list_filter = ["role", "is_active"]

    def get_readonly_fields(self, request, obj=None):
        # the rights of an issued token never change here (no role change without four eyes)
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "role", "organisation"] if obj is not None else fields


@admin.register(ProcessingActivity)
class ProcessingActivityAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "legal_basis", "retention"]


@admin.register(ExtraNonWorkingDay)
class ExtraNonWorkingDayAdmin(admin.ModelAdmin):
    list_display = ["date", "source", "unconfirmed"]


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "label"]
    readonly_fields = ["values"]
