from axes.utils import reset as reset_lockout
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice

from committees.admin import CommitteeCheckboxes, CommitteePickerMixin, limit_committees_to
from committees.models import User

from . import services
from .models import ExternalIdentity, GroupRole, IdentityProvider

# Second factors are managed on the users' own page and removed from the user list below.
admin.site.unregister(TOTPDevice)

# Django stores its permissions' names in English ("Can add ..."); these say them in Swedish.
ACTIONS = {"add": "lägga till", "change": "ändra", "delete": "ta bort", "view": "se"}


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, permission):
        action, _, _ = permission.codename.partition("_")
        model = permission.content_type.model_class()
        if action not in ACTIONS or model is None:
            return str(permission)
        return f"{model._meta.app_config.verbose_name} | {model._meta.verbose_name} | Kan {ACTIONS[action]}"


class SwedishPermissionsMixin:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in ("permissions", "user_permissions"):
            kwargs["form_class"] = PermissionChoiceField
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(SwedishPermissionsMixin, BaseGroupAdmin):
    pass


class MunicipalityAndCommittees:
    """The rule of both user forms: committees of the user's own municipality, at least one for a secretary."""

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        committees = cleaned.get("committees") or []
        if any(c.municipality_id != getattr(municipality, "pk", None) for c in committees):
            raise ValidationError({"committees": "Nämnderna måste höra till användarens kommun."})
        if cleaned.get("role") == User.Role.SEKRETERARE and not committees:
            raise ValidationError({"committees": "En nämndsekreterare måste ha minst en nämnd."})
        return cleaned


class UserChangeForm(MunicipalityAndCommittees, forms.ModelForm):
    class Meta:
        model = User
        fields = "__all__"
        widgets = {"committees": CommitteeCheckboxes}


class UserCreationForm(MunicipalityAndCommittees, AdminUserCreationForm):
    invite = forms.BooleanField(
        label="Skicka inbjudan via e-post",
        required=False,
        initial=True,
        help_text="Användaren får ett e-brev med en länk för att välja lösenord. Länken kan användas en gång "
        "och slutar gälla efter tre dagar.",
    )

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email", "municipality", "role", "committees")
        widgets = {"committees": CommitteeCheckboxes}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An invited user chooses a password; an administrator may still set one instead.
        self.fields["usable_password"].initial = "false"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("invite") and not cleaned.get("email"):
            self.add_error("email", "Fyll i en e-postadress för att kunna skicka inbjudan.")
        return cleaned


@admin.register(User)
class UserAdmin(SwedishPermissionsMixin, CommitteePickerMixin, BaseUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    list_display = ("username", "full_name", "municipality", "role", "is_active", "is_staff", "has_second_factor")
    list_filter = ("municipality", "role", "is_active", "is_staff")
    list_select_related = ("municipality",)
    search_fields = ("username", "first_name", "last_name", "email")
    filter_horizontal = ("groups", "user_permissions")
    actions = ["send_invitations", "remove_second_factor", "unlock"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personuppgifter", {"fields": ("first_name", "last_name", "email")}),
        ("Kommun och roll", {"fields": ("municipality", "role", "committees")}),
        ("Behörigheter", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Viktiga datum", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "first_name", "last_name", "email")}),
        ("Kommun och roll", {"fields": ("municipality", "role", "committees")}),
        ("Inloggning", {"fields": ("invite", "usable_password", "password1", "password2")}),
    )

    @admin.display(description="namn", ordering="last_name")
    def full_name(self, user):
        return user.get_full_name()

    @admin.display(description="tvåfaktor", boolean=True)
    def has_second_factor(self, user):
        return user.has_device

    def get_queryset(self, request):
        devices = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(has_device=Exists(devices))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change and form.cleaned_data.get("invite"):
            services.invite(form.instance)
            messages.info(request, f"En inbjudan skickas till {form.instance.email}.")

    @admin.action(description="Skicka inbjudan (länk för att välja lösenord)")
    def send_invitations(self, request, queryset):
        invited = [user for user in queryset if services.invite(user)]
        skipped = queryset.count() - len(invited)
        if invited:
            messages.success(request, f"Inbjudan skickas till {len(invited)} användare.")
        if skipped:
            messages.warning(request, f"{skipped} användare saknar e-postadress eller är inaktiva och fick ingen inbjudan.")

    @admin.action(description="Ta bort tvåfaktorsinloggning (borttappad telefon)")
    def remove_second_factor(self, request, queryset):
        deleted, _ = TOTPDevice.objects.filter(user__in=queryset).delete()
        messages.success(request, f"Tvåfaktorsinloggningen togs bort för de valda användarna ({deleted} appar).")

    @admin.action(description="Lås upp inloggningen efter för många felaktiga försök")
    def unlock(self, request, queryset):
        for user in queryset:
            reset_lockout(username=user.username)
        messages.success(request, "Inloggningen är upplåst för de valda användarna.")


class GroupRoleInline(CommitteePickerMixin, admin.TabularInline):
    model = GroupRole
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        limit_committees_to(formset.form, obj and obj.municipality_id, "committee")
        return formset


class IdentityProviderForm(forms.ModelForm):
    """The client secret is never shown again; left empty, the stored one is kept."""

    class Meta:
        model = IdentityProvider
        fields = "__all__"
        widgets = {"client_secret": forms.PasswordInput(render_value=False)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["client_secret"].required = False
            self.fields["client_secret"].help_text += " Lämna tomt för att behålla den sparade."

    def clean_client_secret(self):
        return self.cleaned_data["client_secret"] or self.instance.client_secret


@admin.register(IdentityProvider)
class IdentityProviderAdmin(admin.ModelAdmin):
    form = IdentityProviderForm
    list_display = ("municipality", "issuer", "client_id", "active")
    list_filter = ("active",)
    search_fields = ("municipality__name", "issuer")
    list_select_related = ("municipality",)
    inlines = [GroupRoleInline]


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    """Who signed in through which provider; removing a row lets the next login create a new user."""

    list_display = ("user", "provider", "subject", "created_at")
    list_filter = ("provider",)
    search_fields = ("user__username", "subject")
    list_select_related = ("user", "provider__municipality")
    readonly_fields = ("provider", "subject", "user", "created_at")

    def has_add_permission(self, request):
        return False
