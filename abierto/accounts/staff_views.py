"""Back office of accounts (/gestion/cuentas/): Administración grants and revokes roles."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from abierto.core.forms import add_service_errors
from abierto.core.permissions import permission_required
from abierto.core.roles import Role, user_roles

from . import services
from .forms import AccountForm, AccountSearchForm
from .models import User


@permission_required("accounts.manage")
def index(request):
    form = AccountSearchForm(request.GET or None)
    users = User.objects.select_related("organization").prefetch_related("groups").order_by("email")
    if form.is_valid():
        q = form.cleaned_data["q"].strip()
        if q:
            users = users.filter(Q(email__icontains=q) | Q(full_name__icontains=q))
        if form.cleaned_data["rol"]:
            users = users.filter(groups__name=form.cleaned_data["rol"])
    page = Paginator(users, 50).get_page(request.GET.get("pagina"))
    return render(request, "accounts/staff/index.html", {"form": form, "page": page})


@permission_required("accounts.manage")
def account_manage(request, pk: int):
    account = get_object_or_404(User.objects.select_related("organization"), pk=pk)
    held = {role.value for role in user_roles(account)}
    initial = {
        "full_name": account.full_name,
        "organization": account.organization,
        "is_active": account.is_active,
        "roles": sorted(held),
    }
    form = AccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        wanted = set(data["roles"])
        try:
            with transaction.atomic():
                services.account_update(
                    actor=request.user,
                    user=account,
                    full_name=data["full_name"],
                    organization=data["organization"],
                    is_active=data["is_active"],
                )
                for value in sorted(wanted - held):
                    services.role_grant(actor=request.user, user=account, role=Role(value))
                for value in sorted(held - wanted):
                    services.role_revoke(actor=request.user, user=account, role=Role(value))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Cuenta guardada."))
            return redirect("staff:accounts_manage", pk=account.pk)
    return render(
        request,
        "accounts/staff/manage.html",
        {"account": account, "form": form},
        status=400 if request.method == "POST" else 200,
    )
