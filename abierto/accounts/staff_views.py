"""Back office of accounts (/gestion/cuentas/): Administración grants and revokes roles."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from abierto.core.forms import add_service_errors
from abierto.core.permissions import permission_required
from abierto.core.roles import Role, user_roles

from . import services
from .forms import AccountForm, AccountSearchForm, ApiTokenForm
from .models import ApiToken, User


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


# --- personal API tokens (institution liaisons, for themselves) ----------------------------


@never_cache
@permission_required("accounts.api_tokens")
def api_tokens(request):
    """The liaison's tokens; creating one shows its text once, on this answer only."""
    form = ApiTokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = services.api_token_create(
                actor=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            created = {"token": token, "raw": raw}
            form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at", "-id")
    return render(
        request,
        "accounts/staff/api_tokens.html",
        {"form": form, "tokens": tokens, "created": created},
        status=400 if request.method == "POST" and created is None else 200,
    )


def _token(request, pk: int):
    return get_object_or_404(ApiToken, pk=pk)


@require_POST
@permission_required("accounts.revoke_api_token", fn=_token)
def api_token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk)
    try:
        services.api_token_revoke(actor=request.user, token=token)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Token revocado: ya no sirve para escribir en la API."))
    return redirect("staff:accounts_api_tokens")
