"""Forms of the proposals app. Error messages in Spanish; whatever was typed is kept."""

import time
import uuid

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from abierto.core.filters import BoundedModelMultipleChoiceField
from abierto.core.forms import public_email_field
from abierto.core.geo import ProposalScope
from abierto.forum.models import Sector
from abierto.mesas.models import Mesa
from abierto.plans.models import ActionPlan, Axis, Theme

from .models import (
    DECISION_STATUSES,
    AgeRange,
    Channel,
    Gender,
    Proposal,
    ReportReason,
    SelfIdentification,
    Status,
)
from .uploads import MAX_FILES, check_attachment

_STARTED_SALT = "abierto.proposals.form-started"
#: A form older than this is stale (a page left open for days): ask to start again.
MAX_FORM_AGE = 3 * 24 * 3600


def min_fill_seconds() -> int:
    return settings.ABIERTO_PROPOSAL_MIN_SECONDS


def started_token(at: float | None = None) -> str:
    """A signed timestamp of when the form was shown (the minimum fill time is measured on it)."""
    return signing.dumps(int(at if at is not None else time.time()), salt=_STARTED_SALT)


def _choices_with_blank(choices, blank_label=None):
    return [("", blank_label or _("— Elija una opción —")), *choices]


class ProposalForm(forms.Form):
    """What the proposer writes. Shown on step 1 and carried in hidden fields on step 2."""

    title = forms.CharField(
        label=_("Título de la propuesta"),
        max_length=200,
        min_length=8,
        help_text=_("Una frase que resuma su idea (entre 8 y 200 caracteres)."),
        error_messages={
            "required": _("Escriba un título para su propuesta."),
            "min_length": _("El título es muy corto: use al menos %(limit_value)d caracteres."),
            "max_length": _("El título es muy largo: use como máximo %(limit_value)d caracteres."),
        },
    )
    problem = forms.CharField(
        label=_("¿Qué problema quiere resolver?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=30,
        max_length=4000,
        help_text=_("Describa la situación actual y a quién afecta (al menos 30 caracteres)."),
        error_messages={
            "required": _("Describa el problema que quiere resolver."),
            "min_length": _(
                "Cuéntenos un poco más del problema (al menos %(limit_value)d caracteres)."
            ),
            "max_length": _("Use como máximo %(limit_value)d caracteres."),
        },
    )
    solution = forms.CharField(
        label=_("¿Qué propone?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=30,
        max_length=4000,
        help_text=_(
            "La solución que imagina, y qué institución podría llevarla adelante "
            "(al menos 30 caracteres)."
        ),
        error_messages={
            "required": _("Describa la solución que propone."),
            "min_length": _(
                "Cuéntenos un poco más de su propuesta (al menos %(limit_value)d caracteres)."
            ),
            "max_length": _("Use como máximo %(limit_value)d caracteres."),
        },
    )
    beneficiaries = forms.CharField(
        label=_("¿A quién beneficia?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=5,
        max_length=2000,
        error_messages={
            "required": _("Indique a quién beneficiaría su propuesta."),
            "min_length": _("Indique con un poco más de detalle a quién beneficia."),
            "max_length": _("Use como máximo %(limit_value)d caracteres."),
        },
    )
    axis = forms.ModelChoiceField(
        label=_("Eje del plan"),
        queryset=Axis.objects.none(),
        empty_label=_("— Elija un eje —"),
        error_messages={
            "required": _("Elija el eje del plan al que corresponde."),
            "invalid_choice": _("Elija un eje de la lista."),
        },
    )
    theme = forms.ModelChoiceField(
        label=_("Tema (opcional)"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("— Sin tema en particular —"),
        error_messages={"invalid_choice": _("Elija un tema de la lista.")},
    )
    province = forms.ChoiceField(
        label=_("Provincia o alcance"),
        choices=_choices_with_blank(ProposalScope.choices),
        error_messages={
            "required": _("Elija la provincia o el alcance de la propuesta."),
            "invalid_choice": _("Elija una provincia o un alcance de la lista."),
        },
    )
    canton = forms.CharField(
        label=_("Cantón (opcional)"),
        max_length=100,
        required=False,
        error_messages={"max_length": _("Use como máximo %(limit_value)d caracteres.")},
    )
    proposer_type = forms.ChoiceField(
        label=_("Usted propone como"),
        choices=_choices_with_blank(Sector.choices),
        error_messages={
            "required": _("Elija en calidad de qué presenta la propuesta."),
            "invalid_choice": _("Elija una opción de la lista."),
        },
    )
    organization_name = forms.CharField(
        label=_("Organización (opcional)"),
        max_length=200,
        required=False,
        help_text=_("Si propone en nombre de una organización, escriba su nombre. Es público."),
        error_messages={"max_length": _("Use como máximo %(limit_value)d caracteres.")},
    )
    contact_name = forms.CharField(
        label=_("Su nombre"),
        max_length=150,
        error_messages={
            "required": _("Escriba su nombre."),
            "max_length": _("Use como máximo %(limit_value)d caracteres."),
        },
    )
    contact_email = forms.EmailField(
        label=_("Correo electrónico"),
        max_length=254,
        help_text=_("Le enviaremos el código de seguimiento y los cambios de estado."),
        error_messages={
            "required": _("Escriba su correo electrónico."),
            "invalid": _("Escriba un correo electrónico válido, como nombre@ejemplo.org."),
        },
    )
    contact_phone = forms.RegexField(
        label=_("Teléfono (opcional)"),
        regex=r"^[0-9+()\s.-]{7,30}$",
        required=False,
        max_length=30,
        error_messages={
            "invalid": _("Escriba solo números, espacios y los signos + ( ) -."),
            "max_length": _("Use como máximo %(limit_value)d caracteres."),
        },
    )
    gender = forms.ChoiceField(
        label=_("Género (opcional)"),
        required=False,
        choices=_choices_with_blank(Gender.choices),
        error_messages={"invalid_choice": _("Elija una opción de la lista.")},
    )
    age_range = forms.ChoiceField(
        label=_("Edad (opcional)"),
        required=False,
        choices=_choices_with_blank(AgeRange.choices),
        error_messages={"invalid_choice": _("Elija una opción de la lista.")},
    )
    self_identification = forms.ChoiceField(
        label=_("Autoidentificación (opcional)"),
        required=False,
        choices=_choices_with_blank(SelfIdentification.choices),
        error_messages={"invalid_choice": _("Elija una opción de la lista.")},
    )
    # Anti-spam: an idempotency token, a signed start time and a field people leave empty.
    token = forms.UUIDField(widget=forms.HiddenInput)
    started = forms.CharField(widget=forms.HiddenInput)
    sitio_web = forms.CharField(
        label=_("Deje este campo vacío"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    PUBLIC_FIELDS = (
        "title",
        "problem",
        "solution",
        "beneficiaries",
        "axis",
        "theme",
        "province",
        "canton",
        "proposer_type",
        "organization_name",
    )
    CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")
    DEMOGRAPHIC_FIELDS = ("gender", "age_range", "self_identification")

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["axis"].queryset = Axis.objects.filter(plan=plan)
        self.fields["theme"].queryset = Theme.objects.filter(plan=plan)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4())
            self.initial.setdefault("started", started_token())

    def clean_sitio_web(self):
        if self.cleaned_data.get("sitio_web"):
            raise ValidationError(
                _("No pudimos aceptar el envío. Si es una persona, deje vacío el último campo."),
                code="honeypot",
            )
        return ""

    def clean_started(self):
        try:
            return int(
                signing.loads(
                    self.cleaned_data["started"], salt=_STARTED_SALT, max_age=MAX_FORM_AGE
                )
            )
        except (signing.BadSignature, TypeError, ValueError) as exc:
            raise ValidationError(
                _("El formulario caducó. Revise sus datos y vuelva a enviarlo."), code="stale"
            ) from exc

    def check_fill_time(self) -> bool:
        """After a valid ``is_valid()``: False (with an error) when filled in too fast."""
        started = self.cleaned_data.get("started")
        if started is None:
            return False
        if time.time() - started < min_fill_seconds():
            self.add_error(
                None,
                ValidationError(
                    _(
                        "El formulario se envió demasiado rápido. Revise sus datos y envíelo de "
                        "nuevo en unos segundos."
                    ),
                    code="too_fast",
                ),
            )
            return False
        return True

    def proposal_data(self) -> dict:
        data = self.cleaned_data
        return {
            name: data.get(name) or ("" if name not in {"axis", "theme"} else None)
            for name in self.PUBLIC_FIELDS + self.CONTACT_FIELDS + self.DEMOGRAPHIC_FIELDS
        }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(uploads) > MAX_FILES:
            raise ValidationError(
                _("Puede adjuntar como máximo %(max)s archivos.") % {"max": MAX_FILES},
                code="too_many",
            )
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(check_attachment(upload))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return checked


class FinalStepForm(forms.Form):
    """Step 2: attachments and consent, sent with the hidden copy of step 1."""

    attachments = AttachmentsField(
        label=_("Archivos adjuntos (opcional)"),
        required=False,
        help_text=_(
            "Hasta 3 archivos PDF, ODT, DOCX, JPEG o PNG de 10 MB cada uno. Solo el "
            "equipo los ve; no se publican."
        ),
        widget=MultipleFileInput(attrs={"accept": ".pdf,.odt,.docx,.jpg,.jpeg,.png"}),
    )
    consent = forms.BooleanField(
        label=_("Leí el aviso de privacidad y acepto que mis datos se usen como allí se explica."),
        error_messages={
            "required": _("Para enviar la propuesta debe aceptar el aviso de privacidad.")
        },
    )

    def __init__(self, *args, oversized: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.oversized = oversized or []

    def clean(self):
        cleaned = super().clean()
        for name in self.oversized:
            self.add_error(
                "attachments",
                ValidationError(
                    _("«%(name)s» pesa más de 10 MB; el máximo es 10 MB por archivo.")
                    % {"name": name},
                    code="too_big",
                ),
            )
        return cleaned


class StaffProposalForm(ProposalForm):
    """Entered by the team on someone's behalf (mesa or paper): email optional, no anti-spam."""

    channel = forms.ChoiceField(
        label=_("Canal"),
        choices=[(Channel.MESA, Channel.MESA.label), (Channel.PAPER, Channel.PAPER.label)],
    )
    attachments = FinalStepForm.base_fields["attachments"]
    consent = forms.BooleanField(
        label=_("La persona aceptó el aviso de privacidad (firmado en papel o en la mesa)."),
        error_messages={"required": _("Confirme que la persona aceptó el aviso de privacidad.")},
    )

    mesa = forms.ModelChoiceField(
        label=_("Mesa en la que se recibió"),
        queryset=Mesa.objects.none(),
        required=False,
        empty_label=_("— Ninguna (formulario en papel) —"),
        help_text=_(
            "Obligatoria para el canal «Mesa de cocreación»: la mesa en la que la persona "
            "escribió la propuesta. Vacía para un formulario en papel."
        ),
        error_messages={"invalid_choice": _("Elija una de las mesas de la lista.")},
    )

    def __init__(self, *args, mesas=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The facilitator types for someone else: speak of that person, not to them.
        fields = self.fields
        if "mesa" in fields:
            # Only the mesas this person may enter proposals for (``proposals.enter_mesa``):
            # another mesa posted by hand is an invalid choice.
            fields["mesa"].queryset = mesas if mesas is not None else Mesa.objects.none()
        fields["proposer_type"].label = _("Propone como")
        fields["contact_name"].label = _("Nombre de quien propone")
        fields["contact_name"].error_messages["required"] = _("Escriba el nombre de quien propone.")
        fields["contact_email"].required = False
        fields["contact_email"].label = _("Correo electrónico (opcional)")
        fields["contact_email"].help_text = _(
            "Si la persona tiene correo, recibirá el código de seguimiento y la decisión."
        )
        fields["title"].help_text = _("Una frase que resuma la idea (entre 8 y 200 caracteres).")
        fields["organization_name"].help_text = _(
            "Si la persona propone en nombre de una organización, su nombre. Es público."
        )
        for name in ("started", "sitio_web"):
            del fields[name]

    def check_fill_time(self) -> bool:
        return True


class MesaProposalForm(StaffProposalForm):
    """The fast form of a mesa's facilitator: mesa, plan and channel are fixed by the page, and
    every label speaks of the proposer in the third person (the facilitator copies a sheet)."""

    FIELD_ORDER = (
        "title",
        "problem",
        "solution",
        "beneficiaries",
        "axis",
        "theme",
        "province",
        "canton",
        "proposer_type",
        "organization_name",
        "contact_name",
        "contact_email",
        "contact_phone",
        "gender",
        "age_range",
        "self_identification",
        "attachments",
        "consent",
        "token",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        del fields["channel"]
        del fields["mesa"]
        fields["title"].error_messages["required"] = _("Escriba el título de la propuesta.")
        fields["problem"].label = _("¿Qué problema quiere resolver la persona?")
        fields["problem"].help_text = _(
            "Copie lo que escribió: la situación actual y a quién afecta."
        )
        fields["problem"].error_messages["required"] = _(
            "Escriba el problema que plantea la persona."
        )
        fields["solution"].label = _("¿Qué propone la persona?")
        fields["solution"].help_text = _(
            "La solución que plantea, y qué institución podría llevarla adelante."
        )
        fields["solution"].error_messages["required"] = _(
            "Escriba la solución que propone la persona."
        )
        fields["beneficiaries"].label = _("¿A quién beneficiaría la propuesta?")
        fields["beneficiaries"].error_messages["required"] = _(
            "Indique a quién beneficiaría la propuesta."
        )
        fields["proposer_type"].error_messages["required"] = _(
            "Elija en calidad de qué propone la persona."
        )
        fields["contact_phone"].label = _("Teléfono de quien propone (opcional)")
        fields["contact_email"].label = _("Correo electrónico de quien propone (opcional)")
        fields["gender"].label = _("Género de quien propone (opcional)")
        fields["age_range"].label = _("Edad de quien propone (opcional)")
        fields["self_identification"].label = _("Autoidentificación de quien propone (opcional)")
        for name in ("gender", "age_range", "self_identification"):
            fields[name].choices = _choices_with_blank(
                fields[name].choices[1:], _("— No respondió —")
            )
        fields["consent"].label = _(
            "La persona aceptó el aviso de privacidad (firmó la hoja de la mesa)."
        )
        self.order_fields(self.FIELD_ORDER)


class MesaImportForm(forms.Form):
    archivo = forms.FileField(
        label=_("Archivo CSV"),
        help_text=_(
            "UTF-8, separado por comas o punto y coma, con la fila de encabezados de la "
            "plantilla. Hasta 300 filas y 1 MB."
        ),
        error_messages={
            "required": _("Elija el archivo CSV."),
            "empty": _("El archivo está vacío."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    consent = forms.BooleanField(
        label=_(
            "Todas las personas de este archivo aceptaron el aviso de privacidad (firmaron la "
            "hoja de la mesa)."
        ),
        error_messages={
            "required": _("Confirme que todas las personas aceptaron el aviso de privacidad.")
        },
    )


class PlanChoiceForm(forms.Form):
    plan = forms.ModelChoiceField(
        label=_("Plan de acción"),
        queryset=ActionPlan.objects.order_by("-number", "-version"),
        empty_label=None,
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Código de seguimiento"),
        max_length=40,
        help_text=_(
            "Son 16 letras y números, como ABCD-EFGH-JKMN-PQRS. Puede escribirlo en "
            "minúsculas, con o sin guiones."
        ),
        error_messages={
            "required": _("Escriba el código de seguimiento."),
            "max_length": _("El código tiene 16 caracteres (sin contar guiones)."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class RecoverForm(forms.Form):
    email = public_email_field(
        label=_("Correo electrónico"),
        help_text=_("La dirección que escribió al enviar sus propuestas."),
    )


class JoinForm(forms.Form):
    """«Sumarse» without an account: the address that will confirm the adhesion."""

    email = public_email_field(
        label=_("Su correo electrónico"),
        help_text=_(
            "Le enviaremos un enlace para confirmar. Su dirección no se publica: solo se "
            "muestra cuántas personas se sumaron."
        ),
    )


class ReportForm(forms.Form):
    """«Denunciar»: why a public proposal should be reviewed."""

    reason = forms.ChoiceField(
        label=_("Motivo"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Elija el motivo de la denuncia."),
            "invalid_choice": _("Elija uno de los motivos de la lista."),
        },
    )
    details = forms.CharField(
        label=_("Detalles (opcional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Solo lo lee el Grupo Núcleo. No escriba datos personales."),
        error_messages={"max_length": _("Use como máximo 1000 caracteres.")},
    )


class ReportReviewForm(forms.Form):
    """The Grupo Núcleo decides on a reported proposal."""

    decision = forms.ChoiceField(
        label=_("Decisión"),
        choices=[
            ("restaurar", _("Publicarla de nuevo")),
            ("mantener", _("Mantenerla oculta")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Elija una decisión.")},
    )
    reason = forms.CharField(
        label=_("Motivo (si sigue oculta; se envía a quien la propuso)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _response_field(help_text) -> forms.CharField:
    return forms.CharField(
        label=_("Respuesta razonada (pública)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=help_text,
    )


def _merged_into_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Número de la propuesta con la que se fusiona (solo al fusionar)"),
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("Escriba el número de la propuesta."),
            "min_value": _("Escriba el número de la propuesta."),
        },
    )


def _reason_field(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_(
            "Al menos 20 caracteres. Se publica en el historial de la propuesta; no escriba "
            "datos personales."
        ),
        error_messages={
            "required": _("Explique el motivo: se publica en el historial de la propuesta."),
            "max_length": _("Use como máximo %(limit_value)d caracteres."),
        },
    )


class _FinalDecisionForm(forms.Form):
    """Checks shared by deciding and correcting: a response with a final state, a target to
    merge into. The service checks the same; these only speak first, next to the field."""

    def _check_final(self, cleaned: dict) -> None:
        status = cleaned.get("to_status")
        response = (cleaned.get("response_text") or "").strip()
        if not status:
            return
        if status in DECISION_STATUSES:
            if not response:
                self.add_error(
                    "response_text",
                    ValidationError(
                        _(
                            "Escriba la respuesta razonada: toda decisión final explica "
                            "públicamente por qué se tomó."
                        ),
                        code="response_required",
                    ),
                )
            if status == Status.MERGED and not cleaned.get("merged_into"):
                self.add_error(
                    "merged_into",
                    ValidationError(
                        _("Indique el número de la propuesta con la que se fusiona."),
                        code="merge_target",
                    ),
                )
        elif response:
            self.add_error(
                "to_status",
                ValidationError(
                    _(
                        "Escribió una respuesta razonada, pero «%(status)s» no es una decisión "
                        "final y la respuesta no se guardaría. Elija una decisión final, o "
                        "borre la respuesta para solo avanzar el estado."
                    )
                    % {"status": Status(status).label},
                    code="response_without_decision",
                ),
            )

    def merge_target(self) -> Proposal | None:
        number = self.cleaned_data.get("merged_into")
        if not number or self.cleaned_data.get("to_status") != Status.MERGED:
            return None
        return Proposal.objects.filter(pk=number).first()


class DecisionForm(_FinalDecisionForm):
    """Decide an open proposal in one save, or only move it forward (no response then).

    No state is preselected: saving the form untouched must not move anything.
    """

    to_status = forms.ChoiceField(
        label=_("Nuevo estado"),
        choices=[],
        error_messages={
            "required": _("Elija el nuevo estado."),
            "invalid_choice": _("Elija un estado de la lista."),
        },
    )
    response_text = _response_field(
        _(
            "Obligatoria para no admitir, seleccionar, fusionar o no seleccionar. Se publica "
            "con su rol y la fecha; no escriba datos personales."
        )
    )
    merged_into = _merged_into_field()

    def __init__(self, *args, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        from .services import reachable_statuses

        self.fields["to_status"].choices = _choices_with_blank(
            [(s, Status(s).label) for s in reachable_statuses(proposal.status)],
            _("— Elija el nuevo estado —"),
        )

    @property
    def is_decision(self) -> bool:
        return self.cleaned_data.get("to_status") in DECISION_STATUSES

    def clean(self):
        cleaned = super().clean()
        self._check_final(cleaned)
        return cleaned


class CorrectionForm(_FinalDecisionForm):
    """Correct a final decision: a new final state and response, with a public reason."""

    to_status = forms.ChoiceField(
        label=_("Decisión corregida"),
        choices=_choices_with_blank(
            [(s.value, s.label) for s in Status if s in DECISION_STATUSES],
            _("— Elija la decisión —"),
        ),
        error_messages={
            "required": _("Elija la decisión corregida."),
            "invalid_choice": _("Elija una decisión de la lista."),
        },
    )
    response_text = _response_field(
        _("Obligatoria. Reemplaza la respuesta publicada; no escriba datos personales.")
    )
    merged_into = _merged_into_field()
    reason = _reason_field(_("Motivo de la corrección (público)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Distinct ids: the correction form shares the page with the other forms.
        self.auto_id = "corregir-%s"

    def clean(self):
        cleaned = super().clean()
        self._check_final(cleaned)
        return cleaned


class ReopenForm(forms.Form):
    """Reopen a final decision: the proposal goes back to "en evaluación"."""

    reason = _reason_field(_("Motivo para reabrir (público)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.auto_id = "reabrir-%s"


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo (interno)"),
        max_length=300,
        error_messages={"required": _("Indique el motivo de la ocultación.")},
    )


_BULK_ERRORS = {
    "invalid_pk_value": _("Selección no válida."),
    "invalid_choice": _("Selección no válida."),
}


class BulkActionForm(forms.Form):
    """The queue's bulk move: the marked rows, or every row of the page (``todas``, which works
    without JavaScript: the page posts its own ids in ``pagina_ids``)."""

    ids = BoundedModelMultipleChoiceField(
        queryset=Proposal.objects.all(), required=False, error_messages=_BULK_ERRORS
    )
    todas = forms.BooleanField(label=_("Todas las de esta página"), required=False)
    pagina_ids = BoundedModelMultipleChoiceField(
        queryset=Proposal.objects.all(), required=False, error_messages=_BULK_ERRORS
    )
    to_status = forms.ChoiceField(
        label=_("Mover a"),
        choices=[
            (Status.IN_REVIEW, Status.IN_REVIEW.label),
            (Status.IN_EVALUATION, Status.IN_EVALUATION.label),
        ],
    )

    def clean(self):
        data = super().clean()
        if data.get("todas") and data.get("pagina_ids"):
            data["ids"] = data["pagina_ids"]
        if not data.get("ids") and not self.has_error("ids") and not self.has_error("pagina_ids"):
            raise forms.ValidationError(_("Marque al menos una propuesta."), code="required")
        return data
