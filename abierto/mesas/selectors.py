"""Reads of the mesas app for pages: a fixed number of queries per page, no personal data
on the public side, and statistics only as aggregates with small groups suppressed."""

import calendar
import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from abierto.core.geo import Province
from abierto.core.permissions import allowed
from abierto.forum.models import Sector

from .models import (
    AgeRange,
    Attendance,
    AttendeeProfile,
    Disability,
    Ethnicity,
    Gender,
    Mesa,
    MesaStatus,
    PublishedParticipation,
    Registration,
    RegistrationStatus,
)

#: Groups smaller than this are shown as "<5" and never as a number.
MIN_GROUP = 5


def public_mesas() -> QuerySet[Mesa]:
    return (
        Mesa.objects.select_related("plan", "theme")
        .annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            )
        )
        .order_by("starts_at", "id")
    )


def split_schedule(
    queryset: QuerySet[Mesa], *, now: datetime.datetime | None = None
) -> tuple[QuerySet[Mesa], QuerySet[Mesa]]:
    """Upcoming mesas (soonest first), then the rest: held, cancelled or past (latest first)."""
    now = now or timezone.now()
    upcoming = Q(status=MesaStatus.SCHEDULED, ends_at__gte=now)
    return (
        queryset.filter(upcoming).order_by("starts_at", "id"),
        queryset.exclude(upcoming).order_by("-starts_at", "-id"),
    )


def mesa_detail(pk: int) -> Mesa | None:
    return (
        Mesa.objects.select_related("plan", "theme", "minutes")
        .prefetch_related("organizers", "supporters")
        .annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            ),
            waiting_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
        )
        .filter(pk=pk)
        .first()
    )


def plan_feed_mesas(plan) -> QuerySet[Mesa]:
    return Mesa.objects.filter(plan=plan).order_by("starts_at", "id")


# --- Month calendar ------------------------------------------------------------------------


@dataclass
class CalendarDay:
    date: datetime.date | None
    mesas: list[Mesa] = field(default_factory=list)
    is_today: bool = False


def month_grid(
    queryset: QuerySet[Mesa], *, year: int, month: int
) -> tuple[list[list[CalendarDay]], int]:
    """Weeks (Monday first) of the month, each day with its mesas (local dates).

    Returns ``(weeks, count)``; days outside the month have ``date=None``.
    """
    tz = timezone.get_current_timezone()
    first = datetime.datetime(year, month, 1, tzinfo=tz)
    days_in_month = calendar.monthrange(year, month)[1]
    after = first + datetime.timedelta(days=days_in_month)
    mesas = list(queryset.filter(starts_at__gte=first, starts_at__lt=after).order_by("starts_at"))
    by_day: dict[datetime.date, list[Mesa]] = {}
    for mesa in mesas:
        by_day.setdefault(timezone.localtime(mesa.starts_at, tz).date(), []).append(mesa)
    today = timezone.localdate()
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [
                CalendarDay(
                    date=day if day.month == month else None,
                    mesas=by_day.get(day, []) if day.month == month else [],
                    is_today=day == today,
                )
                for day in week
            ]
        )
    return weeks, len(mesas)


# --- Back office ---------------------------------------------------------------------------


def _managed_by(user) -> QuerySet[Mesa]:
    if allowed(user, "mesas.convene_mesa"):
        return Mesa.objects.all()
    return Mesa.objects.filter(facilitators=user)


def staff_mesas(user) -> QuerySet[Mesa]:
    """The mesas a person manages: all for the Grupo Núcleo, their own for a facilitator."""
    queryset = (
        _managed_by(user)
        .select_related("plan", "theme")
        .annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            ),
            waiting_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
            attendance_count=Count("attendances", distinct=True),
        )
    )
    return queryset.order_by("-starts_at", "-id")


def registrations_for(mesa: Mesa) -> QuerySet[Registration]:
    return mesa.registrations.select_related("attendance").order_by("created_at", "id")


def find_registrations(mesa: Mesa, query: str) -> list[Registration]:
    """Registrations of the mesa matching a name or a code (for the check-in screen)."""
    from abierto.core.codes import parse_code

    query = " ".join((query or "").split())[:100]
    if not query:
        return []
    code = parse_code(query)
    condition = Q(name__icontains=query) | Q(email__iexact=query)
    if code:
        condition |= Q(code=code)
    return list(
        mesa.registrations.filter(condition)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("attendance")
        .order_by("name", "id")[:20]
    )


# --- Participation statistics --------------------------------------------------------------


@dataclass
class Cell:
    key: str
    label: str
    count: int
    suppressed: bool = False

    @property
    def shown(self) -> str:
        return f"<{MIN_GROUP}" if self.suppressed else str(self.count)


@dataclass
class Dimension:
    slug: str
    title: Any
    cells: list[Cell]

    @property
    def max_shown(self) -> int:
        return max((c.count for c in self.cells if not c.suppressed), default=0)

    @property
    def bars(self) -> list[dict]:
        """Geometry of the server-drawn bar chart (viewBox units, 0-100 wide bars)."""
        top = self.max_shown or 1
        return [
            {
                "cell": cell,
                "y": index * 32,
                "width": 0 if cell.suppressed else round(cell.count * 100 / top, 1),
                "text_y": index * 32 + 20,
            }
            for index, cell in enumerate(self.cells)
        ]

    @property
    def height(self) -> int:
        return max(len(self.cells) * 32, 32)


