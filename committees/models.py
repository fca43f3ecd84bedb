from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, Q, Value, When


class Municipality(models.Model):
    name = models.CharField("namn", max_length=100, unique=True)
    slug = models.SlugField("kortnamn i adresser", max_length=50, unique=True)

    class Meta:
        verbose_name = "kommun"
        verbose_name_plural = "kommuner"
        ordering = ["name"]

    def __str__(self):
        return self.name


class CommitteeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def answering(self):
        """Committees that can be asked for a yttrande (not KF, not the auditors)."""
        return self.filter(kind__in=Committee.Kind.answering())

    def in_letter_order(self):
        """As the letters list them: fullmäktige, kommunstyrelsen, nämnder, bolag."""
        kinds = Committee.Kind
        return self.order_by(
            Case(
                When(kind=kinds.KOMMUNFULLMAKTIGE, then=Value(0)),
                When(kind=kinds.KOMMUNSTYRELSEN, then=Value(1)),
                When(kind=kinds.NAMND, then=Value(2)),
                default=Value(3),
            ),
            "name",
        )


class CommitteeKind(models.TextChoices):
    KOMMUNFULLMAKTIGE = "kommunfullmaktige", "Kommunfullmäktige"
    KOMMUNSTYRELSEN = "kommunstyrelsen", "Kommunstyrelsen"
    NAMND = "namnd", "Nämnd"
    REVISIONEN = "revisionen", "Revisionen"
    BOLAG = "bolag", "Bolag"

    @classmethod
    def answering(cls):
        return [cls.KOMMUNSTYRELSEN, cls.NAMND, cls.BOLAG]


class UserRole(models.TextChoices):
    REVISOR = "revisor", "Revisor"
    SEKRETERARE = "sekreterare", "Nämndsekreterare"
    KS_HANDLAGGARE = "ks", "KS-handläggare"


class Committee(models.Model):
    Kind = CommitteeKind

    municipality = models.ForeignKey(
        Municipality, verbose_name="kommun", on_delete=models.PROTECT, related_name="committees"
    )
    kind = models.CharField("typ", max_length=20, choices=Kind.choices, default=Kind.NAMND)
    name = models.CharField("namn", max_length=150)
    short_name = models.CharField(
        "förkortning",
        max_length=20,
        validators=[
            RegexValidator(
                r"^[^\W_]+(-[^\W_]+)*$",
                "Förkortningen får bara innehålla bokstäver (även å, ä och ö), siffror och bindestreck.",
            )
        ],
        help_text="Kort namn som visas i tabeller, listor och kalendern, t.ex. KS, KFN eller ÄON. "
        "Bokstäver (även å, ä och ö), siffror och bindestreck; unikt inom kommunen.",
    )
    active = models.BooleanField("aktiv", default=True)

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        verbose_name = "nämnd"
        verbose_name_plural = "nämnder och styrelser"
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="committee_unique_name"),
            models.UniqueConstraint(
                fields=["municipality", "short_name"], name="committee_unique_short_name"
            ),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(kind=CommitteeKind.KOMMUNSTYRELSEN),
                name="committee_one_kommunstyrelsen",
            ),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(kind=CommitteeKind.KOMMUNFULLMAKTIGE),
                name="committee_one_kommunfullmaktige",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=CommitteeKind.values), name="committee_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_kommunstyrelsen(self):
        return self.kind == self.Kind.KOMMUNSTYRELSEN

    def secretaries_to_mail(self):
        """The active secretaries of this committee, in its municipality, who have an address."""
        return User.objects.secretaries_of(self).exclude(email="")


class UserQuerySet(models.QuerySet):
    def secretaries_of(self, committee):
        """The active secretaries of the committee (only those of its own municipality)."""
        return self.filter(
            role=UserRole.SEKRETERARE,
            municipality_id=committee.municipality_id,
            committees=committee,
            is_active=True,
        )


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    Role = UserRole

    municipality = models.ForeignKey(
        Municipality,
        verbose_name="kommun",
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )
    role = models.CharField("roll", max_length=20, choices=Role.choices, blank=True)
    committees = models.ManyToManyField(
        Committee,
        verbose_name="nämnder (för sekreterare)",
        related_name="secretaries",
        blank=True,
    )

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = "användare"
        verbose_name_plural = "användare"
        constraints = [
            models.CheckConstraint(
                condition=Q(role="") | Q(municipality__isnull=False),
                name="user_role_needs_municipality",
            ),
            models.CheckConstraint(
                condition=Q(role="") | Q(role__in=UserRole.values), name="user_role_valid"
            ),
        ]

    def clean(self):
        super().clean()
        if self.role and not self.municipality_id:
            raise ValidationError({"municipality": "En användare med en roll måste höra till en kommun."})

    @property
    def is_revisor(self):
        return self.role == self.Role.REVISOR

    @property
    def is_secretary(self):
        return self.role == self.Role.SEKRETERARE

    @property
    def is_ks_staff(self):
        return self.role == self.Role.KS_HANDLAGGARE

    @property
    def sees_whole_municipality(self):
        return self.role in (self.Role.REVISOR, self.Role.KS_HANDLAGGARE)


class CalendarTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class CalendarToken(models.Model):
    """The secret in the address of a user's deadline calendar; revoked tokens are kept so
    that the user sees when an address stopped working."""

    user = models.ForeignKey(User, verbose_name="användare", on_delete=models.CASCADE, related_name="calendar_tokens")
    token = models.CharField("nyckel", max_length=64, unique=True)
    created_at = models.DateTimeField("skapad", auto_now_add=True)
    revoked_at = models.DateTimeField("återkallad", null=True, blank=True)

    objects = CalendarTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "kalenderadress"
        verbose_name_plural = "kalenderadresser"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="calendar_token_one_active_per_user"
            ),
            models.CheckConstraint(condition=~Q(token=""), name="calendar_token_not_empty"),
        ]

    def __str__(self):
        return f"Kalender för {self.user}"
