from django import forms
from django.utils.translation import gettext_lazy as _

from abierto.core.roles import ROLE_LABELS, Role
from abierto.forum.models import Organization


class AccountSearchForm(forms.Form):
    q = forms.CharField(label=_("Correo o nombre"), required=False, max_length=200)
    rol = forms.ChoiceField(
        label=_("Rol"),
        required=False,
        choices=[("", _("Todos"))] + [(r.value, ROLE_LABELS[r]) for r in Role],
    )


class AccountForm(forms.Form):
    full_name = forms.CharField(label=_("Nombre completo"), max_length=150, required=False)
    organization = forms.ModelChoiceField(
        label=_("Organización (enlaces institucionales)"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        empty_label=_("— Ninguna —"),
    )
    is_active = forms.BooleanField(label=_("Puede ingresar"), required=False)
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(r.value, ROLE_LABELS[r]) for r in Role],
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nombre del token"),
        max_length=80,
        help_text=_(
            "Para reconocerlo después: por ejemplo, el sistema de la institución que lo usa."
        ),
    )
