"""Audit verbs of the content app."""

from django.utils.translation import gettext_lazy as _

from abierto.core.audit import Verb

PAGE_CREATED = Verb("page.created", _("Página publicada."))
PAGE_UPDATED = Verb("page.updated", _("Página actualizada."))
DOCUMENT_CREATED = Verb("document.created", _("Documento publicado."))
DOCUMENT_UPDATED = Verb("document.updated", _("Documento actualizado."))

VERBS = [PAGE_CREATED, PAGE_UPDATED, DOCUMENT_CREATED, DOCUMENT_UPDATED]
