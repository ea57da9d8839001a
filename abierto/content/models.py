"""Information pages (Spanish with an English version) and the document repository."""

import uuid
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LocalizedPage:
    """The texts of a page in the visitor's language; ``fallback`` when English is missing."""

    title: str
    summary: str
    body: str
    language: str
    fallback: bool


class PublishedPageManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(is_published=True)


class Page(models.Model):
    """A page of the information site (``/gobierno-abierto/<slug>/``), written in Markdown.

    Spanish fields are required; the ``*_en`` fields are shown when the visitor chose English.
    A page without an English body falls back to Spanish with a visible note.
    """

    slug = models.SlugField(_("identificador en la dirección"), max_length=80, unique=True)
    title = models.CharField(_("título"), max_length=200)
    title_en = models.CharField(_("título en inglés"), max_length=200, blank=True)
    summary = models.CharField(_("resumen"), max_length=400, blank=True)
    summary_en = models.CharField(_("resumen en inglés"), max_length=400, blank=True)
    body = models.TextField(_("contenido (Markdown)"))
    body_en = models.TextField(_("contenido en inglés (Markdown)"), blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=100)
    is_published = models.BooleanField(_("publicada"), default=True)
    updated_at = models.DateTimeField(_("actualizada"), auto_now=True)

    objects = models.Manager()
    public_objects = PublishedPageManager()

    class Meta:
        verbose_name = _("página informativa")
        verbose_name_plural = _("páginas informativas")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("content:page", kwargs={"slug": self.slug})

    @property
    def localized(self) -> LocalizedPage:
        if translation.get_language() == "en":
            if self.body_en.strip():
                return LocalizedPage(
                    title=self.title_en or self.title,
                    summary=self.summary_en or self.summary,
                    body=self.body_en,
                    language="en",
                    fallback=False,
                )
            return LocalizedPage(self.title, self.summary, self.body, "es", fallback=True)
        return LocalizedPage(self.title, self.summary, self.body, "es", fallback=False)


class DocumentType(models.TextChoices):
    MINUTES = "acta", _("Acta")
    METHODOLOGY = "metodologia", _("Metodología")
    IRM_REPORT = "informe-irm", _("Informe del Mecanismo de Revisión Independiente (IRM)")
    ACTION_PLAN = "plan-de-accion", _("Plan de acción")
    REPORT = "informe", _("Informe de avance o de respuestas")
    OTHER = "otro", _("Otro")


class DocumentLanguage(models.TextChoices):
    SPANISH = "es", _("Español")
    ENGLISH = "en", _("Inglés")
    OTHER = "otro", _("Otro idioma")


def document_upload_to(instance: "Document", filename: str) -> str:
    """A random stored name: the original never reaches the file system."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"documentos/{uuid.uuid4().hex}{suffix}"


class Document(models.Model):
    """An entry of the public repository: an uploaded file or a link, never both.

    Files live under MEDIA_ROOT (no public URL) and go out through ``content:document_file``.
    """

    doc_type = models.CharField(_("tipo"), max_length=20, choices=DocumentType.choices)
    title = models.CharField(_("título"), max_length=255)
    description = models.TextField(_("descripción"), blank=True)
    date = models.DateField(_("fecha del documento"))
    file = models.FileField(_("archivo"), upload_to=document_upload_to, blank=True, max_length=200)
    file_type = models.CharField(_("tipo de archivo"), max_length=120, blank=True)
    file_size = models.PositiveBigIntegerField(_("tamaño en bytes"), null=True, blank=True)
    external_url = models.URLField(_("enlace externo"), max_length=500, blank=True)
    plan = models.ForeignKey(
        "plans.ActionPlan",
        verbose_name=_("plan relacionado"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    language = models.CharField(
        _("idioma"),
        max_length=5,
        choices=DocumentLanguage.choices,
        default=DocumentLanguage.SPANISH,
    )
    is_example = models.BooleanField(
        _("datos de ejemplo"),
        default=False,
        help_text=_("Marca los documentos inventados para demostración."),
    )
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("documento")
        verbose_name_plural = _("documentos")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["doc_type", "date"]),
            models.Index(fields=["date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(external_url=""))
                | (~models.Q(file="") & models.Q(external_url="")),
                name="document_file_xor_link",
                violation_error_message=_(
                    "Cada documento lleva un archivo o un enlace externo, no ambos ni ninguno."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("content:document", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if bool(self.file) and bool(self.external_url):
            raise ValidationError(
                _("Indique un archivo o un enlace externo, no ambos."), code="file_and_link"
            )
        if not self.file and not self.external_url:
            raise ValidationError(
                _("Suba un archivo o indique un enlace externo."), code="no_file_nor_link"
            )

    @property
    def external_domain(self) -> str:
        """The host an external link leads to (``www.opengovpartnership.org``)."""
        from urllib.parse import urlsplit

        return (urlsplit(self.external_url).hostname or "") if self.external_url else ""

    @property
    def has_file(self) -> bool:
        return bool(self.file)

    @property
    def file_extension(self) -> str:
        return PurePath(self.file.name).suffix.lower().lstrip(".") if self.file else ""

    @property
    def download_name(self) -> str:
        stem = slugify(self.title)[:80] or "documento"
        return f"{stem}.{self.file_extension}" if self.file_extension else stem
