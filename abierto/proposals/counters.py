"""The counts of public proposals kept in ``ProposalCount`` (see the model for its roll-up).

``proposal_stored`` is called by the one place the services write a proposal row
(``services._store``), in the same transaction: it turns the row's counted fields before and
after the write into +1/-1 changes of a few counter rows and applies them in one upsert
(``INSERT ... ON CONFLICT DO UPDATE SET n = n + excluded.n``, SQLite 3.24+ and PostgreSQL),
so concurrent writers never lose a change nor create a key twice: the unique key decides.
``expected_counts``, ``differences`` and ``rebuild`` are for operations
(``manage.py proposal_counts``), the tests and the bench's bulk filler.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection, transaction
from django.db.models import Count

from .models import Proposal, ProposalCount

#: The proposal fields that decide where (and whether) a proposal counts.
COUNTED_FIELDS = frozenset({"plan", "axis", "theme", "status", "province", "channel", "is_hidden"})
#: The same, as columns (``values()`` names).
_COLUMNS = ("plan_id", "axis_id", "theme_id", "status", "province", "channel", "is_hidden")
#: A counter row's key, in the order of the unique constraint ``proposal_count_key``.
KEY = ("axis_id", "theme_id", "plan_id", "status", "province", "channel")
Key = tuple[int, int, int, str, str, str]


def columns(fields: Iterable[str]) -> list[str]:
    """The columns of counted ``fields`` (``plan`` -> ``plan_id``)."""
    return [Proposal._meta.get_field(name).attname for name in fields]


def state_of(proposal: Proposal) -> dict[str, Any]:
    """The counted columns of ``proposal`` as it is in memory."""
    return {column: getattr(proposal, column) for column in _COLUMNS}


def stored_state(pk: int) -> dict[str, Any] | None:
    """The counted columns of the stored row (the services hold its lock)."""
    return Proposal.objects.filter(pk=pk).values(*_COLUMNS).first()


def keys_of(state: Mapping[str, Any] | None) -> list[Key]:
    """The counter rows a proposal in ``state`` adds 1 to: none while hidden."""
    if state is None or state["is_hidden"]:
        return []
    rest = (state["plan_id"], str(state["status"]), str(state["province"]), str(state["channel"]))
    keys: list[Key] = [(0, 0, *rest)]
    if state["axis_id"]:
        keys.append((state["axis_id"], 0, *rest))
    if state["theme_id"]:
        keys.append((0, state["theme_id"], *rest))
    return keys


def proposal_stored(*, before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> None:
    """A proposal row went from ``before`` (None: it did not exist) to ``after``."""
    changes: Counter[Key] = Counter()
    for key in keys_of(before):
        changes[key] -= 1
    for key in keys_of(after):
        changes[key] += 1
    add({key: n for key, n in changes.items() if n})


def add(changes: Mapping[Key, int]) -> None:
    """Add ``n`` to the row of each key (created when missing), in one statement.

    Keys in a fixed order, so two writes of one proposal each lock shared rows in the same
    order. A transaction that writes many proposals (a CSV import, a round's publication)
    holds their rows until it commits: on PostgreSQL two such transactions on the same plan
    may lock two rows in opposite orders, and the database then cancels one of them
    (deadlock detected; nothing half-written, the import or publication is run again).
    """
    if not changes:
        return
    quote = connection.ops.quote_name
    table, n = quote(ProposalCount._meta.db_table), quote("n")
    key_columns = ", ".join(quote(c) for c in KEY)
    items = sorted(changes.items())
    rows = ", ".join(["(" + ", ".join(["%s"] * (len(KEY) + 1)) + ")"] * len(items))
    # Only this model's quoted names are formatted in; every value is a parameter.
    sql = (
        f"INSERT INTO {table} ({key_columns}, {n}) VALUES {rows} "  # noqa: S608
        f"ON CONFLICT ({key_columns}) DO UPDATE SET {n} = {table}.{n} + excluded.{n}"
    )
    params = [value for key, delta in items for value in (*key, delta)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


# --- Operations: what the table should say, the differences, the rebuild --------------------


def expected_counts() -> dict[Key, int]:
    """The counts as GROUP BYs over the public proposals give them (one per roll-up level)."""
    public = Proposal.objects.filter(is_hidden=False).order_by()
    rest = ("plan_id", "status", "province", "channel")
    expected: dict[Key, int] = {}
    for level in ((), ("axis_id",), ("theme_id",)):
        rows = public
        for column in level:
            rows = rows.filter(**{f"{column}__isnull": False})
        for row in rows.values_list(*level, *rest).annotate(total=Count("id")):
            axis_id = row[0] if level == ("axis_id",) else 0
            theme_id = row[0] if level == ("theme_id",) else 0
            expected[(axis_id, theme_id, *row[len(level) : -1])] = row[-1]
    return expected


def stored_counts() -> dict[Key, int]:
    """The counter table, without its rows at 0."""
    return {
        (*row[:-1],): row[-1]  # type: ignore[misc]
        for row in ProposalCount.objects.exclude(n=0).values_list(*KEY, "n")
    }


def differences() -> list[tuple[Key, int, int]]:
    """``(key, stored, expected)`` for every key where the table and the proposals disagree,
    both read in one snapshot (PostgreSQL: REPEATABLE READ when not inside a transaction
    already; SQLite: one transaction)."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        stored = stored_counts()
        expected = expected_counts()
    return [
        (key, stored.get(key, 0), expected.get(key, 0))
        for key in sorted(stored.keys() | expected.keys())
        if stored.get(key, 0) != expected.get(key, 0)
    ]


@transaction.atomic
def rebuild() -> int:
    """Rewrite the table from the proposals; returns the number of rows written.

    On PostgreSQL the proposals table is locked against writes meanwhile (SHARE: reads go
    on), so no service's change falls between the count and the write; SQLite's IMMEDIATE
    transactions already hold the only write lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(Proposal._meta.db_table)
            cursor.execute(f"LOCK TABLE {table} IN SHARE MODE")
    ProposalCount.objects.all().delete()
    rows = [
        ProposalCount(**dict(zip(KEY, key, strict=True)), n=n)
        for key, n in sorted(expected_counts().items())
    ]
    ProposalCount.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def describe(key: Iterable[Any]) -> str:
    """A key as operations read it: ``plan=3 eje=- tema=5 estado=recibida ...``."""
    axis_id, theme_id, plan_id, status, province, channel = key
    return (
        f"plan={plan_id} eje={axis_id or '-'} tema={theme_id or '-'} estado={status} "
        f"provincia={province} canal={channel}"
    )
