"""Form helpers shared by every app."""

from django import forms
from django.core.exceptions import ValidationError


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
