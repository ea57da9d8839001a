"""Forms of the mesas app: Spanish messages, what was typed is kept, rules live in services."""

import datetime
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from abierto.accounts.models import User
from abierto.core.filters import BoundedModelMultipleChoiceField
from abierto.core.forms import DateInput
from abierto.core.roles import Role
from abierto.core.uploads import check_upload
from abierto.forum.models import Organization
from abierto.plans.models import ActionPlan, Theme

from .models import AttendeeProfile, Mesa
from .services import MAX_MINUTES_BYTES


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Su nombre"),
        max_length=150,
        help_text=_("Solo lo ve el equipo de facilitación de esta mesa."),
    )
    email = forms.EmailField(
        label=_("Correo electrónico"),
        max_length=254,
        help_text=_("Allí le enviamos su código y el enlace para cancelar."),
    )
    # The same form sent again (double click, reload) registers once and is never refused.
    token = forms.UUIDField(required=False, widget=forms.HiddenInput)
    name.widget.attrs["autocomplete"] = "name"
    email.widget.attrs["autocomplete"] = "email"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4())

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if len(name) < 2:
            raise forms.ValidationError(_("Escriba su nombre."))
        return name


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class FacilitatorChoiceField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email if hasattr(obj, "get_full_name") else obj.email


def facilitator_queryset():
    return (
        User.objects.filter(
            groups__name__in=[Role.FACILITATOR.value, Role.FORUM_MEMBER.value], is_active=True
        )
        .distinct()
        .order_by("email")
    )


class MesaForm(forms.ModelForm):
    """The Grupo Núcleo's form to convene or edit a mesa (day and hours in Ecuador's time)."""

    day = forms.DateField(label=_("Día"), widget=DateInput())
    start_time = forms.TimeField(label=_("Hora de inicio"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Hora de fin"), widget=TimeInput())
    organizers = BoundedModelMultipleChoiceField(
        label=_("Organizan"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    supporters = BoundedModelMultipleChoiceField(
        label=_("Apoyan"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Mesa
        fields = [
            "plan",
            "title",
            "description",
            "kind",
            "modality",
            "theme",
            "city",
            "province",
            "venue_address",
            "accessibility_notes",
            "online_url",
            "capacity",
        ]

    field_order = [
        "plan",
        "title",
        "description",
        "kind",
        "modality",
        "theme",
        "day",
        "start_time",
        "end_time",
        "city",
        "province",
        "venue_address",
        "accessibility_notes",
        "online_url",
        "capacity",
        "organizers",
        "supporters",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = ActionPlan.objects.order_by("-number")
        self.fields["theme"].queryset = Theme.objects.select_related("plan").order_by(
            "-plan__number", "order", "name"
        )
        self.fields["theme"].label_from_instance = lambda theme: (
            _("%(theme)s (plan %(number)s)")
            % {
                "theme": theme.name,
                "number": theme.plan.number,
            }
        )
        self.fields["plan"].empty_label = None
        if self.instance.pk:
            start = timezone.localtime(self.instance.starts_at)
            end = timezone.localtime(self.instance.ends_at)
            self.initial.update(
                day=start.date(),
                start_time=start.time().replace(second=0, microsecond=0),
                end_time=end.time().replace(second=0, microsecond=0),
                organizers=list(self.instance.organizers.all()),
                supporters=list(self.instance.supporters.all()),
            )

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            tz = timezone.get_current_timezone()
            data["starts_at"] = datetime.datetime.combine(day, start, tzinfo=tz)
            data["ends_at"] = datetime.datetime.combine(day, end, tzinfo=tz)
            if end <= start:
                self.add_error("end_time", _("La hora de fin debe ser posterior a la de inicio."))
        return data

    def _post_clean(self):
        # The service runs the model's checks (full_clean) on the complete mesa.
        pass

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self._meta.fields}
        data["starts_at"] = self.cleaned_data["starts_at"]
        data["ends_at"] = self.cleaned_data["ends_at"]
        return data


class CancelMesaForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo de la cancelación"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_(
            "Es público: aparece en la página de la mesa y en el correo a las personas inscritas."
        ),
    )


class FacilitatorsForm(forms.Form):
    facilitators = FacilitatorChoiceField(
        label=_("Equipo de facilitación"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Personas con el rol de facilitación o del Grupo Núcleo."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitators"].queryset = facilitator_queryset()


class CheckInSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Nombre o código de inscripción"),
        max_length=100,
        required=False,
    )
    q.widget.attrs.update({"autocomplete": "off", "type": "search"})


class ProfileForm(forms.ModelForm):
    """Voluntary: every answer may stay empty."""

    class Meta:
        model = AttendeeProfile
        fields = ["gender", "age_range", "ethnicity", "disability", "actor_type", "province"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            field.choices = [("", _("No responde"))] + [c for c in field.choices if c[0] != ""]


class MinutesForm(forms.Form):
    agenda = forms.CharField(label=_("Orden del día"), widget=forms.Textarea, max_length=5000)
    summary = forms.CharField(
        label=_("Resumen de lo conversado"), widget=forms.Textarea, max_length=20000
    )
    agreements = forms.CharField(
        label=_("Acuerdos"), widget=forms.Textarea, max_length=10000, required=False
    )
    attendee_count = forms.IntegerField(
        label=_("Personas asistentes"), min_value=0, max_value=100000
    )
    organization_count = forms.IntegerField(
        label=_("Organizaciones representadas"), min_value=0, max_value=10000, required=False
    )
    signed_file = forms.FileField(
        label=_("Acta firmada (PDF)"),
        required=False,
        help_text=_("Opcional. Solo PDF, hasta 20 MB. Si ya hay una, la nueva la reemplaza."),
    )

    def clean_signed_file(self):
        upload = self.cleaned_data.get("signed_file")
        if not upload:
            return None
        try:
            return check_upload(upload, kinds={"pdf"}, max_bytes=MAX_MINUTES_BYTES)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc


class MonthForm(forms.Form):
    """``?mes=2026-12`` on the calendar; anything else falls back to this month."""

    mes = forms.RegexField(regex=r"^\d{4}-\d{2}$", required=False)

    def month(self) -> tuple[int, int] | None:
        if not self.is_valid() or not self.cleaned_data.get("mes"):
            return None
        year, month = (int(part) for part in self.cleaned_data["mes"].split("-"))
        if not (1 <= month <= 12 and 1900 <= year <= 2200):
            return None
        return year, month
