"""Rules of the co-creation calendar, kept in one place so forms, services and pages agree.

Stage dates
-----------
* A stage ends on or after the day it starts.
* Stages are numbered in the order they start: stage *n* never starts before stage *n - 1*
  starts, nor after stage *n + 1* starts. Overlaps are allowed (in Ecuador's second plan the
  mesas of stage 3, Jul-Aug 2022, ran while stage 2 still received proposals, May-Aug 2022).
* A stage lies in the plan's window: it ends no later than the plan's period ends and starts at
  most ``COCREATION_LEAD_DAYS`` before the period starts, because co-creation happens before
  the implementation period the plan is named after (stage 1 of the 2022-2024 plan began in
  October 2021).

OGP co-creation standard
------------------------
* The timeline of each stage is announced at least ``MIN_NOTICE_DAYS`` before it starts.
* The forum meets often enough: ``forum.selectors.FORUM_MAX_DAYS_BETWEEN_MEETINGS``.
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

COCREATION_LEAD_DAYS = 730
MIN_NOTICE_DAYS = 14
WEIGHTS_TOTAL = 100


def stage_date_errors(
    *,
    plan,
    number: int | None,
    start: datetime.date | None,
    end: datetime.date | None,
    siblings,
) -> dict[str, str]:
    """Problems with a stage's dates, by field name (empty when the dates are acceptable).

    ``siblings`` are the plan's other stages (the one being edited left out).
    """
    errors: dict[str, str] = {}
    if start is None or end is None:
        return errors
    if end < start:
        errors["end_date"] = _(
            "La etapa termina antes de empezar: el fin debe ser igual o posterior al inicio."
        )
    if plan is not None:
        earliest = plan.start_date - datetime.timedelta(days=COCREATION_LEAD_DAYS)
        if start < earliest:
            errors["start_date"] = _(
                "La etapa empieza demasiado pronto: puede empezar como muy temprano el "
                "%(date)s (dos años antes del periodo del plan)."
            ) % {"date": date_format(earliest)}
        if end > plan.end_date:
            errors.setdefault(
                "end_date",
                _("La etapa termina después del periodo del plan (%(date)s).")
                % {"date": date_format(plan.end_date)},
            )
    if number is not None and "start_date" not in errors:
        for other in siblings:
            if other.number < number and start < other.start_date:
                errors["start_date"] = _(
                    "La etapa %(number)s no puede empezar antes que la etapa %(other)s "
                    "(%(date)s): las etapas se numeran en el orden en que empiezan."
                ) % {
                    "number": number,
                    "other": other.number,
                    "date": date_format(other.start_date),
                }
                break
            if other.number > number and start > other.start_date:
                errors["start_date"] = _(
                    "La etapa %(number)s no puede empezar después que la etapa %(other)s "
                    "(%(date)s): las etapas se numeran en el orden en que empiezan."
                ) % {
                    "number": number,
                    "other": other.number,
                    "date": date_format(other.start_date),
                }
                break
    return errors


def notice_days(stage) -> int | None:
    """Days between a stage's announcement and its start (None when not announced)."""
    if stage.announced_on is None:
        return None
    return (stage.start_date - stage.announced_on).days


def stage_notice_too_short(stage) -> bool:
    days = notice_days(stage)
    return days is not None and days < MIN_NOTICE_DAYS
