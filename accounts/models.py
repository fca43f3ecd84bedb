from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from committees.models import Committee, Municipality, User, UserRole


class IdentityProvider(models.Model):
    """A municipality's OpenID Connect provider, through which its staff sign in."""

    municipality = models.OneToOneField(
        Municipality, verbose_name="kommun", on_delete=models.CASCADE, related_name="identity_provider"
    )
    issuer = models.URLField(
        "utfärdare (issuer)",
        help_text="Inloggningstjänstens adress, t.ex. https://login.kommun.se/realms/personal. "
        "Revisionsspår läser resten av inställningarna från /.well-known/openid-configuration under den.",
    )
    client_id = models.CharField("klient-id", max_length=255)
    client_secret = models.CharField(
        "klienthemlighet", max_length=255, help_text="Hemligheten som inloggningstjänsten gav Revisionsspår."
    )
    scopes = models.CharField(
        "omfång (scopes)",
        max_length=255,
        default="openid email profile",
        help_text="Mellanslagsseparerade; lägg till det scope som ger grupperna om tjänsten kräver det.",
    )
    groups_claim = models.CharField(
        "claim med grupper",
        max_length=100,
        blank=True,
        help_text="Namnet på det claim som listar användarens grupper, t.ex. groups. Lämna tomt om "
        "administratörer tilldelar roller för hand. Är det ifyllt sätts roll och nämnder om vid varje "
        "inloggning efter grupperna nedan.",
    )
    active = models.BooleanField("aktiv", default=True, help_text="Visa knappen på inloggningssidan.")

    class Meta:
        verbose_name = "inloggningstjänst (OpenID Connect)"
        verbose_name_plural = "inloggningstjänster (OpenID Connect)"
        ordering = ["municipality__name"]

    def __str__(self):
        return f"Inloggning för {self.municipality}"

    @property
    def syncs_roles(self):
        return bool(self.groups_claim)

    def role_for_groups(self, groups):
        """The role and committees the groups give, or ("", []) when they give none or conflict."""
        mappings = [m for m in self.group_roles.all() if m.group in set(groups)]
        roles = {m.role for m in mappings}
        if len(roles) != 1:
            return "", []
        return roles.pop(), [m.committee for m in mappings if m.committee_id]


class GroupRole(models.Model):
    """A group in the provider's claim that gives its members a role (and for secretaries a committee)."""

    provider = models.ForeignKey(
        IdentityProvider, verbose_name="inloggningstjänst", on_delete=models.CASCADE, related_name="group_roles"
    )
    group = models.CharField("grupp", max_length=255, help_text="Gruppens namn så som inloggningstjänsten skickar det.")
    role = models.CharField("roll", max_length=20, choices=UserRole.choices)
    committee = models.ForeignKey(
        Committee,
        verbose_name="nämnd",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text="Krävs för nämndsekreterare: den nämnd gruppen ger tillgång till.",
    )

    class Meta:
        verbose_name = "grupp som ger en roll"
        verbose_name_plural = "grupper som ger roller"
        ordering = ["group"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "group", "committee"], name="group_role_unique"),
            models.CheckConstraint(
                condition=~Q(role=UserRole.SEKRETERARE) | Q(committee__isnull=False),
                name="group_role_secretary_needs_committee",
            ),
        ]

    def __str__(self):
        return f"{self.group} → {self.get_role_display()}"

    def clean(self):
        super().clean()
        if self.role == UserRole.SEKRETERARE and not self.committee_id:
            raise ValidationError({"committee": "En grupp som ger rollen nämndsekreterare måste ange nämnden."})
        if self.committee_id and self.provider_id and self.committee.municipality_id != self.provider.municipality_id:
            raise ValidationError({"committee": "Nämnden måste höra till inloggningstjänstens kommun."})


class ExternalIdentity(models.Model):
    """Who a user is at an identity provider: the provider's subject identifier never changes,
    unlike an e-mail address, so a user is found by it and never by e-mail."""

    provider = models.ForeignKey(
        IdentityProvider, verbose_name="inloggningstjänst", on_delete=models.CASCADE, related_name="identities"
    )
    subject = models.CharField("identitet hos tjänsten (sub)", max_length=255)
    user = models.ForeignKey(User, verbose_name="användare", on_delete=models.CASCADE, related_name="external_identities")
    created_at = models.DateTimeField("första inloggning", auto_now_add=True)

    class Meta:
        verbose_name = "inloggning via OpenID Connect"
        verbose_name_plural = "inloggningar via OpenID Connect"
        constraints = [models.UniqueConstraint(fields=["provider", "subject"], name="external_identity_unique")]

    def __str__(self):
        return f"{self.user} via {self.provider.municipality}"
