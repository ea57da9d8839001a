"""The actors of open government and the multistakeholder forum (Ecuador: the Grupo Núcleo).

Everything in this app is public: organisations, the forum's roles with the names of the
public office holders who fill them, and its meetings. No email or phone is kept here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from abierto.core.geo import Province
from abierto.core.text import fold


class Sector(models.TextChoices):
    """The six kinds of actor of open government (also a proposer's type)."""

    CITIZENS = "ciudadania", _("Ciudadanía")
    CIVIL_SOCIETY = "sociedad-civil", _("Sociedad civil")
    ACADEMIA = "academia", _("Academia")
    PUBLIC_SECTOR = "sector-publico", _("Sector público")
    PRIVATE_SECTOR = "sector-privado", _("Sector privado")
    INTERNATIONAL = "organismo-internacional", _("Organismo internacional")


class Level(models.TextChoices):
    NATIONAL = "nacional", _("Nacional")
    PROVINCIAL = "provincial", _("Provincial")
    CANTONAL = "cantonal", _("Cantonal")
    PARISH = "parroquial", _("Parroquial")
    INTERNATIONAL = "internacional", _("Internacional")


def name_key(name: str) -> str:
    """The comparison key of an organisation's name: no case, no accents, single spaces.

    "Fundación  Esquel" and "fundacion esquel" are the same organisation.
    """
    return fold(name)


class InterestTopic(models.Model):
    """A theme an organisation works on (transparencia fiscal, género, datos abiertos, ...).

    Kept apart from ``plans.Theme`` on purpose: a plan's mesa themes change from plan to plan,
    while an organisation's interests describe the organisation and outlive any one plan.
    """

    name = models.CharField(_("nombre"), max_length=120, unique=True)
    slug = models.SlugField(_("identificador"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("tema de interés")
        verbose_name_plural = _("temas de interés")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    """An actor of the open-government ecosystem: an institution or organisation.

    Everything here is public: it describes organisations, never private people.
    """

    name = models.CharField(_("nombre"), max_length=255)
    name_key = models.CharField(max_length=255, editable=False, default="", db_index=True)
    acronym = models.CharField(_("siglas"), max_length=30, blank=True)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices)
    level = models.CharField(
        _("nivel"), max_length=20, choices=Level.choices, default=Level.NATIONAL
    )
    province = models.CharField(_("provincia"), max_length=30, choices=Province.choices, blank=True)
    website = models.URLField(_("sitio web"), blank=True)
    topics = models.ManyToManyField(
        InterestTopic,
        verbose_name=_("temas de interés"),
        blank=True,
        related_name="organizations",
    )
    created_at = models.DateTimeField(_("creada"), auto_now_add=True)

    class Meta:
        verbose_name = _("organización")
        verbose_name_plural = _("organizaciones")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("name"), name="organization_name_unique_ci"
            ),
            models.UniqueConstraint(
                fields=["name_key"],
                condition=~models.Q(name_key=""),
                name="organization_name_key_unique",
            ),
        ]
        indexes = [models.Index(fields=["sector", "province"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs):
        # A derived key, kept in step with the name wherever the row is saved from.
        self.name_key = name_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)


class ForumRole(models.TextChoices):
    PRESIDENCY = "presidencia", _("Presidencia")
    TECHNICAL_SECRETARIAT = "secretaria-tecnica", _("Secretaría técnica")
    EVALUATION_COMMISSION = "comision-evaluadora", _("Comisión evaluadora")
    MEMBER = "miembro", _("Miembro")


class ForumMembership(models.Model):
    """An organisation's seat in the forum, for a term, and who holds it.

    ``person_name`` is the public office holder representing the organisation: a name is
    public in this role; contact details are never kept here.
    """

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organización"),
        on_delete=models.PROTECT,
        related_name="forum_memberships",
    )
    person_name = models.CharField(
        _("persona que la representa"),
        max_length=160,
        blank=True,
        help_text=_("Nombre público de quien ejerce el cargo. Nunca correos ni teléfonos."),
    )
    role = models.CharField(
        _("rol"), max_length=30, choices=ForumRole.choices, default=ForumRole.MEMBER
    )
    start_date = models.DateField(_("inicio del periodo"))
    end_date = models.DateField(
        _("fin del periodo"),
        null=True,
        blank=True,
        help_text=_("Vacío mientras el periodo siga vigente."),
    )

    class Meta:
        verbose_name = _("miembro del Grupo Núcleo")
        verbose_name_plural = _("miembros del Grupo Núcleo")
        ordering = ["organization__sector", "organization__name", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="forum_membership_term_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.get_role_display()}"

    def is_active_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


def minutes_upload_path(instance, filename: str) -> str:
    return f"forum/actas/{instance.date:%Y}/{filename}"


class ForumMeeting(models.Model):
    """A meeting of the forum: its agenda, its minutes (a link or a PDF) and attendance."""

    date = models.DateField(_("fecha"))
    title = models.CharField(_("título"), max_length=200)
    agenda = models.TextField(_("orden del día"), blank=True)
    minutes_url = models.URLField(_("enlace al acta"), blank=True)
    minutes_file = models.FileField(
        _("acta (PDF)"), upload_to=minutes_upload_path, blank=True, max_length=255
    )
    attendance_count = models.PositiveSmallIntegerField(_("asistentes"), null=True, blank=True)
    plan = models.ForeignKey(
        "plans.ActionPlan",
        verbose_name=_("plan de acción"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_meetings",
    )
    is_example = models.BooleanField(_("datos de ejemplo"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reunión del Grupo Núcleo")
        verbose_name_plural = _("reuniones del Grupo Núcleo")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"

    @property
    def has_minutes(self) -> bool:
        return bool(self.minutes_url or self.minutes_file)
