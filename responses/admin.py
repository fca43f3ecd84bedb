from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Attachment, ExtensionRequest, Position, Reminder, Response, SentNotification


class PositionInline(admin.StackedInline):
    model = Position
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ("original_name", "content_type", "size", "uploaded_by", "uploaded_at")


@admin.register(Response)
class ResponseAdmin(SimpleHistoryAdmin):
    list_display = ("recipient", "status", "meeting_date", "paragraf", "diarienummer")
    list_filter = ("status", "recipient__audit__municipality")
    search_fields = ("diarienummer", "recipient__committee__name", "recipient__audit__title")
    list_select_related = ("recipient__committee", "recipient__audit")
    inlines = [PositionInline, AttachmentInline]


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ("addressee", "position", "planned_date")
    list_filter = ("position",)
    search_fields = ("planned_actions", "addressee__recommendation__text")


@admin.register(Attachment)
class AttachmentAdmin(SimpleHistoryAdmin):
    list_display = ("original_name", "kind", "response", "size", "public")
    list_filter = ("kind", "public")
    search_fields = ("original_name",)


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(SimpleHistoryAdmin):
    list_display = ("recipient", "requested_deadline", "state", "requested_at")
    list_filter = ("state",)
    search_fields = ("reason", "recipient__committee__name")


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("recipient", "kind", "day", "sent_at", "attempts")
    list_filter = ("kind", "day")
    search_fields = ("recipient__committee__name", "recipient__audit__title")
    readonly_fields = ("claimed_at",)


@admin.register(SentNotification)
class SentNotificationAdmin(admin.ModelAdmin):
    list_display = ("key", "claimed_at", "sent_at")
    search_fields = ("key",)
    readonly_fields = ("key", "claimed_at", "sent_at")
