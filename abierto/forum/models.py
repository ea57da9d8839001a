from django.db import models
from django.utils.translation import gettext_lazy as _

from abierto.core.geo import Province


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


class Organization(models.Model):
    """An actor of the open-government ecosystem: an institution or organisation.

    Everything here is public: it describes organisations, never private people.
    """

    name = models.CharField(_("nombre"), max_length=255)
    acronym = models.CharField(_("siglas"), max_length=30, blank=True)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices)
    level = models.CharField(
        _("nivel"), max_length=20, choices=Level.choices, default=Level.NATIONAL
    )
    province = models.CharField(
        _("provincia"), max_length=30, choices=Province.choices, blank=True
    )
    website = models.URLField(_("sitio web"), blank=True)
    created_at = models.DateTimeField(_("creada"), auto_now_add=True)

    class Meta:
        verbose_name = _("organización")
        verbose_name_plural = _("organizaciones")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("name"), name="organization_name_unique_ci"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name
