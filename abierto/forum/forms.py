"""Forms of the forum app: the public actors filter and the back office (Spanish messages)."""

from pathlib import PurePath

from django import forms
from django.utils.translation import gettext_lazy as _

from abierto.core.filters import BoundedModelMultipleChoiceField
from abierto.core.forms import DateInput

from .csv_import import MAX_IMPORT_BYTES
from .models import ForumMeeting, ForumMembership, InterestTopic, Organization
from .services import check_minutes_file, duplicate_organization


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "acronym", "sector", "level", "province", "website", "topics"]
        widgets = {"topics": forms.CheckboxSelectMultiple}
        field_classes = {"topics": BoundedModelMultipleChoiceField}

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        duplicate = duplicate_organization(name, exclude_pk=self.instance.pk)
        if duplicate is not None:
            raise forms.ValidationError(
                _("Ya existe una organización con ese nombre: «%(name)s»."),
                params={"name": duplicate.name},
                code="duplicate",
            )
        return name


class TopicForm(forms.ModelForm):
    class Meta:
        model = InterestTopic
        fields = ["name"]


class OrganizationImportForm(forms.Form):
    file = forms.FileField(
        label=_("Archivo CSV"),
        help_text=_(
            "Columnas: nombre, sector (obligatorias), siglas, nivel, provincia, temas "
            "(separados por punto y coma), sitio_web. UTF-8 o Latin-1; separado por "
            "comas o por punto y coma."
        ),
        error_messages={"required": _("Elija un archivo CSV.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name or "").suffix.lower() not in {".csv", ".txt"}:
            raise forms.ValidationError(_("El archivo debe ser un CSV (.csv)."), code="ext")
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("El archivo pesa más de 2 MB; divídalo en partes."))
        return upload


class MembershipForm(forms.ModelForm):
    class Meta:
        model = ForumMembership
        fields = ["organization", "role", "person_name", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date",
                _(
                    "El periodo termina antes de empezar: el fin debe ser "
                    "igual o posterior al inicio."
                ),
            )
        return data


class MeetingForm(forms.ModelForm):
    class Meta:
        model = ForumMeeting
        fields = [
            "date",
            "title",
            "plan",
            "agenda",
            "attendance_count",
            "minutes_url",
            "minutes_file",
        ]
        widgets = {"date": DateInput()}
        help_texts = {
            "agenda": _("Un punto por línea."),
            "minutes_file": _("PDF de hasta 15 MB. O bien indique el enlace al acta."),
        }

    def clean_minutes_file(self):
        upload = self.cleaned_data.get("minutes_file")
        if upload and hasattr(upload, "content_type"):
            check_minutes_file(upload)
        return upload
