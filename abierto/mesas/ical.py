"""iCalendar (RFC 5545) for mesas, written by hand: small, exact and without a dependency.

Lines end in CRLF and are folded at 75 octets (without splitting a UTF-8 character); text
values escape backslash, semicolon, comma and newlines; times are in UTC (``Z``), so no
VTIMEZONE is needed; each event keeps a stable UID and a SEQUENCE that grows when the mesa's
date, place or link changes, so calendar apps update the event instead of duplicating it.
Nothing personal goes in: the feed is public. Neither does a virtual mesa's session link,
which registered people receive by mail (so the number of places means something).
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from abierto.core.text import printable

from .models import Mesa, MesaStatus

PRODID = "-//Abierto//Mesas de cocreacion//ES"


def escape_text(value: str) -> str:
    return (
        printable(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets; continuation lines start with one space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    limit = 75
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
            limit = 74  # the leading space of a continuation line counts
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def utc_stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(mesa: Mesa, *, site: str, host: str) -> list[str]:
    location_parts = []
    if mesa.has_venue:
        location_parts = [p for p in (mesa.venue_address, mesa.city) if p]
        location_parts.append(mesa.get_province_display())
    description = mesa.description or ""
    if mesa.accessibility_notes:
        description = f"{description}\n\n{mesa.accessibility_notes}".strip()
    if mesa.status == MesaStatus.CANCELLED:
        description = f"{mesa.cancellation_reason}\n\n{description}".strip()
    lines = [
        "BEGIN:VEVENT",
        f"UID:{mesa.uid}@{host}",
        f"DTSTAMP:{utc_stamp(mesa.updated_at or timezone.now())}",
        f"DTSTART:{utc_stamp(mesa.starts_at)}",
        f"DTEND:{utc_stamp(mesa.ends_at)}",
        f"SEQUENCE:{mesa.sequence}",
        f"SUMMARY:{escape_text(mesa.title)}",
        f"STATUS:{'CANCELLED' if mesa.status == MesaStatus.CANCELLED else 'CONFIRMED'}",
        f"URL:{site}{mesa.get_absolute_url()}",
    ]
    if location_parts:
        lines.append(f"LOCATION:{escape_text(', '.join(location_parts))}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    lines.append("END:VEVENT")
    return lines


def calendar(mesas: Iterable[Mesa], *, name: str) -> str:
    """A whole VCALENDAR with one VEVENT per mesa, CRLF line endings, folded lines."""
    site = settings.ABIERTO_SITE_URL
    host = site.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "abierto"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{settings.TIME_ZONE}",
    ]
    for mesa in mesas:
        lines.extend(_event(mesa, site=site, host=host))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
