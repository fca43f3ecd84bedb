from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from committees.admin import CommitteePickerMixin, limit_committees_to

from .models import Audit, Recipient, RevisionQuestion, Signatory


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0


class RevisionQuestionInline(admin.TabularInline):
    model = RevisionQuestion
    extra = 0


class RecipientInline(CommitteePickerMixin, admin.TabularInline):
    model = Recipient
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        limit_committees_to(formset.form, obj and obj.municipality_id, "committee")
        return formset


@admin.register(Audit)
class AuditAdmin(CommitteePickerMixin, SimpleHistoryAdmin):
    list_display = ("title", "municipality", "year", "kind", "status", "consultant_firm", "published")
    list_filter = ("municipality", "year", "kind", "status", "published")
    search_fields = ("title", "diarienummer", "consultant_firm", "summary")
    filter_horizontal = ("informed_committees",)
    # Publication goes through the revisors' button, which records the date and the history.
    readonly_fields = ("published", "published_at", "created_at", "updated_at")
    inlines = [SignatoryInline, RevisionQuestionInline, RecipientInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return limit_committees_to(form, obj and obj.municipality_id, "informed_committees")


@admin.register(Recipient)
class RecipientAdmin(CommitteePickerMixin, SimpleHistoryAdmin):
    list_display = ("committee", "audit", "deadline", "extended_deadline")
    list_filter = ("audit__municipality", "committee__kind")
    search_fields = ("committee__name", "audit__title")
    list_select_related = ("committee", "audit")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return limit_committees_to(form, obj and obj.audit.municipality_id, "committee")


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
