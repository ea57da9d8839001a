"""A base for state machines over the services: each example runs in a savepoint that is rolled
back at its end, after sealing and verifying the audit chain it wrote."""

from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis.stateful import RuleBasedStateMachine

from abierto.core import audit


class ServiceMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.refused = 0

    def attempt(self, call, **kwargs):
        """Call a service; a refusal (``ValidationError``) must leave everything as it was."""
        try:
            return call(**kwargs)
        except ValidationError:
            self.refused += 1
            return None

    def teardown(self):
        try:
            audit.seal_pending()
            assert audit.first_broken_link() is None, "la cadena de auditoría no verifica"
        finally:
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
