"""Writes of the forum app. Each one is atomic and leaves an ActionLog row."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from abierto.core.services import actionlog_record, official_text

from .csv_import import ImportCheck, check_organizations_csv
from .models import (
    ForumMeeting,
    ForumMembership,
    ForumRole,
    InterestTopic,
    Organization,
    name_key,
)


def _check(instance, extra: dict[str, str] | None = None) -> None:
    errors: dict[str, list] = {}
    try:
        instance.full_clean(exclude=set(extra or {}) or None)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    for field, message in (extra or {}).items():
        errors.setdefault(field, []).append(message)
    if errors:
        raise ValidationError(errors)


def duplicate_organization(name: str, *, exclude_pk: int | None = None) -> Organization | None:
    """The registered organisation with the same name, ignoring case and accents."""
    same = Organization.objects.filter(name_key=name_key(name))
    return (same.exclude(pk=exclude_pk) if exclude_pk else same).first()


def topic_get_or_create(*, actor, name: str) -> InterestTopic:
    name = " ".join(name.split())
    slug = slugify(name)[:120]
    topic = InterestTopic.objects.filter(slug=slug).first()
    if topic is None:
        topic = InterestTopic.objects.create(name=name, slug=slug)
        actionlog_record(
            actor=actor,
            verb="topic_create",
            target=topic,
            summary=official_text("Tema de interés añadido: %(name)s", name=name),
        )
    return topic


@transaction.atomic
def topic_save(*, actor, topic: InterestTopic | None = None, name: str) -> InterestTopic:
    created = topic is None
    topic = topic or InterestTopic()
    topic.name = " ".join(name.split())
    topic.slug = slugify(topic.name)[:120]
    _check(topic)
    topic.save()
    actionlog_record(
        actor=actor,
        verb="topic_create" if created else "topic_update",
        target=topic,
        summary=official_text("Tema de interés: %(name)s", name=topic.name),
    )
    return topic


@transaction.atomic
def organization_save(
    *,
    actor,
    organization: Organization | None = None,
    name: str,
    sector: str,
    acronym: str = "",
    level: str = "nacional",
    province: str = "",
    website: str = "",
    topics=(),
) -> Organization:
    """Register or change an organisation; a name already registered (ignoring case and
    accents) is refused."""
    created = organization is None
    org = organization or Organization()
    org.name, org.acronym, org.sector = " ".join(name.split()), acronym, sector
    org.level, org.province, org.website = level, province, website
    extra = {}
    duplicate = duplicate_organization(org.name, exclude_pk=org.pk)
    if duplicate is not None:
        extra["name"] = _("Ya existe una organización con ese nombre: «%(name)s».") % {
            "name": duplicate.name
        }
    _check(org, extra)
    org.save()
    org.topics.set(list(topics))
    actionlog_record(
        actor=actor,
        verb="organization_create" if created else "organization_update",
        target=org,
        summary=official_text(
            "Organización registrada: %(name)s"
            if created
            else "Organización actualizada: %(name)s",
            name=org.name,
        ),
    )
    return org


@transaction.atomic
def organizations_import(*, actor, data: bytes) -> tuple[ImportCheck, list[Organization]]:
    """Import organisations from CSV bytes: every row goes in, or none does.

    Returns the check (with a report per bad row) and the organisations created (empty when
    the file was refused).
    """
    check = check_organizations_csv(data)
    if not check.ok:
        return check, []
    created = []
    topics: dict[str, InterestTopic] = {}
    for row in check.rows:
        org = Organization(
            name=row.name,
            acronym=row.acronym,
            sector=row.sector,
            level=row.level,
            province=row.province,
            website=row.website,
        )
        org.save()
        wanted = []
        for topic_name in row.topics:
            slug = slugify(topic_name)[:120]
            if slug not in topics:
                topics[slug] = topic_get_or_create(actor=actor, name=topic_name)
            wanted.append(topics[slug])
        if wanted:
            org.topics.set(wanted)
        actionlog_record(
            actor=actor,
            verb="organization_import",
            target=org,
            summary=official_text(
                "Organización registrada por importación CSV: %(name)s", name=org.name
            ),
        )
        created.append(org)
    return check, created


def _term_errors(start: datetime.date | None, end: datetime.date | None) -> dict[str, str]:
    if start and end and end < start:
        return {
            "end_date": _(
                "El periodo termina antes de empezar: el fin debe ser igual o posterior al inicio."
            )
        }
    return {}


@transaction.atomic
def membership_save(
    *,
    actor,
    membership: ForumMembership | None = None,
    organization: Organization,
    role: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    person_name: str = "",
) -> ForumMembership:
    created = membership is None
    m = membership or ForumMembership()
    m.organization, m.role, m.person_name = organization, role, person_name.strip()
    m.start_date, m.end_date = start_date, end_date
    _check(m, _term_errors(start_date, end_date))
    m.save()
    actionlog_record(
        actor=actor,
        verb="membership_create" if created else "membership_update",
        target=m,
        summary=official_text(
            "Grupo Núcleo: %(org)s, %(role)s",
            org=organization.name,
            role=ForumRole(m.role).label,
        ),
    )
    return m


@transaction.atomic
def meeting_save(
    *,
    actor,
    meeting: ForumMeeting | None = None,
    date: datetime.date,
    title: str,
    agenda: str = "",
    minutes_url: str = "",
    minutes_file=None,
    attendance_count: int | None = None,
    plan=None,
    is_example: bool = False,
) -> ForumMeeting:
    created = meeting is None
    m = meeting or ForumMeeting()
    m.date, m.title, m.agenda, m.minutes_url = date, title, agenda, minutes_url
    m.attendance_count, m.plan, m.is_example = attendance_count, plan, is_example
    if minutes_file is not None:
        m.minutes_file = minutes_file
    _check(m)
    m.save()
    actionlog_record(
        actor=actor,
        verb="meeting_create" if created else "meeting_update",
        target=m,
        summary=official_text(
            "Reunión del Grupo Núcleo registrada: %(title)s"
            if created
            else "Reunión del Grupo Núcleo actualizada: %(title)s",
            title=title,
        ),
    )
    return m
