"""Back-office forms of the plans app: Spanish messages that keep what the user typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from abierto.core.filters import BoundedModelMultipleChoiceField
from abierto.core.forms import DateInput

from . import checks, selectors
from .models import ActionPlan, Axis, Criterion, Stage, Theme
from .services import PLAN_FIELDS


class PlanPeriodMixin:
    """A plan's period ends after it starts (said on the end date, keeping what was typed)."""

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end <= start:
            self.add_error(
                "end_date",
                _("El periodo termina antes de empezar: el fin debe ser posterior al inicio."),
            )
        return data


class PlanForm(PlanPeriodMixin, forms.ModelForm):
    class Meta:
        model = ActionPlan
        # "Datos de ejemplo" is the demo loader's business, not a staff choice.
        fields = [name for name in PLAN_FIELDS if name != "is_example"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        help_texts = {
            "slug": _(
                "Opcional: se forma a partir del título. Solo letras sin tilde, números y guiones."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        if self.instance.pk:
            # Number changes only through a new plan; a re-programming is a new version.
            self.fields["number"].disabled = True
        # Left out of a post (an older form), they keep what the plan has (or the default).
        self.fields["publication"].required = False
        self.fields["report_threshold"].required = False

    def clean_publication(self):
        return self.cleaned_data.get("publication") or self.instance.publication

    def clean_report_threshold(self):
        value = self.cleaned_data.get("report_threshold")
        return self.instance.report_threshold if value is None else value


class NewVersionForm(PlanPeriodMixin, forms.Form):
    reason = forms.CharField(
        label=_("Motivo de la nueva versión"),
        widget=forms.Textarea,
        help_text=_(
            "Se publica junto a la nueva versión. Por ejemplo: reprogramación de "
            "plazos aprobada por el Grupo Núcleo."
        ),
        error_messages={"required": _("Explique el motivo de la nueva versión.")},
    )
    title = forms.CharField(label=_("Título"), max_length=255)
    start_date = forms.DateField(label=_("Inicio del periodo"), widget=DateInput())
    end_date = forms.DateField(label=_("Fin del periodo"), widget=DateInput())
    objective = forms.CharField(label=_("Objetivo"), widget=forms.Textarea, required=False)


class FacilitatorsForm(forms.Form):
    """Who facilitates the plan: a checklist of the accounts holding the facilitator role."""

    facilitators = BoundedModelMultipleChoiceField(
        label=_("Facilitadores de este plan"),
        queryset=selectors.facilitator_candidates(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Personas con el rol de facilitación; atienden las mesas y la recepción en papel "
            "de este plan."
        ),
        error_messages={"invalid_choice": _("Elija personas de la lista.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitators"].label_from_instance = lambda user: (
            f"{user.full_name} ({user.email})" if user.full_name else user.email
        )


class AxisForm(forms.ModelForm):
    class Meta:
        model = Axis
        fields = ["name", "description", "order"]


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name", "description", "order"]


class CriterionForm(forms.ModelForm):
    weight = forms.IntegerField(
        label=_("Peso (%)"),
        help_text=_("Entre 1 y 100; los pesos de un plan suman 100."),
        error_messages={
            "required": _("Indique el peso del criterio (entre 1 y 100)."),
            "invalid": _("El peso debe ser un número entero entre 1 y 100."),
        },
    )

    class Meta:
        model = Criterion
        fields = ["name", "definition", "weight", "order"]

    def clean_weight(self):
        weight = self.cleaned_data["weight"]
        if not 1 <= weight <= 100:
            raise forms.ValidationError(
                _("El peso debe ser un número entero entre 1 y 100 (escribió %(value)s)."),
                params={"value": weight},
                code="range",
            )
        return weight


class StageForm(forms.ModelForm):
    class Meta:
        model = Stage
        fields = [
            "number",
            "name",
            "description",
            "responsible",
            "start_date",
            "end_date",
            "announced_on",
            "receives_proposals",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput(), "announced_on": DateInput()}
        help_texts = {
            "announced_on": _(
                "El día en que se publicó el cronograma de esta etapa. OGP pide "
                "anunciarla al menos 14 días antes de que empiece."
            ),
            "end_date": _("Igual o posterior al inicio."),
        }

    def __init__(self, *args, plan, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)
        self.instance.plan = plan

    def clean(self):
        data = super().clean()
        siblings = self.plan.stages.all()
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        siblings = list(siblings)
        errors = checks.stage_date_errors(
            plan=self.plan,
            number=data.get("number"),
            start=data.get("start_date"),
            end=data.get("end_date"),
            siblings=siblings,
        )
        number = data.get("number")
        if number is not None and any(s.number == number for s in siblings):
            errors.setdefault(
                "number",
                _("Ya hay una etapa %(number)s en este plan; use otro número.")
                % {"number": number},
            )
        for name, message in errors.items():
            if name not in self._errors:
                self.add_error(name, message)
        return data
