from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Addressee, FollowUp, Recommendation


class AddresseeInline(admin.TabularInline):
    model = Addressee
    extra = 0


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "audit", "order")
    list_filter = ("audit__municipality", "audit__year")
    search_fields = ("text", "audit__title")
    list_select_related = ("audit",)
    list_per_page = 25
    inlines = [AddresseeInline]


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0


@admin.register(Addressee)
class AddresseeAdmin(SimpleHistoryAdmin):
    list_display = ("recommendation", "recipient")
    list_filter = ("recipient__committee__municipality",)
    search_fields = ("recommendation__text", "recipient__committee__name")
    list_select_related = ("recommendation", "recipient__committee")
    inlines = [FollowUpInline]


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ("addressee", "status", "date", "author")
    list_filter = ("status", "date")
    search_fields = ("comment", "addressee__recommendation__text")
