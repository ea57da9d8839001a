"""Forms mirror the services' rules for friendly messages; the services hold the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from abierto.core.filters import BoundedModelMultipleChoiceField
from abierto.forum.models import Organization
from abierto.plans.models import ActionPlan, Axis

from .models import (
    SDG_CHOICES,
    ActorRole,
    Commitment,
    Completion,
    EarlyResults,
    Indicator,
    Milestone,
    OGPValue,
    PotentialImpact,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Su comentario sobre esta ficha"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Se publica sin su nombre. Hasta 3000 caracteres."),
    )


class CommitmentForm(forms.ModelForm):
    ogp_values = forms.MultipleChoiceField(
        label=_("Valores de gobierno abierto"),
        choices=OGPValue.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sdgs = forms.TypedMultipleChoiceField(
        label=_("Objetivos de Desarrollo Sostenible relacionados"),
        choices=SDG_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Commitment
        fields = [
            "code",
            "title",
            "axis",
            "problem",
            "causes",
            "status_quo",
            "objective",
            "description",
            "how_it_solves",
            "expected_results",
            "ogp_values",
            "sdgs",
            "national_plan_link",
            "start_date",
            "end_date",
        ]
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        plan = plan or (self.instance.plan if self.instance.plan_id else None)
        if plan is not None:
            self.fields["axis"].queryset = plan.axes.all()
        if self.instance.pk:
            self.fields.pop("code")


class NewCommitmentForm(CommitmentForm):
    plan = forms.ModelChoiceField(
        label=_("Plan de acción"), queryset=ActionPlan.objects.order_by("-number")
    )

    field_order = ["plan", "code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axis"].queryset = Axis.objects.select_related("plan")
        self.fields["axis"].help_text = _("Debe ser un eje del plan elegido.")


class ReprogramForm(CommitmentForm):
    justification = forms.CharField(
        label=_("Justificación de la reprogramación"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Se publica junto a la versión anterior."),
    )


class TransitionForm(forms.Form):
    status = forms.CharField(widget=forms.HiddenInput)
    acta_url = forms.URLField(
        label=_("Enlace al acta de compromiso firmada"),
        required=False,
        assume_scheme="https",
        help_text=_("Obligatorio para formalizar."),
    )


class ActorForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organización"), queryset=Organization.objects.order_by("name")
    )
    role = forms.ChoiceField(label=_("Rol"), choices=ActorRole.choices)
    contact_name = forms.CharField(
        label=_("Persona de contacto (privado)"), max_length=150, required=False
    )
    contact_email = forms.EmailField(label=_("Correo de contacto (privado)"), required=False)


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["deliverable", "responsible", "start_date", "end_date", "weight", "order"]
        widgets = {"start_date": DATE, "end_date": DATE}


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "direction",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
        ]
        widgets = {"baseline_date": DATE, "target_date": DATE}


class ProgressReportForm(forms.Form):
    period_start = forms.DateField(label=_("Inicio del periodo"), widget=DATE)
    period_end = forms.DateField(label=_("Fin del periodo"), widget=DATE)
    narrative = forms.CharField(
        label=_("Avances del periodo"), max_length=6000, widget=forms.Textarea
    )
    difficulties = forms.CharField(
        label=_("Dificultades"), max_length=4000, required=False, widget=forms.Textarea
    )


class MilestoneProgressForm(forms.Form):
    progress = forms.IntegerField(
        label=_("Avance (%)"),
        min_value=0,
        max_value=100,
        help_text=_("Entre 0 y 100; llegar a 100 exige al menos una evidencia verificada."),
        error_messages={
            "min_value": _("El avance es un número entero entre 0 y 100."),
            "max_value": _("El avance es un número entero entre 0 y 100."),
            "invalid": _("El avance es un número entero entre 0 y 100."),
        },
    )


class MeasurementForm(forms.Form):
    value = forms.DecimalField(label=_("Valor"), max_digits=14, decimal_places=2)
    date = forms.DateField(label=_("Fecha de la medición"), widget=DATE)
    source = forms.CharField(label=_("Fuente"), max_length=300)


class EvidenceForm(forms.Form):
    description = forms.CharField(label=_("Qué demuestra"), max_length=300)
    file = forms.FileField(
        label=_("Archivo"),
        required=False,
        help_text=_("PDF, ODT, DOCX, JPG o PNG, hasta 10 MB."),
    )
    url = forms.URLField(label=_("o un enlace"), required=False, assume_scheme="https")


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo del rechazo"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("La institución lo leerá para corregir la evidencia."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Respuesta pública del Grupo Núcleo"), widget=forms.Textarea(attrs={"rows": 3})
    )


class IRMForm(forms.Form):
    verifiable = forms.NullBooleanField(label=_("¿Es verificable?"), required=False)
    relevance = forms.MultipleChoiceField(
        label=_("Relevancia para los valores de OGP"),
        choices=OGPValue.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    potential_impact = forms.ChoiceField(
        label=_("Impacto potencial"),
        choices=[("", _("Sin dato")), *PotentialImpact.choices],
        required=False,
    )
    completion = forms.ChoiceField(
        label=_("Nivel de cumplimiento"),
        choices=[("", _("Sin dato")), *Completion.choices],
        required=False,
    )
    early_results = forms.ChoiceField(
        label=_("¿Abrió el gobierno? (resultados tempranos)"),
        choices=[("", _("Sin dato")), *EarlyResults.choices],
        required=False,
    )
    starred = forms.BooleanField(label=_("Destacado o prometedor"), required=False)
    report_url = forms.URLField(label=_("Enlace al informe del IRM"), required=False)


class IRMImportForm(forms.Form):
    file = forms.FileField(
        label=_("Archivo CSV"),
        help_text=_(
            "Columnas: codigo, verificable, relevancia, impacto_potencial, cumplimiento, "
            "resultados_tempranos, destacado, informe. UTF-8 o Latin-1, separado por comas o "
            "punto y coma."
        ),
    )


class LinkProposalsForm(forms.Form):
    # Ids checked for the database's range first (a huge id would overflow on SQLite).
    proposals = BoundedModelMultipleChoiceField(
        label=_("Propuestas seleccionadas o fusionadas del plan"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Se muestran en la página del compromiso y en la de cada propuesta."),
    )

    def __init__(self, *args, commitment, **kwargs):
        super().__init__(*args, **kwargs)
        from abierto.proposals.models import Proposal

        self.fields["proposals"].queryset = (
            Proposal.objects.filter(
                plan_id=commitment.plan_id, status__in=["seleccionada", "fusionada"]
            )
            .exclude(commitment=commitment)
            .only("id", "title")
            .order_by("id")
        )


class FromCandidateForm(forms.Form):
    code = forms.CharField(
        label=_("Código del compromiso"),
        max_length=6,
        help_text=_("Dos letras mayúsculas y cuatro cifras, por ejemplo EC0016."),
    )
