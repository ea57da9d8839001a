"""Writes of the forum app. Each one is atomic and leaves an ActionLog row."""

import datetime

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from abierto.core import audit
from abierto.core.services import full_clean, model_update
from abierto.core.uploads import check_upload

from .csv_import import ImportCheck, check_organizations_csv
from .models import ForumMeeting, ForumMembership, InterestTopic, Organization, name_key
from .verbs import (
    MEETING_CREATED,
    MEETING_UPDATED,
    MEMBERSHIP_CREATED,
    MEMBERSHIP_UPDATED,
    ORGANIZATION_CREATED,
    ORGANIZATION_IMPORTED,
    ORGANIZATION_UPDATED,
    TOPIC_CREATED,
    TOPIC_UPDATED,
)

MAX_MINUTES_BYTES = 15 * 1024 * 1024


def check_minutes_file(upload) -> None:
    """The minutes of a meeting: a PDF (by content and name) of at most 15 MB."""
    check_upload(upload, kinds={"pdf"}, max_bytes=MAX_MINUTES_BYTES, match_name=True)


def duplicate_organization(name: str, *, exclude_pk: int | None = None) -> Organization | None:
    """The registered organisation with the same name, ignoring case and accents."""
    same = Organization.objects.filter(name_key=name_key(name))
    return (same.exclude(pk=exclude_pk) if exclude_pk else same).first()


def topic_get_or_create(*, actor, name: str) -> InterestTopic:
    name = " ".join(name.split())
    slug = slugify(name)[:120]
    topic = InterestTopic.objects.filter(slug=slug).first()
    if topic is None:
        topic = InterestTopic(name=name, slug=slug)
        full_clean(topic)
        topic.save()
        audit.record(actor=actor, verb=TOPIC_CREATED, target=topic, data={"name": name})
    return topic


@transaction.atomic
def topic_save(*, actor, topic: InterestTopic | None = None, name: str) -> InterestTopic:
    name = " ".join(name.split())
    data = {"name": name, "slug": slugify(name)[:120]}
    if topic is None:
        topic = InterestTopic(**data)
        full_clean(topic)
        topic.save()
        audit.record(actor=actor, verb=TOPIC_CREATED, target=topic, data={"name": name})
        return topic
    changes = model_update(instance=topic, data=data, fields=["name", "slug"])
    audit.record(actor=actor, verb=TOPIC_UPDATED, target=topic, changes=changes)
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
    data = {
        "name": " ".join(name.split()),
        "acronym": acronym,
        "sector": sector,
        "level": level,
        "province": province,
        "website": website,
    }
    extra = {}
    duplicate = duplicate_organization(data["name"], exclude_pk=getattr(organization, "pk", None))
    if duplicate is not None:
        extra["name"] = _("Ya existe una organización con ese nombre: «%(name)s».") % {
            "name": duplicate.name
        }
    if organization is None:
        org = Organization(**data)
        full_clean(org, extra_errors=extra)
        org.save()
        org.topics.set(list(topics))
        audit.record(actor=actor, verb=ORGANIZATION_CREATED, target=org, data={"name": org.name})
        return org
    org = organization
    changes = model_update(instance=org, data=data, fields=list(data), extra_errors=extra)
    old_topics = sorted(org.topics.values_list("name", flat=True))
    org.topics.set(list(topics))
    new_topics = sorted(org.topics.values_list("name", flat=True))
    if old_topics != new_topics:
        changes["topics"] = [old_topics, new_topics]
    audit.record(actor=actor, verb=ORGANIZATION_UPDATED, target=org, changes=changes)
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
        full_clean(org)
        org.save()
        wanted = []
        for topic_name in row.topics:
            slug = slugify(topic_name)[:120]
            if slug not in topics:
                topics[slug] = topic_get_or_create(actor=actor, name=topic_name)
            wanted.append(topics[slug])
        if wanted:
            org.topics.set(wanted)
        audit.record(actor=actor, verb=ORGANIZATION_IMPORTED, target=org, data={"name": org.name})
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
    data = {
        "organization": organization,
        "role": role,
        "person_name": person_name.strip(),
        "start_date": start_date,
        "end_date": end_date,
    }
    errors = _term_errors(start_date, end_date)
    if membership is None:
        m = ForumMembership(**data)
        full_clean(m, extra_errors=errors)
        m.save()
        audit.record(
            actor=actor,
            verb=MEMBERSHIP_CREATED,
            target=m,
            data={"organization": organization.name, "role": role},
        )
        return m
    changes = model_update(instance=membership, data=data, fields=list(data), extra_errors=errors)
    audit.record(actor=actor, verb=MEMBERSHIP_UPDATED, target=membership, changes=changes)
    return membership


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
    is_example: bool | None = None,
) -> ForumMeeting:
    data = {
        "date": date,
        "title": title,
        "agenda": agenda,
        "minutes_url": minutes_url,
        "attendance_count": attendance_count,
        "plan": plan,
    }
    if is_example is not None:  # only the demo loader marks example data
        data["is_example"] = is_example
    if minutes_file is not None:
        check_minutes_file(minutes_file)
    if meeting is None:
        m = ForumMeeting(**data)
        if minutes_file is not None:
            m.minutes_file = minutes_file
        full_clean(m)
        m.save()
        audit.record(actor=actor, verb=MEETING_CREATED, target=m, data={"title": title})
        return m
    file_changes = {}
    if minutes_file is not None:
        meeting.minutes_file = minutes_file
        file_changes = {"minutes_file": [bool(meeting.pk and meeting.minutes_file), True]}
        meeting.save()
    changes = {**model_update(instance=meeting, data=data, fields=list(data)), **file_changes}
    audit.record(actor=actor, verb=MEETING_UPDATED, target=meeting, changes=changes)
    return meeting
