"""Back-office forms of evaluation. They parse and keep what was typed; the services hold the
rules (ranges, lengths, conflicts) so every caller gets the same Spanish messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from abierto.accounts.models import User
from abierto.forum.models import Organization

from .models import MAX_JUSTIFICATION, CandidateGroup, CommissionMember, Decision, MemberKind
from .services import justification_field, value_field


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class CommissionForm(forms.Form):
    method = forms.CharField(
        label=_("Método de evaluación (público)"),
        widget=forms.Textarea,
        required=False,
        max_length=4000,
    )


class MemberForm(forms.Form):
    email = forms.EmailField(
        label=_("Correo de la cuenta"),
        help_text=_("La persona debe tener ya una cuenta en la plataforma."),
    )
    kind = forms.ChoiceField(label=_("Tipo"), choices=MemberKind.choices)
    is_chair = forms.BooleanField(label=_("Preside la comisión"), required=False)
    organization = forms.ModelChoiceField(
        label=_("Organización (opcional)"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        help_text=_("Sirve para no asignarle propuestas de su propia organización."),
    )
    public_name = forms.CharField(label=_("Nombre público"), max_length=160, required=False)
    listed_publicly = forms.BooleanField(
        label=_("Aceptó figurar en la página pública del plan"), required=False
    )

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        user = User.objects.filter(email=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No hay una cuenta activa con ese correo."))
        self.cleaned_data["user"] = user
        return email


class ConflictForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Integrante"), queryset=CommissionMember.objects.none())
    proposal = forms.TypedChoiceField(
        label=_("Propuesta (opcional)"), coerce=int, required=False, empty_value=None
    )
    organization_name = forms.CharField(
        label=_("u organización (opcional)"), max_length=200, required=False
    )
    reason = forms.CharField(label=_("Motivo"), max_length=500, widget=forms.Textarea)

    def __init__(self, *args, members, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: m.display_name
        self.fields["proposal"].choices = [("", "—")] + [
            (p.pk, f"n.º {p.pk} · {p.title}") for p in proposals
        ]


class MemberRemoveForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Integrante"), queryset=CommissionMember.objects.none())
    reason = forms.CharField(
        label=_("Motivo del retiro"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Queda en el registro interno. Lo que ya calificó se conserva; sus evaluaciones "
            "pendientes quedan libres para asignarlas de nuevo."
        ),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: m.display_name


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Nombre de la ronda"), max_length=160)
    deadline = forms.DateTimeField(
        label=_("Fecha límite para calificar"),
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Hora de Ecuador continental."),
    )
    evaluators_per_proposal = forms.IntegerField(
        label=_("Evaluaciones por propuesta"), min_value=1, max_value=9, initial=3
    )
    allow_attachments = forms.BooleanField(
        label=_("Las personas evaluadoras pueden ver los archivos adjuntos"), required=False
    )


class ScoreForm(forms.Form):
    """One radio group (1-5) and one justification per criterion of the round."""

    def __init__(self, *args, criteria, disabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        choices = [(str(n), str(n)) for n in range(1, 6)]
        for c in criteria:
            self.fields[value_field(c.pk)] = forms.CharField(
                label=_("Puntuación"),
                required=False,
                widget=forms.RadioSelect(choices=choices),
                disabled=disabled,
            )
            self.fields[justification_field(c.pk)] = forms.CharField(
                label=_("Justificación"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_JUSTIFICATION}),
                help_text=_("Entre 20 y 1000 caracteres."),
                disabled=disabled,
                strip=True,
            )

    def sheet(self) -> dict[int, tuple[str | None, str]]:
        data = self.cleaned_data
        return {
            c.pk: (data.get(value_field(c.pk)) or None, data.get(justification_field(c.pk)) or "")
            for c in self.criteria
        }

    def rows(self):
        for c in self.criteria:
            yield c, self[value_field(c.pk)], self[justification_field(c.pk)]


class ReassignForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("Nueva persona evaluadora"), queryset=CommissionMember.objects.none()
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: m.display_name


class CandidateForm(forms.Form):
    name = forms.CharField(label=_("Nombre del compromiso candidato"), max_length=200)
    entries = forms.TypedMultipleChoiceField(
        label=_("Propuestas que agrupa"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].choices = [
            (e.pk, f"n.º {e.proposal_id} · {e.proposal.title}") for e in entries
        ]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decisión"), choices=Decision.choices, widget=forms.RadioSelect
    )
    candidate = forms.ModelChoiceField(
        label=_("Compromiso candidato (si se agrupa)"),
        queryset=CandidateGroup.objects.none(),
        required=False,
    )
    response_text = forms.CharField(
        label=_("Respuesta razonada (pública)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=4000,
        help_text=_("Redactada a partir de las puntuaciones; revísela y complétela."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = candidates