def suppress(rows: list[tuple[str, str, int]]) -> list[Cell]:
    """Cells with counts under ``MIN_GROUP`` shown as "<5".

    When exactly one group is suppressed, the next smallest is suppressed too, so the hidden
    count cannot be recovered by subtracting the others from a total shown elsewhere.
    """
    cells = [Cell(key=k, label=str(label), count=n) for k, label, n in rows if n > 0]
    for cell in cells:
        cell.suppressed = cell.count < MIN_GROUP
    hidden = [c for c in cells if c.suppressed]
    visible = sorted((c for c in cells if not c.suppressed), key=lambda c: c.count)
    if len(hidden) == 1 and visible:
        visible[0].suppressed = True
    return cells


def _labelled(counts: dict[str, int], choices) -> list[tuple[str, str, int]]:
    rows = [(value, label, counts.get(value, 0)) for value, label in choices]
    if counts.get(""):
        rows.append(("", _("Sin respuesta"), counts[""]))
    return rows


def participation_stats(plan) -> dict:
    """Mesas held and people who took part in them, by province, theme and voluntary profile."""
    held = Mesa.objects.filter(plan=plan, status=MesaStatus.HELD)
    held_count = held.count()
    attendances = Attendance.objects.filter(mesa__plan=plan, mesa__status=MesaStatus.HELD)
    people = attendances.count()
    by_province = dict(attendances.values_list("mesa__province").annotate(n=Count("id")).order_by())
    by_theme_rows = list(
        attendances.values_list("mesa__theme_id", "mesa__theme__name")
        .annotate(n=Count("id"))
        .order_by("mesa__theme__order", "mesa__theme__name")
    )
    profiles = AttendeeProfile.objects.filter(mesa__plan=plan, mesa__status=MesaStatus.HELD)
    profile_fields = [
        ("genero", _("Género"), "gender", Gender.choices),
        ("edad", _("Edad"), "age_range", AgeRange.choices),
        ("actor", _("Participa como"), "actor_type", Sector.choices),
        ("autoidentificacion", _("Autoidentificación étnica"), "ethnicity", Ethnicity.choices),
        ("discapacidad", _("Discapacidad"), "disability", Disability.choices),
        ("residencia", _("Provincia donde vive"), "province", Province.choices),
    ]
    dimensions = [
        Dimension(
            slug="provincia",
            title=_("Personas por provincia de la mesa"),
            cells=suppress([(v, label, by_province.get(v, 0)) for v, label in Province.choices]),
        ),
        Dimension(
            slug="tema",
            title=_("Personas por tema de la mesa"),
            cells=suppress(
                [
                    (str(theme_id or ""), name or str(_("Sin tema (territoriales)")), n)
                    for theme_id, name, n in by_theme_rows
                ]
            ),
        ),
    ]
    answered = profiles.count()
    for slug, title, field_name, choices in profile_fields:
        counts = dict(profiles.values_list(field_name).annotate(n=Count("id")).order_by())
        dimensions.append(
            Dimension(slug=slug, title=title, cells=suppress(_labelled(counts, choices)))
        )
    return {
        "held_count": held_count,
        "people": people,
        "people_shown": people if people >= MIN_GROUP or people == 0 else f"<{MIN_GROUP}",
        "answered_shown": answered if answered >= MIN_GROUP or answered == 0 else f"<{MIN_GROUP}",
        "dimensions": dimensions,
        "published": list(PublishedParticipation.objects.filter(plan=plan).order_by("id")),
        "held_by_province": suppress_none(
            dict(held.values_list("province").annotate(n=Count("id")).order_by())
        ),
    }


def suppress_none(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Mesas held per province: mesas are public events, so no suppression applies."""
    labels = dict(Province.choices)
    return sorted(((str(labels.get(k, k)), n) for k, n in counts.items()), key=lambda r: r[0])


def staff_upcoming_count(user) -> int:
    """Scheduled mesas still to come that this person manages (for the dashboard card)."""
    return (
        _managed_by(user).filter(status=MesaStatus.SCHEDULED, ends_at__gte=timezone.now()).count()
    )


HELD_COUNT_KEY = "mesas:home:held"
PUBLISHED_FIGURE_KEY = "mesas:home:published"


def held_count() -> int:
    """Mesas held (home page figure), cached; services drop the key when a mesa is held."""
    from django.core.cache import cache

    from abierto.core.pagecache import reads

    reads(Mesa._meta.db_table)  # a page kept in the shared cache goes when a mesa changes
    count = cache.get(HELD_COUNT_KEY)
    if count is None:
        count = Mesa.objects.filter(status=MesaStatus.HELD).count()
        cache.set(HELD_COUNT_KEY, count, 600)
    return count


def latest_published_figure() -> tuple[int, int, str] | None:
    """(total, plan number, plan slug) of the latest plan's published participation figure
    (home page), cached; the service drops the key when a figure is saved."""
    from django.core.cache import cache

    from abierto.core.pagecache import reads

    reads(PublishedParticipation._meta.db_table)
    value = cache.get(PUBLISHED_FIGURE_KEY)
    if value is None:
        row = (
            PublishedParticipation.objects.order_by("-plan__number")
            .values_list("total", "plan__number", "plan__slug")
            .first()
        )
        value = list(row) if row else []
        cache.set(PUBLISHED_FIGURE_KEY, value, 600)
    return (value[0], value[1], value[2]) if value else None
