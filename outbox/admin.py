from django.contrib import admin

from .models import Event, PendingTask, WebhookDelivery, WebhookEndpoint


@admin.register(PendingTask)
class PendingTaskAdmin(admin.ModelAdmin):
    list_display = ["task_name", "args", "created_at", "attempts", "last_error"]
    readonly_fields = list_display


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ["municipality", "url", "active", "created_at"]
    list_filter = ["active"]
    fields = ["municipality", "url", "secret", "active"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["number", "municipality", "kind", "audit", "committee", "occurred_at"]
    list_filter = ["kind", "municipality"]
    readonly_fields = ["municipality", "kind", "audit", "committee", "occurred_at", "data"]

    @admin.display(description="nummer", ordering="id")
    def number(self, event):
        return event.pk

    def has_add_permission(self, request):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["event", "endpoint", "state", "attempts", "last_status", "delivered_at"]
    list_filter = ["state"]
    readonly_fields = ["event", "endpoint", "state", "attempts", "last_status", "last_error", "delivered_at"]

    def has_add_permission(self, request):
        return False
