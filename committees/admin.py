from django import forms
from django.contrib import admin

from . import calendar_tokens
from .models import CalendarToken, Committee, Municipality


def committee_label(committee):
    return f"{committee.name} ({committee.municipality.name})"


class CommitteeChoiceField(forms.ModelChoiceField):
    """A committee picker that names each committee's municipality."""

    def label_from_instance(self, obj):
        return committee_label(obj)


class CommitteeMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return committee_label(obj)


class CommitteeCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes that carry their committee's municipality, so the admin's script can show
    only those of the municipality chosen in the same form."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            option["attrs"]["data-municipality"] = value.instance.municipality_id
        return option

    class Media:
        js = ["js/committee_picker.js"]


class CommitteePickerMixin:
    """Committee pickers in an admin name the municipality of every committee."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Committee and db_field.name not in self.autocomplete_fields:
            kwargs.setdefault("queryset", Committee.objects.select_related("municipality"))
            kwargs["form_class"] = CommitteeChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is Committee:
            kwargs.setdefault("queryset", Committee.objects.select_related("municipality"))
            kwargs["form_class"] = CommitteeMultipleChoiceField
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def limit_committees_to(form_class, municipality_id, *names):
    """Offer only the municipality's committees in the form's committee fields."""
    if municipality_id:
        for name in names:
            if field := form_class.base_fields.get(name):
                field.queryset = field.queryset.filter(municipality_id=municipality_id)
    return form_class


class CommitteeInline(admin.TabularInline):
    model = Committee
    extra = 0
    fields = ("name", "short_name", "kind", "active")


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [CommitteeInline]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "municipality", "active")
    list_filter = ("municipality", "kind", "active")
    list_select_related = ("municipality",)
    search_fields = ("name", "short_name", "municipality__name")


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    """Addresses can be revoked here; the secret itself is never shown."""

    list_display = ("user", "created_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("user__username", "user__first_name", "user__last_name")
    exclude = ("token",)
    readonly_fields = ("created_at",)

    def save_model(self, request, obj, form, change):
        if not obj.token:
            obj.token = calendar_tokens.new_secret()
        super().save_model(request, obj, form, change)
