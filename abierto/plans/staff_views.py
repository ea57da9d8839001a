"""Back office of the plans app (/gestion/planes/): forum members and administrators."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from abierto.core.forms import add_service_errors
from abierto.core.permissions import permission_required
from abierto.forum.selectors import forum_activity

from . import selectors, services
from .forms import (
    AxisForm,
    CriterionForm,
    FacilitatorsForm,
    NewVersionForm,
    PlanForm,
    StageForm,
    ThemeForm,
)
from .models import ActionPlan, Axis, Criterion, Stage, Theme

#: The parts of a plan edited in the back office: URL word -> (model, form, service, labels).
PARTS = {
    "ejes": (
        Axis,
        AxisForm,
        services.axis_save,
        "axis",
        gettext_lazy("Nuevo eje"),
        gettext_lazy("Editar eje"),
    ),
    "criterios": (
        Criterion,
        CriterionForm,
        services.criterion_save,
        "criterion",
        gettext_lazy("Nuevo criterio"),
        gettext_lazy("Editar criterio"),
    ),
    "temas": (
        Theme,
        ThemeForm,
        services.theme_save,
        "theme",
        gettext_lazy("Nuevo tema de mesa"),
        gettext_lazy("Editar tema de mesa"),
    ),
    "etapas": (
        Stage,
        StageForm,
        services.stage_save,
        "stage",
        gettext_lazy("Nueva etapa"),
        gettext_lazy("Editar etapa"),
    ),
}


@permission_required("plans.manage")
def index(request):
    plans = list(selectors.staff_plan_list())
    return render(
        request,
        "plans/staff/index.html",
        {"plans": plans, "forum_warning": forum_activity().warning},
    )


@permission_required("plans.manage")
def plan_manage(request, pk: int):
    plan = get_object_or_404(
        ActionPlan.objects.prefetch_related(
            "axes", "criteria", "themes", "stages", "versions", "facilitators"
        ),
        pk=pk,
    )
    warnings = selectors.plan_notice_warnings(plan)
    weight_warning = selectors.criteria_weight_warning(plan)
    if weight_warning:
        warnings.append(weight_warning)
    return render(
        request,
        "plans/staff/manage.html",
        {
            "plan": plan,
            "warnings": warnings,
            "timeline": selectors.plan_timeline(plan),
            "weight_total": selectors.criteria_weight_total(plan),
            "versions": sorted(plan.versions.all(), key=lambda v: -v.number),
            "facilitators_form": FacilitatorsForm(
                initial={"facilitators": list(plan.facilitators.all())}
            ),
        },
    )


@permission_required("plans.manage")
def plan_facilitators(request, pk: int):
    """The checklist of facilitators on the plan's back-office page (POST only)."""
    plan = get_object_or_404(ActionPlan, pk=pk)
    if request.method != "POST":
        return redirect("staff:plans_manage", pk=plan.pk)
    form = FacilitatorsForm(request.POST)
    if form.is_valid():
        try:
            services.plan_set_facilitators(
                actor=request.user, plan=plan, users=form.cleaned_data["facilitators"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Facilitadores guardados."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(f"{reverse('staff:plans_manage', args=[plan.pk])}#facilitadores")


@permission_required("plans.manage")
def plan_edit(request, pk: int | None = None):
    plan = get_object_or_404(ActionPlan, pk=pk) if pk else None
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if plan is None:
                plan = services.plan_create(actor=request.user, **data)
            else:
                data.pop("number", None)
                plan = services.plan_update(actor=request.user, plan=plan, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Plan guardado."))
            return redirect("staff:plans_manage", pk=plan.pk)
    title = _("Editar plan") if plan else _("Nuevo plan de acción")
    return render(
        request,
        "plans/staff/form.html",
        {
            "form": form,
            "title": title,
            "plan": plan,
            "cancel_url": "staff:plans_manage" if plan else "staff:plans_index",
        },
    )


@permission_required("plans.manage")
def plan_new_version(request, pk: int):
    plan = get_object_or_404(ActionPlan, pk=pk)
    initial = {
        "title": plan.title,
        "start_date": plan.start_date,
        "end_date": plan.end_date,
        "objective": plan.objective,
    }
    form = NewVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_new_version(
                actor=request.user,
                plan=plan,
                reason=form.cleaned_data["reason"],
                title=form.cleaned_data["title"],
                start_date=form.cleaned_data["start_date"],
                end_date=form.cleaned_data["end_date"],
                objective=form.cleaned_data["objective"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Versión %(number)s en vigor; la anterior queda publicada tal como estaba.")
                % {"number": plan.version},
            )
            return redirect("staff:plans_manage", pk=plan.pk)
    return render(
        request,
        "plans/staff/form.html",
        {
            "form": form,
            "plan": plan,
            "cancel_url": "staff:plans_manage",
            "title": _("Nueva versión de «%(title)s»") % {"title": plan.title},
            "intro": _(
                "Una reprogramación abre la versión %(number)s del mismo plan. El marco de la "
                "versión actual (título, periodo, objetivo, ejes, criterios, temas y etapas) "
                "queda guardado y publicado tal como está; las propuestas y lo demás siguen "
                "en el plan. Después puede editar las etapas, ejes y criterios de la nueva "
                "versión."
            )
            % {"number": plan.version + 1},
        },
    )


@permission_required("plans.manage")
def part_edit(request, pk: int, kind: str, part_pk: int | None = None):
    if kind not in PARTS:
        from django.http import Http404

        raise Http404
    model, form_class, save, arg, new_title, edit_title = PARTS[kind]
    plan = get_object_or_404(ActionPlan, pk=pk)
    part = get_object_or_404(model, pk=part_pk, plan=plan) if part_pk else None
    kwargs = {"plan": plan} if form_class is StageForm else {}
    form = form_class(request.POST or None, instance=part or model(plan=plan), **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            save(actor=request.user, plan=plan, **{arg: part}, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Cambios guardados."))
            if kind == "criterios":
                plan = ActionPlan.objects.get(pk=plan.pk)
                warning = selectors.criteria_weight_warning(plan)
                if warning:
                    messages.warning(request, warning)
            return redirect("staff:plans_manage", pk=plan.pk)
    return render(
        request,
        "plans/staff/form.html",
        {
            "form": form,
            "plan": plan,
            "cancel_url": "staff:plans_manage",
            "title": f"{edit_title if part else new_title} · {plan.title}",
        },
    )
