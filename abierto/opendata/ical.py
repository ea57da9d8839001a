"""iCalendar (RFC 5545) for the stages of the plans: subscribe once, see every announced stage.

Written by hand (it is small): CRLF line ends, lines folded at 75 octets, TEXT values escaped,
one ``UID`` per stage that never changes, ``DTSTAMP`` in UTC, all-day events whose ``DTEND``
is the day after the stage's last day (the end is exclusive in iCalendar).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from abierto.core.text import printable
from abierto.plans.models import Stage


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
    """Split a content line into 75-octet pieces (continuations start with a space), never
    inside a UTF-8 character."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    pieces: list[str] = []
    current = ""
    limit = 75
    for char in line:
        if len((current + char).encode()) > limit:
            pieces.append(current)
            current = char
            limit = 74  # the leading space of a continuation line counts
        else:
            current += char
    pieces.append(current)
    return "\r\n ".join(pieces)


def _date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def calendar(stages: Iterable[Stage], *, name: str) -> str:
    host = urlsplit(settings.ABIERTO_SITE_URL).hostname or "abierto"
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Abierto//Etapas de los planes de acción//ES",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{settings.TIME_ZONE}",
    ]
    for stage in stages:
        plan_url = settings.ABIERTO_SITE_URL + reverse(
            "plans:detail", kwargs={"slug": stage.plan.slug}
        )
        description = stage.description
        if stage.responsible:
            description = f"{description}\n\nResponsable: {stage.responsible}".strip()
        lines += [
            "BEGIN:VEVENT",
            f"UID:etapa-{stage.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_date(stage.start_date)}",
            f"DTEND;VALUE=DATE:{_date(stage.end_date + datetime.timedelta(days=1))}",
            f"SUMMARY:{escape_text(f'{stage.name} ({stage.plan.title})')}",
            f"DESCRIPTION:{escape_text(description)}",
            f"URL:{plan_url}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
