from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError

from . import calendar_tokens
from .models import CalendarToken, Committee, Municipality, User


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
    search_fields = ("name", "short_name")


class UserAdminForm(forms.ModelForm):
    class Meta:
        model = User
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        committees = cleaned.get("committees") or []
        foreign = [c for c in committees if c.municipality_id != getattr(municipality, "pk", None)]
        if foreign:
            raise ValidationError({"committees": "Nämnderna måste höra till användarens kommun."})
        if cleaned.get("role") == User.Role.SEKRETERARE and not committees:
            raise ValidationError({"committees": "En nämndsekreterare måste ha minst en nämnd."})
        return cleaned


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserAdminForm
    list_display = ("username", "get_full_name", "municipality", "role", "is_active", "is_staff")
    list_filter = ("municipality", "role", "is_active", "is_staff")
    search_fields = ("username", "first_name", "last_name", "email")
    filter_horizontal = ("committees", "groups", "user_permissions")
    fieldsets = BaseUserAdmin.fieldsets + (
        ("Kommun och roll", {"fields": ("municipality", "role", "committees")}),
    )


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
