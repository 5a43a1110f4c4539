"""Admin for the functioneel beheerder: read-mostly views of the offer's reference data."""

from django.contrib import admin

from .models import Contract, Group, Invoice, Lot, Product, QualityMark


@admin.register(QualityMark)
class QualityMarkAdmin(admin.ModelAdmin):
    list_display = ["provider", "kind", "reference", "valid_from", "valid_until"]
    list_filter = ["kind"]
    search_fields = ["provider__name", "reference"]


class LotInline(admin.TabularInline):
    model = Lot
    extra = 0


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "main_contractor", "period_start", "period_end", "budget"]
    list_filter = ["region"]
    search_fields = ["name", "reference"]
    filter_horizontal = ["subcontractors"]
    inlines = [LotInline]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "provider", "kind", "level", "price", "capacity", "period_end"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "provider__name"]


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ["number", "contract", "provider", "invoice_date", "amount"]
    search_fields = ["number"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "product", "level", "location", "start_date", "min_size", "max_size"]
    search_fields = ["name", "location"]
