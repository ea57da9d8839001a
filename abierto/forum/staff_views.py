"""Back office of the forum app (/gestion/foro/): forum members and administrators."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from abierto.core.forms import add_service_errors
from abierto.core.permissions import permission_required

from . import selectors, services
from .forms import (
    MeetingForm,
    MembershipForm,
    OrganizationForm,
    OrganizationImportForm,
    TopicForm,
)
from .models import ForumMeeting, ForumMembership, InterestTopic, Organization


@permission_required("forum.manage")
def index(request):
    return render(request, "forum/staff/index.html", selectors.staff_overview())


def _edit(request, *, form, save, title, **save_kwargs):
    if request.method == "POST" and form.is_valid():
        try:
            save(actor=request.user, **save_kwargs, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Cambios guardados."))
            return redirect("staff:forum_index")
    return render(request, "forum/staff/form.html", {"form": form, "title": title})


@permission_required("forum.manage")
def organization_edit(request, pk: int | None = None):
    org = get_object_or_404(Organization, pk=pk) if pk else None
    form = OrganizationForm(request.POST or None, instance=org)
    title = _("Editar organización") if org else _("Nueva organización")
    return _edit(request, form=form, save=services.organization_save, title=title, organization=org)


@permission_required("forum.manage")
def topic_edit(request, pk: int | None = None):
    topic = get_object_or_404(InterestTopic, pk=pk) if pk else None
    form = TopicForm(request.POST or None, instance=topic)
    title = _("Editar tema de interés") if topic else _("Nuevo tema de interés")
    return _edit(request, form=form, save=services.topic_save, title=title, topic=topic)


@permission_required("forum.manage")
def membership_edit(request, pk: int | None = None):
    membership = get_object_or_404(ForumMembership, pk=pk) if pk else None
    form = MembershipForm(request.POST or None, instance=membership)
    title = (
        _("Editar miembro del Grupo Núcleo") if membership else _("Nuevo miembro del Grupo Núcleo")
    )
    return _edit(
        request, form=form, save=services.membership_save, title=title, membership=membership
    )


@permission_required("forum.manage")
def meeting_edit(request, pk: int | None = None):
    meeting = get_object_or_404(ForumMeeting, pk=pk) if pk else None
    form = MeetingForm(request.POST or None, request.FILES or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("minutes_file", None)
        # A new upload replaces the file; the "clear" box (False) removes it; else keep it.
        new_file = upload if hasattr(upload, "content_type") else ("" if upload is False else None)
        try:
            services.meeting_save(
                actor=request.user, meeting=meeting, minutes_file=new_file, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Cambios guardados."))
            return redirect("staff:forum_index")
    title = _("Editar reunión") if meeting else _("Nueva reunión del Grupo Núcleo")
    return render(request, "forum/staff/form.html", {"form": form, "title": title})


@permission_required("forum.manage")
def organization_import(request):
    form = OrganizationImportForm(request.POST or None, request.FILES or None)
    check = created = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        check, created = services.organizations_import(actor=request.user, data=data)
        if created:
            messages.success(
                request, _("Se importaron %(count)s organizaciones.") % {"count": len(created)}
            )
            return redirect("staff:forum_index")
    return render(request, "forum/staff/import.html", {"form": form, "check": check})
