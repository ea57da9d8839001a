"""How a public history row reads in the visitor's language.

``ActionLog.summary`` is written once, in Spanish (the official language), and is covered by
the hash chain, so it is never rewritten. Apps register a translatable label for each verb
that appears on public histories; a visitor who chose another language reads that label, and
Spanish readers read the full summary.
"""

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import get_language

VERB_LABELS: dict[str, Promise | str] = {}


def register_history_verbs(labels: dict[str, Promise | str]) -> None:
    """Called from an app's ``AppConfig.ready`` with ``{verb: gettext_lazy(label)}``."""
    VERB_LABELS.update(labels)


def history_line(row) -> str:
    """The text of one public history row for the active language."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language != settings.LANGUAGE_CODE and row.verb in VERB_LABELS:
        return str(VERB_LABELS[row.verb])
    return row.summary or row.verb
