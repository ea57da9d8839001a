"""Forms of the content app: Spanish messages, and what the user typed stays on error."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from abierto.plans.models import ActionPlan

from .models import Document, DocumentType, Page
from .uploads import check_document_upload

REQUIRED = {"required": _("Este campo es obligatorio.")}


class PageForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = [
            "title",
            "slug",
            "summary",
            "body",
            "title_en",
            "summary_en",
            "body_en",
            "order",
            "is_published",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 18}),
            "body_en": forms.Textarea(attrs={"rows": 18}),
        }
        help_texts = {
            "slug": _("Solo minúsculas, números y guiones; forma la dirección de la página."),
            "body": _(
                "Markdown: ## para subtítulos, - para listas, [texto](https://...) para "
                "enlaces. El HTML se elimina al publicar."
            ),
            "body_en": _("Si lo deja vacío, la versión en inglés mostrará el texto en español."),
            "order": _("Las páginas se listan de menor a mayor."),
        }
        error_messages = {
            "title": REQUIRED,
            "body": REQUIRED,
            "slug": {
                "required": _("Este campo es obligatorio."),
                "invalid": _("Use solo minúsculas, números y guiones."),
                "unique": _("Ya existe una página con esta dirección."),
            },
            "order": {"invalid": _("Escriba un número entero.")},
        }


class DocumentForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Archivo"),
        required=False,
        help_text=_("PDF, ODT, DOCX, XLSX o CSV, hasta 20 MB."),
        widget=forms.FileInput(attrs={"accept": ".pdf,.odt,.docx,.xlsx,.csv"}),
    )
    remove_file = forms.BooleanField(label=_("Quitar el archivo actual"), required=False)
    doc_type = forms.ChoiceField(
        label=_("Tipo"),
        choices=[("", _("Elija un tipo")), *DocumentType.choices],
        error_messages={**REQUIRED, "invalid_choice": _("Elija un tipo de la lista.")},
    )
    plan = forms.ModelChoiceField(
        label=_("Plan relacionado"),
        queryset=ActionPlan.objects.order_by("-number", "-version"),
        required=False,
        empty_label=_("Ninguno"),
        error_messages={"invalid_choice": _("Elija un plan de la lista.")},
    )

    class Meta:
        model = Document
        fields = [
            "doc_type",
            "title",
            "description",
            "date",
            "external_url",
            "plan",
            "language",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "external_url": _("Use un enlace o un archivo, no ambos."),
        }
        error_messages = {
            "doc_type": {**REQUIRED, "invalid_choice": _("Elija un tipo de la lista.")},
            "title": REQUIRED,
            "date": {**REQUIRED, "invalid": _("Escriba una fecha válida (aaaa-mm-dd).")},
            "external_url": {"invalid": _("Escriba una dirección web completa (https://...).")},
            "language": {**REQUIRED, "invalid_choice": _("Elija un idioma de la lista.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not (self.instance.pk and self.instance.file):
            del self.fields["remove_file"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            check_document_upload(upload)
        return upload

    def clean_external_url(self):
        url = self.cleaned_data.get("external_url", "")
        if url and not url.lower().startswith(("https://", "http://")):
            raise ValidationError(_("El enlace debe empezar por https:// o http://."))
        return url

    def clean(self):
        data = super().clean()
        upload = data.get("upload")
        keeps_file = bool(self.instance.pk and self.instance.file and not data.get("remove_file"))
        has_file = bool(upload) or keeps_file
        has_link = bool(data.get("external_url"))
        if "upload" in self.errors or "external_url" in self.errors:
            return data
        if has_file and has_link:
            if upload:
                message = _("Indique un archivo o un enlace externo, no ambos.")
            else:
                message = _(
                    "Este documento ya tiene un archivo: márquelo para quitarlo o borre el enlace."
                )
            raise ValidationError(message, code="file_and_link")
        if not has_file and not has_link:
            raise ValidationError(
                _("Suba un archivo o indique un enlace externo."), code="no_file_nor_link"
            )
        return data

    def _post_clean(self):
        # The model's own file/link check cannot see the upload yet: the service runs it.
        pass
