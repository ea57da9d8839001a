"""Public pages of the forum app: the Grupo Núcleo and the actors directory."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from abierto.core.pagecache import shared_page

from . import selectors
from .filters import ActorFilter
from .models import ForumMeeting

ACTORS_PER_PAGE = 50


@shared_page
def forum(request):
    memberships = list(selectors.forum_memberships())
    return render(
        request,
        "forum/forum.html",
        {
            "groups": selectors.members_by_sector(memberships),
            "organization_count": len({m.organization_id for m in memberships}),
            # A column of dashes says nothing: shown once at least one seat names its holder.
            "show_representative": any(m.person_name for m in memberships),
            "past": list(selectors.past_memberships()[:50]),
            "meetings": list(selectors.forum_meetings()),
            "activity": selectors.forum_activity(),
        },
    )


@shared_page
def actors(request):
    params = ActorFilter(request.GET)
    rows = selectors.organization_directory(**params.selector_filters())
    page = Paginator(rows, ACTORS_PER_PAGE).get_page(params.cleaned["pagina"])
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "forum/actors.html",
        {
            "fields": params.form_fields,
            "ignored": params.ignored,
            "page": page,
            "filtered": params.active,
            "query": query.urlencode(),
            "counts": selectors.sector_province_counts(),
        },
    )


def meeting_minutes(request, pk: int):
    """The uploaded minutes of a meeting (public documents, served through this view)."""
    meeting = get_object_or_404(ForumMeeting, pk=pk)
    if not meeting.minutes_file:
        raise Http404
    try:
        handle = meeting.minutes_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle, content_type="application/pdf", filename=f"acta-{meeting.date:%Y-%m-%d}.pdf"
    )
