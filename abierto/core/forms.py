"""Form helpers shared by every app."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def add_service_errors(form, exc: ValidationError) -> None:
    """Show a service's ``ValidationError`` on the form that sent the data.

    A rule only the service can check (a slug taken meanwhile, a transition no longer allowed)
    lands on its field when the form has one, else at the top of the form; what the user typed
    stays in the form.
    """
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


class DateInput(forms.DateInput):
    """A native date picker that also reads back what the form showed (ISO dates)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def public_email_field(*, label: str, help_text: str) -> forms.EmailField:
    """The email field of a public form (lost codes, «Sumarse»): the same Spanish errors, the
    browser's email keyboard and autofill, no spell checking; only the label and the help
    text say what the address is for."""
    return forms.EmailField(
        label=label,
        max_length=254,
        help_text=help_text,
        error_messages={
            "required": _("Escriba su dirección de correo electrónico."),
            "invalid": _("Escriba una dirección de correo válida, como nombre@ejemplo.org."),
            "max_length": _("La dirección es demasiado larga."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
