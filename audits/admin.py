from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Audit, Recipient, RevisionQuestion, Signatory


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0


class RevisionQuestionInline(admin.TabularInline):
    model = RevisionQuestion
    extra = 0


class RecipientInline(admin.TabularInline):
    model = Recipient
    extra = 0
    autocomplete_fields = ("committee",)


@admin.register(Audit)
class AuditAdmin(SimpleHistoryAdmin):
    list_display = ("title", "municipality", "year", "kind", "status", "consultant_firm", "published")
    list_filter = ("municipality", "year", "kind", "status", "published")
    search_fields = ("title", "diarienummer", "consultant_firm", "summary")
    filter_horizontal = ("informed_committees",)
    # Publication goes through the revisors' button, which records the date and the history.
    readonly_fields = ("published", "published_at", "created_at", "updated_at")
    inlines = [SignatoryInline, RevisionQuestionInline, RecipientInline]


@admin.register(Recipient)
class RecipientAdmin(SimpleHistoryAdmin):
    list_display = ("committee", "audit", "deadline", "extended_deadline")
    list_filter = ("audit__municipality", "committee__kind")
    search_fields = ("committee__name", "audit__title")
    list_select_related = ("committee", "audit")


@admin.register(RevisionQuestion)
class RevisionQuestionAdmin(SimpleHistoryAdmin):
    list_display = ("text", "answer", "audit")
    list_filter = ("answer", "audit__municipality")
    search_fields = ("text", "audit__title")


@admin.register(Signatory)
class SignatoryAdmin(SimpleHistoryAdmin):
    list_display = ("name", "title", "audit", "order")
    list_filter = ("audit__municipality",)
    search_fields = ("name", "title", "audit__title")
