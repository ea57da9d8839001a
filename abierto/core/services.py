"""Writes shared by every app: the update helper and official-language text."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext

from . import audit


def model_update(
    *,
    instance: models.Model,
    data: Mapping[str, Any],
    fields: Iterable[str],
    extra_errors: Mapping[str, str] | None = None,
    applied: Mapping[str, list[Any]] | None = None,
) -> dict[str, list[Any]]:
    """Set the ``fields`` of ``instance`` that ``data`` changes, validate, save only those.

    Returns ``{field: [old, new]}`` of what changed (JSON-able, for the audit entry); ``{}``
    when nothing did, in which case nothing is saved. ``applied`` holds changes the caller
    already made on the instance (a replaced file): they are saved and reported with the rest.
    ``full_clean`` runs on the whole instance (fields with an entry in ``extra_errors`` are
    reported with that message instead), so a service cannot store what the model refuses.
    """
    changes: dict[str, list[Any]] = dict(applied or {})
    wanted = [name for name in fields if name in data]
    attnames = {name: getattr(instance._meta.get_field(name), "attname", name) for name in wanted}
    # Compare with what is stored, not with the object in memory: a ModelForm has already
    # copied the submitted values onto its instance when it validated.
    stored: dict[str, Any] = {}
    if instance.pk is not None and wanted:
        stored = (
            type(instance)._base_manager.filter(pk=instance.pk).values(*attnames.values()).first()
            or {}
        )
    for name in wanted:
        attname = attnames[name]
        old = stored.get(attname, getattr(instance, attname))
        new = data[name]
        new_value = new.pk if isinstance(new, models.Model) else new
        if old != new_value:
            setattr(instance, name, new)
            changes[name] = [audit._jsonable(old), audit._jsonable(new_value)]
    full_clean(instance, extra_errors=extra_errors)
    if changes and instance.pk is not None:
        update_fields = [instance._meta.get_field(n).name for n in changes]
        if any(f.name == "updated_at" for f in instance._meta.fields):
            update_fields.append("updated_at")
        instance.save(update_fields=update_fields)
    return changes


def full_clean(
    instance: models.Model,
    *,
    exclude: Iterable[str] | None = None,
    extra_errors: Mapping[str, str] | None = None,
) -> None:
    """``instance.full_clean()``, with rule messages of the service (``extra_errors``) taking
    the place of the model's own checks on those fields, so a person reads one clear message
    rather than a constraint's name."""
    errors: dict[str, list] = {}
    skip = set(exclude or ()) | set(extra_errors or {})
    try:
        instance.full_clean(exclude=skip or None)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    for name, message in (extra_errors or {}).items():
        errors.setdefault(name, []).append(message)
    if errors:
        raise ValidationError(errors)


def official_text(message: str, **params) -> str:
    """Text kept for everyone (mail subjects) in the official language.

    Whatever language the person acting chose, the shared record reads the same. Pass lazy
    labels (``Status.SELECTED.label``) rather than ``get_FOO_display()``, which is already
    evaluated in the actor's language.
    """
    with translation.override(settings.LANGUAGE_CODE):
        text = gettext(message)
        return text % {key: str(value) for key, value in params.items()} if params else text
