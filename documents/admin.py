from django.contrib import admin

from .models import AnnualReport, AuditDocument


@admin.register(AuditDocument)
class AuditDocumentAdmin(admin.ModelAdmin):
    list_display = ("audit", "kind", "state", "rendered_at")
    list_filter = ("kind", "state")
    search_fields = ("audit__title",)
    readonly_fields = ("requested_at", "rendered_at", "error")


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ("municipality", "year", "state", "rendered_at")
    list_filter = ("municipality", "state")
    search_fields = ("municipality__name",)
    readonly_fields = ("requested_at", "rendered_at")
