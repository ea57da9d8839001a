"""Reads of the forum app: the Grupo Núcleo page, the actors directory and its counts."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from abierto.core.geo import Province

from .models import ForumMeeting, ForumMembership, InterestTopic, Organization, Sector

#: OGP co-creation standard: the forum meets at least this often.
FORUM_MAX_DAYS_BETWEEN_MEETINGS = 180


def forum_memberships(*, day: datetime.date | None = None) -> QuerySet[ForumMembership]:
    """Memberships in force on ``day`` (today by default), with their organisation."""
    day = day or timezone.localdate()
    return (
        ForumMembership.objects.select_related("organization")
        .filter(start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .order_by("organization__sector", "organization__name_key", "role")
    )


def past_memberships(*, day: datetime.date | None = None) -> QuerySet[ForumMembership]:
    day = day or timezone.localdate()
    return (
        ForumMembership.objects.select_related("organization")
        .filter(end_date__lt=day)
        .order_by("-end_date", "organization__name_key")
    )


def members_by_sector(memberships) -> list[tuple[str | Promise, list[ForumMembership]]]:
    """Memberships grouped by the sector of their organisation, in the order of ``Sector``."""
    groups: dict[str, list[ForumMembership]] = {}
    for membership in memberships:
        groups.setdefault(membership.organization.sector, []).append(membership)
    return [(label, groups[value]) for value, label in Sector.choices if value in groups]


def forum_meetings() -> QuerySet[ForumMeeting]:
    return ForumMeeting.objects.select_related("plan").order_by("-date", "-id")


def last_meeting_date(*, day: datetime.date | None = None) -> datetime.date | None:
    """The date of the forum's latest meeting held on or before ``day``."""
    day = day or timezone.localdate()
    return ForumMeeting.objects.filter(date__lte=day).aggregate(last=Max("date"))["last"]


@dataclass(frozen=True)
class ForumActivity:
    last_meeting: datetime.date | None
    days_since: int | None
    overdue: bool

    @property
    def warning(self) -> str | None:
        if not self.overdue:
            return None
        if self.last_meeting is None:
            return _(
                "El Grupo Núcleo no tiene reuniones registradas; el estándar de OGP pide "
                "que el foro se reúna al menos cada seis meses."
            )
        return _(
            "El Grupo Núcleo no se reúne desde hace %(days)s días; el estándar de OGP pide "
            "reunirse al menos cada seis meses (%(max)s días)."
        ) % {"days": self.days_since, "max": FORUM_MAX_DAYS_BETWEEN_MEETINGS}


def forum_activity(*, day: datetime.date | None = None) -> ForumActivity:
    """Days since the last meeting and whether the forum is overdue (>= 180 days)."""
    day = day or timezone.localdate()
    last = last_meeting_date(day=day)
    days = (day - last).days if last else None
    overdue = days is None or days >= FORUM_MAX_DAYS_BETWEEN_MEETINGS
    return ForumActivity(last_meeting=last, days_since=days, overdue=overdue)


# --- Actors directory ---------------------------------------------------------------------


def organization_directory(
    *, sector: str = "", province: str = "", topic: str = ""
) -> QuerySet[Organization]:
    """Organisations matching the filters, with their topics (two queries per page)."""
    rows = Organization.objects.prefetch_related("topics").order_by("name_key")
    if sector:
        rows = rows.filter(sector=sector)
    if province:
        rows = rows.filter(province=province)
    if topic:
        rows = rows.filter(topics__slug=topic)
    return rows


def topic_choices() -> list[tuple[str, str]]:
    return list(InterestTopic.objects.order_by("name").values_list("slug", "name"))


@dataclass
class CountTable:
    sectors: list[tuple[str, str | Promise]]
    rows: list[tuple[str, list[int], int]]  # province label, count per sector, total
    totals: list[int]
    grand_total: int


def sector_province_counts(queryset: QuerySet[Organization] | None = None) -> CountTable:
    """Organisations counted by province (rows) and sector (columns), in one query.

    Provinces without organisations are left out; organisations without a province are
    counted under "Sin provincia (nacional)".
    """
    queryset = Organization.objects.all() if queryset is None else queryset
    counts: dict[tuple[str, str], int] = {}
    for row in queryset.order_by().values("province", "sector").annotate(n=Count("id")):
        counts[(row["province"], row["sector"])] = row["n"]
    sectors: list[tuple[str, str | Promise]] = list(Sector.choices)
    provinces = [(value, str(label)) for value, label in Province.choices]
    provinces.append(("", _("Sin provincia (alcance nacional o internacional)")))
    rows = []
    for value, label in provinces:
        cells = [counts.get((value, s), 0) for s, _label in sectors]
        if any(cells):
            rows.append((label, cells, sum(cells)))
    totals = [sum(r[1][i] for r in rows) for i in range(len(sectors))]
    return CountTable(sectors=sectors, rows=rows, totals=totals, grand_total=sum(totals))


def staff_overview() -> dict:
    """What the forum back office lists: memberships, meetings, organisations and topics."""
    return {
        "memberships": list(
            ForumMembership.objects.select_related("organization").order_by(
                "-start_date", "organization__name"
            )
        ),
        "meetings": list(forum_meetings()),
        "organizations": list(
            Organization.objects.order_by("name_key").only("id", "name", "acronym", "sector")
        ),
        "topics": list(InterestTopic.objects.order_by("name")),
        "activity": forum_activity(),
    }
