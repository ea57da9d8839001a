"""One typed layer for query strings: every list parses its parameters with a FilterSet.

Parameter names are Spanish everywhere (``plan, eje, tema, provincia, estado, canal, q,
despues, antes, ultima, pagina``). A value that makes no sense (a number too large for the
database, ``²``, ``abc``, a null byte, a choice that does not exist, 5,000 characters) is
ignored and named on the page (``ListFilterSet.ignored``), never a 500 and never an empty
list for a typo. Pages read the values through ``ListFilterSet.cleaned``; lists whose
filtering lives in a selector (cached counts, seek pagination) take those values, the others
use the FilterSet's ``qs``.
"""

import re
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

#: Largest id a database column holds (a signed 64-bit integer); larger overflows on SQLite.
MAX_ID = 2**63 - 1
_ASCII_NUMBER = re.compile(r"[0-9]{1,19}")
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


def bounded_int(value: Any, *, minimum: int = 1, maximum: int = MAX_ID) -> int | None:
    """The integer written in ``value`` (ASCII digits only, within bounds), or None."""
    text = str(value or "").strip()
    if not _ASCII_NUMBER.fullmatch(text):  # not ``²`` nor ``١٢``, which int() would read
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None


def clean_slug(value: Any) -> str:
    """``value`` if it could be a slug (no null byte, no 5,000 characters), else ``""``."""
    text = str(value or "").strip()
    return text if _SLUG.fullmatch(text) else ""


class BoundedIntegerField(forms.Field):
    """A positive whole number that fits the database (1..2^63-1), written in ASCII digits."""

    default_error_messages = {"invalid": _("Escriba un número entero positivo.")}

    def __init__(self, *, min_value: int = 1, max_value: int = MAX_ID, **kwargs):
        self.min_value, self.max_value = min_value, max_value
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = bounded_int(value, minimum=self.min_value, maximum=self.max_value)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class BoundedIntegerFilter(django_filters.Filter):
    """An id or a count from the query string (see ``BoundedIntegerField``)."""

    field_class = BoundedIntegerField


class TextFilter(django_filters.CharFilter):
    """Free text (a search): at most ``max_length`` characters; a null byte is refused by
    Django's CharField itself."""

    def __init__(self, *args, max_length: int = 200, **kwargs):
        kwargs.setdefault("max_length", max_length)
        super().__init__(*args, **kwargs)


def _unchanged(queryset: QuerySet, _name: str, _value: Any) -> QuerySet:
    return queryset


class PageFilter(BoundedIntegerFilter):
    """A page number or a seek cursor: parsed and validated here, applied by the page."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("method", _unchanged)
        kwargs.setdefault("label", _("Página"))
        super().__init__(*args, **kwargs)


class FlagFilter(django_filters.ChoiceFilter):
    """A switch written ``=1`` (e.g. ``ultima=1``), applied by the page."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("method", _unchanged)
        kwargs.setdefault("choices", [("1", "1")])
        super().__init__(*args, **kwargs)


class ListFilterSet(django_filters.FilterSet):
    """A FilterSet whose bad values are ignored and named, never an error page."""

    def __init__(self, data=None, queryset=None, **kwargs):
        # Unbound without any parameter, so an empty query string counts as "no filter".
        super().__init__(data or None, queryset=queryset, **kwargs)

    @property
    def ignored(self) -> list[str]:
        """Labels of the parameters whose value was not understood (and so not applied)."""
        if not self.is_bound:
            return []
        return [str(self.form.fields[name].label) for name in self.form.errors]

    @property
    def cleaned(self) -> dict[str, Any]:
        """Every filter's value by field name; ``None`` (or ``""`` for text) when not given
        or not understood."""
        data: dict[str, Any] = {}
        if self.is_bound:
            self.form.is_valid()  # fills cleaned_data with every value that made sense
            data = self.form.cleaned_data
        values = {}
        for name, flt in self.filters.items():
            value = data.get(name)
            if value in (None, ""):
                value = "" if isinstance(flt, django_filters.CharFilter) else None
            values[flt.field_name] = value
        return values

    @property
    def form_fields(self) -> list:
        """The bound fields a person fills in (pages and cursors travel in links)."""
        return [
            self.form[name]
            for name, flt in self.filters.items()
            if not isinstance(flt, PageFilter | FlagFilter)
        ]

    @property
    def active(self) -> bool:
        """Some filter of the list (not a page or cursor) is applied."""
        cleaned = self.cleaned
        return any(
            cleaned[flt.field_name] not in (None, "")
            for flt in self.filters.values()
            if not isinstance(flt, PageFilter | FlagFilter)
        )


ALL = _("Todos")


def choice_filter(choices, *, label, empty_label=ALL, **kwargs):
    """A choice among ``choices``; anything else is ignored and named."""
    return django_filters.ChoiceFilter(
        choices=choices, label=label, empty_label=empty_label, **kwargs
    )


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's ModelMultipleChoiceField, with ids checked for the database's range first:
    ``pk__in=[9223372036854775808]`` overflows on SQLite (a 500) instead of being refused."""

    def _check_values(self, value):
        if not self.to_field_name:
            for pk in value:
                if bounded_int(pk) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)
